"""The admin's own accessibility, where staff work every day: axe on the content forms (with
their image fields) and on change lists whose display order is edited in the list."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from outreach.models import Event
from services.models import Service, ServiceCategory
from tests.browser.conftest import axe_violations
from tests.browser.support import signed_in_staff_page


@pytest.fixture
def superuser_page(browser, live_server, demo):
    from tests.factories import StaffUserFactory

    user = StaffUserFactory(username="ada-admin", is_superuser=True)
    assert get_user_model().objects.filter(username="ada-admin").exists()
    return signed_in_staff_page(browser, live_server.url, user), live_server.url


def admin_pages():
    service = Service.objects.order_by("pk").first()
    event = Event.objects.order_by("pk").first()
    return [
        "/admin/",
        f"/admin/services/service/{service.pk}/change/",
        "/admin/services/service/add/",
        f"/admin/outreach/event/{event.pk}/change/",
        "/admin/services/service/",
        "/admin/services/servicecategory/",
        "/admin/programs/program/",
    ]


def test_admin_forms_and_editable_lists_have_no_axe_violations(superuser_page):
    # Found before: the image's file input named by a fieldset legend only ("label", critical),
    # the display-order boxes of change lists without a name ("label"), select2's box without
    # one ("aria-input-field-name") and filter links under 24 px ("target-size").
    page, url = superuser_page
    assert ServiceCategory.objects.exists()
    found = {}
    for path in admin_pages():
        page.goto(url + path)
        violations = [
            (violation["id"], [node["target"] for node in violation["nodes"]])
            for violation in axe_violations(page)
        ]
        if violations:
            found[path] = violations
    assert found == {}


def test_a_markdown_preview_works_by_keyboard_and_has_no_axe_violations(superuser_page):
    # core/admin_markdown.py: Tab from the box to "Markdown help", then to "Preview"; Enter
    # posts the text and the region under the box (aria-live) shows the public page's HTML.
    page, url = superuser_page
    service = Service.objects.order_by("pk").first()
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{url}/admin/services/service/{service.pk}/change/")
    box = page.locator("#id_body_en")
    box.fill("## Opening hours\n\n- **Weekdays**\n\n<script>alert(1)</script>")
    box.focus()
    page.keyboard.press("Tab")
    expect(page.locator("#id_body_en ~ .markdown-tools summary")).to_be_focused()
    page.keyboard.press("Tab")
    button = page.locator('button[data-markdown-preview="id_body_en"]')
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    region = page.locator("#id_body_en_preview")
    expect(region.locator("h2")).to_have_text("Opening hours")
    expect(region.locator("strong")).to_have_text("Weekdays")
    expect(region.locator("script")).to_have_count(0)
    expect(region).to_have_attribute("aria-live", "polite")
    assert axe_violations(page) == []
    assert not [error for error in console_errors if "Content Security Policy" in error]

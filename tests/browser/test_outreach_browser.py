"""Outreach in a real browser: registration by keyboard alone (from the event's page to its
registration page), accessibility, the alert banner."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone

from outreach.models import NewsItem, Registration
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, assert_stays_on
from tests.browser.support import tab_to
from tests.factories import (
    EventFactory,
    K9TeamFactory,
    NewsItemFactory,
    PartnerFactory,
    RegistrationFactory,
)


@pytest.fixture
def outreach_content(transactional_db):
    event = EventFactory(
        title="Home security seminar",
        slug="home-security-seminar",
        kind="seminar",
        registration_required=True,
        capacity=10,
        agenda="1. Welcome\n2. Questions",
    )
    past_start = timezone.now() - timedelta(days=10)
    EventFactory(title="Last month", starts_at=past_start, ends_at=past_start + timedelta(hours=1))
    team = K9TeamFactory(dog_name="Ranger", is_sample=True)
    PartnerFactory(organisation="Cary Chamber of Commerce")
    news = NewsItemFactory(title="Lock your car", slug="lock-your-car", kind="crime_alert")
    return {"event": event, "officer": team.handler, "news": news}


def test_registration_by_keyboard_alone(site, outreach_content):
    page = site["page"]
    event = outreach_content["event"]
    page.goto(site["url"] + event.get_absolute_url())
    tab_to(page, "main a[href$='/register/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/register/")
    assert page.title().startswith("Register: Home security seminar")
    assert_accessible(page)
    tab_to(page, "#id_name")
    page.keyboard.type("Pat Resident")
    page.keyboard.press("Tab")
    page.keyboard.type("pat@example.org")
    tab_to(page, "#id_party_size")
    page.keyboard.press("ArrowDown")  # 2 people
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/registered/")
    assert page.locator("h1").inner_text() == "You are registered"
    registration = Registration.objects.get()
    assert (registration.email, registration.party_size, registration.status) == (
        "pat@example.org",
        2,
        "confirmed",
    )
    assert [m.to for m in mail.outbox] == [["pat@example.org"]]
    assert_accessible(page)
    assert_stays_on(site)


def test_registration_error_state_is_accessible_and_keeps_entries(site, outreach_content):
    page = site["page"]
    page.goto(site["url"] + outreach_content["event"].get_absolute_url() + "register/")
    page.fill("#id_name", "Pat Resident")
    page.fill("#id_email", "not-an-email")
    page.locator("main form button[type=submit]").press("Enter")
    summary = page.locator("[data-error-summary]")
    summary.wait_for()
    assert page.title().startswith("Error: Register: Home security seminar")
    assert summary.evaluate("el => el === document.activeElement")  # site.js moves focus
    assert page.input_value("#id_name") == "Pat Resident"
    assert page.input_value("#id_email") == "not-an-email"
    page.locator("[data-error-summary] a[href='#id_email']").press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_email"
    assert_accessible(page)


PAGES = [
    "/",
    "/events/",
    "/events/?kind=seminar",
    "/events/past/",
    "/events/home-security-seminar/",
    "/events/home-security-seminar/register/",
    "/officers/",
    "/k9/",
    "/partners/",
    "/news/",
    "/news/lock-your-car/",
]


def test_every_outreach_page_is_accessible_at_320px(site, outreach_content):
    page = site["page"]
    urls = [*PAGES, outreach_content["officer"].get_absolute_url()]
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for url in urls:
            page.goto(site["url"] + url)
            assert_accessible(page)
            if width == 320:
                assert_no_horizontal_scroll(page)
    assert_stays_on(site)


def test_full_event_and_cancel_pages_are_accessible(site, outreach_content):
    from outreach import notifications

    event = EventFactory(registration_required=True, capacity=1, slug="full-event")
    registration = RegistrationFactory(event=event)
    page = site["page"]
    page.goto(site["url"] + event.get_absolute_url())
    assert "Join the waiting list" in page.locator("#register-heading").inner_text()
    assert_accessible(page)
    page.locator("main a", has_text="Join the waiting list").click()
    page.wait_for_url("**/register/")
    assert page.locator("h1").inner_text().startswith("Join the waiting list for")
    assert_accessible(page)
    page.goto(site["url"] + urlsplit(notifications.cancel_url(registration)).path)
    assert_accessible(page)
    page.locator("main form button[type=submit]").press("Enter")
    page.wait_for_selector("text=Your registration is cancelled")
    assert_accessible(page)


def test_urgent_banner_on_every_page_until_expiry(site, outreach_content):
    alert = NewsItemFactory(
        title="Flooding: avoid Walnut Street",
        kind="traffic_advisory",
        is_urgent=True,
        urgent_until=timezone.now() + timedelta(hours=2),
    )
    page = site["page"]
    for url in ["/", "/events/", "/news/", "/community-policing/", "/no-such-page/"]:
        page.goto(site["url"] + url)
        banner = page.get_by_role("region", name="Urgent alerts")
        assert "Flooding: avoid Walnut Street" in banner.inner_text(), url
    assert_accessible(page)
    alert.urgent_until = timezone.now() - timedelta(minutes=1)
    alert.save()
    for url in ["/", "/events/"]:
        page.goto(site["url"] + url)
        assert page.get_by_role("region", name="Urgent alerts").count() == 0
    assert NewsItem.objects.urgent().count() == 0

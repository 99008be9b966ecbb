"""The shared look in a real browser: accessibility, keyboard, 320 px, no outside requests."""

import pytest

from tests.browser.conftest import (
    assert_accessible,
    assert_no_horizontal_scroll,
    assert_stays_on,
    axe_violations,
)

PAGES = [
    "/",
    "/community-policing/",
    "/no-such-page/",
    "/admin/login/",
    "/requests/",
    "/search/?q=record",
    "/services/records/",
    "/services/patrol/",
    "/services/compliments-and-complaints/",
]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violations(site, demo, path):
    page = site["page"]
    page.goto(site["url"] + path)
    assert "Cary Police Department" in page.title()
    assert_accessible(page)
    assert_stays_on(site)


def test_axe_check_catches_a_violation(site, demo):
    """The accessibility check can fail: an unlabelled input is reported."""
    page = site["page"]
    page.goto(site["url"] + "/")
    page.evaluate("document.querySelector('main').append(document.createElement('input'))")
    ids = {violation["id"] for violation in axe_violations(page)}
    assert "label" in ids


@pytest.mark.parametrize("path", PAGES)
def test_page_fits_320px_without_sideways_scrolling(site, demo, path):
    page = site["page"]
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site["url"] + path)
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/", "/community-policing/", "/no-such-page/"])
def test_skip_link_moves_focus_to_main_content(site, demo, path):
    page = site["page"]
    page.goto(site["url"] + path)
    page.keyboard.press("Tab")
    skip_link = page.locator("a.skip-link")
    assert skip_link.evaluate("el => el === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_stylesheets_load_from_the_site(site, demo):
    page = site["page"]
    page.goto(site["url"] + "/")
    background = page.locator(".site-header").evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == "rgb(11, 37, 69)"  # the department navy from site.css
    assert any("/static/vendor/bootstrap/" in url for url in site["requests"])
    assert_stays_on(site)

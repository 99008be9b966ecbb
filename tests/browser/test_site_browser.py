"""The shared look in a real browser: accessibility, keyboard, 320 px, no outside requests."""

import pytest

from tests.browser.conftest import (
    assert_accessible,
    assert_no_horizontal_scroll,
    assert_stays_on,
    axe_violations,
)
from tests.browser.support import tab_to

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
    # The demo's drawn images, through the renditions (issue 16).
    "/events/home-security-seminar/",
    "/officers/sample-officer-jordan-reyes/",
    # Search that forgives: synonyms, "Did you mean".
    "/search/?q=k9",
    "/search/?q=nieghborhood+watch",
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


SMALL_PHONE = {"width": 320, "height": 568}


def test_a_small_phone_sees_the_page_heading_and_opens_the_menu_by_keyboard(site, demo):
    page = site["page"]
    page.set_viewport_size(SMALL_PHONE)
    page.goto(site["url"] + "/")
    # The first screen is not all header: the search box and the navigation are folded away,
    # the emergency numbers and "Report a crime online" stay in view.
    assert page.locator("h1").bounding_box()["y"] < 300
    navigation = page.locator("nav.site-nav")
    assert not navigation.is_visible() and not page.locator("#header-search-q").is_visible()
    assert page.locator(".emergency-strip a[href^='tel:']").first.is_visible()
    assert page.locator("a.site-header__report").is_visible()
    tab_to(page, "summary.site-menu__toggle")
    page.keyboard.press("Enter")
    assert navigation.is_visible()
    assert page.locator("summary.site-menu__toggle").evaluate("el => el.parentElement.open")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    tab_to(page, "#header-search-q")  # the search box, then the navigation, in that order
    tab_to(page, ".site-nav a[href='/services/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/services/")
    assert not page.locator("nav.site-nav").is_visible()  # closed again on the next page
    page.keyboard.press("Tab")  # the skip link
    tab_to(page, "summary.site-menu__toggle")
    page.keyboard.press("Space")
    assert page.locator("nav.site-nav").is_visible()


def test_the_menu_opens_without_javascript(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False, viewport=SMALL_PHONE)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/")
        assert not page.locator("nav.site-nav").is_visible()
        page.locator("summary.site-menu__toggle").click()
        assert page.locator("nav.site-nav").is_visible()
        page.locator(".site-nav a[href='/events/']").click()
        assert page.url.endswith("/events/")
    finally:
        context.close()


def test_a_wide_screen_shows_the_search_box_and_the_navigation_without_a_menu(site, demo):
    page = site["page"]
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site["url"] + "/")
    assert not page.locator("summary.site-menu__toggle").is_visible()
    assert page.locator("nav.site-nav").is_visible()
    assert page.locator("label[for=header-search-q]").is_visible()  # a visible label
    tab_to(page, "#header-search-q")
    assert_accessible(page)

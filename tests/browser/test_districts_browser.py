"""Find your district in a real browser: by address with the keyboard alone, by "Use my
location" (a granted geolocation), the error state, accessibility and 320 px."""

import pytest

from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, assert_stays_on
from tests.browser.support import tab_to
from tests.factories import EventFactory, NewsItemFactory
from tests.factories_districts import EAST_HALF, WEST_HALF, DistrictFactory, StreetRangeFactory


@pytest.fixture
def districts(transactional_db):
    west = DistrictFactory(number=1, boundary=WEST_HALF, is_sample=True)
    east = DistrictFactory(number=2, boundary=EAST_HALF, is_sample=True)
    StreetRangeFactory(street="KILDAIRE FARM RD", from_number=1, to_number=3999, parity="odd",
                       district=west)  # fmt: skip
    StreetRangeFactory(street="KILDAIRE FARM RD", from_number=2, to_number=3998, parity="even",
                       district=east)  # fmt: skip
    EventFactory(title="West community meeting", district=west)
    NewsItemFactory(title="West news", district=west)
    return west, east


def test_find_by_address_with_the_keyboard_alone(site, districts):
    page = site["page"]
    page.goto(site["url"] + "/districts/")
    assert_accessible(page)
    tab_to(page, "#id_address")
    page.keyboard.type("1201 Kildaire Farm Road, Cary, NC 27511")
    page.keyboard.press("Enter")
    page.wait_for_url("**/districts/district-1/")
    assert page.locator("h1").inner_text() == "District 1"
    assert "West community meeting" in page.content()
    assert "West news" in page.content()
    assert_accessible(page)
    assert_stays_on(site)


def test_error_state_is_accessible_and_keeps_the_entry(site, districts):
    page = site["page"]
    page.goto(site["url"] + "/districts/")
    tab_to(page, "#id_address")
    page.keyboard.type("5 Nowhere Lane")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-error-summary]")
    assert page.locator("#id_address").input_value() == "5 Nowhere Lane"
    # site.js moves focus to the summary, so it is read first.
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert_accessible(page)
    assert_stays_on(site)


def test_use_my_location_finds_the_district_of_the_point(site, districts, context):
    context.grant_permissions(["geolocation"])
    context.set_geolocation({"latitude": 35.78, "longitude": -78.75})
    page = site["page"]
    page.goto(site["url"] + "/districts/")
    button = page.get_by_role("button", name="Use my location")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/districts/district-2/")
    assert page.locator("h1").inner_text() == "District 2"


@pytest.mark.parametrize("path", ["/districts/", "/districts/district-1/"])
def test_district_pages_fit_320px(site, districts, path):
    page = site["page"]
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site["url"] + path)
    assert_no_horizontal_scroll(page)
    assert_accessible(page)

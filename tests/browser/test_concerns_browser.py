"""Concerns and tips in a real browser: an anonymous tip sent by keyboard alone at 320 px, through
the error state, the confirmation and the status page, with axe-core run on each."""

import pytest
from playwright.sync_api import expect

from concerns.models import Concern
from tests.browser.conftest import assert_stays_on
from tests.browser.support import NARROW, check, choose, press_button, tab_to, type_into
from tests.factories_concerns import WEST_ADDRESS, two_districts


@pytest.fixture
def districts(transactional_db):
    return two_districts()


def test_anonymous_tip_by_keyboard_to_its_status_page(site, districts):
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    page.goto(f"{url}/concerns/")
    check(page, "Share a concern or a tip")

    # Sent empty first: the error state.
    press_button(page, "form.site-form button[type=submit]")
    assert "There is a problem" in page.content()
    check(page)

    page.goto(f"{url}/concerns/")
    choose(page, "kind", "suspicious")
    type_into(page, "#id_location", WEST_ADDRESS)
    type_into(page, "#id_when_happens", "Most Friday nights")
    type_into(page, "#id_description", "A car circles the block and checks door handles.")
    choose(page, "contact", "anonymous")
    press_button(page, "form.site-form button[type=submit]")

    check(page, "Concern sent")
    concern = Concern.objects.get()
    assert concern.anonymous and concern.district.name == "Westside"
    assert concern.reference in page.locator("[data-reference]").inner_text()

    press_button(page, "form button[type=submit].btn-primary")
    check(page, concern.reference)
    assert "Received" in page.locator("[data-status]").inner_text()
    assert "Westside" in page.content()
    assert "door handles" not in page.content()
    assert_stays_on(site)


def test_status_lookup_and_its_not_found_state_are_accessible(site, districts):
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    page.goto(f"{url}/concerns/status/")
    check(page, "Check a concern")
    press_button(page, "form.site-form button[type=submit]")
    assert "There is a problem" in page.content()
    check(page)
    type_into(page, "#id_reference", "TIP-ABCDEFGHJK")
    press_button(page, "form.site-form button[type=submit]")
    assert "We could not find a concern with that reference" in page.content()
    check(page)


def test_use_my_location_routes_by_the_point(site, districts):
    from tests.factories_concerns import EAST_POINT

    page, url = site["page"], site["url"]
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": EAST_POINT[0], "longitude": EAST_POINT[1]})
    page.goto(f"{url}/concerns/")
    choose(page, "kind", "traffic")
    type_into(page, "#id_location", "By the big oak")  # no address the street index knows
    tab_to(page, "#div_id_location button")
    page.keyboard.press("Enter")
    # Not wait_for_function with a string: when it has to poll, it evaluates the string, which
    # the strict CSP refuses (no 'unsafe-eval'). expect() polls without evaluating any string.
    expect(page.locator("input[name=latitude]")).not_to_have_value("")
    assert "Your location is added" in page.content()
    check(page)
    type_into(page, "#id_description", "Cars race here after school.")
    choose(page, "contact", "anonymous")
    press_button(page, "form.site-form button[type=submit]")
    check(page, "Concern sent")
    concern = Concern.objects.get()
    assert concern.district.name == "Eastside"
    assert (concern.latitude, concern.longitude) == (
        round(EAST_POINT[0], 3),
        round(EAST_POINT[1], 3),
    )

"""Concerns and tips in a real browser: an anonymous tip sent by keyboard alone at 320 px, through
the error state, the confirmation and the status page, with axe-core run on each."""

import pytest

from concerns.models import Concern
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, assert_stays_on
from tests.factories_concerns import WEST_ADDRESS, two_districts

NARROW = {"width": 320, "height": 800}


@pytest.fixture
def districts(transactional_db):
    return two_districts()


def active(page, script: str):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {script}; }})()")


def tab_to(page, selector: str, limit: int = 80):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if active(page, f"el.matches({selector!r})"):
            return
    raise AssertionError(
        f"Tab never reached {selector}; focus is on {active(page, 'el.outerHTML')}"
    )


def choose(page, name: str, value: str):
    """Pick a radio of the group ``name`` by keyboard: Tab into it, then arrow keys."""
    tab_to(page, f"input[type=radio][name={name}]")
    page.keyboard.press("Space")
    for _ in range(10):
        if active(page, "el.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no radio {name}={value}")


def type_into(page, selector: str, text: str):
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def press_button(page, selector: str = "button[type=submit].btn-primary"):
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def check(page, heading: str | None = None):
    if heading:
        assert heading in page.locator("h1").first.inner_text()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


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
    page.wait_for_function("document.querySelector('[name=latitude]').value !== ''")
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

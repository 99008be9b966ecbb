"""Vacation house checks in a real browser: a resident asks for a check by keyboard alone at
320 px, through the error state, the confirmation and the status page (and cancels it), with
axe-core run on each; a Patrol officer signs in with a real code and opens the printable list
of a district's active checks, which axe checks too."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.utils import timezone

from housechecks.models import HouseCheck
from tests.browser.conftest import assert_accessible, assert_stays_on
from tests.browser.support import (
    NARROW,
    check,
    choose,
    press_button,
    signed_in_staff_page,
    staff_group,
    staff_member,
    type_date,
    type_into,
)
from tests.factories_housechecks import WEST_ADDRESS, HouseCheckFactory, two_districts


@pytest.fixture
def districts(transactional_db):
    return two_districts()


def test_a_resident_asks_for_a_house_check_by_keyboard_and_cancels_it(site, districts):
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    page.goto(f"{url}/house-checks/")
    check(page, "Ask for a vacation house check")

    # Sent empty first: the error state.
    press_button(page, "form.site-form button[type=submit]")
    assert "There is a problem" in page.content()
    check(page)

    today = timezone.localdate()
    type_into(page, "#id_address", WEST_ADDRESS)
    type_date(page, "#id_leave_date", today + timedelta(days=1))
    type_date(page, "#id_return_date", today + timedelta(days=8))
    type_into(page, "#id_resident_name", "Jamie Rivera")
    type_into(page, "#id_email", "jamie@example.org")
    type_into(page, "#id_emergency_name", "Alex Rivera")
    type_into(page, "#id_emergency_phone", "(919) 555-0188")
    choose(page, "has_alarm", "yes")
    type_into(page, "#id_alarm_company", "Acme Alarms")
    type_into(page, "#id_notes", "Lights on a timer.")
    press_button(page, "form.site-form button[type=submit]")

    check(page, "House check booked")
    house_check = HouseCheck.objects.get()
    assert house_check.district.name == "Westside" and house_check.alarm_company == "Acme Alarms"
    assert house_check.reference in page.locator("[data-reference]").inner_text()
    assert house_check.reference not in page.url

    press_button(page, "form button[type=submit].btn-primary")
    check(page, house_check.reference)
    assert "Booked" in page.locator("[data-status]").inner_text()
    assert "Lights on a timer" not in page.content()

    press_button(page, "form button[type=submit].btn-secondary")
    check(page, house_check.reference)
    assert "Your house check is cancelled" in page.content()
    house_check.refresh_from_db()
    assert house_check.is_cancelled
    assert_stays_on(site)


def test_status_lookup_and_its_not_found_state_are_accessible(site, districts):
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    page.goto(f"{url}/house-checks/status/")
    check(page, "Check a house check")
    press_button(page, "form.site-form button[type=submit]")
    assert "There is a problem" in page.content()
    check(page)
    type_into(page, "#id_reference", "HC-ABCDEFGHJK")
    press_button(page, "form.site-form button[type=submit]")
    assert "We could not find a house check with that reference" in page.content()
    check(page)


def test_an_officer_opens_the_printable_list_of_the_day(site, districts, browser):
    west, east = districts
    HouseCheckFactory(district=west, reference="HC-BROWSERWST", emergency_name="Casey Contact")
    HouseCheckFactory(district=east, reference="HC-BROWSEREST")
    migration = import_module("housechecks.migrations.0002_patrol_group")
    patrol = staff_group(migration.PATROL, "housechecks", migration.CODENAMES)
    officer = staff_member("pat-patrol", patrol)

    url = site["url"]
    staff = signed_in_staff_page(browser, url, officer)
    staff.goto(f"{url}/admin/housechecks/housecheck/today/?district={west.slug}")
    assert "Active house checks, Westside" in staff.locator("h1").inner_text()
    assert staff.locator("tr[data-reference]").count() == 1
    assert "Casey Contact" in staff.content() and "HC-BROWSEREST" not in staff.content()
    assert_accessible(staff)
    staff.emulate_media(media="print")
    assert not staff.locator(".house-check-list__filter").is_visible()
    assert staff.locator(".house-check-table").is_visible()

"""Online crime reports in a real browser.

A resident files a theft report with two photos and two property items by keyboard alone, at
320 px wide, with axe-core run on every step (error states included); a reviewer signed in with
a real TOTP code asks for more information; the resident adds it through the emailed link; the
reviewer approves with a case number; the status page then shows it."""

import re
from importlib import import_module

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail

from reports.models import Report, ReportAddition
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, assert_stays_on
from tests.reports_support import (
    PASSWORD,
    add_totp_device,
    current_token,
    gps_exif,
    jpeg_bytes,
)

NARROW = {"width": 320, "height": 800}


@pytest.fixture
def reviewers_group(transactional_db):
    """The "Report reviewers" group with its permissions. It comes from a data migration, and
    an earlier browser test's flush may have emptied the table."""
    permissions = import_module("reports.migrations.0002_staff_permissions")
    group, _created = Group.objects.get_or_create(name=permissions.REPORT_REVIEWERS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="reports", codename__in=permissions.REVIEWER_CODENAMES
        )
    )
    return group


@pytest.fixture
def photo_files(tmp_path):
    paths = []
    for number, color in enumerate([(200, 40, 40), (40, 40, 200)], start=1):
        path = tmp_path / f"bike-{number}.jpg"
        path.write_bytes(jpeg_bytes(size=(640, 480), color=color, exif=gps_exif()))
        paths.append(str(path))
    return paths


def active(page, script: str):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {script}; }})()")


def tab_to(page, selector: str, limit: int = 80):
    """Press Tab until the focused element matches the CSS selector."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if active(page, f"el.matches({selector!r})"):
            return
    raise AssertionError(
        f"Tab never reached {selector}; focus is on {active(page, 'el.outerHTML')}"
    )


def check_step(page, *, heading: str | None = None):
    """Every step: accessible, no sideways scrolling at 320 px."""
    if heading:
        assert heading in page.locator("h1").first.inner_text()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def choose(page, value: str):
    """Pick a radio by keyboard: Tab into the group, then arrow keys (Space for the first)."""
    tab_to(page, "input[type=radio]")
    page.keyboard.press("Space")
    for _ in range(20):
        if active(page, "el.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"no radio with value {value}")


def press_button(page, selector: str = "button[type=submit].btn-primary"):
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, selector: str, text: str):
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_theft_report_by_keyboard_review_more_information_and_approval(
    site, demo, reviewers_group, report_reviewer, private_storage, photo_files, browser
):
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    mail.outbox = []

    # Start page
    page.goto(f"{url}/report/")
    check_step(page, heading="Report a crime online")
    tab_to(page, "a.btn-start")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Eligibility, with the error state of the first question
    press_button(page)
    assert "There is a problem" in page.content()
    check_step(page)
    choose(page, "no")
    press_button(page)
    check_step(page, heading="Did it happen in the Town of Cary?")
    choose(page, "yes")
    press_button(page)
    check_step(page, heading="name and address")
    choose(page, "no")
    press_button(page)
    check_step(page, heading="What do you want to report?")
    choose(page, "theft")
    press_button(page)

    # When, with an error first
    check_step(page, heading="When did it happen?")
    assert "Step 5 of 12" in page.content()
    type_into(page, "#id_start_date", "13/45/2026")
    press_button(page)
    check_step(page)
    assert "Enter the date as month/day/year" in page.content()
    type_into(page, "#id_start_date", "3/1/2026")
    type_into(page, "#id_start_time", "9:30 PM")
    press_button(page)

    check_step(page, heading="Where did it happen?")
    type_into(page, "#id_address", "316 N. Academy St")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submitting from a text box works too

    check_step(page, heading="What happened?")
    type_into(page, "#id_description", "My bike and its lock were taken from the rack.")
    press_button(page)

    # Two property items, with "Add another item"
    check_step(page, heading="Was anything stolen")
    type_into(page, "#id_item-0-description", "Blue mountain bike")
    type_into(page, "#id_item-0-brand", "Trek")
    type_into(page, "#id_item-0-serial_number", "WTU123")
    type_into(page, "#id_item-0-value", "450")
    press_button(page, "button[value=add]")
    check_step(page)
    type_into(page, "#id_item-1-description", "Bike lock")
    type_into(page, "#id_item-1-value", "35")
    press_button(page, "button[value=continue]")

    check_step(page, heading="The person and vehicle involved")
    press_button(page)

    # Two photos: focus the file input by keyboard; a native file dialog cannot be driven by keys
    check_step(page, heading="Photos")
    tab_to(page, "input[type=file]")
    page.locator("input[type=file]").set_input_files(photo_files)
    press_button(page, "button[value=upload]")
    check_step(page)
    assert "bike-1.jpg" in page.content() and "bike-2.jpg" in page.content()
    press_button(page, "button[value=continue]")

    check_step(page, heading="About you")
    type_into(page, "#id_name", "Alex Resident")
    type_into(page, "#id_email", "alex@example.org")
    type_into(page, "#id_phone", "(919) 555-0123")
    choose(page, "email")
    press_button(page)

    # Check your answers, the declaration's error state, then send
    check_step(page, heading="Check your answers")
    content = page.content()
    for expected in [
        "Blue mountain bike, Trek, serial number WTU123",
        "Bike lock, $35.00",
        "bike-2.jpg",
    ]:
        assert expected in content
    press_button(page)
    check_step(page)
    assert "Confirm that the information is true" in page.content()
    tab_to(page, "#id_declaration")
    page.keyboard.press("Space")
    press_button(page)

    check_step(page, heading="Report sent")
    reference = page.locator(".confirmation-panel__reference").inner_text().strip()
    assert re.fullmatch(r"CPD-\d{4}-\d{6}", reference)
    assert "This is not your case number." in page.content()
    report = Report.objects.get(reference=reference)
    assert report.photos.count() == 2 and report.property_items.count() == 2
    receipt = next(m for m in mail.outbox if m.to == ["alex@example.org"])
    assert reference in receipt.body

    # A reviewer signs in through the real admin form with a real TOTP code
    reviewer = report_reviewer
    device = add_totp_device(reviewer)
    staff = browser.new_context().new_page()
    staff.goto(f"{url}/admin/login/")
    staff.fill("#id_username", reviewer.username)
    staff.fill("#id_password", PASSWORD)
    staff.fill("#id_otp_token", current_token(device))
    with staff.expect_navigation():
        staff.click("input[type=submit]")
    staff.goto(f"{url}/admin/reports/report/{report.pk}/change/")
    assert reference in staff.content()
    assert staff.locator("img.report-photo-thumb").count() == 2
    staff.click("text=Ask for more information")
    staff.fill("#id_note", "What colour is the lock?")
    with staff.expect_navigation():
        staff.click("input[type=submit]")
    request = next(m for m in mail.outbox if "more information" in m.subject)
    link = re.search(r"(/report/more-information/\S+/)", request.body).group(1)

    # The resident adds information through the emailed link, by keyboard
    page.goto(url + link)
    check_step(page, heading="Add information to your report")
    assert "What colour is the lock?" in page.content()
    press_button(page)
    check_step(page)  # error state: nothing written
    type_into(page, "#id_text", "The lock is black.")
    press_button(page)
    check_step(page, heading="Information sent")
    assert ReportAddition.objects.get(report=report).text == "The lock is black."

    # The reviewer approves with a case number
    staff.goto(f"{url}/admin/reports/report/{report.pk}/change/")
    assert "The lock is black." in staff.content()
    staff.click("text=Approve")
    staff.fill("#id_case_number", "2026-004512")
    with staff.expect_navigation():
        staff.click("input[type=submit]")
    assert any("2026-004512" in m.body for m in mail.outbox if m.to == ["alex@example.org"])

    # The status page shows "Approved" and the case number
    page.goto(f"{url}/report/status/")
    check_step(page, heading="Check the status of your report")
    type_into(page, "#id_reference", reference)
    type_into(page, "#id_email", "ALEX@example.org")
    press_button(page)
    check_step(page)
    assert page.locator("[data-status]").inner_text() == "Approved"
    assert page.locator("[data-case-number]").inner_text() == "2026-004512"
    assert_stays_on(site)


STATIC_PAGES = [
    "/report/where/",
    "/report/emergency/call-911/",
    "/report/in-cary/not-in-cary/",
    "/report/suspect/call-us/",
    "/report/incident-type/burglary-of-a-home/call-us/",
    "/report/incident-type/other/call-us/",
    "/report/status/",
    "/report/more-information/expired-or-forged/",
]


@pytest.mark.parametrize("path", STATIC_PAGES)
def test_guide_stop_and_status_pages_are_accessible_at_320px(site, demo, path):
    page = site["page"]
    page.set_viewport_size(NARROW)
    page.goto(site["url"] + path)
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    assert_stays_on(site)


def test_status_not_found_state_is_accessible(site, demo):
    page = site["page"]
    page.set_viewport_size(NARROW)
    page.goto(site["url"] + "/report/status/")
    page.fill("#id_reference", "CPD-2026-999999")
    page.fill("#id_email", "nobody@example.org")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "We could not find a report with those details" in page.content()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)

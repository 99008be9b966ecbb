"""Online crime reports in a real browser.

A resident files a theft report with two photos and two property items by keyboard alone, at
320 px wide, with axe-core run on every step (error states included); a reviewer signed in with
a real TOTP code asks for more information; the resident adds it through the emailed link; the
reviewer approves with a case number; the status page then shows it."""

import re
from importlib import import_module

import pytest
from django.core import mail

from reports.models import Report, ReportAddition
from tests.browser import support
from tests.browser.conftest import assert_stays_on
from tests.browser.support import (
    NARROW,
    check,
    press_button,
    signed_in_staff_page,
    staff_group,
    tab_to,
    type_into,
)
from tests.reports_support import gps_exif, jpeg_bytes


@pytest.fixture
def reviewers_group(transactional_db):
    """The "Report reviewers" group with its permissions. It comes from a data migration, and
    an earlier browser test's flush may have emptied the table."""
    permissions = import_module("reports.migrations.0002_staff_permissions")
    return staff_group(permissions.REPORT_REVIEWERS, "reports", permissions.REVIEWER_CODENAMES)


@pytest.fixture
def photo_files(tmp_path):
    paths = []
    for number, color in enumerate([(200, 40, 40), (40, 40, 200)], start=1):
        path = tmp_path / f"bike-{number}.jpg"
        path.write_bytes(jpeg_bytes(size=(640, 480), color=color, exif=gps_exif()))
        paths.append(str(path))
    return paths


def choose(page, value: str):
    """Pick a radio of the page's one group by keyboard: Tab into it, then arrow keys."""
    support.choose(page, None, value, tries=20)


def test_theft_report_by_keyboard_review_more_information_and_approval(
    site, demo, reviewers_group, report_reviewer, private_storage, photo_files, browser
):
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    mail.outbox = []

    # Start page
    page.goto(f"{url}/report/")
    check(page, "Report a crime online")
    tab_to(page, "a.btn-start")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Eligibility, with the error state of the first question
    press_button(page)
    assert "There is a problem" in page.content()
    check(page)
    choose(page, "no")
    press_button(page)
    check(page, "Did it happen in the Town of Cary?")
    choose(page, "yes")
    press_button(page)
    check(page, "name and address")
    choose(page, "no")
    press_button(page)
    check(page, "What do you want to report?")
    choose(page, "theft")
    press_button(page)

    # When, with an error first
    check(page, "When did it happen?")
    assert "Step 5 of 12" in page.content()
    type_into(page, "#id_start_date", "13/45/2026")
    press_button(page)
    check(page)
    assert "Enter the date as month/day/year" in page.content()
    type_into(page, "#id_start_date", "3/1/2026")
    type_into(page, "#id_start_time", "9:30 PM")
    press_button(page)

    check(page, "Where did it happen?")
    type_into(page, "#id_address", "316 N. Academy St")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submitting from a text box works too

    check(page, "What happened?")
    type_into(page, "#id_description", "My bike and its lock were taken from the rack.")
    press_button(page)

    # Two property items, with "Add another item"
    check(page, "Was anything stolen")
    type_into(page, "#id_item-0-description", "Blue mountain bike")
    type_into(page, "#id_item-0-brand", "Trek")
    type_into(page, "#id_item-0-serial_number", "WTU123")
    type_into(page, "#id_item-0-value", "450")
    press_button(page, "button[value=add]")
    check(page)
    type_into(page, "#id_item-1-description", "Bike lock")
    type_into(page, "#id_item-1-value", "35")
    press_button(page, "button[value=continue]")

    check(page, "The person and vehicle involved")
    press_button(page)

    # Two photos: focus the file input by keyboard; a native file dialog cannot be driven by keys
    check(page, "Photos")
    tab_to(page, "input[type=file]")
    page.locator("input[type=file]").set_input_files(photo_files)
    press_button(page, "button[value=upload]")
    check(page)
    assert "bike-1.jpg" in page.content() and "bike-2.jpg" in page.content()
    press_button(page, "button[value=continue]")

    check(page, "About you")
    type_into(page, "#id_name", "Alex Resident")
    type_into(page, "#id_email", "alex@example.org")
    type_into(page, "#id_phone", "(919) 555-0123")
    choose(page, "email")
    press_button(page)

    # Check your answers, the declaration's error state, then send
    check(page, "Check your answers")
    content = page.content()
    for expected in [
        "Blue mountain bike, Trek, serial number WTU123",
        "Bike lock, $35.00",
        "bike-2.jpg",
    ]:
        assert expected in content
    press_button(page)
    check(page)
    assert "Confirm that the information is true" in page.content()
    tab_to(page, "#id_declaration")
    page.keyboard.press("Space")
    press_button(page)

    check(page, "Report sent")
    reference = page.locator(".confirmation-panel__reference").inner_text().strip()
    assert re.fullmatch(r"CPD-\d{4}-\d{6}", reference)
    assert "This is not your case number." in page.content()
    report = Report.objects.get(reference=reference)
    assert report.photos.count() == 2 and report.property_items.count() == 2
    receipt = next(m for m in mail.outbox if m.to == ["alex@example.org"])
    assert reference in receipt.body

    # A dated copy of the answers, reached by keyboard, with its print button
    tab_to(page, "a[href='/report/confirmation/copy/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check(page, f"Your report {reference}")
    assert page.locator("button[data-print]").is_visible()
    assert "Bike lock" in page.locator(".copy-table").inner_text()
    page.go_back()

    # A reviewer signs in through the real admin form with a real TOTP code
    staff = signed_in_staff_page(browser, url, report_reviewer)
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
    check(page, "Add information to your report")
    assert "What colour is the lock?" in page.content()
    press_button(page)
    check(page)  # error state: nothing written
    type_into(page, "#id_text", "The lock is black.")
    press_button(page)
    check(page, "Information sent")
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
    check(page, "Check the status of your report")
    type_into(page, "#id_reference", reference)
    type_into(page, "#id_email", "ALEX@example.org")
    press_button(page)
    check(page)
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
    check(page)
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
    # Read out at once: focus moves to the notice, and the title says something went wrong.
    focused = page.evaluate("document.activeElement.innerText")
    assert focused.startswith("We could not find a report with those details")
    assert page.title().startswith("Error: ")
    check(page)

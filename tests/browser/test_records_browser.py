"""Copies of records in a real browser: a request sent by keyboard alone at 320 px, through the
error state, the confirmation and the status page; the email confirmation; the download page,
its error state and the file; the Records group attaching a PDF. axe-core runs on each page."""

import re
from importlib import import_module

import pytest
from django.core import mail
from django.utils import timezone

from records import documents, operations, tokens
from records.models import RecordRequest
from tests.browser.conftest import assert_stays_on
from tests.browser.support import (
    NARROW,
    SITE_FORM_BUTTON,
    check,
    choose,
    press_button,
    signed_in_staff_page,
    staff_group,
    staff_member,
    tab_to,
    type_into,
)
from tests.factories_records import pdf_bytes, pdf_upload


@pytest.fixture
def storage(transactional_db, private_storage):
    return private_storage


@pytest.fixture
def records_group(transactional_db):
    """The "Records" group with its permissions. It comes from a data migration, and an earlier
    browser test's flush may have emptied the table."""
    migration = import_module("records.migrations.0002_records_group")
    return staff_group(migration.RECORDS, "records", migration.CODENAMES)


def test_a_request_by_keyboard_to_its_status_page(site, storage):
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    page.goto(f"{url}/records/")
    check(page, "Request a copy of a record")

    press_button(page, SITE_FORM_BUTTON)  # sent empty: the error state
    assert "There is a problem" in page.content()
    check(page)

    page.goto(f"{url}/records/")
    choose(page, "kind", "crash")
    type_into(page, "#id_description", "Two cars collided at the light.")
    day = timezone.localdate() - timezone.timedelta(days=3)
    tab_to(page, "#id_incident_date")
    page.keyboard.type(day.strftime("%m%d%Y"))  # the date picker's own fields, by keyboard
    type_into(page, "#id_location", "Kildaire Farm Rd at Cary Pkwy")
    type_into(page, "#id_requester_name", "Jamie Rivera")
    type_into(page, "#id_requester_email", "jamie@example.org")
    choose(page, "relationship", "insurer")
    press_button(page, SITE_FORM_BUTTON)

    check(page, "Request sent")
    record_request = RecordRequest.objects.get()
    assert record_request.incident_date == day and record_request.relationship == "insurer"
    assert record_request.reference in page.locator("[data-reference]").inner_text()

    press_button(page, "form button[type=submit].btn-primary")
    check(page, record_request.reference)
    assert "Received" in page.locator("[data-status]").inner_text()

    # The emailed link confirms the address, with a button.
    receipt = next(m for m in mail.outbox if m.to == ["jamie@example.org"])
    link = re.search(r"(/records/confirm/\S+/)", receipt.body).group(1)
    page.goto(url + link)
    check(page, "Confirm your email address")
    press_button(page, "form button[type=submit].btn-primary")
    check(page, "Email address confirmed")
    record_request.refresh_from_db()
    assert record_request.email_confirmed
    assert_stays_on(site)


def test_status_lookup_and_its_not_found_state_are_accessible(site, storage):
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    page.goto(f"{url}/records/status/")
    check(page, "Check a request for a record")
    press_button(page, SITE_FORM_BUTTON)
    assert "There is a problem" in page.content()
    check(page)
    type_into(page, "#id_reference", "REC-ABCDEFGHJK")
    press_button(page, SITE_FORM_BUTTON)
    assert "We could not find a request with that reference" in page.content()
    check(page)


def ready_request(*, confirmed: bool) -> RecordRequest:
    record_request = operations.record_request_submit(
        kind="crash",
        description="Two cars collided.",
        incident_date=timezone.localdate(),
        location="Maynard Rd",
        requester_name="Jamie Rivera",
        requester_email="Jamie@Example.org",
        relationship="driver",
    )
    if confirmed:
        record_request = operations.record_request_confirm_email(record_request=record_request)
    return operations.record_request_attach_document(
        record_request=record_request,
        actor=None,
        document=documents.check_document(pdf_upload()),
    )


def test_the_download_page_its_error_state_and_the_file(site, storage):
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)

    waiting = ready_request(confirmed=False)
    page.goto(f"{url}/records/download/{tokens.make(waiting, tokens.DOWNLOAD)}/")
    check(page, "Confirm your email address first")

    page.goto(f"{url}/records/download/not-a-real-link/")
    check(page, "This link does not work")

    record_request = ready_request(confirmed=True)
    page.goto(f"{url}/records/download/{tokens.make(record_request, tokens.DOWNLOAD)}/")
    check(page, "Download your record")
    type_into(page, "#id_email", "someone.else@example.org")
    press_button(page, SITE_FORM_BUTTON)
    assert "That is not the email address this request was made with" in page.content()
    check(page)

    type_into(page, "#id_email", "jamie@example.org")
    tab_to(page, "form.site-form button[type=submit]")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename == f"{record_request.reference}.pdf"
    with open(download.value.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"
    record_request.refresh_from_db()
    assert record_request.status == RecordRequest.Status.FULFILLED
    assert_stays_on(site)


def test_records_staff_attach_a_pdf_in_the_admin(site, storage, records_group, browser, tmp_path):
    url = site["url"]
    record_request = operations.record_request_submit(
        kind="incident",
        description="A bicycle was stolen.",
        incident_date=timezone.localdate(),
        location="Walnut St",
        requester_name="Jamie Rivera",
        requester_email="jamie@example.org",
        relationship="involved",
    )
    member = staff_member("rory-records", records_group)
    staff = signed_in_staff_page(browser, url, member)
    staff.goto(f"{url}/admin/records/recordrequest/{record_request.pk}/change/")
    assert record_request.reference in staff.content()
    staff.click("text=Attach the record")
    fake = tmp_path / "not-really.pdf"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n not a pdf")
    staff.set_input_files("#id_document", str(fake))
    with staff.expect_navigation():
        staff.click("input[type=submit]")
    assert "The file is not a PDF" in staff.content()
    real = tmp_path / "record.pdf"
    real.write_bytes(pdf_bytes(pages=2))
    staff.set_input_files("#id_document", str(real))
    with staff.expect_navigation():
        staff.click("input[type=submit]")
    assert "Document attached" in staff.content()
    record_request.refresh_from_db()
    assert record_request.status == RecordRequest.Status.READY
    assert record_request.document_pages == 2

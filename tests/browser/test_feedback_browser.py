"""Compliments and complaints in a real browser: a compliment and an anonymous complaint sent by
keyboard alone at 320 px, through the error state, the confirmation and the status page, and
the yearly counts page, with axe-core run on each; a member of Professional standards signed in
with a real TOTP code assigns, forwards and closes in the admin."""

import datetime
from importlib import import_module
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.utils import timezone

from feedback.models import Feedback, Kind, Outcome, Status
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
    type_date,
    type_into,
)
from tests.factories_feedback import FeedbackFactory


def yesterday() -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=1)


def test_a_compliment_by_keyboard_to_its_confirmation(site, transactional_db):
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    page.goto(f"{url}/feedback/")
    check(page, "Send a compliment or a complaint")

    # Sent empty first: the error state.
    press_button(page, SITE_FORM_BUTTON)
    assert "There is a problem" in page.content()
    check(page)

    page.goto(f"{url}/feedback/")
    choose(page, "kind", "compliment")
    type_into(page, "#id_officer", "Officer Chen")
    type_into(page, "#id_description", "She found my stolen bike and brought it back.")
    type_date(page, "#id_occurred_on", yesterday())
    choose(page, "contact", "contact")
    type_into(page, "#id_contact_name", "Jamie Rivera")
    tab_to(page, "#id_share_name")
    page.keyboard.press("Space")
    press_button(page, SITE_FORM_BUTTON)

    check(page, "Compliment sent")
    feedback = Feedback.objects.get()
    assert feedback.kind == Kind.COMPLIMENT and feedback.share_name
    assert feedback.contact_email == ""
    assert feedback.reference in page.locator("[data-reference]").inner_text()
    assert feedback.reference not in page.url
    assert_stays_on(site)


def test_an_anonymous_complaint_by_keyboard_to_its_status_page(site, transactional_db):
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    page.goto(f"{url}/feedback/")
    choose(page, "kind", "complaint")
    type_into(page, "#id_description", "The officer shouted at my son during a traffic stop.")
    type_date(page, "#id_occurred_on", yesterday())
    type_into(page, "#id_location", "Kildaire Farm Rd")
    choose(page, "contact", "anonymous")
    press_button(page, SITE_FORM_BUTTON)

    check(page, "Complaint sent")
    feedback = Feedback.objects.get()
    assert feedback.anonymous and feedback.kind == Kind.COMPLAINT
    assert "You sent this anonymously" in page.content()

    press_button(page, "form button[type=submit].btn-primary")
    check(page, feedback.reference)
    assert "Received" in page.locator("[data-status]").inner_text()
    assert "shouted" not in page.content()
    assert_stays_on(site)


def test_status_lookup_its_errors_and_a_closed_outcome_are_accessible(site, transactional_db):
    closed = FeedbackFactory(
        reference="PS-ABCDEFGH23",
        status=Status.CLOSED,
        outcome=Outcome.EXONERATED,
        public_note="The officer was answering an emergency call.",
    )
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    page.goto(f"{url}/feedback/status/")
    check(page, "Check a compliment or complaint")
    press_button(page, SITE_FORM_BUTTON)
    assert "There is a problem" in page.content()
    check(page)
    type_into(page, "#id_reference", "PS-ZZZZZZZZZZ")
    press_button(page, SITE_FORM_BUTTON)
    assert "We could not find a compliment or complaint with that reference" in page.content()
    check(page)
    type_into(page, "#id_reference", closed.reference.lower())
    press_button(page, SITE_FORM_BUTTON)
    check(page, closed.reference)
    assert "Exonerated" in page.locator("[data-outcome]").inner_text()


def test_the_counts_page_is_accessible_at_320_px(site, transactional_db):
    new_york = ZoneInfo("America/New_York")
    for year, kind, outcome in [
        (2024, Kind.COMPLAINT, Outcome.SUSTAINED),
        (2025, Kind.COMPLAINT, Outcome.POLICY),
        (2025, Kind.COMPLIMENT, Outcome.FORWARDED),
    ]:
        FeedbackFactory(
            kind=kind,
            status=Status.CLOSED,
            outcome=outcome,
            created_at=datetime.datetime(year, 5, 1, 12, tzinfo=new_york),
        )
    page, url = site["page"], site["url"]
    page.set_viewport_size(NARROW)
    page.goto(f"{url}/feedback/")
    tab_to(page, "a[href='/feedback/counts/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check(page, "Compliments and complaints each year")
    assert page.locator("[data-year]").count() == 2


@pytest.fixture
def standards_group(transactional_db):
    """The "Professional standards" group with its permissions. It comes from a data migration,
    and an earlier browser test's flush may have emptied the table."""
    migration = import_module("feedback.migrations.0002_professional_standards_group")
    return staff_group(migration.PROFESSIONAL_STANDARDS, "feedback", migration.CODENAMES)


def test_professional_standards_work_a_compliment_in_the_admin(site, browser, standards_group):
    from feedback import operations

    member = staff_member("pat-standards", standards_group)
    compliment = operations.feedback_submit(
        kind=Kind.COMPLIMENT,
        officer="Officer Chen",
        description="She found my stolen bike.",
        anonymous=False,
        contact_name="Jamie Rivera",
        contact_email="jamie@example.org",
    )
    url = site["url"]
    staff = signed_in_staff_page(browser, url, member)
    change = f"{url}/admin/feedback/feedback/{compliment.pk}/change/"
    staff.goto(change)
    assert "Jamie Rivera" in staff.content()

    staff.click("text=Assign")
    staff.select_option("#id_assignee", str(member.pk))
    with staff.expect_navigation():
        staff.click("input[type=submit]")
    staff.click("text=Forward to the officer's supervisor")
    staff.fill("#id_supervisor_email", "sgt.lopez@example.org")
    with staff.expect_navigation():
        staff.click("input[type=submit]")
    forwarded = next(m for m in mail.outbox if m.to == ["sgt.lopez@example.org"])
    assert "She found my stolen bike." in forwarded.body and "Jamie" not in forwarded.body
    staff.click("text=Close with an outcome")
    staff.select_option("#id_outcome", "forwarded")
    with staff.expect_navigation():
        staff.click("input[type=submit]")
    compliment.refresh_from_db()
    assert (compliment.status, compliment.outcome) == (Status.CLOSED, Outcome.FORWARDED)
    assert compliment.assigned_to == member
    actions = list(compliment.events.values_list("action", flat=True))
    assert actions == ["submitted", "assigned", "forwarded", "closed"]
    assert "sgt.lopez@example.org" in staff.content()  # the history on the change page

"""Compliments and complaints (issue 15, item 3): the compliment that needs no contact details,
the anonymous complaint that keeps nothing of its sender, the named complaint, receipt,
confirmation and status pages, the form's errors and limits, the Professional standards queue
with two-factor sign-in (allowed and refused), assigning, closing with an outcome, forwarding a
compliment with its history, the public yearly counts and the retention command."""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.references import REFERENCE_ALPHABET, normalise_reference
from feedback import counts, operations
from feedback.models import (
    COMPLAINT_OUTCOMES,
    COMPLIMENT_OUTCOMES,
    PROFESSIONAL_STANDARDS,
    REFERENCE_PREFIX,
    Feedback,
    FeedbackEvent,
    Kind,
    Outcome,
    Status,
    new_reference,
)
from reports.models import ReportingGuideEntry
from tests.factories import ServiceFactory, StaffUserFactory
from tests.factories_feedback import FeedbackFactory, closed
from tests.reports_support import admin_login, committed, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hashing")]

CLIENT_ADDRESS = "203.0.113.88"
USER_AGENT = "FeedbackTestBrowser/7.7 (unique-agent-string)"
NEW_YORK = ZoneInfo("America/New_York")


def html(response) -> str:
    return response.content.decode()


def yesterday() -> str:
    return (timezone.localdate() - datetime.timedelta(days=1)).isoformat()


def form_data(**overrides) -> dict:
    data = {
        "kind": "complaint",
        "officer": "Officer Smith, badge 1234",
        "description": "The officer shouted at my son during a traffic stop.",
        "occurred_on": yesterday(),
        "occurred_at_time": "21:30",
        "location": "Kildaire Farm Rd at Tryon Rd",
        "contact": "contact",
        "contact_name": "Jamie Rivera",
        "contact_email": "jamie@example.org",
        "contact_phone": "(919) 555-0199",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def submit(client, path=None, **overrides):
    with committed():
        return client.post(
            path or reverse("feedback:start"),
            form_data(**overrides),
            REMOTE_ADDR=CLIENT_ADDRESS,
            HTTP_USER_AGENT=USER_AGENT,
        )


def every_stored_value(instance) -> list[str]:
    return [str(getattr(instance, field.attname)) for field in instance._meta.concrete_fields]


@pytest.fixture
def standards(db):
    """Two members of Professional standards (not signed in)."""
    return [
        StaffUserFactory(
            username="pat-standards", first_name="Pat", groups=[PROFESSIONAL_STANDARDS]
        ),
        StaffUserFactory(
            username="lee-standards", first_name="Lee", groups=[PROFESSIONAL_STANDARDS]
        ),
    ]


@pytest.fixture
def staff(client, standards):
    """A member of Professional standards signed in with a real TOTP code."""
    return sign_in(client.__class__(), standards[0])


# --- The resident's form ------------------------------------------------------------------------


def test_a_compliment_needs_no_contact_details(client):
    response = submit(
        client,
        kind="compliment",
        description="She helped my father home.",
        contact="contact",
        contact_name="",
        contact_email="",
        contact_phone="",
        officer="",
        location="",
        occurred_at_time="",
    )
    assert response.status_code == 302 and response["Location"] == reverse("feedback:confirmation")
    feedback = Feedback.objects.get()
    assert feedback.kind == Kind.COMPLIMENT and feedback.status == Status.RECEIVED
    assert (feedback.contact_name, feedback.contact_email, feedback.contact_phone) == ("", "", "")
    assert feedback.reference.startswith("PS-")
    assert mail.outbox == []
    assert list(feedback.events.values_list("action", "new_value")) == [("submitted", "received")]


def test_an_anonymous_complaint_stores_no_contact_details_and_no_client_address(client):
    response = submit(client, contact="anonymous", share_name="on")  # details typed, then anonymous
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.anonymous is True and feedback.share_name is False
    assert (feedback.contact_name, feedback.contact_email, feedback.contact_phone) == ("", "", "")
    for row in [feedback, *FeedbackEvent.objects.filter(feedback=feedback)]:
        values = " ".join(every_stored_value(row))
        for personal in ("Jamie", "jamie@example.org", "555-0199", CLIENT_ADDRESS, USER_AGENT):
            assert personal not in values, (type(row).__name__, personal)
    # Nowhere in the database either (the session holds the confirmation's row id only).
    for model in apps.get_models():
        for row in model._default_manager.all():
            values = " ".join(every_stored_value(row))
            for personal in (CLIENT_ADDRESS, USER_AGENT, "jamie@example.org", "555-0199"):
                assert personal not in values, (model._meta.label, personal)
    assert mail.outbox == []  # no receipt: no address to send it to


def test_the_database_refuses_an_anonymous_item_with_contact_details():
    for details in ({"contact_phone": "919 555 0100"}, {"contact_name": "Jamie"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            FeedbackFactory(anonymous=True, **details)
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackFactory(kind=Kind.COMPLAINT, anonymous=False, contact_name="J", share_name=True)


def test_the_database_refuses_an_outcome_that_does_not_fit(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        closed(Outcome.ACKNOWLEDGED, kind=Kind.COMPLAINT)
    with pytest.raises(IntegrityError), transaction.atomic():
        closed("", kind=Kind.COMPLAINT)
    with pytest.raises(IntegrityError), transaction.atomic():
        FeedbackFactory(status=Status.UNDER_REVIEW, outcome=Outcome.SUSTAINED)
    assert closed(Outcome.FORWARDED, kind=Kind.COMPLIMENT).outcome == "forwarded"


def test_a_named_complaint_keeps_the_details_and_queues_a_receipt(client):
    response = submit(client)
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert feedback.anonymous is False
    assert (feedback.contact_name, feedback.contact_email) == ("Jamie Rivera", "jamie@example.org")
    assert feedback.officer == "Officer Smith, badge 1234"
    assert feedback.occurred_on.isoformat() == yesterday()
    assert feedback.occurred_at_time == datetime.time(21, 30)
    assert feedback.location == "Kildaire Farm Rd at Tryon Rd"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["jamie@example.org"]
    assert feedback.reference in message.subject and "complaint" in message.subject
    assert feedback.reference in message.body and "/feedback/status/" in message.body
    assert "shouted" not in message.body  # the receipt repeats nothing of what was written


def test_the_receipt_goes_through_the_task_queue_not_the_request(client, settings):
    from django_tasks_db.models import DBTaskResult

    from core.mail import send_email

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    submit(client, kind="compliment", share_name="on")
    assert mail.outbox == []  # nothing sent in the request
    task = DBTaskResult.objects.get()
    assert task.task_path == "core.mail.send_email"
    message = task.args_kwargs["args"][0]
    assert message["to"] == ["jamie@example.org"]
    assert message["label"].startswith("receipt email for feedback PS-")
    send_email.call(message)  # what the worker does
    assert len(mail.outbox) == 1 and "compliment" in mail.outbox[0].subject


def test_the_receipt_is_in_the_residents_language(client):
    submit(client, "/es" + reverse("feedback:start"))
    assert Feedback.objects.get().language == "es"
    assert len(mail.outbox) == 1


def test_bad_input_comes_back_with_a_summary_and_every_entry_kept(client):
    response = submit(client, kind="", description="", contact_email="not-an-email")
    body = html(response)
    assert response.status_code == 200
    assert "There is a problem" in body and "<title>Error:" in body
    assert 'href="#id_kind_0"' in body and 'href="#id_description"' in body
    assert "Choose compliment or complaint" in body and "Describe what happened" in body
    assert "Enter an email address like name@example.com" in body
    assert 'value="Officer Smith, badge 1234"' in body
    assert 'value="Kildaire Farm Rd at Tryon Rd"' in body and 'value="Jamie Rivera"' in body
    assert f'value="{yesterday()}"' in body and 'value="21:30"' in body
    assert Feedback.objects.count() == 0


def test_a_named_complaint_without_email_or_phone_is_refused(client):
    response = submit(client, contact_email="", contact_phone="")
    assert "For a complaint, enter an email address or a phone number" in html(response)
    assert Feedback.objects.count() == 0


def test_sharing_the_name_needs_a_name(client):
    response = submit(client, kind="compliment", contact_name="", share_name="on")
    assert "Enter your name, so that we can share it with the officer" in html(response)
    submit(client, kind="compliment", share_name="on")
    assert Feedback.objects.get().share_name is True


def test_share_name_is_dropped_from_a_complaint(client):
    submit(client, share_name="on")
    assert Feedback.objects.get().share_name is False


def test_the_date_must_be_in_the_past(client):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    body = html(submit(client, occurred_on=tomorrow))
    assert "The date must be today or in the past" in body and 'href="#id_occurred_on"' in body
    assert "The date must be in the year 2000 or later" in html(
        submit(client, occurred_on="1999-12-31")
    )
    body = html(submit(client, occurred_on="", contact="anonymous"))
    assert "Enter the date it happened" in body
    assert Feedback.objects.count() == 0


def test_a_time_later_today_is_refused(client):
    now = timezone.localtime()
    if now.hour == 23:
        pytest.skip("no later time today")
    later = f"{now.hour + 1:02d}:00"
    body = html(
        submit(client, occurred_on=timezone.localdate().isoformat(), occurred_at_time=later)
    )
    assert "The time must be in the past" in body
    assert Feedback.objects.count() == 0


def test_every_field_is_bounded(client):
    body = html(submit(client, officer="o" * 151, location="x" * 201, description="y" * 3001))
    assert "Ensure this value has at most 150 characters" in body
    assert "Ensure this value has at most 200 characters" in body
    assert "Ensure this value has at most 3000 characters" in body
    assert Feedback.objects.count() == 0


def test_the_form_says_it_is_not_for_emergencies_nor_crimes(client):
    body = html(client.get(reverse("feedback:start")))
    assert "This is not for emergencies" in body and "911" in body
    assert "This is not for reporting a crime" in body
    assert f'href="{reverse("reports:start")}"' in body
    assert f'href="{reverse("feedback:counts")}"' in body
    assert 'type="date"' in body and 'type="radio"' in body


def test_honeypot_answers_as_if_sent_and_stores_nothing(client):
    response = submit(client, website="http://spam.example")
    assert response.status_code == 200 and "Received" in html(response)
    assert Feedback.objects.count() == 0


def test_over_the_rate_limit_answers_429_with_entries_kept(client, settings):
    settings.FEEDBACK_SUBMIT_RATE = "2/h"
    assert submit(client).status_code == 302
    assert submit(client).status_code == 302
    refused = submit(client, description="Third time today.")
    assert refused.status_code == 429 and "Retry-After" in refused
    assert "Too many attempts from your connection" in html(refused)
    assert "Third time today." in html(refused)
    assert Feedback.objects.count() == 2


def test_form_pages_are_never_cached(client):
    for name in ("feedback:start", "feedback:status"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "public" not in response.get("Cache-Control", "")
        assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


# --- Confirmation and status ---------------------------------------------------------------------


def test_the_confirmation_shows_the_reference_once_and_never_in_a_url(client):
    response = submit(client, contact="anonymous")
    feedback = Feedback.objects.get()
    assert feedback.reference not in response["Location"]
    page = client.get(response["Location"])
    body = html(page)
    assert page.status_code == 200 and feedback.reference in body
    assert "no-cache" in page["Cache-Control"] or "no-store" in page["Cache-Control"]
    assert f'value="{feedback.reference}"' in body and reverse("feedback:status") in body
    assert "You sent this anonymously" in body
    again = client.get(reverse("feedback:confirmation"))
    assert again.status_code == 302 and again["Location"] == reverse("feedback:start")


def test_the_status_page_shows_the_outcome_once_closed_and_nothing_personal(client, standards):
    submit(client)
    feedback = Feedback.objects.get()
    lookup = {"reference": feedback.reference.lower().replace("-", " ")}
    body = html(client.post(reverse("feedback:status"), lookup))
    assert "Received" in body and "data-outcome" not in body
    operations.feedback_assign(feedback=feedback, actor=standards[0], assignee=standards[1])
    operations.feedback_close(
        feedback=feedback,
        actor=standards[1],
        outcome=Outcome.NOT_SUSTAINED,
        public_note="We reviewed the body camera video.",
    )
    response = client.post(reverse("feedback:status"), lookup)
    body = html(response)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert "Closed" in body and "Not sustained" in body and "data-outcome" in body
    assert "We reviewed the body camera video." in body
    for personal in ("Jamie", "jamie@example.org", "555-0199", "Smith", "Kildaire", "shouted"):
        assert personal not in body


def test_status_lookup_of_an_unknown_reference_says_so_clearly(client):
    body = html(client.post(reverse("feedback:status"), {"reference": "PS-ABCDEFGHJK"}))
    assert "We could not find a compliment or complaint with that reference" in body
    empty = html(client.post(reverse("feedback:status"), {"reference": ""}))
    assert "Enter your reference number" in empty and "There is a problem" in empty


def test_status_lookups_are_rate_limited(client, settings):
    settings.FEEDBACK_STATUS_RATE = "2/h"
    for _i in range(2):
        client.post(reverse("feedback:status"), {"reference": "PS-ABCDEFGHJK"})
    assert (
        client.post(reverse("feedback:status"), {"reference": "PS-ABCDEFGHJK"}).status_code == 429
    )


def test_references_are_random_from_the_unambiguous_alphabet():
    references = {new_reference() for _i in range(200)}
    assert len(references) == 200
    for reference in references:
        assert re.fullmatch(f"PS-[{REFERENCE_ALPHABET}]{{10}}", reference)
    assert normalise_reference(" ps abcd 2345 xy ", REFERENCE_PREFIX) == "PS-ABCD2345XY"


# --- The yearly counts ---------------------------------------------------------------------------


def received_in(year: int, **fields) -> Feedback:
    return FeedbackFactory(created_at=datetime.datetime(year, 6, 15, 12, tzinfo=NEW_YORK), **fields)


def counts_on_the_page(body: str) -> dict:
    """{(year, kind, row): number} read from the page's tables."""
    found = {}
    for year, section in re.findall(r'data-year="(\d+)">(.*?)</section>', body, re.S):
        for kind, table in re.findall(
            r'<table class="table" data-kind="(\w+)">(.*?)</table>', section, re.S
        ):
            for row, number in re.findall(
                r'<tr data-(received|open|outcome="\w+")>.*?data-count>(\d+)<', table, re.S
            ):
                found[(int(year), kind, row.removeprefix('outcome="').rstrip('"'))] = int(number)
    return found


def expected_from_rows() -> dict:
    expected = {}
    years = {row.created_at.astimezone(NEW_YORK).year for row in Feedback.objects.all()}
    for year in years:
        for kind in Kind.values:
            rows = [
                row
                for row in Feedback.objects.filter(kind=kind)
                if row.created_at.astimezone(NEW_YORK).year == year
            ]
            expected[(year, kind, "received")] = len(rows)
            expected[(year, kind, "open")] = sum(1 for row in rows if not row.outcome)
            outcomes = COMPLAINT_OUTCOMES if kind == Kind.COMPLAINT else COMPLIMENT_OUTCOMES
            for outcome in outcomes:
                expected[(year, kind, outcome.value)] = sum(1 for r in rows if r.outcome == outcome)
    return expected


def test_the_counts_page_matches_the_rows_in_one_query(client):
    def page():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("feedback:counts"))
        assert response.status_code == 200
        return html(response), queries

    received_in(2025, kind=Kind.COMPLIMENT)
    client.get(reverse("feedback:counts"))  # the department settings' first read
    one_body, one = page()
    assert counts_on_the_page(one_body) == expected_from_rows()

    for outcome in (Outcome.SUSTAINED, Outcome.SUSTAINED, Outcome.EXONERATED, Outcome.WITHDRAWN):
        received_in(2024, status=Status.CLOSED, outcome=outcome)
    for outcome in (Outcome.ACKNOWLEDGED, Outcome.FORWARDED):
        received_in(2024, kind=Kind.COMPLIMENT, status=Status.CLOSED, outcome=outcome)
    received_in(2025, status=Status.UNDER_REVIEW)
    received_in(2025, status=Status.CLOSED, outcome=Outcome.POLICY)
    received_in(2023, status=Status.CLOSED, outcome=Outcome.UNFOUNDED)
    received_in(2026, kind=Kind.COMPLIMENT, status=Status.ASSIGNED)
    several_body, several = page()
    found = counts_on_the_page(several_body)
    assert found == expected_from_rows()
    assert found[(2024, "complaint", "received")] == 4
    assert found[(2024, "complaint", "sustained")] == 2
    assert found[(2025, "complaint", "open")] == 1
    assert found[(2024, "compliment", "forwarded")] == 1
    assert len(one) == len(several)
    aggregate = [q["sql"] for q in several if "feedback_feedback" in q["sql"]]
    assert len(aggregate) == 1 and "GROUP BY" in aggregate[0].upper()
    for secret in ("did not listen", "PS-FACTRY"):
        assert secret not in several_body


def test_the_year_is_the_received_date_in_new_york():
    # 02:00 UTC on 1 January 2026 is still 31 December 2025 in Cary.
    FeedbackFactory(created_at=datetime.datetime(2026, 1, 1, 2, tzinfo=datetime.UTC))
    assert counts.count_rows() == [(2025, "complaint", "", 1)]


def test_the_counts_page_without_rows_and_its_link_from_the_form(client):
    body = html(client.get(reverse("feedback:counts")))
    assert "Nothing has been received yet." in body and "What the outcomes mean" in body


# --- The queue: allowed and refused --------------------------------------------------------------


def queue_urls(feedback) -> dict[str, str]:
    urls = {"list": reverse("admin:feedback_feedback_changelist")}
    urls["change"] = reverse("admin:feedback_feedback_change", args=[feedback.pk])
    for name in ("assign", "status", "close", "note", "forward"):
        urls[name] = reverse(f"admin:feedback_feedback_{name}", args=[feedback.pk])
    return urls


@pytest.fixture
def compliment(db):
    return operations.feedback_submit(
        kind=Kind.COMPLIMENT,
        officer="Officer Chen",
        description="She found my stolen bike and brought it back.",
        occurred_on=timezone.localdate(),
        anonymous=False,
        contact_name="Jamie Rivera",
        contact_email="jamie@example.org",
        contact_phone="919 555 0199",
    )


@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "staff_without_group",
        "unverified_member",
        "verified_district_staff",
        "verified_report_reviewer",
        "unverified_superuser",
    ],
)
@pytest.mark.parametrize("name", ["list", "change", "assign", "status", "close", "note", "forward"])
def test_the_queue_is_refused_to_everyone_but_verified_professional_standards(
    client,
    compliment,
    standards,
    who,
    name,
    district_staff,
    report_reviewer,
    staff_without_groups,
    superuser,
):
    if who == "verified_district_staff":
        sign_in(client, district_staff)
    elif who == "verified_report_reviewer":
        sign_in(client, report_reviewer)
    elif who != "anonymous":
        user = {
            "staff_without_group": staff_without_groups,
            "unverified_member": standards[0],  # password only, no second factor
            "unverified_superuser": superuser,
        }[who]
        assert admin_login(client, user).status_code == 302
    response = client.get(queue_urls(compliment)[name])
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == 403
    assert compliment.reference not in html(response) and "Jamie" not in html(response)
    posted = client.post(queue_urls(compliment)["close"], {"outcome": "acknowledged"})
    assert posted.status_code in (302, 403) and not posted.get("Location", "").endswith(
        queue_urls(compliment)["change"]
    )
    compliment.refresh_from_db()
    assert compliment.status == Status.RECEIVED


def test_the_admin_index_hides_the_app_from_other_staff(client, content_editor):
    sign_in(client, content_editor)
    assert "Compliments and complaints" not in html(client.get(reverse("admin:index")))


def test_verified_professional_standards_and_superusers_see_the_queue(
    client, compliment, staff, superuser
):
    body = html(staff.get(queue_urls(compliment)["list"]))
    assert compliment.reference in body
    page = html(staff.get(queue_urls(compliment)["change"]))
    assert (
        "Jamie Rivera" in page
        and "Forward to the officer" in page
        and "Close with an outcome" in page
    )
    chief = sign_in(client.__class__(), superuser)
    assert compliment.reference in html(chief.get(queue_urls(compliment)["list"]))


def test_unverified_members_are_told_how_to_get_two_factor(client, standards):
    response = admin_login(client, standards[0])
    assert "Compliments and complaints need two-factor authentication." in html(
        client.get(response["Location"])
    )


def test_assign_status_close_and_note_are_kept_in_the_history(client, standards, staff):
    submit(client)
    feedback = Feedback.objects.get()
    urls = queue_urls(feedback)
    # Only a member of the group can be assigned.
    outsider = StaffUserFactory(username="otto-outsider")
    refused = staff.post(urls["assign"], {"assignee": outsider.pk})
    assert refused.status_code == 200 and "Select a valid choice" in html(refused)
    assert staff.post(urls["assign"], {"assignee": standards[1].pk}).status_code == 302
    assert (
        staff.post(urls["status"], {"status": "under_review", "public_note": ""}).status_code == 302
    )
    note = {"note": "Asked for the body camera video."}
    assert staff.post(urls["note"], note).status_code == 302
    # An outcome for compliments does not fit a complaint.
    wrong = staff.post(urls["close"], {"outcome": "acknowledged"})
    assert wrong.status_code == 200 and "Select a valid choice" in html(wrong)
    closing = {"outcome": "sustained", "public_note": "The officer was retrained."}
    assert staff.post(urls["close"], closing).status_code == 302
    feedback.refresh_from_db()
    assert feedback.assigned_to == standards[1]
    assert (feedback.status, feedback.outcome) == (Status.CLOSED, Outcome.SUSTAINED)
    assert feedback.public_note == "The officer was retrained."
    history = list(
        feedback.events.order_by("created_at", "pk").values_list(
            "action", "actor__username", "old_value", "new_value", "note"
        )
    )
    assert history == [
        ("submitted", None, "", "received", ""),
        ("assigned", "pat-standards", "", "lee-standards", ""),
        ("status", "pat-standards", "assigned", "under_review", ""),
        ("note", "pat-standards", "", "", "Asked for the body camera video."),
        (
            "closed",
            "pat-standards",
            "under_review",
            "closed (sustained)",
            "The officer was retrained.",
        ),
    ]
    page = html(staff.get(urls["change"]))
    assert "Asked for the body camera video." in page and "closed (sustained)" in page
    # Reopened, the outcome goes (and the history says which it was).
    staff.post(urls["status"], {"status": "under_review", "public_note": ""})
    feedback.refresh_from_db()
    assert (feedback.status, feedback.outcome) == (Status.UNDER_REVIEW, "")
    assert feedback.events.last().old_value == "closed (sustained)"


def test_forwarding_a_compliment_sends_its_text_without_contact_details(staff, compliment):
    with committed():
        response = staff.post(
            queue_urls(compliment)["forward"],
            {"supervisor_email": "sgt.lopez@example.org", "message": "Well done."},
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sgt.lopez@example.org"]
    assert compliment.reference in message.subject and "Officer Chen" in message.subject
    assert "She found my stolen bike" in message.body and "Well done." in message.body
    for personal in ("Jamie", "jamie@example.org", "555 0199"):
        assert personal not in message.body
    event = compliment.events.get(action="forwarded")
    assert (event.actor.username, event.new_value, event.note) == (
        "pat-standards",
        "sgt.lopez@example.org",
        "Well done.",
    )


def test_a_forwarded_compliment_names_the_resident_only_when_they_agreed(staff):
    agreed = operations.feedback_submit(
        kind=Kind.COMPLIMENT,
        description="Thank you for the safety talk.",
        anonymous=False,
        contact_name="Jamie Rivera",
        contact_email="jamie@example.org",
        share_name=True,
    )
    mail.outbox.clear()
    with committed():
        operations.feedback_forward(
            feedback=agreed, actor=None, supervisor_email="sgt.lopez@example.org"
        )
    body = mail.outbox[-1].body
    assert "Jamie Rivera" in body and "jamie@example.org" not in body


def test_only_compliments_are_forwarded_and_the_email_is_bounded(staff):
    complaint = FeedbackFactory()
    assert staff.get(queue_urls(complaint)["forward"]).status_code == 403
    with pytest.raises(operations.FeedbackError):
        operations.feedback_forward(
            feedback=complaint, actor=None, supervisor_email="a@example.org"
        )
    compliment = FeedbackFactory(kind=Kind.COMPLIMENT)
    too_long = "a" * 250 + "@example.org"
    response = staff.post(queue_urls(compliment)["forward"], {"supervisor_email": too_long})
    assert response.status_code == 200 and not compliment.events.exists()
    bad = staff.post(queue_urls(compliment)["forward"], {"supervisor_email": "not-an-email"})
    assert bad.status_code == 200 and mail.outbox == []


def test_changelist_queries_do_not_grow_with_the_rows(staff, standards):
    FeedbackFactory(assigned_to=standards[0])
    staff.get(reverse("admin:feedback_feedback_changelist"))  # the session's first reads
    with CaptureQueriesContext(connection) as one:
        staff.get(reverse("admin:feedback_feedback_changelist"))
    for index in range(5):
        FeedbackFactory(assigned_to=standards[index % 2])
    with CaptureQueriesContext(connection) as several:
        staff.get(reverse("admin:feedback_feedback_changelist"))
    assert len(one) == len(several)


def test_the_professional_standards_group_has_only_the_feedback_permissions():
    group = Group.objects.get(name=PROFESSIONAL_STANDARDS)
    assert set(group.permissions.values_list("codename", flat=True)) == {
        "view_feedback",
        "change_feedback",
        "view_feedbackevent",
    }
    others = Group.objects.exclude(name=PROFESSIONAL_STANDARDS)
    assert not others.filter(permissions__content_type__app_label="feedback").exists()


# --- Retention -------------------------------------------------------------------------------


def test_purge_feedback_blanks_old_closed_items_and_keeps_the_counts(client, settings, standards):
    settings.FEEDBACK_RETENTION_DAYS = 30
    old = operations.feedback_submit(
        kind=Kind.COMPLIMENT,
        officer="Officer Chen",
        description="She found my bike.",
        location="Cary Towne Blvd",
        occurred_on=timezone.localdate(),
        anonymous=False,
        contact_name="Jamie Rivera",
        contact_email="jamie@example.org",
        share_name=True,
    )
    operations.feedback_add_note(feedback=old, actor=standards[0], note="Called Jamie back.")
    operations.feedback_close(feedback=old, actor=standards[0], outcome=Outcome.ACKNOWLEDGED)
    open_old = FeedbackFactory(contact_name="", description="Still being looked into.")
    recent = closed(Outcome.UNFOUNDED, description="Closed last week.")
    long_ago = timezone.now() - datetime.timedelta(days=31)
    Feedback.objects.filter(pk__in=[old.pk, open_old.pk]).update(status_changed_at=long_ago)
    counts_before = counts.count_rows()

    out = io.StringIO()
    call_command("purge_feedback", "--dry-run", stdout=out)
    assert f"Would delete the personal details of {old.reference}" in out.getvalue()
    assert Feedback.objects.get(pk=old.pk).contact_name == "Jamie Rivera"

    out = io.StringIO()
    call_command("purge_feedback", stdout=out)
    assert f"Deleted the personal details of {old.reference}" in out.getvalue()
    assert "1 item(s)" in out.getvalue()
    old.refresh_from_db()
    assert old.purged_at is not None
    assert (old.kind, old.status, old.outcome) == (Kind.COMPLIMENT, Status.CLOSED, "acknowledged")
    values = " ".join(every_stored_value(old))
    for personal in ("Jamie", "jamie@example.org", "Chen", "bike", "Cary Towne"):
        assert personal not in values
    assert list(old.events.values_list("action", flat=True)) == ["purged"]
    assert Feedback.objects.get(pk=open_old.pk).description == "Still being looked into."
    assert Feedback.objects.get(pk=recent.pk).description == "Closed last week."
    assert sorted(counts.count_rows()) == sorted(counts_before)
    # The status page still answers, with the outcome.
    body = html(client.post(reverse("feedback:status"), {"reference": old.reference}))
    assert "Acknowledged" in body and "deleted at the end of our retention period" in body
    # Nothing more to do on a second run; a purged item is not worked any more.
    assert operations.feedback_purge(retention_days=30) == []
    with pytest.raises(operations.FeedbackError):
        operations.feedback_add_note(feedback=old, actor=None, note="Too late.")


def test_the_retention_default_is_five_years():
    from django.conf import settings

    assert settings.FEEDBACK_RETENTION_DAYS == 1826


# --- Registrations: requests page, sitemap, service callout, guide, demo --------------------------


def test_it_is_listed_among_the_residents_requests():
    from core.registry import registry

    entries = [entry for entry in registry.resident_requests if entry.url_name == "feedback:start"]
    assert len(entries) == 1 and entries[0].order == 50
    assert str(entries[0].label) == "Compliment or complain about an officer"


def test_the_form_and_counts_pages_are_in_the_sitemap(client):
    body = client.get("/sitemap.xml").content.decode()
    assert "/feedback/</loc>" in body and "/feedback/counts/</loc>" in body
    assert "/feedback/status/" not in body and "/feedback/sent/" not in body


def test_the_compliments_service_page_has_the_callout_and_no_other_does(client):
    service = ServiceFactory(slug="compliments-and-complaints", name="Compliments and complaints")
    other = ServiceFactory(slug="fingerprinting")
    page = html(client.get(service.get_absolute_url()))
    assert "Send a compliment or a complaint online" in page
    assert f'href="{reverse("feedback:start")}"' in page
    assert "data-feedback-callout" not in html(client.get(other.get_absolute_url()))


def test_the_callout_reads_nothing_from_the_database():
    from django.template.loader import render_to_string

    from feedback.sections import service_callout

    service = type("Service", (), {"slug": "compliments-and-complaints"})()
    with CaptureQueriesContext(connection) as queries:
        text = render_to_string("feedback/includes/service_callout.html", service_callout(service))
    assert "Send a compliment or a complaint online" in text and len(queries) == 0


def test_the_reporting_guide_points_here():
    entry = ReportingGuideEntry.objects.get(title_en="A compliment or a complaint about an officer")
    assert "/feedback/" in entry.body_en and "/es/feedback/" in entry.body_es
    assert entry.title_es and entry.is_published


def test_the_demo_adds_sample_items_over_several_years_once(demo):
    from feedback import demo as feedback_demo

    samples = Feedback.objects.filter(is_sample=True)
    assert samples.count() == len(feedback_demo.ITEMS)
    years = {row.created_at.astimezone(NEW_YORK).year for row in samples}
    assert len(years) >= 2
    assert set(samples.values_list("kind", flat=True)) == {"compliment", "complaint"}
    assert samples.filter(status=Status.CLOSED).exclude(outcome="").count() >= 5
    assert feedback_demo.load() == 0

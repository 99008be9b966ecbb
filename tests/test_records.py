"""Copies of records (issue 15, item 1): the resident's request, its errors and limits, the
confirmation link for the email address, the status page, the Records group's queue with
two-factor sign-in (allowed and refused), PDFs checked by their content, the download link
(confirmed address, expiry, another request's link, wrong address), private storage, the demo
and the retention command."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core import links
from core.references import REFERENCE_ALPHABET, normalise_reference
from records import documents, operations, tokens
from records.models import REFERENCE_PREFIX, RecordRequest, RecordRequestEvent, new_reference
from reports.models import ReportingGuideEntry
from tests.factories import StaffUserFactory
from tests.factories_records import (
    RecordRequestFactory,
    encrypted_pdf,
    garbage_pdf,
    pdf_bytes,
    pdf_upload,
    png_named_pdf,
    truncated_pdf,
)
from tests.reports_support import admin_login, committed, sign_in

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("private_storage", "fast_password_hashing"),
]

RECORDS = "Records"
Status = RecordRequest.Status


def html(response) -> str:
    return response.content.decode()


def form_data(**overrides) -> dict:
    data = {
        "kind": "crash",
        "description": "Two cars collided at the light; I drove the blue car.",
        "incident_date": (timezone.localdate() - timedelta(days=5)).isoformat(),
        "location": "Kildaire Farm Rd at Cary Pkwy",
        "case_number": "2026-001234",
        "requester_name": "Jamie Rivera",
        "requester_email": "Jamie.Rivera@Example.org",
        "requester_phone": "(919) 555-0199",
        "relationship": "driver",
        "reason": "For my insurance claim.",
    }
    data.update(overrides)
    return data


def submit(client, path=None, **overrides):
    with committed():
        return client.post(path or reverse("records:start"), form_data(**overrides))


def link_in(message, name: str) -> str:
    """The path of the link to the records page ``name`` ("confirm", "download") in an email."""
    found = re.search(rf"{re.escape(links.base_url())}(\S*/records/{name}/[^/\s]+/)", message.body)
    assert found, message.body
    return found.group(1)


def attach(record_request, actor=None, upload=None):
    with committed():
        return operations.record_request_attach_document(
            record_request=record_request,
            actor=actor,
            document=documents.check_document(upload or pdf_upload()),
        )


@pytest.fixture
def sent(client):
    """A request sent through the form, its receipt in the outbox."""
    submit(client)
    return RecordRequest.objects.get()


@pytest.fixture
def records_staff(db):
    return StaffUserFactory(username="rory-records", groups=[RECORDS])


def later(monkeypatch, days: float):
    """Move the clock of signed links ``days`` ahead."""
    moved = signing.time.time() + days * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: moved)


# --- The request -------------------------------------------------------------------------------


def test_request_is_stored_with_a_random_reference_and_a_receipt_to_confirm_the_address(
    client, sent
):
    assert re.fullmatch(f"REC-[{REFERENCE_ALPHABET}]{{10}}", sent.reference)
    assert sent.status == Status.RECEIVED and sent.email_confirmed_at is None
    assert sent.requester_email == "Jamie.Rivera@Example.org" and sent.case_number == "2026-001234"
    assert sent.relationship == "driver" and sent.reason == "For my insurance claim."
    assert list(sent.events.values_list("action", flat=True)) == ["submitted"]
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == ["Jamie.Rivera@Example.org"]
    assert sent.reference in receipt.subject and sent.reference in receipt.body
    confirm = link_in(receipt, "confirm")
    assert sent.reference not in confirm and "jamie" not in confirm.lower()


def test_receipt_is_in_the_residents_language(client):
    submit(client, "/es" + reverse("records:start"))
    record_request = RecordRequest.objects.get()
    assert record_request.language == "es"
    assert link_in(mail.outbox[0], "confirm").startswith("/es/records/confirm/")


def test_confirmation_shows_the_reference_once_and_never_in_its_url(client):
    response = submit(client)
    assert response.status_code == 302 and response["Location"] == reverse("records:confirmation")
    record_request = RecordRequest.objects.get()
    assert record_request.reference not in response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert record_request.reference in html(page)
    again = client.get(reverse("records:confirmation"))
    assert again.status_code == 302 and again["Location"] == reverse("records:start")


def test_bad_input_comes_back_with_a_summary_and_every_entry_kept(client):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = submit(
        client, kind="", description="", requester_email="not-an-email", incident_date=tomorrow
    )
    body = html(response)
    assert response.status_code == 200 and "There is a problem" in body
    assert "<title>Error:" in body
    assert 'href="#id_kind_0"' in body and 'href="#id_description"' in body
    assert "Choose the record you need" in body and "Describe what happened" in body
    assert "Enter an email address like name@example.com" in body
    assert "The date must be today or in the past" in body
    assert 'value="Kildaire Farm Rd at Cary Pkwy"' in body and 'value="2026-001234"' in body
    assert 'value="Jamie Rivera"' in body and f'value="{tomorrow}"' in body
    assert "For my insurance claim." in body
    assert RecordRequest.objects.count() == 0 and mail.outbox == []


def test_required_answers_and_bounds(client):
    response = submit(
        client,
        requester_name="",
        requester_email="",
        relationship="",
        incident_date="",
        location="x" * 201,
        description="y" * 2001,
    )
    body = html(response)
    for message in (
        "Enter your name",
        "Enter your email address",
        "Choose who you are in this",
        "Enter the date it happened",
        "Ensure this value has at most 200 characters",
        "Ensure this value has at most 2000 characters",
    ):
        assert message in body
    assert RecordRequest.objects.count() == 0


def test_the_date_field_is_the_browsers_date_picker_bounded_to_the_past(client):
    body = html(client.get(reverse("records:start")))
    field = re.search(r'<input type="date"[^>]*name="incident_date"[^>]*>', body).group(0)
    assert f'max="{timezone.localdate().isoformat()}"' in field
    assert submit(client, incident_date="1900-01-01").status_code == 200
    assert RecordRequest.objects.count() == 0


def test_honeypot_answers_as_if_sent_and_stores_nothing(client):
    response = submit(client, website="http://spam.example")
    assert response.status_code == 200 and "Request received" in html(response)
    assert RecordRequest.objects.count() == 0 and mail.outbox == []


def test_over_the_rate_limit_answers_429_with_entries_kept(client, settings):
    settings.RECORDS_SUBMIT_RATE = "2/h"
    assert submit(client).status_code == 302
    assert submit(client).status_code == 302
    refused = submit(client, description="Third time today.")
    assert refused.status_code == 429 and "Retry-After" in refused
    assert "Too many attempts from your connection" in html(refused)
    assert "Third time today." in html(refused)
    assert RecordRequest.objects.count() == 2


def test_references_are_random_and_normalised():
    assert len({new_reference() for _i in range(200)}) == 200
    assert normalise_reference(" rec abcd 2345 xy ", REFERENCE_PREFIX) == "REC-ABCD2345XY"


# --- Confirming the address ------------------------------------------------------------------


def test_confirm_link_asks_for_a_button_then_confirms_once(client, sent):
    path = link_in(mail.outbox[0], "confirm")
    page = client.get(path)
    assert page.status_code == 200 and "Confirm my email address" in html(page)
    sent.refresh_from_db()
    assert sent.email_confirmed_at is None  # a mail scanner's GET confirms nothing
    done = client.post(path)
    assert done.status_code == 200 and "Email address confirmed" in html(done)
    sent.refresh_from_db()
    assert sent.email_confirmed_at is not None
    client.post(path)
    assert sent.events.filter(action="email_confirmed").count() == 1


def test_an_expired_confirm_link_is_refused(client, sent, monkeypatch, settings):
    path = link_in(mail.outbox[0], "confirm")
    later(monkeypatch, settings.RECORDS_CONFIRM_DAYS + 1)
    response = client.post(path)
    assert response.status_code == 410 and "This link has expired" in html(response)
    sent.refresh_from_db()
    assert sent.email_confirmed_at is None


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-3] + ("abc" if token[-3:] != "abc" else "xyz"),
        lambda token: token[: len(token) // 2],
        lambda token: "not-a-token",
    ],
    ids=["changed", "cut short", "made up"],
)
def test_a_tampered_confirm_link_is_refused(client, sent, tamper):
    token = tokens.make(sent, tokens.CONFIRM)
    response = client.post(reverse("records:confirm", args=[tamper(token)]))
    assert response.status_code == 404 and "This link does not work" in html(response)
    sent.refresh_from_db()
    assert sent.email_confirmed_at is None


def test_a_download_token_confirms_nothing_and_a_confirm_token_downloads_nothing(client, sent):
    sent = attach(sent)
    download_token = tokens.make(sent, tokens.DOWNLOAD)
    confirm_token = tokens.make(sent, tokens.CONFIRM)
    assert client.post(reverse("records:confirm", args=[download_token])).status_code == 404
    assert client.get(reverse("records:download", args=[confirm_token])).status_code == 404


# --- Status ----------------------------------------------------------------------------------


def test_status_page_shows_the_status_and_nothing_personal(client, sent):
    response = client.post(reverse("records:status"), {"reference": sent.reference.lower()})
    body = html(response)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Received" in body and "A crash report" in body and "Not confirmed yet" in body
    for personal in ("Jamie", "jamie.rivera", "555-0199", "Kildaire", "2026-001234", "insurance"):
        assert personal.lower() not in body.lower()


def test_status_page_shows_the_refusal_reason(client, sent, records_staff):
    operations.record_request_refuse(
        record_request=sent, actor=records_staff, reason="Withheld under N.C.G.S. 132-1.4."
    )
    body = html(client.post(reverse("records:status"), {"reference": sent.reference}))
    assert "Refused" in body and "Withheld under N.C.G.S. 132-1.4." in body


def test_status_lookup_of_an_unknown_reference_says_so_clearly(client):
    response = client.post(reverse("records:status"), {"reference": "REC-ABCDEFGHJK"})
    assert "We could not find a request with that reference" in html(response)
    empty = client.post(reverse("records:status"), {"reference": ""})
    assert "Enter your reference number" in html(empty) and "There is a problem" in html(empty)


def test_status_lookups_are_rate_limited(client, settings):
    settings.RECORDS_STATUS_RATE = "2/h"
    for _i in range(2):
        client.post(reverse("records:status"), {"reference": "REC-ABCDEFGHJK"})
    assert client.post(reverse("records:status"), {"reference": "x"}).status_code == 429


def test_form_pages_are_never_cached(client):
    for name in ("records:start", "records:status"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "public" not in response.get("Cache-Control", "")
        assert "no-store" in response["Cache-Control"]


# --- Documents are PDFs, by content --------------------------------------------------------


def test_a_real_pdf_passes_with_its_page_count():
    checked = documents.check_document(pdf_upload(data=pdf_bytes(pages=3)))
    assert checked.pages == 3 and checked.size > 0


@pytest.mark.parametrize(
    ("make_upload", "message"),
    [
        (png_named_pdf, "The file is not a PDF"),
        (truncated_pdf, "The PDF is damaged"),
        (garbage_pdf, "The PDF is damaged"),
        (encrypted_pdf, "protected by a password"),
    ],
    ids=["png named .pdf", "truncated", "garbage", "encrypted"],
)
def test_a_file_that_is_not_a_usable_pdf_is_refused(make_upload, message):
    with pytest.raises(documents.ValidationError) as refused:
        documents.check_document(make_upload())
    assert message in refused.value.messages[0]


def test_a_pdf_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.RECORDS_DOCUMENT_MAX_MB = 0
    with pytest.raises(documents.ValidationError) as refused:
        documents.check_document(pdf_upload())
    assert "larger than" in refused.value.messages[0]


# --- Download ----------------------------------------------------------------------------------


@pytest.fixture
def ready(client, sent, records_staff):
    """A request whose document is attached; the outbox holds the receipt, then the link."""
    return attach(sent, records_staff)


def download_path() -> str:
    return link_in(mail.outbox[-1], "download")


def confirm(client):
    client.post(link_in(mail.outbox[0], "confirm"))


def test_attaching_stores_the_pdf_privately_and_emails_a_download_link(client, ready):
    assert ready.status == Status.READY
    assert ready.document.name.startswith("records/") and ready.document_pages == 1
    assert ready.reference not in ready.document.name
    assert len(mail.outbox) == 2
    message = mail.outbox[-1]
    assert ready.reference in message.subject
    assert ready.reference not in download_path()
    assert "You have not confirmed your email address yet" in message.body
    assert link_in(message, "confirm")  # not confirmed yet: the confirmation link again
    event = ready.events.get(action="document")
    assert event.actor.username == "rory-records" and event.to_status == "ready"


def test_the_document_has_no_public_url(client, ready, settings):
    with pytest.raises(ValueError, match="no public URL"):
        ready.document.url  # noqa: B018
    assert client.get(settings.MEDIA_URL + ready.document.name).status_code == 404


def test_download_waits_for_the_confirmed_address_then_streams_the_pdf(client, ready):
    path = download_path()
    page = client.get(path)
    assert page.status_code == 403 and "Confirm your email address first" in html(page)
    assert client.post(path, {"email": "jamie.rivera@example.org"}).status_code == 403

    confirm(client)  # confirming later makes the same link work
    page = client.get(path)
    assert page.status_code == 200 and "Download the PDF" in html(page)
    response = client.post(path, {"email": "  JAMIE.RIVERA@example.ORG "})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ready.reference in response["Content-Disposition"]
    assert response["Cache-Control"].startswith("private, no-store")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    ready.refresh_from_db()
    assert ready.status == Status.FULFILLED
    assert ready.events.filter(action="downloaded").count() == 1
    client.post(path, {"email": "jamie.rivera@example.org"})
    ready.refresh_from_db()
    assert (
        ready.status == Status.FULFILLED and ready.events.filter(action="downloaded").count() == 2
    )


def test_a_wrong_email_gets_a_clear_message_and_no_file(client, ready):
    confirm(client)
    response = client.post(download_path(), {"email": "someone.else@example.org"})
    assert response.status_code == 400 and not response.streaming
    assert "That is not the email address this request was made with" in html(response)
    assert "There is a problem" in html(response)
    ready.refresh_from_db()
    assert ready.status == Status.READY


def test_email_checks_on_the_download_page_are_rate_limited(client, ready, settings):
    settings.RECORDS_DOWNLOAD_RATE = "2/h"
    confirm(client)
    for _i in range(2):
        client.post(download_path(), {"email": "guess@example.org"})
    refused = client.post(download_path(), {"email": "jamie.rivera@example.org"})
    assert refused.status_code == 429 and not refused.streaming


def test_the_download_link_expires(client, ready, monkeypatch, settings):
    confirm(client)
    path = download_path()
    later(monkeypatch, settings.RECORDS_DOWNLOAD_DAYS + 1)
    response = client.post(path, {"email": "jamie.rivera@example.org"})
    assert response.status_code == 410 and not response.streaming
    assert "This link has expired" in html(response)


def test_another_requests_link_or_a_replaced_document_gives_no_file(client, ready):
    confirm(client)
    first_link = download_path()
    other = attach(RecordRequestFactory(email_confirmed_at=timezone.now()))
    other_token = tokens.make(other, tokens.DOWNLOAD)
    mine = first_link.rstrip("/").rsplit("/", 1)[1]
    # This request's id with the other's document key: no such link.
    swapped = signing.dumps([ready.pk, other.document_key], salt=tokens.DOWNLOAD, compress=True)
    for token in (swapped, mine[:-2] + "xx"):
        response = client.post(
            reverse("records:download", args=[token]), {"email": "jamie.rivera@example.org"}
        )
        assert response.status_code == 404 and not response.streaming
    # The other request's genuine link asks for its own address, not this one's.
    other.requester_email = "other@example.org"
    other.save()
    response = client.post(
        reverse("records:download", args=[other_token]), {"email": "jamie.rivera@example.org"}
    )
    assert response.status_code == 400 and not response.streaming
    # A new document: the first link dies, the new one works.
    attach(ready)
    response = client.post(first_link, {"email": "jamie.rivera@example.org"})
    assert response.status_code == 404 and "This link does not work" in html(response)
    assert client.post(download_path(), {"email": "jamie.rivera@example.org"}).streaming


def test_a_replaced_document_is_deleted_from_storage(client, ready, private_storage):
    old = private_storage / ready.document.name
    assert old.exists()
    new = attach(ready)
    assert not old.exists() and (private_storage / new.document.name).exists()


def test_a_refused_request_gives_no_file_and_its_document_is_deleted(
    client, ready, records_staff, private_storage
):
    confirm(client)
    path = download_path()
    stored = private_storage / ready.document.name
    with committed():
        operations.record_request_refuse(
            record_request=ready, actor=records_staff, reason="Withheld by law."
        )
    assert not stored.exists()
    response = client.post(path, {"email": "jamie.rivera@example.org"})
    assert response.status_code == 410 and not response.streaming
    assert "This record cannot be downloaded" in html(response)
    assert "Withheld by law." in mail.outbox[-1].body


def test_a_refusal_needs_a_reason():
    record_request = RecordRequestFactory()
    with pytest.raises(operations.RecordRequestError):
        operations.record_request_refuse(record_request=record_request, actor=None, reason=" ")


# --- The queue: allowed and refused --------------------------------------------------------------


def queue_urls(record_request) -> dict[str, str]:
    args = [record_request.pk]
    return {
        "list": reverse("admin:records_recordrequest_changelist"),
        "change": reverse("admin:records_recordrequest_change", args=args),
        "start": reverse("admin:records_recordrequest_start", args=args),
        "refuse": reverse("admin:records_recordrequest_refuse", args=args),
        "attach": reverse("admin:records_recordrequest_attach", args=args),
        "document": reverse("admin:records_recordrequest_document", args=args),
    }


@pytest.mark.parametrize(
    "who",
    ["anonymous", "no_group", "district_staff", "report_reviewer", "unverified_records_staff"],
)
@pytest.mark.parametrize("name", ["list", "change", "start", "refuse", "attach", "document"])
def test_the_queue_is_refused_to_everyone_but_verified_records_staff(
    client, ready, who, name, records_staff, district_staff, report_reviewer, staff_without_groups
):
    users = {
        "no_group": staff_without_groups,
        "unverified_records_staff": records_staff,  # password only, no second factor
    }
    if who in ("district_staff", "report_reviewer"):
        sign_in(client, {"district_staff": district_staff, "report_reviewer": report_reviewer}[who])
    elif who in users:
        assert admin_login(client, users[who]).status_code == 302
    response = client.get(queue_urls(ready)[name])
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == 403
    assert not response.streaming
    assert ready.reference not in html(response) and "Jamie" not in html(response)


def test_unverified_records_staff_are_told_how_to_get_two_factor(client, records_staff):
    response = admin_login(client, records_staff)
    page = html(client.get(response["Location"]))
    assert "Requests for records need two-factor authentication." in page


def test_records_staff_work_the_queue_through_the_operations(client, sent, records_staff):
    staff = sign_in(client.__class__(), records_staff)
    urls = queue_urls(sent)
    page = html(staff.get(urls["change"]))
    assert "Jamie Rivera" in page and "Start work" in page and "Attach the record" in page
    assert staff.post(urls["start"]).status_code == 302
    sent.refresh_from_db()
    assert sent.status == Status.IN_PROGRESS

    refused = staff.post(urls["attach"], {"document": png_named_pdf()})
    assert refused.status_code == 200 and "The file is not a PDF" in html(refused)
    for bad in (truncated_pdf(), encrypted_pdf()):
        assert staff.post(urls["attach"], {"document": bad}).status_code == 200
    sent.refresh_from_db()
    assert sent.status == Status.IN_PROGRESS and not sent.has_document

    with committed():
        response = staff.post(urls["attach"], {"document": pdf_upload()})
    assert response.status_code == 302
    sent.refresh_from_db()
    assert sent.status == Status.READY and sent.has_document
    assert "download" in mail.outbox[-1].subject.lower()

    document = staff.get(urls["document"])
    assert document.status_code == 200 and "no-store" in document["Cache-Control"]
    assert b"".join(document.streaming_content).startswith(b"%PDF-")

    events = list(sent.events.order_by("created_at", "pk").values_list("action", "actor"))
    assert events == [
        ("submitted", None),
        ("started", records_staff.pk),
        ("document", records_staff.pk),
        ("staff_downloaded", records_staff.pk),
    ]


def test_records_staff_refuse_with_a_reason_the_resident_sees(client, sent, records_staff):
    staff = sign_in(client.__class__(), records_staff)
    url = queue_urls(sent)["refuse"]
    assert "This field is required" in html(staff.post(url, {"reason": ""}))
    with committed():
        staff.post(url, {"reason": "Part of an open criminal investigation."})
    sent.refresh_from_db()
    assert sent.status == Status.REFUSED
    assert sent.refusal_reason == "Part of an open criminal investigation."
    event = sent.events.get(action="refused")
    assert (event.actor, event.from_status, event.note) == (
        records_staff,
        "received",
        "Part of an open criminal investigation.",
    )


def test_changelist_queries_do_not_grow_with_the_rows(client, records_staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    staff = sign_in(client.__class__(), records_staff)
    url = reverse("admin:records_recordrequest_changelist")
    RecordRequestFactory()
    staff.get(url)
    with CaptureQueriesContext(connection) as one:
        staff.get(url)
    for _i in range(5):
        RecordRequestFactory()
    with CaptureQueriesContext(connection) as several:
        assert staff.get(url).status_code == 200
    assert len(one) == len(several)


def test_the_records_group_has_only_the_records_permissions():
    group = Group.objects.get(name=RECORDS)
    assert set(group.permissions.values_list("codename", flat=True)) == {
        "view_recordrequest",
        "change_recordrequest",
        "view_recordrequestevent",
    }


# --- Registered pieces: requests list, guide, sitemap, service callout ---------------------------


def test_registered_as_a_resident_request():
    from core.registry import registry

    entry = next(e for e in registry.resident_requests if e.url_name == "records:start")
    assert str(entry.label) == "Request a copy of a record" and entry.order == 30


def test_the_reporting_guide_points_here():
    entry = ReportingGuideEntry.objects.get(title_en="A copy of a crash or incident report")
    assert "/records/" in entry.body_en and "/es/records/" in entry.body_es and entry.title_es


def test_the_form_page_is_in_the_sitemap(client):
    body = client.get("/sitemap.xml").content.decode()
    assert "/records/</loc>" in body and "/records/status/" not in body


def test_the_records_service_page_has_the_callout_and_others_do_not(client):
    from tests.factories import ServiceFactory

    records_service = ServiceFactory(slug="records", name="Police records")
    other = ServiceFactory(slug="fingerprinting")
    page = html(client.get(records_service.get_absolute_url()))
    assert "data-records-callout" in page and reverse("records:start") in page
    assert "data-records-callout" not in html(client.get(other.get_absolute_url()))


def test_the_callout_makes_no_query(django_assert_num_queries):
    from records.sections import service_callout
    from tests.factories import ServiceFactory

    service = ServiceFactory.build(slug="records")
    with django_assert_num_queries(0):
        assert service_callout(service) == {"show": True}


# --- Retention and demo --------------------------------------------------------------------------


def test_purge_records_deletes_finished_requests_past_retention_with_their_files(
    client, settings, private_storage
):
    settings.RECORDS_RETENTION_DAYS = 30
    fulfilled = attach(RecordRequestFactory(reference="REC-OLDFULFIL2"))
    Moved = RecordRequest.objects.filter(pk=fulfilled.pk)
    Moved.update(status=Status.FULFILLED)
    refused = RecordRequestFactory(
        reference="REC-OLDREFUSE2", status=Status.REFUSED, refusal_reason="Withheld."
    )
    open_old = RecordRequestFactory(reference="REC-OLDOPENNN2", status=Status.IN_PROGRESS)
    recent = RecordRequestFactory(
        reference="REC-NEWREFUSE2", status=Status.REFUSED, refusal_reason="Withheld."
    )
    stored = private_storage / fulfilled.document.name
    assert stored.exists()
    # Move the clock: the old ones last changed 31 days ago.
    long_ago = timezone.now() - timedelta(days=31)
    RecordRequest.objects.exclude(pk=recent.pk).update(status_changed_at=long_ago)

    out = io.StringIO()
    call_command("purge_records", "--dry-run", stdout=out)
    assert "Would delete REC-OLDFULFIL2" in out.getvalue()
    assert RecordRequest.objects.count() == 4 and stored.exists()

    out = io.StringIO()
    with committed():
        call_command("purge_records", stdout=out)
    assert "Deleted REC-OLDFULFIL2" in out.getvalue() and "Deleted REC-OLDREFUSE2" in out.getvalue()
    assert set(RecordRequest.objects.values_list("reference", flat=True)) == {
        open_old.reference,
        recent.reference,
    }
    assert not RecordRequestEvent.objects.filter(record_request_id=fulfilled.pk).exists()
    assert not stored.exists()
    assert refused.pk not in RecordRequest.objects.values_list("pk", flat=True)


def test_demo_adds_sample_requests_in_several_statuses_once(demo):
    from records import demo as records_demo

    samples = RecordRequest.objects.filter(is_sample=True)
    assert samples.count() == len(records_demo.REQUESTS)
    assert set(samples.values_list("status", flat=True)) == {
        "received",
        "in_progress",
        "fulfilled",
        "refused",
    }
    fulfilled = samples.get(status="fulfilled")
    with fulfilled.document.open("rb") as file:
        assert file.read(5) == b"%PDF-"
    assert records_demo.load() == 0
    assert mail.outbox == []  # samples send no email

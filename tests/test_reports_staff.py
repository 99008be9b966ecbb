"""The staff side: two-factor sign-in, who sees reports, photos and exports, the review actions
with their history and emails, the resident's "add more information" link, and purge_reports."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import DepartmentSettings
from reports import demo, operations
from reports.models import (
    RejectionReason,
    Report,
    ReportAddition,
    ReportDraft,
    ReportEvent,
    ReportPhoto,
)
from tests.factories import ReportFactory, StaffUserFactory
from tests.reports_support import (
    add_photo,
    add_totp_device,
    admin_login,
    current_token,
    jpeg_bytes,
    upload,
)

pytestmark = [
    pytest.mark.django_db,
    # Signing in through the real form many times: a cheap hasher keeps the suite quick.
    pytest.mark.usefixtures("private_storage", "report_content", "fast_password_hashing"),
]


@pytest.fixture
def report(db):
    report = ReportFactory()
    ReportEvent.objects.create(report=report, action="submitted", to_status="submitted")
    add_photo(report)
    return report


@pytest.fixture
def reviewer_client(client, report_reviewer):
    """A reviewer signed in through the admin form with a real TOTP code."""
    device = add_totp_device(report_reviewer)
    response = admin_login(client, report_reviewer, token=current_token(device))
    assert response.status_code == 302, response.content.decode()[:3000]
    return client


def report_urls(report) -> dict[str, str]:
    photo = report.photos.first()
    return {
        "list": reverse("admin:reports_report_changelist"),
        "change": reverse("admin:reports_report_change", args=[report.pk]),
        "photo": reverse("admin:reports_report_photo", args=[photo.pk]),
        "export": reverse("admin:reports_report_export"),
        "approve": reverse("admin:reports_report_approve", args=[report.pk]),
        "request_info": reverse("admin:reports_report_request_info", args=[report.pk]),
        "reject": reverse("admin:reports_report_reject", args=[report.pk]),
        "history": reverse("admin:reports_report_history", args=[report.pk]),
        "photo_inline_model": reverse("admin:reports_report_changelist") + "?q=alex",
    }


def html(response) -> str:
    return response.content.decode()


# --- Signing in ----------------------------------------------------------------------------------


def test_reviewer_signs_in_with_totp_and_sees_the_report_photos_and_export(reviewer_client, report):
    urls = report_urls(report)
    page = html(reviewer_client.get(urls["list"]))
    assert report.reference in page and "Alex Resident" in page

    page = html(reviewer_client.get(urls["change"]))
    assert report.reference in page and "My bike was taken" in page
    assert f'src="{urls["photo"]}"' in page and 'class="report-photo-thumb"' in page
    assert "Ask for more information" in page and "Approve" in page

    photo = reviewer_client.get(urls["photo"])
    assert photo.status_code == 200
    assert photo["Content-Type"] == "image/jpeg"
    assert "private" in photo["Cache-Control"] and "no-store" in photo["Cache-Control"]
    assert photo["Content-Disposition"].startswith("inline;")
    assert b"".join(photo.streaming_content)[:2] == b"\xff\xd8"

    export = reviewer_client.get(urls["export"])
    assert export.status_code == 200
    assert export["Content-Type"].startswith("text/csv")
    assert report.reference in export.content.decode()


def test_photo_urls_are_unguessable_and_not_under_media(report, settings):
    photo = report.photos.get()
    url = reverse("admin:reports_report_photo", args=[photo.pk])
    assert not url.startswith(settings.MEDIA_URL)
    assert re.search(r"/[0-9a-f-]{36}/$", url)  # a random UUID, not a counter
    assert photo.file.name not in url


@pytest.mark.parametrize("who", ["anonymous", "content_editor", "unverified_reviewer", "superuser"])
@pytest.mark.parametrize(
    "name", ["list", "change", "photo", "export", "approve", "request_info", "reject", "history"]
)
def test_no_report_photo_or_export_without_permission_and_two_factor(
    client, report, who, name, content_editor, report_reviewer, superuser
):
    users = {
        "content_editor": content_editor,
        "unverified_reviewer": report_reviewer,  # signed in, but not with a second factor
        "superuser": superuser,
    }
    if who in users:
        response = admin_login(client, users[who])
        assert response.status_code == 302
    response = client.get(report_urls(report)[name])
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    else:
        assert response.status_code == 403
    body = response.content if not response.streaming else b"".join(response.streaming_content)
    assert report.reference.encode() not in body
    assert b"Alex Resident" not in body and b"\xff\xd8" not in body[:2]
    if response.status_code == 403 and not response.streaming:
        # Not a bare "403 Forbidden": what to do instead.
        assert b"<h1>You cannot see this page</h1>" in body and b"two-factor sign-in" in body


def test_unverified_reviewer_cannot_act_on_a_report(client, report, report_reviewer):
    admin_login(client, report_reviewer)
    assign = client.post(reverse("admin:reports_report_assign", args=[report.pk]))
    approve = client.post(
        reverse("admin:reports_report_approve", args=[report.pk]), {"case_number": "X"}
    )
    assert assign.status_code == approve.status_code == 403
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED and report.assigned_to is None


def test_unverified_reviewer_is_told_how_to_set_up_two_factor(client, report_reviewer):
    response = admin_login(client, report_reviewer)
    page = html(client.get(response["Location"]))
    assert "Crime reports need two-factor authentication." in page
    # Not a link to set it up: that takes an enrolment link (tests/test_two_factor.py).
    assert "Ask a website administrator for an enrolment link" in page
    assert f'href="{reverse("two_factor_setup")}"' not in page


def test_content_editor_without_device_signs_in_with_password_only(client, content_editor):
    response = admin_login(client, content_editor)
    assert response.status_code == 302
    assert client.get(reverse("admin:cary_pd_page_changelist")).status_code == 200


def test_login_form_asks_for_the_code_and_refuses_a_wrong_one(client, report_reviewer):
    device = add_totp_device(report_reviewer)
    page = html(client.get(reverse("admin:login")))
    assert 'name="otp_token"' in page and 'autocomplete="one-time-code"' in page
    missing = admin_login(client, report_reviewer, token="")
    # The same answer as for a wrong password (tests/test_two_factor.py compares them).
    assert "Enter a correct username and password, and the code" in html(missing)
    good = current_token(device)
    wrong = f"{(int(good) + 1) % 1_000_000:06d}"
    refused = admin_login(client, report_reviewer, token=wrong)
    assert refused.status_code == 200
    assert "Enter a correct username and password, and the code" in html(refused)
    assert "_auth_user_id" not in client.session


def test_sign_in_is_throttled_after_five_failures_for_every_staff_account(client, content_editor):
    for _ in range(4):
        response = admin_login(client, content_editor, password="wrong-password-123")
        assert response.status_code == 200
        assert "Enter a correct username and password" in html(response)
    fifth = admin_login(client, content_editor, password="wrong-password-123")
    assert fifth.status_code == 429
    locked = admin_login(client, content_editor)  # even the right password, during cool-off
    assert locked.status_code == 429
    assert "Sign-in paused" in html(locked) and "15 minutes" in html(locked)
    assert "Traceback" not in html(locked)
    assert "_auth_user_id" not in client.session
    # Another address is not locked out for this account.
    other = client.post(
        reverse("admin:login"),
        {"username": content_editor.username, "password": "correct-horse-battery-staple"},
        REMOTE_ADDR="10.9.9.9",
    )
    assert other.status_code == 302


def test_wrong_codes_count_towards_the_lockout(client, report_reviewer):
    device = add_totp_device(report_reviewer)
    device.throttling_failure_count = 0
    for _ in range(5):
        admin_login(client, report_reviewer, token="000000")
        TOTPDevice.objects.filter(pk=device.pk).update(
            throttling_failure_timestamp=None, throttling_failure_count=0
        )
    locked = admin_login(client, report_reviewer, token=current_token(device))
    assert locked.status_code == 429


# --- Two-factor set-up ---------------------------------------------------------------------------


def test_reviewer_sets_up_an_authenticator_and_is_verified_at_once(client, report_reviewer, report):
    from accounts import operations

    admin_login(client, report_reviewer)
    # Set-up takes an enrolment link from a superuser (tests/test_two_factor.py).
    client.get(operations.invitation_issue(user=report_reviewer).path)
    page = html(client.get(reverse("two_factor_setup")))
    assert "<svg" in page and 'class="qr-code"' in page
    assert " style=" not in page
    device = TOTPDevice.objects.get(user=report_reviewer)
    assert device.confirmed is False
    assert "_" not in page[page.find("otp-secret") :][:60].split("</code>")[0][-20:]
    refused = client.post(reverse("two_factor_setup"), {"token": "123456"})
    assert "The code is not right" in html(refused)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=None, throttling_failure_count=0
    )
    response = client.post(reverse("two_factor_setup"), {"token": current_token(device)})
    assert response.status_code == 200 and "Your backup codes" in html(response)
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(reverse("admin:reports_report_changelist")).status_code == 200


def test_someone_with_a_device_must_use_it_before_replacing_it(client, report_reviewer):
    add_totp_device(report_reviewer)
    client.force_login(report_reviewer)  # a password-only session (e.g. a stolen password)
    response = client.get(reverse("two_factor_setup"))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=report_reviewer).count() == 1


def test_two_factor_setup_is_staff_only(client):
    response = client.get(reverse("two_factor_setup"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


# --- The review workflow -------------------------------------------------------------------------


def test_assign_to_me_records_history(reviewer_client, report, report_reviewer):
    response = reviewer_client.post(reverse("admin:reports_report_assign", args=[report.pk]))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.assigned_to == report_reviewer
    assert report.status == Report.Status.IN_REVIEW
    event = report.events.last()
    assert (event.action, event.actor, event.from_status, event.to_status) == (
        "assigned",
        report_reviewer,
        "submitted",
        "in_review",
    )
    assert reverse("admin:reports_report_assign", args=[report.pk]).endswith("/assign/")
    assert (
        reviewer_client.get(reverse("admin:reports_report_assign", args=[report.pk])).status_code
        == 405
    )


def test_bulk_assign_action(reviewer_client, report, report_reviewer):
    other = ReportFactory()
    reviewer_client.post(
        reverse("admin:reports_report_changelist"),
        {"action": "assign_to_me", "_selected_action": [report.pk, other.pk]},
    )
    assert set(Report.objects.values_list("assigned_to", flat=True)) == {report_reviewer.pk}


def test_request_info_then_resident_adds_information_and_photos_to_the_same_report(
    reviewer_client, report, mailoutbox, django_capture_on_commit_callbacks, client
):
    url = reverse("admin:reports_report_request_info", args=[report.pk])
    page = html(reviewer_client.get(url))
    assert "The link works for 14 days." in page
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(url, {"note": "What colour was the bike?"})
    report.refresh_from_db()
    assert report.status == Report.Status.INFO_REQUESTED
    assert report.resident_message == "What colour was the bike?"
    email = mailoutbox[-1]
    assert email.to == ["alex@example.org"]
    assert "What colour was the bike?" in email.body
    link = re.search(r"http://testserver(/report/more-information/\S+/)", email.body).group(1)

    resident = client.__class__()
    page = html(resident.get(link))
    assert "What colour was the bike?" in page and report.reference in page
    photo = upload("close-up.jpg", jpeg_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = resident.post(
            link, {"text": "It was blue with a white seat.", "photos": [photo]}
        )
    assert response["Location"] == reverse("reports:more_information_sent")
    report.refresh_from_db()
    assert report.status == Report.Status.IN_REVIEW
    addition = ReportAddition.objects.get(report=report)
    assert addition.text == "It was blue with a white seat."
    assert report.photos.count() == 2 and addition.photos.count() == 1
    assert report.events.filter(action="info_added", actor=None).exists()

    # Used once: the same link now says so, and adds nothing.
    again = resident.post(link, {"text": "More"})
    assert again.status_code == 404 and "This link no longer works" in html(again)
    assert ReportAddition.objects.count() == 1

    page = html(reviewer_client.get(reverse("admin:reports_report_change", args=[report.pk])))
    assert "It was blue with a white seat." in page


def test_information_link_expires(report, reviewer_client, monkeypatch, client):
    operations.report_request_info(report=report, actor=None, note="Which bike?")
    event = report.events.get(action="info_requested")
    token = operations.info_link_token(report=report, event=event, days=14)
    assert client.get(reverse("reports:more_information", args=[token])).status_code == 200
    later = signing.time.time() + 15 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.get(reverse("reports:more_information", args=[token]))
    assert response.status_code == 404 and "This link no longer works" in html(response)


def test_forged_or_replaced_links_do_not_work(report, client):
    operations.report_request_info(report=report, actor=None, note="First question")
    first = report.events.get(action="info_requested")
    first_token = operations.info_link_token(report=report, event=first, days=14)
    operations.report_request_info(report=report, actor=None, note="Second question")
    assert client.get(reverse("reports:more_information", args=[first_token])).status_code == 404
    forged = first_token[:-3] + "abc"
    assert client.get(reverse("reports:more_information", args=[forged])).status_code == 404


def test_more_information_needs_text_or_photo_and_refuses_bad_photos(report, client):
    operations.report_request_info(report=report, actor=None, note="Photo please")
    event = report.events.get(action="info_requested")
    url = reverse(
        "reports:more_information",
        args=[operations.info_link_token(report=report, event=event, days=14)],
    )
    assert "Write what you would like to add" in html(client.post(url, {"text": " "}))
    response = client.post(url, {"text": "Here", "photos": [upload("x.jpg", b"not an image")]})
    assert "x.jpg is not a photo we can use" in html(response)
    assert "Here</textarea>" in html(response)
    assert ReportAddition.objects.count() == 0 and report.photos.count() == 1


def test_approve_records_case_number_emails_and_shows_on_status_page(
    reviewer_client, report, mailoutbox, django_capture_on_commit_callbacks, client
):
    url = reverse("admin:reports_report_approve", args=[report.pk])
    assert "Case number" in html(reviewer_client.get(url))
    assert "This field is required" in html(reviewer_client.post(url, {}))
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(url, {"case_number": "2026-004512", "message": "Officer Lee has it."})
    report.refresh_from_db()
    assert (report.status, report.case_number) == ("approved", "2026-004512")
    assert "2026-004512" in mailoutbox[-1].body and report.reference in mailoutbox[-1].subject
    event = report.events.last()
    assert (event.from_status, event.to_status, event.action) == (
        "submitted",
        "approved",
        "approved",
    )

    page = html(
        client.post(
            reverse("reports:status"), {"reference": report.reference, "email": "alex@example.org"}
        )
    )
    assert "Approved" in page and "2026-004512" in page and "Officer Lee has it." in page


def test_reject_uses_a_staff_reason_and_emails_it(
    reviewer_client, report, mailoutbox, django_capture_on_commit_callbacks
):
    reason = RejectionReason.objects.get(title="Happened outside Cary")
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(
            reverse("admin:reports_report_reject", args=[report.pk]),
            {"reason": reason.pk, "note": "It was in Apex."},
        )
    report.refresh_from_db()
    assert report.status == "rejected" and report.rejection_reason == reason
    assert reason.explanation in mailoutbox[-1].body and "It was in Apex." in mailoutbox[-1].body
    assert "It was in Apex." in report.resident_message


def test_closed_reports_cannot_be_changed_again(reviewer_client, report):
    operations.report_approve(report=report, actor=None, case_number="C-1")
    response = reviewer_client.post(
        reverse("admin:reports_report_reject", args=[report.pk]),
        {"reason": RejectionReason.objects.first().pk},
        follow=True,
    )
    assert "already closed" in html(response)
    report.refresh_from_db()
    assert report.status == "approved"


def test_history_is_shown_read_only(reviewer_client, report, report_reviewer):
    operations.report_assign(report=report, reviewer=report_reviewer, actor=report_reviewer)
    page = html(reviewer_client.get(reverse("admin:reports_report_change", args=[report.pk])))
    assert "Assigned to" in page and "rita-reviewer" in page
    assert 'name="events-0-note"' not in page  # no editable inline
    assert 'name="_save"' not in page


def test_nobody_can_delete_a_report_in_the_admin(reviewer_client, report, client, superuser):
    url = reverse("admin:reports_report_delete", args=[report.pk])
    assert reviewer_client.get(url).status_code == 403
    assert reviewer_client.post(url, {"post": "yes"}).status_code == 403
    page = html(reviewer_client.get(reverse("admin:reports_report_changelist")))
    assert "delete_selected" not in page
    assert Report.objects.filter(pk=report.pk).exists()


def test_csv_export_follows_filters_escapes_formulas_and_has_no_photos(reviewer_client, report):
    ReportFactory(reporter_name='=HYPERLINK("http://evil")', status="approved")
    export = reviewer_client.get(reverse("admin:reports_report_export"))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Reference" and "Photos" in rows[0]
    names = [row[rows[0].index("Name")] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in names
    assert b"\xff\xd8" not in export.content and ".jpg" not in export.content.decode()
    filtered = reviewer_client.get(
        reverse("admin:reports_report_export") + "?status__exact=approved"
    )
    rows = list(csv.reader(io.StringIO(filtered.content.decode("utf-8-sig"))))
    assert len(rows) == 2
    changelist = html(
        reviewer_client.get(reverse("admin:reports_report_changelist") + "?status__exact=approved")
    )
    assert "export.csv?status__exact=approved" in changelist


@pytest.mark.parametrize(
    "query",
    [
        "submitted_at__year=abc",
        "submitted_at__gte=yesterday",
        "status__exact=nonsense",
        "incident_type__id__exact=x",
        "assigned_to__id__exact=-",
        "no_such_field=1",
    ],
)
def test_csv_export_answers_a_malformed_filter_as_the_list_does(reviewer_client, report, query):
    response = reviewer_client.get(f"{reverse('admin:reports_report_export')}?{query}")
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("admin:reports_report_changelist"))
        page = reviewer_client.get(response["Location"], follow=True)
        assert page.status_code == 200
    else:  # a filter the list ignores: the file, as the list would show it
        assert response["Content-Type"].startswith("text/csv")


def test_queue_filters_and_search(reviewer_client, report, report_reviewer):
    ReportFactory(reporter_name="Someone Else", reporter_email="else@example.org")
    operations.report_assign(report=report, reviewer=report_reviewer, actor=report_reviewer)
    page = html(reviewer_client.get(reverse("admin:reports_report_changelist") + "?q=alex@example"))
    assert report.reference in page and "Someone Else" not in page
    page = html(reviewer_client.get(reverse("admin:reports_report_changelist")))
    for filter_title in ["By status", "By incident type", "By submitted", "By assigned reviewer"]:
        assert filter_title in page


def test_queue_query_count_does_not_grow(reviewer_client, report, django_assert_max_num_queries):
    url = reverse("admin:reports_report_changelist")
    reviewer_client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        reviewer_client.get(url)
    for _ in range(10):
        add_photo(ReportFactory())
    with CaptureQueriesContext(connection) as many:
        reviewer_client.get(url)
    assert len(many.captured_queries) == len(one.captured_queries)


# --- Retention ------------------------------------------------------------------------------------


def test_purge_reports_dry_run_changes_nothing(report, private_storage):
    operations.report_approve(report=report, actor=None, case_number="C-9")
    Report.objects.filter(pk=report.pk).update(
        status_changed_at=timezone.now() - timedelta(days=400)
    )
    out = io.StringIO()
    call_command("purge_reports", "--dry-run", stdout=out)
    assert f"Would anonymise {report.reference}" in out.getvalue()
    report.refresh_from_db()
    assert report.reporter_name == "Alex Resident" and report.photos.count() == 1
    assert len(list(private_storage.rglob("*.jpg"))) == 1


def test_purge_reports_removes_photos_and_personal_data_of_old_closed_reports(
    report, private_storage, django_capture_on_commit_callbacks
):
    operations.report_approve(report=report, actor=None, case_number="C-9", message="Call Alex")
    old = timezone.now() - timedelta(days=400)
    Report.objects.filter(pk=report.pk).update(status_changed_at=old)
    recent_closed = ReportFactory(status="rejected")
    old_open = ReportFactory(status="in_review", status_changed_at=old)
    stale_draft = ReportDraft.objects.create(answers={"about_you": {"name": "Old draft"}})
    ReportDraft.objects.filter(pk=stale_draft.pk).update(updated_at=old)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_reports", stdout=io.StringIO())
    report.refresh_from_db()
    assert report.anonymised_at is not None
    assert report.reporter_email == "" and report.reporter_phone == ""
    assert "Alex" not in report.reporter_name and "bike" not in report.description
    assert report.resident_message == ""
    assert (report.reference, report.case_number, report.status) == (
        report.reference,
        "C-9",
        "approved",
    )
    assert ReportPhoto.objects.filter(report=report).count() == 0
    assert list(private_storage.rglob("*.jpg")) == []
    assert report.events.filter(action="anonymised").exists()
    assert "Call Alex" not in "".join(report.events.values_list("note", flat=True))
    for untouched in (recent_closed, old_open):
        untouched.refresh_from_db()
        assert untouched.reporter_name == "Alex Resident"
    assert not ReportDraft.objects.filter(pk=stale_draft.pk).exists()
    # Running again finds nothing more to do.
    out = io.StringIO()
    call_command("purge_reports", stdout=out)
    assert "0 report(s)" in out.getvalue()


def test_retention_period_is_a_staff_setting(report):
    from reports.models import ReportSettings

    operations.report_approve(report=report, actor=None, case_number="C-9")
    Report.objects.filter(pk=report.pk).update(
        status_changed_at=timezone.now() - timedelta(days=40)
    )
    assert Report.objects.due_for_purge(retention_days=365).count() == 0
    settings_record = ReportSettings.load()
    settings_record.retention_days = 30
    settings_record.save()
    out = io.StringIO()
    call_command("purge_reports", "--dry-run", stdout=out)
    assert report.reference in out.getvalue()


# --- Groups and demo content ---------------------------------------------------------------------


def test_groups_have_fitting_report_permissions():
    reviewers = set(
        Group.objects.get(name="Report reviewers").permissions.values_list("codename", flat=True)
    )
    editors = set(
        Group.objects.get(name="Content editors").permissions.values_list("codename", flat=True)
    )
    assert {
        "view_report",
        "change_report",
        "view_reportphoto",
        "change_reportsettings",
    } <= reviewers
    assert "delete_report" not in reviewers
    assert "change_reportingguideentry" in editors
    assert not {"view_report", "view_reportphoto"} & editors


def test_reviewers_manage_incident_types_and_reasons_without_two_factor(client, report_reviewer):
    client.force_login(report_reviewer)
    assert client.get(reverse("admin:reports_incidenttype_changelist")).status_code == 200
    assert client.get(reverse("admin:reports_rejectionreason_add")).status_code == 200


def test_demo_content_loads_once(db):
    assert demo.load() == 0
    from reports.models import IncidentType

    assert IncidentType.objects.filter(accepted_online=False).count() == 2
    assert IncidentType.objects.accepted_online().count() == 6


def test_staff_from_another_group_cannot_see_reports_even_with_two_factor(client, report):
    other = StaffUserFactory(username="olly-other")
    device = add_totp_device(other)
    admin_login(client, other, token=current_token(device))
    assert client.get(reverse("admin:reports_report_changelist")).status_code == 403


# --- The report's language ------------------------------------------------------------------------


def spanish(report) -> Report:
    """The report, as filed under /es/report/."""
    Report.objects.filter(pk=report.pk).update(language="es")
    report.refresh_from_db()
    return report


def in_language(language: str, value, format_name: str) -> str:
    with translation.override(language):
        return date_format(timezone.localtime(value), format_name)


def test_the_queue_shows_and_filters_the_language_of_each_report(reviewer_client, report):
    other = spanish(ReportFactory(reporter_name="Someone Else"))
    url = reverse("admin:reports_report_changelist")
    page = html(reviewer_client.get(url))
    assert "By language" in page
    assert 'class="field-language">English<' in page and 'class="field-language">Español<' in page
    page = html(reviewer_client.get(url + "?language__exact=es"))
    assert other.reference in page and report.reference not in page


def test_the_request_for_more_information_is_in_the_language_of_the_report(
    reviewer_client, report, mailoutbox, django_capture_on_commit_callbacks, client
):
    report = spanish(report)
    url = reverse("admin:reports_report_request_info", args=[report.pk])
    with django_capture_on_commit_callbacks(execute=True):
        reviewer_client.post(url, {"note": "¿De qué color era la bicicleta?"})
    email = mailoutbox[-1]
    assert email.to == ["alex@example.org"] and report.reference in email.subject
    assert "¿De qué color era la bicicleta?" in email.body
    event = report.events.get(action="info_requested")
    until = in_language("es", event.created_at + timedelta(days=14), "DATE_FORMAT")
    assert " de " in until and f"hasta el {until}." in email.body
    # The link opens the add-information page in Spanish.
    link = re.search(r"http://testserver(/es/report/more-information/\S+/)", email.body).group(1)
    with translation.override("es"):  # a request under /es/ leaves Spanish active
        page = html(client.get(link))
    assert '<html lang="es"' in page and "¿De qué color era la bicicleta?" in page
    # The reviewer's pages stay in their own language.
    assert '<html lang="en"' in html(reviewer_client.get(report_urls(report)["change"]))


def test_the_more_information_link_of_an_english_report_is_in_english(
    report, mailoutbox, django_capture_on_commit_callbacks
):
    with translation.override("es"), django_capture_on_commit_callbacks(execute=True):
        # Whatever language the reviewer's request is in.
        operations.report_request_info(report=report, actor=None, note="Which bike?")
    email = mailoutbox[-1]
    assert email.subject == f"We need more information about your report {report.reference}"
    assert re.search(r"http://testserver/report/more-information/\S+/", email.body)
    event = report.events.get(action="info_requested")
    until = in_language("en", event.created_at + timedelta(days=14), "DATE_FORMAT")
    assert f"The link works once, until {until}." in email.body


def test_approval_and_rejection_are_emailed_in_the_language_of_the_report(
    report, mailoutbox, django_capture_on_commit_callbacks
):
    department = DepartmentSettings.load()
    department.name_es = "Departamento de Policía de Cary"
    department.save()
    translated = RejectionReason.objects.create(
        title="Out of town",
        explanation="It happened in another town.",
        title_es="Fuera de Cary",
        explanation_es="Ocurrió en otro pueblo.",
    )
    untranslated = RejectionReason.objects.create(
        title="Duplicate", explanation="We already have this report."
    )
    approved = spanish(report)
    rejected = spanish(ReportFactory(reporter_email="pat@example.org"))
    english = ReportFactory(reporter_email="sam@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        operations.report_approve(report=approved, actor=None, case_number="2026-004512")
        operations.report_reject(report=rejected, actor=None, reason=translated, note="En Apex.")
        operations.report_reject(report=english, actor=None, reason=translated)
    approval, rejection, english_rejection = mailoutbox
    assert "2026-004512" in approval.body
    assert approval.body.rstrip().endswith("Departamento de Policía de Cary")
    # The staff-edited reason in Spanish, in the email and on the status page.
    assert "Fuera de Cary" in rejection.body and "Ocurrió en otro pueblo." in rejection.body
    assert "It happened in another town." not in rejection.body
    rejected.refresh_from_db()
    assert rejected.resident_message == "Ocurrió en otro pueblo.\n\nEn Apex."
    assert "It happened in another town." in english_rejection.body
    assert english_rejection.body.rstrip().endswith("Cary Police Department")

    # A reason without Spanish falls back to its English text.
    other = spanish(ReportFactory(reporter_email="lee@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        operations.report_reject(report=other, actor=None, reason=untranslated)
    assert "We already have this report." in mailoutbox[-1].body
    assert mailoutbox[-1].body.rstrip().endswith("Departamento de Policía de Cary")

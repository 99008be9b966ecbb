"""Emails as tasks on the database queue (core/mail.py, django-tasks-db): the request only stores
a task row in its own transaction; `manage.py db_worker` sends it, once, and retries failures.

These tests switch TASKS to the database backend (the production default); the rest of the suite
runs the immediate backend, which sends once the transaction commits."""

import re
import signal
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.tasks import TaskResultStatus
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks_db.models import DBTaskResult

from core import mail as core_mail
from core import search_words
from outreach import operations as outreach_operations
from programs.models import SignUp
from programs.operations import signup_create
from reports import operations as reports_operations
from reports.models import Report
from tests.factories import EventFactory, ProgramFactory
from tests.reports_support import file_report
from tests.servers import RefusingSMTPServer, SilentSMTPServer, free_port
from tests.test_outreach import parse_ics
from tests.test_programs import signup_data

# The worker runs as in production, in its own transactions (and it closes the connection between
# tasks): the rows a test writes are really committed, as a request's would be.
pytestmark = pytest.mark.django_db(transaction=True)

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
STAFF_DESK = "desk@police.example.org"


@pytest.fixture
def db_queue(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # Saving a program also queues the search vocabulary's refresh (core.search_words): these
    # tests count and run the email tasks alone.
    monkeypatch.setattr(search_words, "enqueue_with_write", lambda task: None)
    settings.STAFF_NOTIFICATION_EMAILS = [STAFF_DESK]
    return settings


def smtp_at(settings, port: int, *, timeout: float = 1) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": SMTP_BACKEND,
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": timeout},
        }
    }


def run_worker() -> None:
    """One pass of the real worker: every task that is due, then exit (--batch)."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    finally:
        for sig, handler in handlers.items():  # the worker installs its own
            signal.signal(sig, handler)


def statuses() -> list[str]:
    return list(DBTaskResult.objects.order_by("enqueued_at").values_list("status", flat=True))


def test_signup_only_queues_its_emails_and_never_touches_a_hanging_mail_server(
    client, db_queue, mailoutbox
):
    program = ProgramFactory(name="Neighborhood Watch")
    with SilentSMTPServer() as server:
        smtp_at(db_queue, server.port, timeout=1)
        response = client.post(program.get_absolute_url(), signup_data())
        assert response.status_code == 302
        assert SignUp.objects.count() == 1
        assert statuses() == [TaskResultStatus.READY] * 2
        assert server.connections == [] and mailoutbox == []

        # The worker, not the request, meets the hanging server: it gives up after its timeout
        # and queues a retry for later.
        run_worker()
        assert len(server.connections) == 2
    failed = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
    assert failed.count() == 2
    assert {row.exception_class_path for row in failed} == {"core.mail.EmailNotSent"}
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 2


def test_the_worker_delivers_each_queued_email_exactly_once(db_queue, mailoutbox):
    program = ProgramFactory(name="Neighborhood Watch")
    signup_create(program=program, name="Jamie", email="jamie@example.org", consent=True)
    assert mailoutbox == []

    run_worker()
    run_worker()  # a second worker pass finds nothing left to send

    receipt, notice = sorted(mailoutbox, key=lambda message: message.to != ["jamie@example.org"])
    assert receipt.to == ["jamie@example.org"] and "Neighborhood Watch" in receipt.subject
    assert notice.to == [STAFF_DESK] and "Neighborhood Watch" in notice.body
    assert len(mailoutbox) == 2
    assert statuses() == [TaskResultStatus.SUCCESSFUL] * 2


def test_a_queued_registration_receipt_keeps_its_calendar_attachment(db_queue, mailoutbox):
    event = EventFactory(registration_required=True, capacity=5, title="Coffee with a Cop")
    outreach_operations.registration_create(event=event, name="Pat", email="pat@example.org")
    run_worker()
    message, notice = sorted(mailoutbox, key=lambda sent: sent.to != ["pat@example.org"])
    assert message.to == ["pat@example.org"] and "Coffee with a Cop" in message.subject
    # Staff are told, with a link and no personal details.
    assert notice.subject == "New registration for Coffee with a Cop"
    assert "/admin/outreach/registration/" in notice.body and "pat@example.org" not in notice.body
    assert "Pat" not in notice.body and not notice.attachments
    name, content, mimetype = message.attachments[0]
    assert name == "event.ics" and mimetype.startswith("text/calendar")
    assert [str(e["SUMMARY"]) for e in parse_ics(content.encode()).walk("VEVENT")] == [
        "Coffee with a Cop"
    ]


@pytest.fixture
def refusing_smtp():
    with RefusingSMTPServer() as server:
        yield server


def test_a_failing_send_is_retried_with_backoff_then_recorded_as_failed(
    db_queue, caplog, refusing_smtp
):
    db_queue.STAFF_NOTIFICATION_EMAILS = []
    smtp_at(db_queue, refusing_smtp.port)
    program = ProgramFactory()
    signup_create(program=program, name="Alex", email="alex@example.org", consent=True)
    assert DBTaskResult.objects.count() == 1

    run_worker()
    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    expected = timezone.now() + timedelta(seconds=core_mail.retry_delays()[0])
    assert abs(retry.run_after - expected) < timedelta(seconds=5)
    run_worker()  # not due yet: nothing runs
    assert statuses() == [TaskResultStatus.FAILED, TaskResultStatus.READY]

    for _attempt in range(2, core_mail.MAX_ATTEMPTS + 1):
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
        run_worker()

    assert statuses() == [TaskResultStatus.FAILED] * core_mail.MAX_ATTEMPTS
    assert len(refusing_smtp.connections) == core_mail.MAX_ATTEMPTS
    assert "attempt 5 of 5; giving up" in caplog.text
    assert "Could not send the receipt email for sign-up" in caplog.text
    stored = " ".join(DBTaskResult.objects.values_list("traceback", flat=True))
    assert "alex" not in caplog.text.lower() and "alex" not in stored.lower()


def test_a_retry_that_succeeds_sends_the_email_once(db_queue, settings, mailoutbox):
    db_queue.STAFF_NOTIFICATION_EMAILS = []
    locmem = settings.MAILERS
    smtp_at(db_queue, free_port())
    signup_create(program=ProgramFactory(), name="Jo", email="jo@example.org", consent=True)
    run_worker()
    assert mailoutbox == []

    settings.MAILERS = locmem  # the mail server is back
    DBTaskResult.objects.filter(status=TaskResultStatus.READY).update(run_after=timezone.now())
    run_worker()
    run_worker()
    assert [message.to for message in mailoutbox] == [["jo@example.org"]]
    assert statuses() == [TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL]


def test_a_rolled_back_signup_queues_nothing(db_queue, mailoutbox):
    program = ProgramFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        signup_create(program=program, name="A", email="a@example.org", consent=True)
        assert DBTaskResult.objects.count() == 2  # queued inside the sign-up's transaction
        raise RuntimeError("something later failed")
    assert not SignUp.objects.exists() and not DBTaskResult.objects.exists()
    run_worker()
    assert mailoutbox == [] and mail.outbox == []


def test_task_results_are_listed_for_superusers_only(db_queue, superuser_client, content_editor):
    signup_create(program=ProgramFactory(), name="A", email="a@example.org", consent=True)
    url = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    response = superuser_client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('field-task_name">send_email<') == 2

    superuser_client.force_login(content_editor)
    assert superuser_client.get(url).status_code == 403


def test_queued_emails_keep_the_language_the_resident_used(client, db_queue, mailoutbox):
    """Emails are written when the write is made, in the resident's language: the worker, in
    its own default language, sends them as they were written."""
    program = ProgramFactory(name="Neighborhood Watch", name_es="Vigilancia Vecinal")
    with translation.override("es"):
        response = client.post(program.get_absolute_url(), signup_data())
    assert response.status_code == 302 and SignUp.objects.get().language == "es"
    run_worker()
    receipt, notice = sorted(mailoutbox, key=lambda message: message.to != ["jamie@example.org"])
    assert "Vigilancia Vecinal" in receipt.subject
    assert f"http://testserver/es/programs/{program.slug}/" in receipt.body
    assert notice.to == [STAFF_DESK] and notice.subject == "New sign-up for Neighborhood Watch"


@pytest.mark.usefixtures("report_content")
def test_a_spanish_report_s_queued_emails_link_to_its_spanish_pages(client, db_queue, mailoutbox):
    with translation.override("es"):
        file_report(client)
    report = Report.objects.get()
    assert report.language == "es"
    reports_operations.report_request_info(report=report, actor=None, note="¿Qué marca?")
    run_worker()
    assert statuses() == [TaskResultStatus.SUCCESSFUL] * 3  # receipt, staff notice, request
    to_resident = [message for message in mailoutbox if message.to == [report.reporter_email]]
    receipt, request = sorted(to_resident, key=lambda message: "¿Qué marca?" in message.body)
    assert "http://testserver/es/report/status/" in receipt.body
    assert re.search(r"http://testserver/es/report/more-information/\S+/", request.body)

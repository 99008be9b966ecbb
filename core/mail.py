"""Email through Django's tasks framework, so a slow or dead mail server never holds a request.

Callers render their message during the write and hand plain, JSON-serialisable data to
``enqueue``; the ``send_email`` task builds the ``EmailMessage`` and sends it.

- Database backend (django-tasks-db, production): ``enqueue`` inserts the task row in the
  caller's transaction, so it is committed with the write that caused it and rolled back with
  it. ``manage.py db_worker`` claims each row once (READY to RUNNING under a row lock) and runs
  it; a task that ran is never picked again, so a sent email is never sent twice by the queue.
- Immediate backend (``DJANGO_TASKS_BACKEND=immediate``: ``make run``): no queue and no worker;
  the task runs in the process once the transaction commits, so a rolled-back write sends
  nothing there either.

A failed send is retried as a new task with a later ``run_after`` (django-tasks-db has no retries
of its own), up to ``MAX_ATTEMPTS``; every failed attempt is a FAILED task result in the admin,
and the last one is logged as an error. Logs and stored errors name the message by its
``label`` and the error by its class, never by an address or the body.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import timezone

from core.tasks import enqueue_with_write

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def retry_delays() -> list[int]:
    """Seconds to wait before attempts 2, 3, 4 and 5 (settings.EMAIL_RETRY_SECONDS): by
    default 1 min, 5 min, 30 min and 2 h, about two and a half hours in all."""
    return settings.EMAIL_RETRY_SECONDS


class EmailNotSent(Exception):
    """One attempt failed. Its message holds the label and the error's class only: the original
    error's text can hold addresses, and the tasks framework logs and stores the traceback."""


def message_data(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    reply_to: list[str] | None = None,
    attachments: list[tuple[str, str, str]] | None = None,
    label: str,
) -> dict:
    """What ``send_email`` needs, as plain data. ``attachments``: (name, text content, mimetype).
    ``label`` names the message in logs and task results without personal data, e.g.
    "receipt email for report CPD-2026-000123"."""
    return {
        "subject": str(subject),
        "body": str(body),
        "from_email": from_email,
        "to": list(to),
        "reply_to": list(reply_to or []),
        "attachments": [list(attachment) for attachment in attachments or []],
        "label": label,
    }


def enqueue(message: dict) -> None:
    """Queue ``message`` (from ``message_data``) within the current transaction."""
    if message["to"]:
        enqueue_with_write(send_email, message)


def _describe(error: Exception) -> str:
    code = getattr(error, "smtp_code", None)  # SMTP replies: the code, not the text
    return f"{type(error).__name__} {code}" if code else type(error).__name__


@task()
def send_email(message: dict, attempt: int = 1) -> int:
    email = EmailMessage(
        subject=message["subject"],
        body=message["body"],
        from_email=message.get("from_email"),
        to=message["to"],
        reply_to=message.get("reply_to") or None,
    )
    for name, content, mimetype in message.get("attachments", []):
        email.attach(name, content, mimetype)
    try:
        return email.send()
    except Exception as error:  # SMTP down or hanging, refused address, ...
        label, reason = message["label"], _describe(error)
        retry = attempt < MAX_ATTEMPTS and send_email.get_backend().supports_defer
        if retry:
            delays = retry_delays()
            delay = delays[min(attempt, len(delays)) - 1]
            send_email.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
                message, attempt=attempt + 1
            )
            logger.warning(
                "Could not send the %s (%s), attempt %d of %d; retrying in %d s",
                *(label, reason, attempt, MAX_ATTEMPTS, delay),
            )
        else:
            logger.error(
                "Could not send the %s (%s), attempt %d of %d; giving up",
                *(label, reason, attempt, MAX_ATTEMPTS),
            )
        raise EmailNotSent(
            f"{label}: {reason} (attempt {attempt} of {MAX_ATTEMPTS}"
            f"{', retry queued' if retry else ', given up'})"
        ) from None

"""Sending a mailing with the task worker (django-tasks-db's ``manage.py db_worker``).

``mailing_start`` runs at the mailing's time (``run_after``): it creates one ``Delivery`` per
subscriber of any of its topics, a chunk of subscribers at a time, each chunk committed with the
``mailing_send_batch`` task that sends it, so the first emails leave while the rest are still
being queued and every worker takes batches. Running it twice creates no second delivery (the
unique constraint, ``ignore_conflicts``).

``mailing_send_batch`` claims its chunk's pending deliveries under a row lock (``SKIP LOCKED``
where the database has it: a batch queued twice is sent once), sends them over one SMTP
connection, each in its subscriber's language with the one-click unsubscribe headers (RFC
8058), and marks them sent in the same transaction. A failed send stays pending with the kind of
error and is tried again later, up to ``core.mail.MAX_ATTEMPTS`` times, then marked failed; a
sent delivery is never claimed again. What a stopped worker left unfinished is queued again by
``manage.py resume_alert_mailings`` (alerts.operations.mailings_resume).
"""

import email.policy
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import connection, transaction
from django.tasks import task
from django.template.loader import get_template
from django.utils import timezone, translation

from alerts import tokens
from alerts.models import Delivery, Mailing, Subscriber
from core.mail import MAX_ATTEMPTS, retry_delays
from core.models import DepartmentSettings
from core.tasks import enqueue_with_write

logger = logging.getLogger(__name__)


def batch_size() -> int:
    return settings.ALERTS_BATCH_SIZE


@task()
def mailing_start(mailing_id: int) -> int:
    """Queue every delivery of a mailing that is due; the number queued by this run."""
    with transaction.atomic():
        mailing = Mailing.objects.select_for_update().filter(pk=mailing_id).first()
        if mailing is None or mailing.recipient_count is not None:
            return 0  # gone, or already queued in full
        if mailing.state not in (Mailing.State.SCHEDULED, Mailing.State.SENDING):
            return 0  # cancelled
        if mailing.publish_at > timezone.now():
            return 0  # moved later: the task queued for the new time starts it
        if mailing.state == Mailing.State.SCHEDULED:
            mailing.state, mailing.started_at = Mailing.State.SENDING, timezone.now()
            mailing.save(update_fields=["state", "started_at"])
    subscriber_ids = list(
        Subscriber.objects.subscribed()
        .filter(topics__in=mailing.topics.all())
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    size = batch_size()
    for start in range(0, len(subscriber_ids), size):
        chunk = subscriber_ids[start : start + size]
        with transaction.atomic():
            Delivery.objects.bulk_create(
                [Delivery(mailing_id=mailing_id, subscriber_id=pk) for pk in chunk],
                ignore_conflicts=True,
            )
            enqueue_with_write(mailing_send_batch, mailing_id, chunk[0], chunk[-1])
    with transaction.atomic():
        count = Delivery.objects.filter(mailing_id=mailing_id).count()
        Mailing.objects.filter(pk=mailing_id).update(recipient_count=count)
    finish_if_done(mailing_id)
    return len(subscriber_ids)


def _claim(mailing_id: int, first: int, last: int) -> list[Delivery]:
    deliveries = (
        Delivery.objects.filter(
            mailing_id=mailing_id,
            subscriber_id__gte=first,
            subscriber_id__lte=last,
            state=Delivery.State.PENDING,
        )
        .select_related("subscriber")
        .order_by("pk")
    )
    if connection.features.has_select_for_update_skip_locked:
        return list(deliveries.select_for_update(skip_locked=True, of=("self",)))
    return list(deliveries.select_for_update())  # SQLite: writers take turns anyway


class AlertEmail(EmailMessage):
    """An alert. Its List-Unsubscribe header is one long URL: folded at 78 characters, Python's
    email package would split it into encoded words, which mail programs do not read as a URL
    (RFC 2369). Header lines up to RFC 5322's limit of 998 characters keep it whole."""

    def message(self, *, policy=email.policy.default):
        return super().message(policy=policy.clone(max_line_length=998))


def _email(mailing: Mailing, subscriber: Subscriber, department) -> EmailMessage:
    with translation.override(subscriber.language):
        message = mailing.message(subscriber.language)
        unsubscribe_url = tokens.url(subscriber, tokens.UNSUBSCRIBE)
        body = get_template("alerts/email/mailing.txt").render(
            {
                "message": message,
                "manage_url": tokens.url(subscriber, tokens.MANAGE),
                "unsubscribe_url": unsubscribe_url,
                "department": department,
            }
        )
    return AlertEmail(
        subject=message.get("subject", ""),
        body=body,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _describe(error: Exception) -> str:
    code = getattr(error, "smtp_code", None)  # the code, never the reply's text (addresses)
    return (f"{type(error).__name__} {code}" if code else type(error).__name__)[:100]


@task()
def mailing_send_batch(mailing_id: int, first: int, last: int, attempt: int = 1) -> int:
    """Send the pending deliveries of subscribers ``first``..``last``; the number sent."""
    mailing = Mailing.objects.filter(pk=mailing_id).first()
    if mailing is None or mailing.state == Mailing.State.CANCELLED:
        return 0
    department = DepartmentSettings.load()
    sent = 0
    with transaction.atomic():
        deliveries = _claim(mailing_id, first, last)
        if not deliveries:
            return 0
        emails = [_email(mailing, delivery.subscriber, department) for delivery in deliveries]
        mailer = mailers.default
        try:
            mailer.open()
        except Exception as error:  # the mail server is down: every one of them waits
            reason = _describe(error)
            for delivery in deliveries:
                _failed(delivery, reason)
        else:
            try:
                for delivery, email in zip(deliveries, emails, strict=True):
                    try:
                        mailer.send_messages([email])
                    except Exception as error:  # refused address, dropped connection...
                        _failed(delivery, _describe(error))
                    else:
                        delivery.state, delivery.sent_at = Delivery.State.SENT, timezone.now()
                        delivery.attempts += 1
                        delivery.error = ""
                        sent += 1
            finally:
                mailer.close()
        Delivery.objects.bulk_update(deliveries, ["state", "sent_at", "attempts", "error"])
        waiting = sum(delivery.state == Delivery.State.PENDING for delivery in deliveries)
        if waiting:
            _retry(mailing_id, first, last, attempt, waiting)
    finish_if_done(mailing_id)
    return sent


def _failed(delivery: Delivery, reason: str):
    delivery.attempts += 1
    delivery.error = reason
    if delivery.attempts >= MAX_ATTEMPTS or not mailing_send_batch.get_backend().supports_defer:
        delivery.state = Delivery.State.FAILED


def _retry(mailing_id: int, first: int, last: int, attempt: int, waiting: int):
    delays = retry_delays()
    delay = delays[min(attempt, len(delays)) - 1]
    retry = mailing_send_batch.using(run_after=timezone.now() + timedelta(seconds=delay))
    enqueue_with_write(retry, mailing_id, first, last, attempt=attempt + 1)
    logger.warning(
        "Could not send %d alert emails of mailing %d (attempt %d); retrying in %d s",
        *(waiting, mailing_id, attempt, delay),
    )


def finish_if_done(mailing_id: int) -> None:
    """Sent: every delivery queued (``recipient_count`` set) and none pending."""
    with transaction.atomic():
        pending = Delivery.objects.filter(mailing_id=mailing_id, state=Delivery.State.PENDING)
        Mailing.objects.filter(
            pk=mailing_id, state=Mailing.State.SENDING, recipient_count__isnull=False
        ).exclude(pk__in=pending.values("mailing_id")).update(
            state=Mailing.State.SENT, finished_at=timezone.now()
        )

"""Writes with rules for email alerts: subscribing (double opt-in), confirming, changing topics,
leaving, and publishing a mailing. Used by the views, the admin (through outreach), the tests.

Subscribing never tells anyone whether an address is known: whatever its state the page says
"check your email", and only the mailbox learns more (a confirmation link, or, for an address
already subscribed, a link to manage its alerts, changing nothing). An address gets such an
email at most once every ``ALERTS_LINK_INTERVAL_SECONDS``, however many requests name it.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone

from alerts import notifications, tasks, tokens
from alerts.models import Delivery, Mailing, Subscriber, Topic
from core.tasks import enqueue_with_write


@transaction.atomic
def subscribe(*, email: str, topics: Iterable[Topic], language: str) -> Subscriber:
    """Record the wish and mail the address: a confirmation link for a new, unconfirmed or
    departed address (its topics and language as asked), a manage link for one subscribed now
    (nothing changes: only its mailbox may change its alerts)."""
    email = email.strip()
    topics = list(topics)
    subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
    now = timezone.now()
    interval = timedelta(seconds=settings.ALERTS_LINK_INTERVAL_SECONDS)
    recently_mailed = (
        subscriber is not None
        and subscriber.emailed_at is not None
        and subscriber.emailed_at > now - interval
    )
    if subscriber is not None and subscriber.is_subscribed:
        if not recently_mailed:
            _mark_emailed(subscriber, now)
            notifications.send_manage_link(subscriber)
        return subscriber
    if subscriber is None:
        subscriber = Subscriber.objects.create(email=email, language=language)
    else:  # unconfirmed, or left earlier: confirmed again before anything is mailed
        subscriber.language = language
        subscriber.confirmed_at = None
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["language", "confirmed_at", "unsubscribed_at"])
    subscriber.topics.set(topics)
    if not recently_mailed:  # the link already mailed confirms these topics too
        _mark_emailed(subscriber, now)
        notifications.send_confirmation(subscriber)
    return subscriber


def _mark_emailed(subscriber: Subscriber, now: datetime):
    subscriber.emailed_at = now
    subscriber.save(update_fields=["emailed_at"])


@transaction.atomic
def confirm(*, subscriber: Subscriber) -> Subscriber:
    """The address is the resident's: alerts start. A second confirmation changes nothing."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if subscriber.confirmed_at is None or subscriber.unsubscribed_at is not None:
        subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["confirmed_at", "unsubscribed_at"])
    return subscriber


@transaction.atomic
def update_topics(*, subscriber: Subscriber, topics: Iterable[Topic], language: str) -> Subscriber:
    """From the signed manage link (it reached the mailbox, so the address is confirmed):
    these topics in this language from now on, subscribed again if the resident had left."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    subscriber.language = language
    subscriber.confirmed_at = subscriber.confirmed_at or timezone.now()
    subscriber.unsubscribed_at = None
    subscriber.save(update_fields=["language", "confirmed_at", "unsubscribed_at"])
    subscriber.topics.set(list(topics))
    return subscriber


@transaction.atomic
def unsubscribe(*, subscriber: Subscriber) -> bool:
    """No more alerts. Idempotent: True the first time, False (nothing changes) after."""
    changed = (
        Subscriber.objects.filter(pk=subscriber.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=timezone.now()
        )
        > 0
    )
    subscriber.refresh_from_db(fields=["unsubscribed_at"])
    return changed


@transaction.atomic
def subscribers_purge(*, now: datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """Forget addresses the department no longer needs: never confirmed within the link's life
    (``tokens.CONFIRM_MAX_AGE``), and left more than ``ALERTS_UNSUBSCRIBED_RETENTION_DAYS``
    ago. The send log keeps their deliveries, without the subscriber."""
    now = now or timezone.now()
    unconfirmed = Subscriber.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - tokens.CONFIRM_MAX_AGE
    ).exclude(emailed_at__gte=now - tokens.CONFIRM_MAX_AGE)
    retention = timedelta(days=settings.ALERTS_UNSUBSCRIBED_RETENTION_DAYS)
    departed = Subscriber.objects.filter(unsubscribed_at__lt=now - retention)
    counts = {"unconfirmed": unconfirmed.count(), "unsubscribed": departed.count()}
    if not dry_run:
        unconfirmed.delete()
        departed.delete()
    return counts


@transaction.atomic
def mailing_publish(
    *, source_key: str, topics: Iterable[Topic], messages: dict, publish_at: datetime
) -> tuple[Mailing, bool]:
    """Mail an item to its topics' subscribers at ``publish_at``, once: a second call for the
    same ``source_key`` creates nothing. While the mailing is still scheduled, the call updates
    what it sends and when (staff corrected the item before its time); once it has started,
    nothing changes. Returns the mailing and whether this call created it."""
    topics = list(topics)
    mailing, created = Mailing.objects.select_for_update().get_or_create(
        source_key=source_key, defaults={"messages": messages, "publish_at": publish_at}
    )
    if not created:
        if mailing.state != Mailing.State.SCHEDULED:
            return mailing, False
        moved = mailing.publish_at != publish_at
        mailing.messages, mailing.publish_at = messages, publish_at
        mailing.save(update_fields=["messages", "publish_at"])
        mailing.topics.set(topics)
        if moved:  # the task queued for the old time finds it not due and leaves it
            _enqueue_start(mailing)
        return mailing, False
    mailing.topics.set(topics)
    _enqueue_start(mailing)
    return mailing, True


@transaction.atomic
def mailing_cancel(*, source_key: str) -> bool:
    """Staff unpublished the item before its time: its scheduled mailing is not sent."""
    return (
        Mailing.objects.filter(source_key=source_key, state=Mailing.State.SCHEDULED).update(
            state=Mailing.State.CANCELLED
        )
        > 0
    )


def _enqueue_start(mailing: Mailing):
    task = tasks.mailing_start
    if task.get_backend().supports_defer:
        task = task.using(run_after=mailing.publish_at)
    # Without a queue that defers (the immediate backend of a local run), the task starts now
    # and leaves a mailing that is not due yet scheduled.
    enqueue_with_write(task, mailing.pk)


@transaction.atomic
def mailings_resume(*, now: datetime | None = None, older_than=timedelta(minutes=15)) -> int:
    """Queue again what a worker stopped in the middle of (killed, or it lost the database: a
    task it was running is never run again by django-tasks-db): the start of a mailing due
    ``older_than`` ago that is still scheduled or not queued in full, and the pending deliveries
    of one sending since then. Safe to run any time: a start creates no second delivery and a
    batch claims only pending deliveries no other batch holds. Returns the tasks queued."""
    now = now or timezone.now()
    cutoff = now - older_than
    queued = 0
    stalled = Mailing.objects.filter(publish_at__lt=cutoff).filter(
        models.Q(state=Mailing.State.SCHEDULED)
        | models.Q(state=Mailing.State.SENDING, recipient_count__isnull=True)
    )
    for mailing in stalled:
        enqueue_with_write(tasks.mailing_start, mailing.pk)
        queued += 1
    sending = Mailing.objects.filter(
        state=Mailing.State.SENDING, recipient_count__isnull=False, started_at__lt=cutoff
    )
    size = tasks.batch_size()
    for mailing in sending:
        pending = list(
            mailing.deliveries.filter(state=Delivery.State.PENDING, subscriber__isnull=False)
            .order_by("subscriber_id")
            .values_list("subscriber_id", flat=True)
        )
        for start in range(0, len(pending), size):
            chunk = pending[start : start + size]
            enqueue_with_write(tasks.mailing_send_batch, mailing.pk, chunk[0], chunk[-1])
            queued += 1
    return queued

"""Writes with rules for outreach: event registrations, the waiting list and cancellations.

Every function here locks the event row first, so two requests for the last place are served
one after the other (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions
serialise writers).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from alerts import operations as alerts_operations
from core import links
from outreach import notifications
from outreach.models import Event, NewsItem, Registration


class RegistrationClosed(Exception):
    """The event takes no registrations (cancelled, over, or none needed)."""


@dataclass(frozen=True)
class RegistrationResult:
    registration: Registration
    created: bool  # False: this email already had a place or a waiting-list spot


@transaction.atomic
def registration_create(
    *, event: Event, name: str, email: str, party_size: int = 1, language: str | None = None
) -> RegistrationResult:
    """Give the resident a place, or a waiting-list spot when the places are gone.

    A second registration with the same email for the same event returns the first one.
    ``language``: the one the resident used (the request's), that every email about this
    registration is written in; the site's default when None.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not event.takes_registrations:
        raise RegistrationClosed
    existing = event.registrations.active().filter(email__iexact=email).first()
    if existing:
        return RegistrationResult(existing, created=False)

    fits = event.capacity is None or event.places_taken() + party_size <= event.capacity
    # Nobody jumps the queue: while others wait, a newcomer waits too.
    if fits and event.registrations.waitlisted().exists():
        fits = False
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                name=name,
                email=email,
                party_size=party_size,
                language=language or settings.LANGUAGE_CODE,
                status=Registration.Status.CONFIRMED if fits else Registration.Status.WAITLISTED,
            )
    except IntegrityError:
        # The unique constraint caught a duplicate that raced past the check above.
        return RegistrationResult(
            event.registrations.active().get(email__iexact=email), created=False
        )
    # Queued in this transaction (core.mail): a mail server outage never reaches the resident.
    notifications.send_registration_receipt(registration)
    notifications.send_registration_staff_notice(registration)
    return RegistrationResult(registration, created=True)


@transaction.atomic
def registration_cancel(*, registration: Registration) -> list[Registration]:
    """Cancel a registration and give freed places to the waiting list, first come first served.

    Returns the registrations promoted from the waiting list.
    """
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return []
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.status_changed_at = timezone.now()
    registration.save(update_fields=["status", "status_changed_at"])
    if not was_confirmed or event.is_past or event.is_cancelled:
        return []
    return _promote_from_waiting_list(event)


@transaction.atomic
def waiting_list_promote(*, event: Event) -> list[Registration]:
    """Fill free places from the waiting list, e.g. after staff raise the capacity."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_past or event.is_cancelled:
        return []
    return _promote_from_waiting_list(event)


def _promote_from_waiting_list(event: Event) -> list[Registration]:
    promoted = []
    taken = event.places_taken()
    for waiting in event.registrations.waitlisted().select_for_update():
        if event.capacity is not None and taken + waiting.party_size > event.capacity:
            break  # strictly in order: the first on the list is never skipped
        waiting.status = Registration.Status.CONFIRMED
        waiting.status_changed_at = timezone.now()
        waiting.save(update_fields=["status", "status_changed_at"])
        taken += waiting.party_size
        promoted.append(waiting)
    for registration in promoted:
        notifications.send_promotion(registration)
    return promoted


@transaction.atomic
def news_item_send_alerts(*, item: NewsItem) -> None:
    """Email a published item to the subscribers of its alert topics, at its publish time (a
    scheduled item waits for it), once: saving it again sends nothing more. Unpublished before
    its time, or left with no topics, its mailing is cancelled. Each language's subject, text
    and link are written now, from the item's text in that language (or English)."""
    source_key = f"outreach.newsitem:{item.pk}"
    topics = list(item.alert_topics.all())
    if not (item.is_published and topics):
        alerts_operations.mailing_cancel(source_key=source_key)
        return
    messages = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            body = "\n\n".join(part for part in (item.summary, item.body) if part)
            messages[code] = {
                "subject": item.title,
                "body": body,
                "url": links.absolute_url(item.get_absolute_url()),
            }
    alerts_operations.mailing_publish(
        source_key=source_key, topics=topics, messages=messages, publish_at=item.published_at
    )

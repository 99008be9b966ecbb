"""Simultaneous registrations never overbook (PostgreSQL: real row locks, real connections)."""

import pytest
from django.db import connection

from outreach import operations
from outreach.models import Registration
from tests.concurrency import run_at_once
from tests.factories import EventFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: SQLite's shared in-memory test database has no row locks",
    ),
]


def test_thirty_simultaneous_registrations_for_ten_places():
    event = EventFactory(registration_required=True, capacity=10)

    def register(n):
        return operations.registration_create(
            event=event, name=f"Resident {n}", email=f"resident{n}@example.org"
        ).registration.status

    statuses = run_at_once(30, register)
    assert statuses.count("confirmed") == 10
    assert statuses.count("waitlisted") == 20
    assert event.registrations.confirmed().count() == 10
    assert event.registrations.waitlisted().count() == 20

    first_waiting = event.registrations.waitlisted().first()
    cancelled = event.registrations.confirmed().first()
    promoted = operations.registration_cancel(registration=cancelled)
    assert [r.pk for r in promoted] == [first_waiting.pk]
    assert event.registrations.confirmed().count() == 10
    assert Registration.objects.get(pk=first_waiting.pk).status == "confirmed"


def test_the_same_email_at_once_is_stored_once():
    event = EventFactory(registration_required=True, capacity=10)

    def register(n):
        return operations.registration_create(
            event=event, name="Pat", email="pat@example.org"
        ).registration.pk

    pks = run_at_once(8, register)
    assert len(set(pks)) == 1
    assert event.registrations.count() == 1


def test_simultaneous_cancellations_promote_each_waiting_person_once():
    event = EventFactory(registration_required=True, capacity=3)
    for n in range(6):
        operations.registration_create(event=event, name=f"R{n}", email=f"r{n}@example.org")
    confirmed = list(event.registrations.confirmed())

    def cancel(n):
        return [r.pk for r in operations.registration_cancel(
            registration=confirmed[n]
        )]  # fmt: skip

    promoted = [pk for batch in run_at_once(3, cancel) for pk in batch]
    assert len(promoted) == len(set(promoted)) == 3
    assert event.registrations.confirmed().count() == 3
    assert event.registrations.waitlisted().count() == 0

"""Factories for compliments and complaints (issue 15, item 3)."""

import factory
from django.utils import timezone

from feedback.models import Feedback, Kind, Status


class FeedbackFactory(factory.django.DjangoModelFactory):
    """An anonymous complaint, received now; ``closed(outcome)`` for a closed one."""

    class Meta:
        model = Feedback

    reference = factory.Sequence(lambda n: f"PS-FACTRY{n:04d}")
    kind = Kind.COMPLAINT
    description = "The officer did not listen."
    occurred_on = factory.LazyFunction(timezone.localdate)
    anonymous = True
    status = Status.RECEIVED


def closed(outcome: str, **fields) -> Feedback:
    """A closed item with ``outcome`` (of its kind, from ``fields`` or a complaint)."""
    return FeedbackFactory(status=Status.CLOSED, outcome=outcome, **fields)

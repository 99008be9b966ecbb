"""Demo compliments and complaints: samples (``is_sample``) over the last three years, sent
through the operations as residents and staff would, most of them closed with an outcome, so
that the yearly counts page has something to show. Loading adds only what is missing (by
description)."""

from datetime import timedelta

from django.utils import timezone

from feedback import operations
from feedback.models import Feedback, Kind, Outcome

# (days ago, submit fields, outcome or None for still open, note for the resident)
ITEMS = [
    (
        20,
        {
            "kind": Kind.COMPLIMENT,
            "officer": "Sample: Officer Rivera",
            "description": "Sample: the officer helped my father home when he got lost.",
            "location": "Sample: Kildaire Farm Rd",
            "anonymous": False,
            "contact_name": "Sample Resident",
            "share_name": True,
        },
        None,
        "",
    ),
    (
        45,
        {
            "kind": Kind.COMPLAINT,
            "description": "Sample: a patrol car parked across my driveway for an hour.",
            "location": "Sample: a street off Maynard Rd",
            "anonymous": True,
        },
        Outcome.RESOLVED,
        "A supervisor spoke with the officers about parking at calls.",
    ),
    (
        120,
        {
            "kind": Kind.COMPLIMENT,
            "officer": "Sample: badge 2041",
            "description": "Sample: a calm and kind officer at a car crash.",
            "anonymous": True,
        },
        Outcome.ACKNOWLEDGED,
        "",
    ),
    (
        400,
        {
            "kind": Kind.COMPLAINT,
            "officer": "Sample: badge 1187",
            "description": "Sample: the officer was rude during a traffic stop.",
            "anonymous": False,
            "contact_name": "Sample Driver",
            "contact_phone": "(919) 555-0101",
        },
        Outcome.NOT_SUSTAINED,
        "We reviewed the body camera video and spoke with the officer.",
    ),
    (
        430,
        {
            "kind": Kind.COMPLAINT,
            "description": "Sample: nobody called me back about my report.",
            "anonymous": True,
        },
        Outcome.POLICY,
        "We changed how reports are followed up.",
    ),
    (
        460,
        {
            "kind": Kind.COMPLIMENT,
            "description": "Sample: thank you for the safety talk at our school.",
            "anonymous": True,
        },
        Outcome.FORWARDED,
        "",
    ),
    (
        790,
        {
            "kind": Kind.COMPLAINT,
            "description": "Sample: an officer drove too fast through the neighborhood.",
            "anonymous": True,
        },
        Outcome.EXONERATED,
        "The officer was answering an emergency call with lights and siren.",
    ),
    (
        820,
        {
            "kind": Kind.COMPLIMENT,
            "officer": "Sample: Officer Chen",
            "description": "Sample: she found my stolen bike and brought it back.",
            "anonymous": True,
        },
        Outcome.ACKNOWLEDGED,
        "",
    ),
]


def load() -> int:
    now = timezone.now()
    created = 0
    for days_ago, fields, outcome, note in ITEMS:
        if Feedback.objects.filter(is_sample=True, description=fields["description"]).exists():
            continue
        feedback = operations.feedback_submit(
            **fields,
            occurred_on=(now - timedelta(days=days_ago + 1)).date(),
            received_at=now - timedelta(days=days_ago),
            is_sample=True,
        )
        if outcome is not None:
            feedback = operations.feedback_change_status(
                feedback=feedback, actor=None, status=Feedback.Status.UNDER_REVIEW
            )
            operations.feedback_close(
                feedback=feedback, actor=None, outcome=outcome, public_note=note
            )
        created += 1
    return created

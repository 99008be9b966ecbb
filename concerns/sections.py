"""What concerns add to a district's page (core.registry page sections, "districts:detail").

Both show only what anyone may read: counts by kind over the last 90 days (no text, no
person), and the questions staff put on the agenda, in staff's own words.
"""

from django.db.models import Count

from concerns.models import Concern
from outreach.models import Event

RECENT_DAYS = 90


def district_concerns(district) -> dict:
    counted = dict(
        Concern.objects.filter(district=district)
        .recent(days=RECENT_DAYS)
        .order_by()
        .values("kind")
        .annotate(count=Count("pk"))
        .values_list("kind", "count")
    )
    counts = [
        {"kind": value, "label": label, "count": counted.get(value, 0)}
        for value, label in Concern.Kind.choices
    ]
    return {
        "district": district,
        "counts": counts,
        "total": sum(counted.values()),
        "days": RECENT_DAYS,
    }


def district_agenda(district) -> dict:
    meeting = (
        Event.objects.published()
        .upcoming()
        .filter(district=district, kind=Event.Kind.COMMUNITY_MEETING)
        .first()
    )
    questions = list(
        Concern.objects.filter(district=district)
        .agenda()
        .order_by("created_at", "pk")
        .values_list("agenda_text", flat=True)
    )
    return {"district": district, "meeting": meeting, "questions": questions}

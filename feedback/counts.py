"""The public yearly counts: compliments and complaints received per year, and the closed ones
by outcome. Personal data never reaches this page: one aggregate query (GROUP BY year, kind,
outcome), the year taken from the received date in the site's time zone (America/New_York)."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import ExtractYear

from feedback.models import OUTCOME_MEANINGS, OUTCOMES_BY_KIND, Feedback, Kind


def count_rows() -> list[tuple[int, str, str, int]]:
    """(year, kind, outcome, count) for every group that has rows; outcome "" is still open."""
    return list(
        Feedback.objects.annotate(
            year=ExtractYear("created_at", tzinfo=ZoneInfo(settings.TIME_ZONE))
        )
        .order_by()
        .values("year", "kind", "outcome")
        .annotate(count=Count("pk"))
        .values_list("year", "kind", "outcome", "count")
    )


def yearly_counts(rows=None) -> list[dict]:
    """The page's tables: newest year first, for each kind the number received, then how many
    closed with each of the kind's outcomes, and how many are still open."""
    rows = count_rows() if rows is None else rows
    counted = {(year, kind, outcome): count for year, kind, outcome, count in rows}
    years = sorted({year for year, _kind, _outcome, _count in rows}, reverse=True)
    tables = []
    for year in years:
        kinds = []
        for kind in Kind:
            outcomes = [
                {
                    "value": outcome.value,
                    "label": outcome.label,
                    "count": counted.get((year, kind.value, outcome.value), 0),
                }
                for outcome in OUTCOMES_BY_KIND[kind]
            ]
            received = sum(
                count for (y, k, _o), count in counted.items() if y == year and k == kind.value
            )
            kinds.append(
                {
                    "kind": kind.value,
                    "label": kind.label,
                    "received": received,
                    "open": counted.get((year, kind.value, ""), 0),
                    "outcomes": outcomes,
                }
            )
        tables.append({"year": year, "kinds": kinds})
    return tables


def outcome_meanings() -> list[dict]:
    return [
        {"label": outcome.label, "meaning": OUTCOME_MEANINGS[outcome]}
        for kind in (Kind.COMPLAINT, Kind.COMPLIMENT)
        for outcome in OUTCOMES_BY_KIND[kind]
    ]

"""iCalendar (RFC 5545) for events: one event's .ics, the subscription feed, email attachments.

The subscription feed is asked for by every calendar app every few hours, and icalendar's own
writing (line folding, property encoding) costs about half a millisecond per event. So each
event's VEVENT is written once and kept, by everything it shows (``vevent_ical``), the
VTIMEZONE once per span of years, and the feed is the calendar's head, the time zone and the
kept VEVENTs, joined: the same bytes icalendar writes for the whole calendar, at the cost of a
lookup per event. The feed holds the events of the next FEED_HORIZON_DAYS (calendar apps show
no further, and the feed stays small).
"""

from datetime import UTC, date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.timezone import now
from icalendar import Calendar, Timezone
from icalendar import Event as VEvent

from core import http_cache, links
from core.models import DepartmentSettings
from outreach.models import Event

PRODID = "-//Cary Police Department//Outreach events//EN"
UID_DOMAIN = "events.carypd"
FEED_HORIZON_DAYS = 400
# Events kept written, per process: the feed's and more (a VEVENT is about 600 bytes).
VEVENTS_KEPT = 4096
CALENDAR_END = b"END:VCALENDAR\r\n"


def event_uid(event: Event) -> str:
    # Stable for the event's whole life: a renamed or rescheduled event stays the same entry.
    return f"{event.calendar_uid}@{UID_DOMAIN}"


def vevent(event: Event) -> VEvent:
    zone = ZoneInfo(settings.TIME_ZONE)
    component = VEvent()
    component.add("uid", event_uid(event))
    component.add("dtstamp", event.updated_at.astimezone(UTC))
    component.add("last-modified", event.updated_at.astimezone(UTC))
    component.add("created", event.created_at.astimezone(UTC))
    component.add("sequence", event.sequence)
    component.add("dtstart", event.starts_at.astimezone(zone))
    component.add("dtend", event.ends_at.astimezone(zone))
    component.add("summary", event.title)
    component.add("location", f"{event.location_name}, {event.address}")
    component.add("description", event.summary)
    component.add("url", links.absolute_url(event.get_absolute_url()))
    component.add("categories", [event.get_kind_display()])
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return component


# Everything a VEVENT shows, so a kept one is never stale: any change is a new key.
VEVENT_FIELDS = (
    "pk", "calendar_uid", "slug", "updated_at", "created_at", "sequence", "starts_at", "ends_at",
    "title", "location_name", "address", "summary", "kind", "is_cancelled",
)  # fmt: skip


def vevent_ical(event: Event | tuple) -> bytes:
    """An event's VEVENT: ``event`` is an Event or a row of its VEVENT_FIELDS (the feed reads
    rows, not model instances, which cost more than the lookup of a kept VEVENT)."""
    row = event if isinstance(event, tuple) else tuple(getattr(event, f) for f in VEVENT_FIELDS)
    return _written_vevent(row, translation.get_language(), settings.SITE_URL)


@lru_cache(maxsize=VEVENTS_KEPT)
def _written_vevent(row: tuple, language: str, site_url: str) -> bytes:
    # The row is everything the VEVENT shows; the language and the site address the rest.
    # Building the Event from it notes no key of its own (core.http_cache notes each parent row
    # a page loads): the feed's query noted the events' table, which every change to an event
    # purges, and 300 row keys would be 300 versions to check at every request of the feed.
    with http_cache.not_collecting():
        event = Event(**dict(zip(VEVENT_FIELDS, row, strict=True)))
    return vevent(event).to_ical()


@lru_cache(maxsize=16)
def timezone_ical(tzid: str, first_year: int, last_year: int) -> bytes:
    """The VTIMEZONE with the transitions of these years only, not 1970 to 2038."""
    zone = Timezone.from_tzid(
        tzid, first_date=date(first_year, 1, 1), last_date=date(last_year, 12, 31)
    )
    return zone.to_ical()


def calendar(events, name: str | None = None) -> bytes:
    """The calendar of ``events``: Events, or rows of VEVENT_FIELDS (``feed_events``)."""
    events = list(events)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name or DepartmentSettings.load().name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    head = cal.to_ical()
    if not events:
        return head
    starts = VEVENT_FIELDS.index("starts_at")
    years = [(e[starts] if isinstance(e, tuple) else e.starts_at).year for e in events]
    parts = [head.removesuffix(CALENDAR_END)]
    parts.append(timezone_ical(settings.TIME_ZONE, min(years) - 1, max(years) + 1))
    parts.extend(vevent_ical(event) for event in events)
    parts.append(CALENDAR_END)
    return b"".join(parts)


def feed_events():
    """The subscription feed's events, as rows of VEVENT_FIELDS: published, not ended,
    starting within the horizon."""
    horizon = now() + timedelta(days=FEED_HORIZON_DAYS)
    return (
        Event.objects.published()
        .upcoming()
        .filter(starts_at__lt=horizon)
        .values_list(*VEVENT_FIELDS)
    )

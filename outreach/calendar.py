"""iCalendar (RFC 5545) for events: one event's .ics, the subscription feed, email attachments."""

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar
from icalendar import Event as VEvent

from core import links
from core.models import DepartmentSettings
from outreach.models import Event

PRODID = "-//Cary Police Department//Outreach events//EN"
UID_DOMAIN = "events.carypd"


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


def calendar(events, name: str | None = None) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name or DepartmentSettings.load().name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    starts = []
    for event in events:
        cal.add_component(vevent(event))
        starts.append(event.starts_at.date())
    if starts:
        # The VTIMEZONE needs only the transitions around these events, not 1970 to 2038.
        cal.add_missing_timezones(
            first_date=min(starts) - timedelta(days=366),
            last_date=max(starts) + timedelta(days=366),
        )
    return cal.to_ical()

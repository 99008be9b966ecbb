"""{% event_card event %}: an event in a list (the events page, the archive, the home page).

A tag rather than an include: a list shows a page of them, and an {% include %} with its own
context and four date filters costs several times what building the same HTML here does.
"""

import html

from django import template
from django.utils.dateformat import DateFormat
from django.utils.formats import get_format
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime
from django.utils.translation import gettext

from core.templatetags.site_tags import content_html
from outreach.models import Event

register = template.Library()


def kind_label(kind: str) -> str:
    """What get_kind_display() gives, without the dict of every choice it builds per call."""
    try:
        return str(Event.Kind(kind).label)
    except ValueError:
        return kind


@register.simple_tag
def event_card(event, heading_level=3):
    """A date badge, the title as the card's one link, time, place and kind."""
    # One formatter for the four dates: what date_format() does for each, less its set-up.
    starts = DateFormat(localtime(event.starts_at))
    cancelled = event.is_cancelled
    level = int(heading_level)
    title = content_html(event, "title")  # marked lang="en" where Spanish is missing
    # The day and the time as the language writes them (cary_pd/formats).
    when = (
        starts.format(get_format("MONTH_DAY_FORMAT"))
        + ", "
        + starts.format(get_format("TIME_FORMAT"))
    )
    if cancelled:
        title = f"{html.escape(gettext('Cancelled:'))} {title}"
    status = (
        f' <span class="tag tag--status">{html.escape(gettext("Registration required"))}</span>'
        if event.registration_required and not cancelled
        else ""
    )
    return mark_safe(  # noqa: S308 (every value is escaped)
        f'<div class="card-tile event-card{" event-card--cancelled" if cancelled else ""}">\n'
        '  <p class="date-badge" aria-hidden="true">\n'
        f'    <span class="date-badge__month">{html.escape(starts.format("M"))}</span>\n'
        f'    <span class="date-badge__day">{html.escape(starts.format("j"))}</span>\n'
        "  </p>\n"
        '  <div class="event-card__body">\n'
        f'    <h{level} class="card-tile__title"><a class="stretched-link"'
        f' href="{html.escape(event.get_absolute_url())}">{title}</a></h{level}>\n'
        f'    <p class="event-card__when"><time datetime="{html.escape(starts.format("c"))}">'
        f"{html.escape(when)}</time></p>\n"
        f'    <p class="event-card__where">{html.escape(event.location_name)}</p>\n'
        '    <p class="card-tile__tags"><span class="tag">'
        f"{html.escape(kind_label(event.kind))}</span>{status}</p>\n"
        "  </div>\n"
        "</div>\n"
    )

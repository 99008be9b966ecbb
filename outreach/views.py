from datetime import date, datetime, time
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from core import fragments, http_cache, ratelimits
from core.drafts import published_or_preview
from outreach import calendar, notifications, operations
from outreach.forms import EventFilterForm, RegistrationForm
from outreach.models import Event, K9Team, NewsItem, Officer, Partner, Registration

EVENTS_PER_PAGE = 10
NEWS_PER_PAGE = 10
REGISTRATION_SESSION_KEY = "outreach:last-registration"
# Per client address (core/ratelimits.py): each registration emails the address it names.
REGISTRATIONS = ratelimits.Limit("outreach:registration", "EVENTS_REGISTRATION_RATE")


def _add_months(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _month_choices(today: date, count: int = 12):
    first = today.replace(day=1)
    months = [_add_months(first, n) for n in range(count)]
    return [(m.strftime("%Y-%m"), date_format(m, "YEAR_MONTH_FORMAT")) for m in months]


def _month_bounds(value: str):
    """'2026-12' -> the start of December and of January, in Cary time."""
    year, month = (int(part) for part in value.split("-"))
    first = date(year, month, 1)
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(_add_months(first, 1), time.min, tzinfo=zone),
    )


class _Counted:
    """A queryset and its number of rows, known already: Paginator takes any sliceable object
    with a count() method, and slices the queryset (lazily) for its page."""

    def __init__(self, queryset, count: int):
        self.queryset = queryset
        self.number = count

    def count(self) -> int:
        return self.number

    def __getitem__(self, key):
        return self.queryset[key]


def event_list(request):
    today = timezone.localdate()
    filters = EventFilterForm(request.GET or None, months=partial(_month_choices, today))
    events = Event.objects.published().upcoming().for_cards()
    kind = month = ""
    if filters.is_valid():
        kind, month = filters.cleaned_data["kind"], filters.cleaned_data["month"]
        if kind:
            events = events.filter(kind=kind)
        if month:
            start, end = _month_bounds(month)
            events = events.filter(starts_at__lt=end, ends_at__gte=start)
    # Kept with the list it counts, so that a page whose parts are kept asks the database
    # nothing.
    count = fragments.render_fragment("event-count", [kind, month], events.count)
    paginator = Paginator(_Counted(events, count), EVENTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filters": filters,
        "filter_query": query.urlencode(),
        # What the kept parts vary on: valid values only, so an address cannot add parts.
        "list_part": (kind, month),
        "filters_part": None if filters.errors else (today.strftime("%Y-%m"), kind, month),
    }
    return render(request, "outreach/event_list.html", context)


def event_archive(request):
    events = Event.objects.published().past()
    page = Paginator(events, EVENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "outreach/event_archive.html", {"page": page})


def _kept_availability(event):
    """The event's availability as the form page shows it, kept between renders (core/fragments.py)
    until a registration or a save purges the event's key. The registration itself counts
    places again under a row lock (outreach/operations.py), so a kept figure never overbooks."""

    def read():
        http_cache.depends_on(Event, event.pk)
        return event.availability()

    return fragments.render_fragment("event-availability", [event.pk], read)


def _event_context(event, form=None, *, kept=False):
    availability = _kept_availability(event) if kept else event.availability()
    return {
        "event": event,
        "form": form,
        "places_left": availability.places_left,
        "is_full": availability.is_full,
    }


@require_safe
def event_detail(request, slug):
    """The public page: no form, no CSRF token, no cookie, so a shared cache can keep it."""
    # Its program is read inside the kept part only, with the part's other queries.
    event = published_or_preview(request, Event.objects.all(), slug=slug)

    def availability():
        # Read only inside the kept part of the page (event_detail.html), when it renders: the
        # event's own key, which every registration to it purges, renders the part again.
        http_cache.depends_on(Event, event.pk)
        return event.availability()

    context = {"event": event, "availability": SimpleLazyObject(availability)}
    return render(request, "outreach/event_detail.html", context)


@never_cache
@sensitive_post_parameters("name", "email")
@require_http_methods(["GET", "POST"])
def event_register(request, slug):
    """The registration form, on a page of its own: it carries a CSRF token, never cached."""
    # Kept between renders of the form (core/fragments.py) until a save purges the events' key:
    # looking up a translated row costs more to compile than the rest of the page. Every POST
    # looks it up afresh; an unknown slug raises, so it is never kept. Its program is not shown.
    event = fragments.render_fragment(
        "event-row", [slug], lambda: get_object_or_404(Event.objects.published(), slug=slug)
    )
    if request.method == "GET":
        form = RegistrationForm(event=event) if event.takes_registrations else None
        context = _event_context(event, form, kept=True)
        return render(request, "outreach/event_register.html", context)
    if not event.takes_registrations:
        return redirect(event)
    form = RegistrationForm(request.POST, event=event)
    if not form.is_valid():
        context = _event_context(event, form=form)
        return render(request, "outreach/event_register.html", context, status=400)
    if form.honeypot_filled():
        # Looks like success to a bot; nothing is stored or sent.
        request.session[REGISTRATION_SESSION_KEY] = None
        return redirect("outreach:event_registered", slug=event.slug)
    if refusal := ratelimits.over_limit(request, REGISTRATIONS):
        context = _event_context(event, form=form)
        return refusal.render(request, "outreach/event_register.html", context, form=form)
    try:
        result = operations.registration_create(
            event=event,
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
            party_size=form.cleaned_data["party_size"],
            language=request.LANGUAGE_CODE,
        )
    except operations.RegistrationClosed:
        messages.error(request, _("Sorry, this event no longer takes registrations."))
        return redirect(event)
    request.session[REGISTRATION_SESSION_KEY] = {
        "registration": result.registration.pk,
        "created": result.created,
    }
    return redirect("outreach:event_registered", slug=event.slug)


@never_cache
def event_registered(request, slug):
    event = get_object_or_404(Event.objects.published(), slug=slug)
    stored = request.session.get(REGISTRATION_SESSION_KEY, None)
    if stored is None and REGISTRATION_SESSION_KEY not in request.session:
        return redirect(event)
    registration = None
    if stored:
        registration = Registration.objects.filter(pk=stored["registration"], event=event).first()
    return render(
        request,
        "outreach/event_registered.html",
        {
            "event": event,
            "registration": registration,
            "already_registered": bool(stored) and not stored["created"],
        },
    )


def event_ics(request, slug):
    event = published_or_preview(request, Event.objects.all(), slug=slug)
    response = HttpResponse(calendar.calendar([event]), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


def event_feed(request):
    """The subscription feed: the coming published events, cancelled ones marked so."""
    # Written once per change of the events (or of the department's name), then kept.
    feed = fragments.render_fragment(
        "event-feed", [], lambda: calendar.calendar(calendar.feed_events())
    )
    response = HttpResponse(feed, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="cary-police-events.ics"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def registration_cancel(request, token):
    registration = notifications.registration_from_token(token)
    if registration is None:
        raise Http404
    event = registration.event
    if request.method == "POST" and registration.status != Registration.Status.CANCELLED:
        operations.registration_cancel(registration=registration)
        registration.refresh_from_db()
    return render(
        request,
        "outreach/registration_cancel.html",
        {"registration": registration, "event": event},
    )


def officer_list(request):
    officers = Officer.objects.published().select_related("unit")
    return render(request, "outreach/officer_list.html", {"officers": officers})


def officer_detail(request, slug):
    officer = published_or_preview(request, Officer.objects.select_related("unit"), slug=slug)
    teams = officer.k9_teams.published()
    return render(request, "outreach/officer_detail.html", {"officer": officer, "teams": teams})


def k9_list(request):
    teams = K9Team.objects.published().select_related("handler")
    return render(request, "outreach/k9_list.html", {"teams": teams})


def partner_list(request):
    partners = Partner.objects.published().order_by("kind", "display_order", "organisation")
    groups = {}
    for partner in partners:
        groups.setdefault(partner.get_kind_display(), []).append(partner)
    return render(request, "outreach/partner_list.html", {"groups": groups})


def news_list(request):
    items = NewsItem.objects.published()
    kind = request.GET.get("kind", "")
    if kind in NewsItem.Kind.values:
        items = items.filter(kind=kind)
    else:
        kind = ""
    page = Paginator(items, NEWS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "outreach/news_list.html",
        {"page": page, "kind": kind, "kinds": NewsItem.Kind.choices},
    )


def news_detail(request, slug):
    item = published_or_preview(request, NewsItem.objects.all(), slug=slug)
    return render(request, "outreach/news_detail.html", {"item": item})

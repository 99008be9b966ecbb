"""The page cache (cary_pd/caching.py): cached pages make no query, an admin edit shows on the
next request, nobody gets another visitor's CSRF token or messages, staff never get a cached page,
and pages change on time when only the clock moves."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cary_pd import caching
from cary_pd.models import Page
from core.models import DepartmentSettings
from core.registry import registry
from outreach import operations as outreach_operations
from outreach.models import Event, NewsItem
from reports.models import IncidentType, ReportingGuideEntry
from tests.factories import (
    EventFactory,
    NewsItemFactory,
    OfficerFactory,
    PageFactory,
    ProgramFactory,
    ServiceFactory,
    SignUpFactory,
    TipFactory,
)

pytestmark = pytest.mark.django_db

CSRF_VALUE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def anonymous() -> Client:
    return Client()


def without_csrf_tokens(response) -> str:
    """The page with each form's CSRF token (masked afresh for every response) left out; every
    token there must be a whole one."""
    html = response.content.decode()
    tokens = CSRF_VALUE.findall(html)
    assert all(len(token) == 64 for token in tokens), tokens
    assert html.count('name="csrfmiddlewaretoken"') == len(tokens)
    return CSRF_VALUE.sub('name="csrfmiddlewaretoken" value="(token)"', html)


# --- Posting an admin change form as a browser would ----------------------------------------------


class FormFields(HTMLParser):
    """The values a browser would submit from the admin's change form."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = None
        self._textarea = None
        self._in_form = False

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            self._add(name, attributes.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attributes:
            self._add(self._select, attributes.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            # Browsers drop the newline Django puts right after <textarea>.
            self.data[self._textarea][-1] = self.data[self._textarea][-1].removeprefix("\n")
            self._textarea = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def admin_edit(client, obj, **changes):
    """Change fields of an object through its admin change form, as staff do."""
    meta = obj._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])
    fields = FormFields()
    fields.feed(text(client.get(url)))
    data = {name: values if len(values) != 1 else values[0] for name, values in fields.data.items()}
    for name, value in changes.items():
        data[name] = value
    data["_save"] = "Save"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


# --- Served from the cache ------------------------------------------------------------------------


def cached_pages():
    program = ProgramFactory(has_watch_groups=True)
    event = EventFactory(registration_required=True, capacity=10)
    return [
        "/",
        "/services/",
        ServiceFactory().get_absolute_url(),
        "/programs/",
        program.get_absolute_url(),
        "/tips/",
        TipFactory().get_absolute_url(),
        "/events/",
        event.get_absolute_url(),
        "/events/feed.ics",
        "/news/",
        NewsItemFactory().get_absolute_url(),
        "/officers/",
        OfficerFactory().get_absolute_url(),
        "/search/?q=patrol",
        "/report/",
        "/report/where/",
        "/community-policing/",
        "/events/past/",
        reverse("outreach:event_ics", args=[event.slug]),
        reverse("programs:watch_groups", args=[program.slug]) + "?q=maple",
        "/k9/",
        "/partners/",
        "/news/feed/rss/",
        "/news/feed/atom/",
        "/sitemap.xml",
    ]


def test_cached_pages_make_no_query(demo, django_assert_num_queries):
    for url in cached_pages():
        client = anonymous()
        first = client.get(url)
        assert first.status_code == 200, url
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.status_code == 200
        assert without_csrf_tokens(again) == without_csrf_tokens(first), url
        assert again["Content-Type"] == first["Content-Type"]


def test_head_is_served_from_the_cache(demo, django_assert_num_queries):
    anonymous().get("/services/")
    with django_assert_num_queries(0):
        response = anonymous().head("/services/")
    assert response.status_code == 200


def test_page_cache_can_be_turned_off(demo, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0
    anonymous().get("/services/")
    with CaptureQueriesContext(connection) as captured:
        anonymous().get("/services/")
    assert len(captured) == 1


# --- An admin edit shows at once ------------------------------------------------------------------


def test_admin_edit_of_the_home_page_shows_at_once(demo, editor_client):
    assert "Welcome to the new site" not in text(anonymous().get("/"))
    admin_edit(editor_client, Page.objects.get(slug="home"), summary="Welcome to the new site")
    assert "Welcome to the new site" in text(anonymous().get("/"))


def test_admin_edit_of_department_settings_shows_on_every_cached_page(demo, editor_client):
    urls = ["/", "/services/", "/events/", "/report/"]
    for url in urls:
        assert "(919) 555-0100" not in text(anonymous().get(url))
    admin_edit(editor_client, DepartmentSettings.load(), non_emergency_phone="(919) 555-0100")
    for url in urls:
        assert "(919) 555-0100" in text(anonymous().get(url)), url


def test_admin_edit_of_a_service_shows_on_its_page_and_the_list(demo, editor_client):
    service = ServiceFactory(name="Bicycle patrol")
    assert "Bicycle patrol" in text(anonymous().get("/services/"))
    assert "Bicycle patrol" in text(anonymous().get(service.get_absolute_url()))
    admin_edit(editor_client, service, name="Bike and trail patrol")
    assert "Bike and trail patrol" in text(anonymous().get("/services/"))
    assert "Bike and trail patrol" in text(anonymous().get(service.get_absolute_url()))


def test_linking_a_tip_to_a_service_in_the_admin_shows_on_the_service_page(demo, editor_client):
    service = ServiceFactory()
    tip = TipFactory(title="Record your bike's serial number")
    assert "serial number" not in text(anonymous().get(service.get_absolute_url()))
    admin_edit(editor_client, tip, services=[str(service.pk)])
    assert "Record your bike&#x27;s serial number" in text(
        anonymous().get(service.get_absolute_url())
    )


def test_admin_edit_of_a_program_and_a_tip_shows_at_once(demo, editor_client):
    program = ProgramFactory(name="Porch light program")
    tip = TipFactory(title="Lock the shed")
    for url in ["/programs/", program.get_absolute_url(), "/tips/", tip.get_absolute_url()]:
        anonymous().get(url)
    admin_edit(editor_client, program, name="Porch light pledge")
    admin_edit(editor_client, tip, title="Lock the garden shed")
    assert "Porch light pledge" in text(anonymous().get("/programs/"))
    assert "Porch light pledge" in text(anonymous().get(program.get_absolute_url()))
    assert "Lock the garden shed" in text(anonymous().get("/tips/"))
    assert "Lock the garden shed" in text(anonymous().get(tip.get_absolute_url()))


def test_cancelling_an_event_in_the_admin_shows_on_its_page_the_list_and_the_feed(
    demo, editor_client
):
    event = EventFactory(title="Coffee with a cop")
    for url in ["/events/", event.get_absolute_url(), "/events/feed.ics"]:
        anonymous().get(url)
    admin_edit(editor_client, event, is_cancelled="on", cancellation_reason="Storm warning")
    assert "Storm warning" in text(anonymous().get(event.get_absolute_url()))
    assert "STATUS:CANCELLED" in text(anonymous().get("/events/feed.ics"))
    assert "Cancelled" in text(anonymous().get("/events/"))


def test_unpublishing_news_in_the_admin_takes_it_off_every_page(demo, editor_client):
    item = NewsItemFactory(title="Shelter in place lifted")
    for url in ["/", "/news/", item.get_absolute_url(), "/search/?q=shelter"]:
        assert "Shelter in place lifted" in text(anonymous().get(url)), url
    admin_edit(editor_client, item, is_published="")
    editor_client.logout()
    assert anonymous().get(item.get_absolute_url()).status_code == 404
    for url in ["/", "/news/", "/search/?q=shelter"]:
        assert "Shelter in place lifted" not in text(anonymous().get(url)), url


def test_admin_edit_of_report_pages_content_shows_at_once(demo, editor_client, superuser_client):
    anonymous().get("/report/")
    anonymous().get("/report/where/")
    theft = IncidentType.objects.get(slug="theft")
    admin_edit(superuser_client, theft, name="Theft of property")
    entry = ReportingGuideEntry.objects.first()
    admin_edit(superuser_client, entry, title="Scams reported to the FBI")
    assert "Theft of property" in text(anonymous().get("/report/"))
    assert "Scams reported to the FBI" in text(anonymous().get("/report/where/"))


def test_deleting_in_the_admin_shows_at_once(demo, superuser_client):
    officer = OfficerFactory(name="Dana Whitfield")
    assert "Dana Whitfield" in text(anonymous().get("/officers/"))
    url = reverse("admin:outreach_officer_delete", args=[officer.pk])
    assert superuser_client.post(url, {"post": "yes"}).status_code == 302
    assert "Dana Whitfield" not in text(anonymous().get("/officers/"))


def test_admin_action_that_updates_rows_without_signals_still_renews_pages(superuser_client):
    """Declining sign-ups in bulk uses QuerySet.update(): no signal, but an admin POST."""
    program = ProgramFactory(capacity=1)
    signup = SignUpFactory(program=program)
    assert "full" in text(anonymous().get(program.get_absolute_url())).lower()
    response = superuser_client.post(
        reverse("admin:programs_signup_changelist"),
        {"action": "mark_declined", "_selected_action": [signup.pk]},
    )
    assert response.status_code == 302
    signup.refresh_from_db()
    assert signup.status == "declined"
    assert 'name="csrfmiddlewaretoken"' in text(anonymous().get(program.get_absolute_url()))


def test_a_sign_up_by_a_resident_renews_the_places_left(demo):
    program = ProgramFactory(capacity=1)
    page = text(anonymous().get(program.get_absolute_url()))
    assert 'name="csrfmiddlewaretoken"' in page  # the sign-up form is there
    SignUpFactory(program=program)
    assert 'name="csrfmiddlewaretoken"' not in text(anonymous().get(program.get_absolute_url()))


# --- Forms, CSRF and messages ---------------------------------------------------------------------


def test_each_visitor_gets_their_own_csrf_token_on_a_cached_form_page(demo):
    program = ProgramFactory()
    url = program.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page, second_page = text(first.get(url)), text(second.get(url))
    assert second_page.count("csrfmiddlewaretoken") == first_page.count("csrfmiddlewaretoken")
    first_token = CSRF_VALUE.search(first_page).group(1)
    second_token = CSRF_VALUE.search(second_page).group(1)
    assert first_token != second_token
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    data = {"name": "Pat Resident", "email": "pat@example.org", "consent": "on"}
    # The first visitor's token is refused with the second visitor's cookie...
    refused = second.post(url, {**data, "csrfmiddlewaretoken": first_token})
    assert refused.status_code == 403
    # ...and the second visitor's own token from the cached page works.
    accepted = second.post(url, {**data, "csrfmiddlewaretoken": second_token})
    assert accepted.status_code == 302, accepted.content.decode()[:2000]


def test_a_visitor_with_a_csrf_cookie_keeps_it_on_a_cached_page(demo):
    program = ProgramFactory()
    url = program.get_absolute_url()
    anonymous().get(url)  # cached by someone else
    visitor = Client(enforce_csrf_checks=True)
    visitor.get("/programs/")
    visitor.get(url)
    cookie = visitor.cookies["csrftoken"].value
    token = CSRF_VALUE.search(text(visitor.get(url))).group(1)
    assert visitor.cookies["csrftoken"].value == cookie
    response = visitor.post(
        url,
        {"name": "Pat", "email": "pat@example.org", "consent": "on", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_messages_go_only_to_their_visitor(demo, monkeypatch):
    event = EventFactory(registration_required=True, capacity=10)
    url = event.get_absolute_url()
    message = "Sorry, this event no longer takes registrations."
    assert message not in text(anonymous().get(url))  # now cached

    def closed(**kwargs):
        raise outreach_operations.RegistrationClosed

    monkeypatch.setattr(outreach_operations, "registration_create", closed)
    visitor = Client()
    response = visitor.post(
        reverse("outreach:event_register", args=[event.slug]),
        {"name": "Pat", "email": "pat@example.org", "party_size": "1"},
    )
    assert response["Location"] == url
    assert message in text(visitor.get(url))
    assert message not in text(anonymous().get(url))
    assert message not in text(visitor.get(url))  # shown once


def test_visitors_with_a_session_get_a_fresh_page(demo):
    program = ProgramFactory()
    resident = Client()
    resident.post(
        program.get_absolute_url(), {"name": "Pat", "email": "pat@example.org", "consent": "on"}
    )
    assert resident.cookies.get("sessionid")
    anonymous().get("/programs/")
    program_model = apps.get_model("programs", "Program")
    program_model.objects.filter(pk=program.pk).update(name="Renamed without a signal")
    assert "Renamed without a signal" in text(resident.get("/programs/"))


def test_staff_never_get_a_cached_page_and_their_pages_are_never_cached(demo, editor_client):
    item = NewsItemFactory(title="Road work on Maynard Rd")
    anonymous().get("/news/")
    NewsItem.objects.filter(pk=item.pk).update(title="Road work on Maynard Road")  # no signal
    assert "Road work on Maynard Road" in text(editor_client.get("/news/"))
    draft = NewsItemFactory(title="Draft about the new station", is_published=False)
    assert "Draft: only staff" in text(editor_client.get(draft.get_absolute_url()))
    assert anonymous().get(draft.get_absolute_url()).status_code == 404
    assert "Draft about the new station" not in text(anonymous().get("/news/"))


# --- Time -----------------------------------------------------------------------------------------


@pytest.fixture
def clock(monkeypatch, settings):
    """Move Django's clock: clock.now = ... (pages and caches read timezone.now()). Pages may
    stay a week, so only the moments content changes by the clock can renew them."""
    settings.PAGE_CACHE_SECONDS = 7 * 24 * 3600

    class Clock:
        now = timezone.now()

    original = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: Clock.now)
    Clock.now = original()
    return Clock


def test_an_event_leaves_the_upcoming_pages_when_it_ends(demo, clock):
    event = EventFactory(
        title="Bike rodeo",
        starts_at=clock.now + timedelta(minutes=5),
        ends_at=clock.now + timedelta(minutes=65),
        registration_required=True,
        capacity=10,
    )
    assert "Bike rodeo" in text(anonymous().get("/events/"))
    assert "Bike rodeo" in text(anonymous().get("/"))
    assert 'name="csrfmiddlewaretoken"' in text(anonymous().get(event.get_absolute_url()))
    clock.now = event.ends_at + timedelta(seconds=1)
    assert "Bike rodeo" not in text(anonymous().get("/events/"))
    assert "Bike rodeo" not in text(anonymous().get("/"))
    assert "Bike rodeo" not in text(anonymous().get("/events/feed.ics"))
    assert 'name="csrfmiddlewaretoken"' not in text(anonymous().get(event.get_absolute_url()))


def test_scheduled_news_appears_at_its_publish_time(demo, clock):
    NewsItemFactory(title="New district map", published_at=clock.now + timedelta(hours=2))
    for url in ["/", "/news/"]:
        assert "New district map" not in text(anonymous().get(url))
    clock.now += timedelta(hours=2)
    for url in ["/", "/news/"]:
        assert "New district map" in text(anonymous().get(url)), url


def banner(response) -> list[str]:
    """The alert titles in the urgent banner of a page."""
    return re.findall(r'<p class="urgent-alert">.*?<a href="[^"]*">([^<]*)</a>', text(response))


def test_urgent_banner_leaves_cached_pages_at_its_expiry(demo, clock):
    NewsItemFactory(
        title="Flash flood warning",
        published_at=clock.now - timedelta(minutes=1),
        is_urgent=True,
        urgent_until=clock.now + timedelta(hours=1),
    )
    for url in ["/", "/services/", "/report/"]:
        assert banner(anonymous().get(url)) == ["Flash flood warning"], url
    clock.now += timedelta(minutes=59)
    assert banner(anonymous().get("/services/")) == ["Flash flood warning"]
    clock.now += timedelta(minutes=1)
    for url in ["/", "/services/", "/report/"]:
        assert banner(anonymous().get(url)) == [], url


def test_pages_are_rendered_again_at_midnight_and_after_the_longest_age(
    demo, clock, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 600
    Event.objects.all().delete()
    NewsItem.objects.all().delete()
    anonymous().get("/services/")
    with django_assert_num_queries(0):
        anonymous().get("/services/")
    clock.now += timedelta(seconds=601)
    anonymous().get("/services/")
    with django_assert_num_queries(0):
        anonymous().get("/services/")
    key = caching.page_key(_request("/services/"))
    clock.now += timedelta(days=1)
    assert caching.page_key(_request("/services/")) != key


def _request(path):
    from django.test import RequestFactory

    return RequestFactory().get(path)


def test_a_page_rendered_from_old_data_is_not_kept_after_the_change_commits(
    demo, django_capture_on_commit_callbacks
):
    """The token is forgotten again when the transaction commits."""
    token = caching.content_token()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        PageFactory()
    assert callbacks
    newer = caching.content_token()  # drawn in between, as a concurrent request would
    assert newer != token
    for callback in callbacks:
        callback()
    assert caching.content_token() != newer


def test_every_cached_view_name_is_a_url_of_the_site():
    from django.urls import get_resolver

    def names(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from names(pattern, inner)
            elif pattern.name:
                yield f"{namespace}{pattern.name}"

    assert not registry.cached_views - set(names(get_resolver()))


def test_staff_signing_in_or_working_on_reports_keeps_the_cached_pages(
    demo, superuser, django_assert_num_queries
):
    anonymous().get("/services/")
    staff = Client()
    response = staff.post(
        reverse("admin:login"),
        {"username": superuser.username, "password": "correct-horse-battery-staple"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert staff.session.get("_auth_user_id") == str(superuser.pk)  # signed in, not refused
    staff.post(reverse("admin:reports_report_changelist"), {"action": "delete_selected"})
    with django_assert_num_queries(0):
        anonymous().get("/services/")

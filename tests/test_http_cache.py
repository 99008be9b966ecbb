"""The shared HTTP cache (core/http_cache.py and deploy/varnish/default.vcl).

The first part checks the headers the app sends, in-process. The second runs the real Varnish
front (Debian's varnish and varnish-modules) before the live test server: pages are kept and
served without the site, an admin edit or an urgent alert shows on every affected page at once
(purged by surrogate key), a sign-up purges only its own program's pages, junk query strings
share one copy, and staff and visitors with a session go past the cache.
"""

import io
import re
import time
from datetime import timedelta
from html.parser import HTMLParser

import pytest
import requests
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from cary_pd.models import Page
from core.models import DepartmentSettings
from core.registry import registry
from outreach.forms import EventFilterForm
from outreach.models import NewsItem
from reports.models import IncidentType
from tests.factories import (
    EventFactory,
    NewsItemFactory,
    OfficerFactory,
    ProgramFactory,
    ServiceFactory,
    SignUpFactory,
    TipFactory,
)
from tests.servers import ROOT, VARNISHD, Varnish

SHAREABLE = re.compile(r"public, max-age=0, s-maxage=(\d+), stale-while-revalidate=60")


def s_maxage(response) -> int | None:
    match = SHAREABLE.search(response.get("Cache-Control", ""))
    return int(match.group(1)) if match else None


def keys(response) -> set[str]:
    return set(response.get("xkey", "").split())


# --- What the app says (in-process) ------------------------------------------------------------


@pytest.mark.django_db
def test_public_pages_say_how_long_a_shared_cache_may_keep_them_and_what_purges_them(demo):
    program = ProgramFactory(name="Porch light pledge")
    response = Client().get(program.get_absolute_url())
    assert response.status_code == 200
    assert 0 < s_maxage(response) <= 300
    assert "stale-if-error=86400" in response["Cache-Control"]
    assert not response.cookies
    # Built from the program (the row and the table), the banner and the department record.
    assert {
        "site",
        "programs.program",
        f"programs.program:{program.pk}",
        "outreach.newsitem",
        "core.departmentsettings",
    } <= keys(response)
    # The list names each program it shows, so a sign-up to one purges it too.
    listing = Client().get("/programs/")
    assert f"programs.program:{program.pk}" in keys(listing)


@pytest.mark.django_db
def test_visitors_with_a_session_and_staff_get_private_pages(demo, editor_client):
    staff_page = editor_client.get("/news/")
    assert staff_page.status_code == 200
    assert s_maxage(staff_page) is None and "xkey" not in staff_page
    resident = Client()
    resident.cookies["sessionid"] = "anything"
    assert s_maxage(resident.get("/news/")) is None
    # The CSRF cookie alone carries no state.
    visitor = Client()
    visitor.cookies["csrftoken"] = "x" * 32
    assert s_maxage(visitor.get("/news/")) is not None


@pytest.mark.django_db
def test_form_pages_error_pages_and_private_pages_are_not_shareable(demo):
    visitor = Client()
    assert s_maxage(visitor.get("/report/emergency/")) is None  # a form: sets the CSRF cookie
    assert s_maxage(visitor.get("/no-such-page/")) is None
    assert s_maxage(visitor.get("/admin/login/")) is None
    assert s_maxage(visitor.get("/readyz")) is None


@pytest.mark.django_db
def test_nothing_is_shareable_when_turned_off(demo, settings):
    settings.HTTP_CACHE_SECONDS = 0
    assert s_maxage(Client().get("/services/")) is None


@pytest.fixture
def clock(monkeypatch):
    """Move Django's clock: clock.now = ... (pages read timezone.now())."""

    class Clock:
        now = timezone.now()

    monkeypatch.setattr(timezone, "now", lambda: Clock.now)
    return Clock


@pytest.mark.django_db
def test_a_page_is_kept_no_longer_than_the_next_change_by_the_clock(clock, settings):
    settings.HTTP_CACHE_SECONDS = 7 * 24 * 3600
    clock.now = timezone.make_aware(timezone.datetime(2026, 12, 2, 9, 0))
    # Midnight in Cary is the furthest any page may go: "today" changes.
    assert s_maxage(Client().get("/services/")) == 15 * 3600
    EventFactory(starts_at=clock.now + timedelta(minutes=5), ends_at=clock.now + timedelta(hours=1))
    assert s_maxage(Client().get("/events/")) == 3600
    NewsItemFactory(
        published_at=clock.now - timedelta(minutes=1),
        is_urgent=True,
        urgent_until=clock.now + timedelta(minutes=20),
    )
    assert s_maxage(Client().get("/services/")) == 20 * 60  # the banner goes then


def test_every_cached_view_name_is_a_url_of_the_site():
    def names(resolver, namespace=""):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from names(pattern, inner)
            elif pattern.name:
                yield f"{namespace}{pattern.name}"

    assert registry.cached_views
    assert not registry.cached_views - set(names(get_resolver()))


@pytest.mark.django_db
def test_a_failed_purge_is_logged_and_never_fails_the_write(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.HTTP_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]  # discard port: refused
    program = ProgramFactory()
    program.name = "Renamed"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        program.save()
    assert callbacks
    assert "Purging" in caplog.text and "failed" in caplog.text
    program.refresh_from_db()
    assert program.name == "Renamed"


# --- Through the real front --------------------------------------------------------------------


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
    fields.feed(client.get(url).content.decode())
    data = {name: values if len(values) != 1 else values[0] for name, values in fields.data.items()}
    data.update(changes)
    data["_save"] = "Save"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.fixture(scope="module")
def varnish(live_server):
    if VARNISHD is None:
        pytest.skip("needs Debian's varnish and varnish-modules (.ci/run installs them)")
    port = int(live_server.url.rsplit(":", 1)[1])
    front = Varnish([("127.0.0.1", port)])
    try:
        yield front.wait_ready()
    finally:
        front.stop()


class Front:
    """Anonymous visitors of the site through the front."""

    def __init__(self, url):
        self.url = url

    def get(self, path, **kwargs) -> requests.Response:
        response = requests.get(self.url + path, timeout=30, **kwargs)
        return response

    def text(self, path) -> str:
        response = self.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return response.text

    def cache_state(self, path) -> str:
        return self.get(path).headers["x-cache"]


@pytest.fixture
def front(varnish, transactional_db, settings):
    """The front, emptied, with the site purging it; demo content in the database."""
    settings.HTTP_CACHE_PURGE_URLS = [varnish.purge_url()]
    call_command("load_demo_content", stdout=io.StringIO())
    call_command("purge_http_cache", stdout=io.StringIO())
    return Front(varnish.url)


def test_pages_come_from_the_front_until_their_content_changes(front):
    assert front.cache_state("/services/") == "miss"
    assert front.cache_state("/services/") == "hit"
    # Query parameters no page reads make no copy of their own; those a page reads do.
    assert front.cache_state("/services/?utm_source=flyer&x=1") == "hit"
    assert front.cache_state("/news/?page=1") == "miss"
    assert front.cache_state("/news/?x=2&page=1") == "hit"


def test_admin_edits_show_on_every_affected_page_at_once(front, editor_client, superuser_client):
    service = ServiceFactory(name="Bicycle patrol")
    program = ProgramFactory(name="Porch light program")
    tip = TipFactory(title="Lock the shed")
    pages = ["/", "/services/", service.get_absolute_url(), "/programs/",
             program.get_absolute_url(), "/tips/", tip.get_absolute_url(), "/report/"]  # fmt: skip
    for path in pages:
        front.get(path)
        assert front.cache_state(path) == "hit", path
    admin_edit(editor_client, service, name_en="Bike and trail patrol")
    admin_edit(editor_client, program, name_en="Porch light pledge")
    admin_edit(editor_client, tip, title_en="Lock the garden shed")
    admin_edit(editor_client, Page.objects.get(slug="home"), summary_en="Welcome to the new site")
    admin_edit(editor_client, DepartmentSettings.load(), non_emergency_phone="(919) 555-0100")
    theft = IncidentType.objects.get(slug="theft")
    admin_edit(superuser_client, theft, name_en="Theft of property")
    assert "Bike and trail patrol" in front.text("/services/")
    assert "Bike and trail patrol" in front.text(service.get_absolute_url())
    assert "Porch light pledge" in front.text("/programs/")
    assert "Porch light pledge" in front.text(program.get_absolute_url())
    assert "Lock the garden shed" in front.text("/tips/")
    assert "Welcome to the new site" in front.text("/")
    assert "Theft of property" in front.text("/report/")
    for path in pages:
        assert "(919) 555-0100" in front.text(path), path


def test_cancelling_deleting_and_unpublishing_show_at_once(front, editor_client, superuser_client):
    event = EventFactory(title="Coffee with a cop")
    officer = OfficerFactory(name="Dana Whitfield")
    item = NewsItemFactory(title="Shelter in place lifted")
    for path in ["/events/", event.get_absolute_url(), "/events/feed.ics", "/officers/",
                 "/news/", item.get_absolute_url()]:  # fmt: skip
        front.get(path)
    admin_edit(editor_client, event, is_cancelled="on", cancellation_reason_en="Storm warning")
    url = reverse("admin:outreach_officer_delete", args=[officer.pk])
    assert superuser_client.post(url, {"post": "yes"}).status_code == 302
    admin_edit(editor_client, item, is_published="")
    assert "Storm warning" in front.text(event.get_absolute_url())
    assert "STATUS:CANCELLED" in front.text("/events/feed.ics")
    assert "Dana Whitfield" not in front.text("/officers/")
    assert front.get(item.get_absolute_url()).status_code == 404
    assert "Shelter in place lifted" not in front.text("/news/")


def banner(html: str) -> list[str]:
    return re.findall(r'<p class="urgent-alert">.*?<a href="[^"]*">([^<]*)</a>', html)


def test_an_urgent_alert_reaches_every_page_within_two_seconds(front, superuser_client):
    pages = ["/", "/services/", "/programs/", "/events/", "/news/", "/report/", "/officers/"]
    for path in pages:
        front.get(path)
        assert front.cache_state(path) == "hit"
    item = NewsItem.objects.filter(is_published=True).first()
    saved = time.monotonic()
    admin_edit(
        superuser_client,
        item,
        is_urgent="on",
        title_en="Flash flood warning",
        urgent_until_0=(timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%d"),
        urgent_until_1=(timezone.localtime() + timedelta(hours=2)).strftime("%H:%M:%S"),
    )
    for path in pages:
        assert banner(front.text(path)) == ["Flash flood warning"], path
    elapsed = time.monotonic() - saved
    print(f"urgent alert on {len(pages)} pages {elapsed:.2f} s after the save began")
    assert elapsed < 2


def test_a_sign_up_purges_only_its_own_programs_pages(front):
    program, other = ProgramFactory(capacity=1), ProgramFactory(capacity=5)
    event = EventFactory()
    pages = [program.get_absolute_url(), other.get_absolute_url(), event.get_absolute_url(),
             "/services/", "/tips/"]  # fmt: skip
    for path in pages:
        front.get(path)
    SignUpFactory(program=program)  # the last place
    assert "full" in front.text(program.get_absolute_url()).lower()
    assert front.cache_state("/programs/") == "miss"  # it lists the program's places
    for path in pages[1:]:
        assert front.cache_state(path) == "hit", path


def test_staff_and_visitors_with_a_session_go_past_the_front(front, editor_client):
    item = NewsItemFactory(title="Road work on Maynard Rd")
    front.get("/news/")
    NewsItem.objects.filter(pk=item.pk).update(title="Road work on Maynard Road")  # no signal
    assert "Maynard Road" not in front.text("/news/")  # the front keeps its copy
    # The site's own kept parts follow the same signals as the front (core/fragments.py): this
    # test is about the front, so they are forgotten here.
    caches["fragments"].clear()
    session = editor_client.cookies["sessionid"].value
    staff = front.get("/news/", cookies={"sessionid": session})
    assert staff.headers["x-cache"] == "pass"
    assert "Road work on Maynard Road" in staff.text
    # A visitor with only the CSRF cookie shares the cached copy.
    assert front.get("/news/", cookies={"csrftoken": "x" * 32}).headers["x-cache"] == "hit"
    draft = NewsItemFactory(title="Draft about the new station", is_published=False)
    staff_draft = front.get(draft.get_absolute_url(), cookies={"sessionid": session})
    assert "Draft: only staff" in staff_draft.text
    assert front.get(draft.get_absolute_url()).status_code == 404


def test_an_event_end_on_the_clock_needs_no_purge(front):
    EventFactory(
        title="Bike rodeo",
        starts_at=timezone.now() - timedelta(minutes=10),
        ends_at=timezone.now() + timedelta(seconds=3),
    )
    assert "Bike rodeo" in front.text("/events/")
    time.sleep(4)
    # Past its s-maxage the front may serve its copy once more while it fetches a new one
    # (stale-while-revalidate); the next visitor gets the new page.
    front.get("/events/")
    time.sleep(0.5)
    assert "Bike rodeo" not in front.text("/events/")


def test_the_front_keeps_every_query_parameter_a_page_reads():
    """The front drops unknown query parameters (deploy/varnish/default.vcl): each one the
    code reads from request.GET, or a GET form of a template sends, must be in its list."""
    vcl = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    kept = set(re.search(r"\(\?!\(\?:([a-z|]+)\)=\)", vcl).group(1).split("|"))
    read = set()
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] in {".venv", "tests", "bench"}:
            continue
        if path.name == "admin.py":
            continue  # /admin/ goes past the front before it drops any parameter
        read |= set(re.findall(r"request\.GET(?:\.get\(|\[)\"([a-z_]+)\"", path.read_text()))
    for path in (ROOT / "templates").glob("**/*.html"):
        html = path.read_text()
        for form in re.findall(r'<form[^>]*method="get".*?</form>', html, flags=re.S):
            read |= set(re.findall(r'name="([a-z_]+)"', form))
    read |= set(EventFilterForm.base_fields)  # read through a form bound to request.GET
    assert {"q", "page", "category", "kind", "month"} <= read  # the scan finds them
    assert read <= kept, read - kept

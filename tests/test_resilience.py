"""When the database goes away, the site fails politely and comes back by itself.

The first tests run in-process on any database, with every query refused. The last one is the
real thing on PostgreSQL: gunicorn (production settings, two workers) reaches the database
through a TCP proxy on loopback, which the test drops, cuts and restores while the machine's
PostgreSQL keeps running.
"""

import time

import pytest
import requests
from django.db import OperationalError, connection
from django.test import Client

from core.models import DepartmentSettings
from tests.factories import EventFactory, NewsItemFactory, PageFactory
from tests.servers import Gunicorn, TcpProxy, database_url, free_port, production_env

FRIENDLY = "Sorry, there is a problem with this website"
PUBLIC_PAGES = ["/", "/events/", "/news/", "/services/", "/programs/", "/report/status/"]


def assert_friendly_outage_page(response, *, status=503):
    body = response.content if hasattr(response, "content") else b""
    text = body.decode(errors="replace")
    assert response.status_code == status, text[:500]
    assert FRIENDLY in text
    assert "Traceback" not in text and "OperationalError" not in text
    assert "no-store" in response.headers["Cache-Control"]
    if status == 503:
        assert response.headers["Retry-After"] == "30"
    else:
        assert "Retry-After" not in response.headers


# --- In-process, any database --------------------------------------------------------------------


@pytest.fixture
def database_down(db):
    """Every query fails as it does when PostgreSQL refuses connections (until the test ends:
    the test database's own rollback needs a cursor again)."""

    def refuse(*args, **kwargs):
        raise OperationalError(
            'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
            "Connection refused"
        )

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(connection, "cursor", refuse)
        yield


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path", [*PUBLIC_PAGES, "/no/such/address/", "/no-such-page/"])
def test_database_outage_shows_the_friendly_page_with_503(database_down, visitor, path):
    # Unknown addresses too: the 404 page's context processors need the database.
    assert_friendly_outage_page(visitor.get(path))


def test_database_outage_answers_posts_with_the_friendly_page(database_down, visitor):
    response = visitor.post("/report/status/", {"reference": "CPD-2026-1", "email": "a@b.org"})
    assert_friendly_outage_page(response)


def test_health_checks_during_a_database_outage(database_down, visitor):
    assert visitor.get("/healthz").status_code == 200
    ready = visitor.get("/readyz")
    assert ready.status_code == 503
    assert ready.json() == {"status": "unavailable", "database": "unreachable", "cache": "ok"}


@pytest.fixture
def redis_unreachable(settings):
    """The production cache on a loopback port where nothing listens: connections are refused."""
    settings.CACHES = {
        **settings.CACHES,  # the page parts each process keeps for itself
        "default": {
            "BACKEND": "core.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        },
    }


def test_readyz_keeps_a_server_without_its_cache_in_rotation_and_says_so(
    db, redis_unreachable, visitor
):
    # The cache only speeds pages up (core/cache.py): without Redis they are rendered afresh.
    assert visitor.get("/healthz").status_code == 200
    ready = visitor.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["cache"] == "degraded"
    assert visitor.get("/events/").status_code == 200


def test_database_error_in_a_context_processor_on_a_404_gives_the_friendly_page(
    db, visitor, monkeypatch
):
    def refuse(cls):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(DepartmentSettings, "load", classmethod(refuse))
    assert_friendly_outage_page(visitor.get("/no/such/address/"))


def test_other_errors_in_a_context_processor_stay_500(db, visitor, monkeypatch):
    def crash(cls):
        raise RuntimeError("a bug, not an outage")

    monkeypatch.setattr(DepartmentSettings, "load", classmethod(crash))
    response = visitor.get("/no/such/address/")
    assert_friendly_outage_page(response, status=500)
    assert "a bug" not in response.content.decode()


# --- The real outage: gunicorn, a TCP proxy and PostgreSQL ----------------------------------------


@pytest.fixture
def site_behind_proxy(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: the outage is simulated by a TCP proxy between gunicorn and the "
            "database server (run with DATABASE_URL=postgres://...)"
        )
    db = connection.settings_dict
    proxy = TcpProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    server = Gunicorn(
        env=production_env(DATABASE_URL=database_url(host="127.0.0.1", port=proxy.port)),
        log_path=tmp_path / "gunicorn.log",
    )
    try:
        server.wait_ready()
        yield server, proxy
    finally:
        server.stop()
        proxy.close()


def get(server, path, *, fresh=False):
    """GET as an anonymous visitor; ``fresh``: with a session cookie, which the page cache
    (cary_pd/caching.py) never answers, so the page is rendered from the database."""
    cookies = {"sessionid": "no-such-session-0123456789abcdef"} if fresh else {}
    started = time.monotonic()
    response = requests.get(
        f"{server.url}{path}", cookies=cookies, timeout=15, allow_redirects=False
    )
    response.elapsed_seconds = time.monotonic() - started
    return response


def test_site_survives_a_database_outage_and_recovers_without_restart(site_behind_proxy):
    server, proxy = site_behind_proxy
    PageFactory(slug="home", title="Welcome to the Cary Police Department")
    event = EventFactory(title="Coffee with a Cop")
    NewsItemFactory(title="Storm warning: roads closed", is_published=True)

    # Both workers serve and keep their connection open (CONN_MAX_AGE).
    for _ in range(6):
        assert "Coffee with a Cop" in get(server, "/", fresh=True).text
    assert get(server, "/").status_code == 200  # now in the page cache too
    assert proxy.open_connections >= 1

    # 1. The database drops every connection (a restart or failover) but takes new ones:
    #    CONN_HEALTH_CHECKS notices the dead connection before use, and nobody sees an error.
    proxy.drop()
    for _ in range(6):
        response = get(server, "/", fresh=True)
        assert response.status_code == 200 and "Coffee with a Cop" in response.text
    assert proxy.open_connections >= 1

    # 2. The database is gone: connections refused. Pages that need it and are not in the page
    #    cache (cary_pd/caching.py), and every visitor with a session, get the friendly page.
    proxy.cut()
    cold = ["/events/", "/news/", "/services/", "/programs/", "/no-such-page/"]
    for path in [*cold, event.get_absolute_url()]:
        response = get(server, path)
        assert_friendly_outage_page(response)
        assert response.elapsed_seconds < 5  # answered at once, not after a hang
    assert_friendly_outage_page(get(server, "/", fresh=True))
    # The home page was cached for anonymous visitors before the outage: served from there,
    # or, if its cache entry is gone, the friendly page. Never an error page of another kind.
    home = get(server, "/")
    if home.status_code == 200:
        assert "Coffee with a Cop" in home.text
    else:
        assert_friendly_outage_page(home)
    for _ in range(4):  # both workers
        assert get(server, "/healthz").status_code == 200
        assert get(server, "/readyz").status_code == 503

    # 3. It is back: the same processes serve again.
    proxy.restore()
    for _ in range(6):
        response = get(server, "/", fresh=True)
        assert response.status_code == 200 and "Coffee with a Cop" in response.text
        assert get(server, "/readyz").status_code == 200
    assert server.process.poll() is None
    log = server.log_path.read_text()
    assert log.count("Booting worker") == 2, log  # no worker was restarted
    assert "Service Unavailable" in log  # the outage went to the log, with its traceback

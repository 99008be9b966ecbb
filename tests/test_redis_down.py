"""Redis is an accelerator only: killed or frozen, the site answers from the database.

A real ``redis-server`` runs on a free loopback port for each test. The site runs in-process
(Django's test client) with the cache settings a production server reads with ``REDIS_URL``
pointing at it (``cary_pd/settings.py``, read in a fresh process), so the backend, its timeouts
and the rate-limit policy under test are the real ones. The test kills the server (connections
refused), or freezes it with SIGSTOP (connections accepted, never answered), and starts or
thaws it again.

The last tests check PostgreSQL's statement timeout on real connections.
"""

import json
import logging
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings

from core.cache import BREAKER_SECONDS
from programs.models import SignUp
from tests.factories import (
    EventFactory,
    IncidentTypeFactory,
    NewsItemFactory,
    PageFactory,
    ProgramFactory,
    ServiceFactory,
)
from tests.servers import REDIS_SERVER, ROOT, RedisServer, free_port, production_env

# Each test's Redis gets a port no earlier test of this run used: the backend's health is kept
# per process and per server address, and must not carry over from one test to the next.
USED_PORTS: set[int] = set()
RECOVERY_SECONDS = 15  # generous: the circuit breaker skips Redis for 5 s after a failure


def production_cache_settings(redis_url: str) -> dict:
    """CACHES, sessions and the rate-limit policy as a production server with this REDIS_URL
    reads them."""
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'CACHES': s.CACHES, "
        "'SESSION_ENGINE': s.SESSION_ENGINE, 'SESSION_CACHE_ALIAS': s.SESSION_CACHE_ALIAS, "
        "'SESSION_CACHE_SECONDS': s.SESSION_CACHE_SECONDS, "
        "'RATELIMIT_FAIL_OPEN': getattr(s, 'RATELIMIT_FAIL_OPEN', False)}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(REDIS_URL=redis_url),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def redis_server(tmp_path):
    if REDIS_SERVER is None:
        pytest.skip("needs Debian's redis-server (.ci/run installs it)")
    port = free_port()
    while port in USED_PORTS:
        port = free_port()
    USED_PORTS.add(port)
    server = RedisServer(tmp_path, port=port)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def site(db, redis_server):
    """A visitor of the site whose cache is the Redis above, configured as in production."""
    found = production_cache_settings(redis_server.url)
    with override_settings(**found):
        yield Client(raise_request_exception=False)


@pytest.fixture
def content(db):
    PageFactory(slug="home", title="Welcome to the Cary Police Department")
    return {
        "/": "Coffee with a Cop",  # the home page lists the next events
        "/services/": ServiceFactory(name="Victim assistance").name,
        "/events/": EventFactory(title="Coffee with a Cop").title,
        "/news/": NewsItemFactory(title="Storm warning: roads closed", is_published=True).title,
        "/report/": IncidentTypeFactory(name="Theft from a vehicle").name,
    }


def assert_pages_answer(visitor, content):
    for path, text in content.items():
        response = visitor.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert text in response.content.decode(), path


def wait_until_cache_ok(visitor) -> dict:
    deadline = time.monotonic() + RECOVERY_SECONDS
    while time.monotonic() < deadline:
        ready = visitor.get("/readyz").json()
        if ready["cache"] == "ok":
            return ready
        time.sleep(0.2)
    raise AssertionError(f"the cache did not recover in {RECOVERY_SECONDS} s: {ready}")


def assert_cache_used_again(visitor, redis_server, content):
    redis_server.client().flushdb()
    assert_pages_answer(visitor, content)
    assert redis_server.client().dbsize() > 0  # pages and settings are cached in Redis again


def test_the_site_uses_redis_while_it_answers(site, redis_server, content):
    # The baseline the outage tests depart from: pages are cached in this Redis.
    assert_pages_answer(site, content)
    assert redis_server.client().dbsize() > 0
    assert site.get("/readyz").json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_with_redis_killed_the_site_answers_from_the_database(site, redis_server, content, caplog):
    assert_pages_answer(site, content)  # cached in Redis first
    redis_server.kill()
    caplog.set_level(logging.WARNING, logger="core.cache")

    assert_pages_answer(site, content)

    # A program sign-up is stored.
    program = ProgramFactory(name="Neighborhood Watch")
    response = site.post(
        program.get_absolute_url(),
        {"name": "Ada Resident", "email": "ada@example.org", "consent": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert SignUp.objects.filter(program=program, email="ada@example.org").exists()
    assert site.get(response["Location"]).status_code == 200

    # The rate-limited status lookup fails open: answered, neither refused (429) nor an error.
    for _ in range(3):
        response = site.post("/report/status/", {"reference": "CPD-2026-1", "email": "a@b.org"})
        assert response.status_code == 200, response.status_code

    # Ready, degraded: the load balancer keeps sending traffic.
    ready = site.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "degraded", "database": "ok", "cache": "degraded"}

    # One warning for the outage, not one per cache call.
    warnings = [r for r in caplog.records if r.name == "core.cache"]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "unavailable" in warnings[0].getMessage()

    # Redis is back: the same process uses it again.
    redis_server.start()
    assert wait_until_cache_ok(site)["status"] == "ok"
    assert_cache_used_again(site, redis_server, content)


def test_with_redis_frozen_pages_answer_without_waiting_for_it(site, redis_server, content):
    assert_pages_answer(site, content)  # connections to Redis are open and in the pool
    redis_server.freeze()
    try:
        started = time.monotonic()
        for _ in range(2):  # ten requests
            assert_pages_answer(site, content)
        elapsed = time.monotonic() - started
        ready = site.get("/readyz")
    finally:
        redis_server.thaw()
    # A generous bound: a cache call that waited for the frozen server would cost its socket
    # timeout each time (several calls per page; 2 s each before this backend).
    assert elapsed < 5, f"10 requests took {elapsed:.1f} s with Redis frozen"
    assert ready.status_code == 200 and ready.json()["cache"] == "degraded"

    assert wait_until_cache_ok(site)["status"] == "ok"
    assert_cache_used_again(site, redis_server, content)


def session_entries(redis_server) -> list[bytes]:
    return redis_server.client().keys("*django.contrib.sessions.cached_db*")


def wait_out_the_breaker():
    # Past the circuit breaker's window, so that the next cache call is the first to try Redis.
    time.sleep(BREAKER_SECONDS + 0.5)


def test_sessions_are_read_from_redis_and_from_the_database_while_it_is_down(
    site, redis_server, superuser
):
    admin = "/admin/"
    site.force_login(superuser)
    assert site.get(admin).status_code == 200
    (entry,) = session_entries(redis_server)
    # No session outlives SESSION_CACHE_SECONDS in Redis, whatever its cookie's age.
    assert 0 < redis_server.client().ttl(entry) <= settings.SESSION_CACHE_SECONDS

    redis_server.kill()
    assert site.get(admin).status_code == 200  # still signed in: the session is in the database
    site.logout()
    assert site.get(admin).status_code == 302  # signed out, and signing in works without Redis
    site.force_login(superuser)
    assert site.get(admin).status_code == 200

    redis_server.start()
    assert wait_until_cache_ok(site)["status"] == "ok"
    assert site.get(admin).status_code == 200
    assert session_entries(redis_server)  # read from Redis again


def test_a_sign_out_while_redis_is_frozen_is_not_undone_when_it_answers(
    site, redis_server, superuser
):
    """A frozen Redis keeps what it held: the signed-out session must not be read back from it."""
    admin = "/admin/"
    site.force_login(superuser)
    assert site.get(admin).status_code == 200
    signed_in = site.cookies[settings.SESSION_COOKIE_NAME].value
    redis_server.freeze()
    try:
        assert site.post("/admin/logout/").status_code == 200
    finally:
        redis_server.thaw()
    assert session_entries(redis_server)  # still there: the delete did not reach Redis
    wait_out_the_breaker()
    # The old cookie, as someone who copied it would send it: the first request that reaches
    # Redis again deletes what the outage left stale before it reads anything.
    site.cookies[settings.SESSION_COOKIE_NAME] = signed_in
    response = site.get(admin)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not session_entries(redis_server)


def test_a_value_written_while_redis_is_frozen_is_not_read_back_stale(site, redis_server):
    cache.set("department-phone", "old")
    redis_server.freeze()
    try:
        assert cache.get("other") is None  # waits out the socket timeout, opens the breaker
        cache.set("department-phone", "new")  # skipped: Redis keeps "old"
    finally:
        redis_server.thaw()
    assert redis_server.client().keys("*department-phone")
    wait_out_the_breaker()
    assert cache.get("department-phone") is None  # a miss, read from the database again
    cache.set("department-phone", "new")
    assert cache.get("department-phone") == "new"


def test_the_backend_answers_a_dead_redis_like_a_miss(settings):
    """What callers rely on: django-ratelimit calls add() then incr(), catching ValueError."""
    found = production_cache_settings(f"redis://127.0.0.1:{free_port()}/0")  # nothing listens
    settings.CACHES = found["CACHES"]
    assert cache.get("key", "default") == "default"
    assert cache.add("key", 1) is False
    with pytest.raises(ValueError):
        cache.incr("key")
    with pytest.raises(ValueError):
        cache.decr("key")
    assert cache.set("key", 1) is None
    assert cache.delete("key") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.get_or_set("key", lambda: "computed") == "computed"
    assert cache.has_key("key") is False
    assert cache.is_reachable() is False


# --- PostgreSQL timeouts ----------------------------------------------------------------------

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL's statement_timeout and libpq's timeouts (run with "
    "DATABASE_URL=postgres://...); SQLite has neither",
)


@needs_postgres
def test_the_site_connection_carries_a_statement_timeout(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        (value,) = cursor.fetchone()
    assert value != "0", "statement_timeout is off on the site's connections"


@needs_postgres
def test_a_statement_past_the_timeout_is_cancelled(db):
    # A production process with a short timeout, on the test database: the server cancels the
    # statement, and the connection stays usable for the next one.
    script = (
        "import django; django.setup(); from django.db import connection, OperationalError\n"
        "cursor = connection.cursor()\n"
        "cursor.execute('SHOW statement_timeout'); print(cursor.fetchone()[0])\n"
        "try:\n"
        "    cursor.execute('SELECT pg_sleep(2)'); print('finished')\n"
        "except OperationalError as error:\n"
        "    print(type(error.__cause__).__name__)\n"
        "cursor.execute('SELECT 1'); print(cursor.fetchone()[0])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(DJANGO_DB_STATEMENT_TIMEOUT_MS="300"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["300ms", "QueryCanceled", "1"], result.stdout

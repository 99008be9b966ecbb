"""Two app servers, one PostgreSQL and one Redis: the servers hold no state of their own.

Two gunicorn instances (production settings, two workers each) serve the test database on two
loopback ports and share a Redis database under a key prefix of their own. Simultaneous
registrations and sign-ups spread over both never overbook, rate limits count requests to
both, and a resident's report journey and sessions carry on from one server to the other.
"""

import json
import subprocess
import sys
import uuid
from importlib import import_module

import pytest
import redis
from django.conf import settings
from django.contrib.sessions.backends import db as db_sessions
from django.db import connection

from outreach.models import Registration
from programs.models import SignUp
from tests.concurrency import run_at_once
from tests.factories import EventFactory, IncidentTypeFactory, ProgramFactory, WatchGroupFactory
from tests.servers import ROOT, csrf_session, production_env, redis_available, start_servers

REDIS_DB = 14  # a database of its own on the shared Redis, and a unique prefix inside it
STATUS_RATE = 5  # report status lookups per hour and address, for the rate-limit test
WATCH_GROUP_RATE = 3  # Neighborhood Watch join/start requests per hour and address
PLACES = 10
PROGRAM_PLACES = 3
RESIDENTS = 30

needs_postgres_and_redis = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: the servers share the test database, which an in-memory "
        "SQLite database cannot be (run with DATABASE_URL=postgres://...)",
    ),
    pytest.mark.skipif(
        not redis_available(),
        reason="needs Redis at 127.0.0.1:6379 (.ci/run starts it: redis-server)",
    ),
]


@pytest.fixture(scope="module")
def redis_prefix():
    prefix = f"cary-scale-test-{uuid.uuid4().hex[:12]}"
    yield prefix
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    keys = list(client.scan_iter(match=f"*{prefix}*"))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory, redis_prefix):
    if connection.vendor != "postgresql" or not redis_available():
        pytest.skip("needs PostgreSQL and Redis")
    env = production_env(
        REDIS_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        DJANGO_CACHE_PREFIX=redis_prefix,
        DJANGO_REPORTS_STATUS_RATE=f"{STATUS_RATE}/h",
        DJANGO_PROGRAMS_WATCH_GROUP_RATE=f"{WATCH_GROUP_RATE}/h",
        # Every resident of the overbooking tests posts from 127.0.0.1.
        DJANGO_EVENTS_REGISTRATION_RATE="",
        DJANGO_PROGRAMS_SIGNUP_RATE="",
    )
    pair = start_servers(2, env=env, log_dir=tmp_path_factory.mktemp("gunicorn"))
    yield pair
    for server in pair:
        server.stop()


@pytest.fixture
def urls(servers):
    return [server.url for server in servers]


def post_all_at_once(requests_to_send) -> list:
    """Send every (session, url, data) at the same moment, one thread each: the status codes."""

    def send(index):
        session, url, data = requests_to_send[index]
        return session.post(url, data=data, allow_redirects=False, timeout=60).status_code

    return run_at_once(len(requests_to_send), send)


class TestTwoServers:
    pytestmark = needs_postgres_and_redis

    def test_simultaneous_registrations_on_both_servers_fill_ten_places_exactly(
        self, servers, urls
    ):
        event = EventFactory(registration_required=True, capacity=PLACES)
        batch = []
        for n in range(RESIDENTS):
            server = urls[n % 2]
            session, token = csrf_session(f"{server}/events/{event.slug}/register/")
            data = {
                "csrfmiddlewaretoken": token,
                "name": f"Resident {n}",
                "email": f"resident{n}@server{n % 2}.example.org",
                "party_size": "1",
            }
            batch.append((session, f"{server}/events/{event.slug}/register/", data))

        statuses = post_all_at_once(batch)

        assert statuses == [302] * RESIDENTS
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED)
        assert confirmed.count() == PLACES
        assert event.registrations.filter(status=Registration.Status.WAITLISTED).count() == (
            RESIDENTS - PLACES
        )
        # Each server (its own process and port) answered its half of the requests.
        register = f"POST /events/{event.slug}/register/ "
        assert [server.log().count(register) for server in servers] == [RESIDENTS // 2] * 2

        # The session made on one server is read by the other: the confirmation page there.
        session, _url, data = batch[0]
        other = urls[1]
        page = session.get(f"{other}/events/{event.slug}/registered/", timeout=30)
        registration = event.registrations.get(email=data["email"])
        expected = "You have a place at" if registration.status == "confirmed" else "waiting list"
        assert page.status_code == 200 and expected in page.text

    def test_simultaneous_signups_on_both_servers_never_overbook_a_program(self, urls):
        # Fewer places than the four workers: the first requests, released together, contend
        # for the last places. (The in-process thread tests in test_programs.py and
        # test_outreach_concurrency.py race harder; this one shows the lock holds across servers.)
        program = ProgramFactory(capacity=PROGRAM_PLACES)
        batch = []
        for n in range(RESIDENTS):
            server = urls[n % 2]
            session, token = csrf_session(f"{server}/programs/{program.slug}/sign-up/")
            data = {
                "csrfmiddlewaretoken": token,
                "name": f"Resident {n}",
                "email": f"resident{n}@example.org",
                "consent": "on",
            }
            batch.append((session, f"{server}/programs/{program.slug}/sign-up/", data))

        statuses = post_all_at_once(batch)

        # Every request is answered with the "done" page: a place, or a place on the waiting list.
        assert statuses == [302] * RESIDENTS
        signups = SignUp.objects.filter(program=program)
        assert signups.exclude(status=SignUp.Status.WAITING).count() == PROGRAM_PLACES
        assert signups.filter(status=SignUp.Status.WAITING).count() == RESIDENTS - PROGRAM_PLACES

    def test_a_rate_limit_counts_requests_to_both_servers(self, urls):
        session, token = csrf_session(f"{urls[0]}/report/status/")
        lookup = {"csrfmiddlewaretoken": token, "reference": "CPD-2026-000001", "email": "a@b.org"}

        statuses = [
            session.post(f"{urls[n % 2]}/report/status/", data=lookup, timeout=30)
            for n in range(STATUS_RATE + 3)
        ]

        codes = [response.status_code for response in statuses]
        assert codes == [200] * STATUS_RATE + [429] * 3, codes
        assert "Too many attempts" in statuses[-1].text
        assert 0 < int(statuses[-1].headers["Retry-After"]) <= 3600
        # Alternating servers: both refused once the shared count was reached.
        assert {n % 2 for n, code in enumerate(codes) if code == 429} == {0, 1}

    def test_a_watch_group_limit_counts_valid_requests_to_both_servers(self, urls):
        group = WatchGroupFactory()
        path = f"/programs/{group.program.slug}/sign-up/"
        session, token = csrf_session(f"{urls[0]}{path}")

        def join(n, **overrides):
            data = {
                "csrfmiddlewaretoken": token,
                "name": f"Neighbor {n}",
                "email": f"neighbor{n}@example.org",
                "consent": "on",
                "intent": "join",
                "watch_group": str(group.pk),
                "neighborhood": "Maple Hollow Drive",
                **overrides,
            }
            return session.post(
                f"{urls[n % 2]}{path}", data=data, allow_redirects=False, timeout=30
            )

        # Invalid requests on both servers (no group chosen) are not counted by either.
        assert [join(n, watch_group="").status_code for n in range(4)] == [200] * 4
        responses = [join(n) for n in range(WATCH_GROUP_RATE + 3)]

        codes = [response.status_code for response in responses]
        assert codes == [302] * WATCH_GROUP_RATE + [429] * 3, codes
        assert {n % 2 for n, code in enumerate(codes) if code == 429} == {0, 1}
        refused = responses[-1]
        assert "Too many attempts" in refused.text
        assert f'value="neighbor{WATCH_GROUP_RATE + 2}@example.org"' in refused.text
        assert 0 < int(refused.headers["Retry-After"]) <= 3600
        assert SignUp.objects.filter(program=group.program).count() == WATCH_GROUP_RATE

    def test_a_report_journey_moves_between_servers_and_keeps_its_draft(self, urls):
        IncidentTypeFactory(slug="theft", name="Theft", accepted_online=True)
        a, b = urls
        session, token = csrf_session(f"{a}/report/emergency/")

        def answer(server, path, data):
            response = session.post(
                f"{server}{path}",
                data={"csrfmiddlewaretoken": token, **data},
                allow_redirects=False,
                timeout=30,
            )
            assert response.status_code == 302, (path, response.status_code)
            return response.headers["Location"]

        # The signed eligibility cookie from one server is good on the other.
        assert answer(a, "/report/emergency/", {"answer": "no"}) == "/report/in-cary/"
        assert answer(b, "/report/in-cary/", {"answer": "yes"}) == "/report/suspect/"
        assert answer(a, "/report/suspect/", {"answer": "no"}) == "/report/incident-type/"
        # The draft is created through server B; server A finds it through the shared session.
        assert answer(b, "/report/incident-type/", {"answer": "theft"}) == "/report/when/"
        page = session.get(f"{a}/report/when/", allow_redirects=False, timeout=30)
        assert page.status_code == 200 and "When did it happen?" in page.text
        assert answer(a, "/report/when/", {"start_date": "3/1/2026"}) == "/report/location/"
        page = session.get(f"{b}/report/when/", allow_redirects=False, timeout=30)
        assert page.status_code == 200 and 'value="3/1/2026"' in page.text


# --- Settings: shared sessions, cache and rate limits ----------------------------------------


def production_settings(**env) -> dict:
    """Settings as a production server with this environment reads them (a fresh process)."""
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "from django_ratelimit.checks import check_caches; "
        "print(json.dumps({'session': s.SESSION_ENGINE, 'caches': s.CACHES, "
        "'ratelimit_cache': s.RATELIMIT_USE_CACHE, "
        "'ratelimit_check': [m.id for m in check_caches(None)]}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=production_env(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_sessions_live_in_the_database_shared_by_every_server():
    # core.sessions: Django's database sessions, read with one plain statement.
    assert settings.SESSION_ENGINE == "core.sessions"
    engine = import_module(settings.SESSION_ENGINE)
    assert issubclass(engine.SessionStore, db_sessions.SessionStore)
    assert "django.contrib.sessions" in settings.INSTALLED_APPS


def test_rate_limits_count_in_the_shared_redis_cache_in_production():
    found = production_settings(REDIS_URL="redis://cache.internal:6379/0")
    assert found["session"] == "django.contrib.sessions.backends.cached_db"
    cache = found["caches"][found["ratelimit_cache"]]
    assert cache["BACKEND"] == "core.cache.FailSoftRedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/0"
    # django-ratelimit's own cache check: no error for our subclass of Django's Redis cache. Its
    # warning W001 ("not officially supported") predates Django's built-in RedisCache, whose
    # incr() is Redis' atomic INCR; the two-server test above shows the count shared and exact.
    assert found["ratelimit_check"] == ["django_ratelimit.W001"]


def test_without_redis_the_check_refuses_local_memory_for_rate_limits():
    # Why production sets REDIS_URL: local memory counts per process (README "Scaling out").
    found = production_settings()
    assert found["caches"]["default"]["BACKEND"].endswith("LocMemCache")
    assert "django_ratelimit.E003" in found["ratelimit_check"]

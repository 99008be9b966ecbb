"""A network partition between the site and PostgreSQL: packets dropped, nothing refused.

Unlike a stopped database (tests/test_resilience.py), a partition sends no reset: a connection
just stops answering, and only timeouts end the wait (cary_pd/settings.py, the PostgreSQL
options). The last test is the real thing: gunicorn with gunicorn.conf.py and production
settings reaches PostgreSQL through the TCP proxy of tests/servers.py, and an nftables table of
the test's own drops every packet to and from the proxy's loopback port, then is removed.

The first tests run in-process on any database: /healthz runs no query and no cache call, and
the outage page answers even when its template cannot be rendered.
"""

import shutil
import subprocess
import threading
import time

import pytest
import requests
from django.db import OperationalError, connection
from django.test import Client

from tests.factories import EventFactory, NewsItemFactory, PageFactory, ServiceFactory
from tests.servers import Gunicorn, TcpProxy, database_url, free_port, production_env

FRIENDLY = "Sorry, there is a problem with this website"
NFT = shutil.which("nft") or shutil.which("nft", path="/usr/sbin:/sbin")
# A page that needs the database must answer within this while the database is partitioned.
OUTAGE_ANSWER_SECONDS = 5
# Varnish's health probe gives up after 1 s (deploy/varnish/default.vcl, probe site_alive).
PROBE_TIMEOUT_SECONDS = 1


# --- In-process, any database --------------------------------------------------------------------


def test_healthz_runs_no_query_and_no_cache_call_for_a_visitor_with_state(
    client, superuser, settings, django_assert_num_queries
):
    # A signed-in staff session and a messages cookie: the session, authentication, two-factor
    # and messages middleware would each have something to load if they were not lazy.
    client.force_login(superuser)
    client.cookies["messages"] = "anything"
    # Any cache call raises: Django's own Redis backend (not the fail-soft one, which would hide
    # it) on a loopback port where nothing listens.
    settings.CACHES = {
        **settings.CACHES,  # the page parts each process keeps for itself
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        },
    }

    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response.headers["Cache-Control"]


def refuse_every_query(execute, sql, params, many, context):
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: timeout expired")


def test_the_outage_page_answers_even_when_its_template_cannot_be_rendered(db, settings, tmp_path):
    # A 500.html that raises while rendering, found before the real one.
    (tmp_path / "500.html").write_text('{% url "no-such-view" %}')
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    visitor = Client(raise_request_exception=False)

    with connection.execute_wrapper(refuse_every_query):
        response = visitor.get("/events/")

    text = response.content.decode()
    assert response.status_code == 503, text[:500]
    assert response.headers["Retry-After"] == "30"
    assert "no-store" in response.headers["Cache-Control"]
    assert FRIENDLY in text and "In an emergency, call 911." in text
    assert "NoReverseMatch" not in text and "OperationalError" not in text


# --- The real partition: gunicorn, a TCP proxy, nftables and PostgreSQL ---------------------------


class Partition:
    """Drops every packet to and from one loopback port, as a network partition does.

    The rules live in an nftables table of their own, named after the port, so that adding and
    removing them never touches any other rule on the machine.
    """

    def __init__(self, port: int):
        self.port = port
        self.table = f"cary_pd_partition_{port}"

    def _nft(self, *args: str, script: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [NFT, *args], input=script, capture_output=True, text=True, timeout=30, check=False
        )

    def check_allowed(self):
        """Skip the test where this process may not change the firewall (no CAP_NET_ADMIN).
        Also removes a table that a killed run left for this port, which would cut it."""
        result = self._nft("add", "table", "inet", self.table)
        if result.returncode != 0:
            pytest.skip(f"nft may not add a table here (needs root): {result.stderr.strip()}")
        self.heal()

    def start(self):
        # Both directions on loopback: to the port (queries, SYNs) and from it (answers).
        script = f"""
        table inet {self.table} {{
            chain input {{
                type filter hook input priority filter - 10; policy accept;
                iifname "lo" tcp dport {self.port} drop
                iifname "lo" tcp sport {self.port} drop
            }}
        }}
        """
        result = self._nft("-f", "-", script=script)
        assert result.returncode == 0, result.stderr

    def heal(self):
        result = self._nft("delete", "table", "inet", self.table)
        assert result.returncode == 0 or "No such file" in result.stderr, result.stderr


@pytest.fixture
def site_behind_partitionable_proxy(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: gunicorn reaches the database server through a TCP proxy whose "
            "port the test partitions (run with DATABASE_URL=postgres://...)"
        )
    if NFT is None:
        pytest.skip("needs nft to drop packets (Debian package nftables; .ci/run installs it)")
    db = connection.settings_dict
    proxy = TcpProxy((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    partition = Partition(proxy.port)
    server = None
    try:
        partition.check_allowed()
        server = Gunicorn(
            env=production_env(DATABASE_URL=database_url(host="127.0.0.1", port=proxy.port)),
            log_path=tmp_path / "gunicorn.log",
        )
        server.wait_ready()
        yield server, proxy, partition
    finally:
        try:
            partition.heal()  # first, even on failure: nothing may be left waiting on the port
        finally:
            if server is not None:
                server.stop()
            proxy.close()


def get(server, path, *, fresh=True):
    """GET as a visitor; ``fresh``: with a session cookie, which the page cache never answers,
    so the page needs the database. ``elapsed_seconds``: until the whole answer was read."""
    cookies = {"sessionid": "no-such-session-0123456789abcdef"} if fresh else {}
    started = time.monotonic()
    response = requests.get(
        f"{server.url}{path}", cookies=cookies, timeout=30, allow_redirects=False
    )
    response.elapsed_seconds = time.monotonic() - started
    return response


def get_at_once(server, paths):
    """GET every path at the same moment, one thread each: the responses, in order."""
    results: list = [None] * len(paths)

    def fetch(index):
        try:
            results[index] = get(server, paths[index])
        except requests.RequestException as error:  # a hang past the timeout, a reset
            results[index] = error

    threads = [threading.Thread(target=fetch, args=(n,)) for n in range(len(paths))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    errors = [result for result in results if not isinstance(result, requests.Response)]
    assert not errors, list(zip(paths, results, strict=True))
    return results


class HealthzWatcher:
    """Asks /healthz every 0.2 s in a thread, as Varnish's probe does: (status, seconds)."""

    def __init__(self, server):
        self.server = server
        self.answers: list[tuple[int | str, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self):
        while not self._stop.is_set():
            started = time.monotonic()
            try:
                status = get(self.server, "/healthz", fresh=False).status_code
            except requests.RequestException as error:
                status = type(error).__name__
            self.answers.append((status, time.monotonic() - started))
            self._stop.wait(0.2)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join(timeout=60)


def assert_outage_page(response):
    text = response.text
    assert response.status_code == 503, (response.status_code, text[:300])
    assert response.headers["Retry-After"] == "30"
    assert FRIENDLY in text and "Traceback" not in text


def test_a_partition_answers_503_fast_keeps_healthz_up_and_heals_without_restart(
    site_behind_partitionable_proxy,
):
    server, proxy, partition = site_behind_partitionable_proxy
    PageFactory(slug="home", title="Welcome to the Cary Police Department")
    event = EventFactory(title="Coffee with a Cop")
    NewsItemFactory(title="Storm warning: roads closed", is_published=True)
    ServiceFactory(name="Victim assistance")
    # Several requests at once: threads of both workers open persistent connections.
    for response in get_at_once(server, ["/"] * 6):
        assert response.status_code == 200 and "Coffee with a Cop" in response.text
    assert proxy.open_connections >= 2

    # Three requests at a time: fewer than one worker's threads (gunicorn.conf.py), so a probe
    # always finds a free thread, whichever worker takes it.
    first_round = ["/events/", "/news/", "/services/"]
    second_round = ["/programs/", event.get_absolute_url(), "/no-such-page/"]
    with HealthzWatcher(server) as healthz:
        time.sleep(0.5)
        partition.start()
        started = time.monotonic()
        # A thread with a persistent connection: the health check's SELECT 1 is never
        # acknowledged (tcp_user_timeout), then Django reconnects once, and that connection's
        # SYN is never answered either. A thread without one (or whose connection a failed
        # request closed) only tries the new connection. Two rounds, so both kinds are met.
        first = get_at_once(server, first_round)
        second = get_at_once(server, second_round)
        ready = get(server, "/readyz", fresh=False)
        partitioned_for = time.monotonic() - started
        partition.heal()
        time.sleep(0.5)

    answers = zip([*first_round, *second_round], [*first, *second], strict=True)
    timings = {path: round(response.elapsed_seconds, 2) for path, response in answers}
    print(f"\n503 after (s): {timings}; partitioned for {partitioned_for:.1f} s")
    for response in [*first, *second]:
        assert_outage_page(response)
        # At most the two timeouts, not a hang; and not at once either: the packets were
        # dropped, so only a timeout could end the wait (a refused connection answers at once).
        assert 1 < response.elapsed_seconds < OUTAGE_ANSWER_SECONDS, timings
    assert ready.status_code == 503
    assert ready.json()["database"] == "unreachable"

    # /healthz answered throughout, each time within the probe's timeout.
    slowest = max(seconds for _status, seconds in healthz.answers)
    print(f"/healthz: {len(healthz.answers)} answers, slowest {slowest:.3f} s")
    assert len(healthz.answers) >= partitioned_for / 0.5
    assert {status for status, _seconds in healthz.answers} == {200}, healthz.answers
    assert slowest < PROBE_TIMEOUT_SECONDS, healthz.answers

    # Healed: the same processes serve again, with new connections.
    healed = time.monotonic()
    pages = {"/": "Coffee with a Cop", "/events/": "Coffee with a Cop", "/news/": "Storm warning"}
    healed_pages = get_at_once(server, list(pages))
    for (path, text), response in zip(pages.items(), healed_pages, strict=True):
        assert response.status_code == 200 and text in response.text, path
    assert get(server, "/readyz", fresh=False).status_code == 200
    print(f"after healing: 200 in {time.monotonic() - healed:.2f} s")
    assert server.process.poll() is None
    log = server.log_path.read_text()
    assert log.count("Booting worker") == 2, log[-5000:]  # no worker was killed or replaced
    assert "WORKER TIMEOUT" not in log
    # Each failed page is in the log once, with its traceback.
    for path in [*first_round, *second_round]:
        assert log.count(f"django.request Service Unavailable: {path}\n") == 1, (path, log[-5000:])

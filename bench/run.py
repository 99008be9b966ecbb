"""`make bench`: the site's public pages under load, through the Varnish front and rendered by the
site, beside the smallest Django app (the ceiling); and how often a content change makes the
site render each page when every page is asked for at once (the storm).

1. Fills two benchmark databases, the demo content alone and the demo content with the bench
   volume of `manage.py load_bench_data` on top (bench/management/commands/; the bench app is
   installed only with DJANGO_BENCH_TOOLS=1, which this script sets for its own commands
   alone), and collects the static files. Then the CPU per render of every page for three
   visitors at both volumes, each as a multiple of the ceiling rendered between its renders in
   the same process (bench/cpu.py; BENCH_CPU_RUNS processes a volume, alternating);
   BENCH_ONLY=cpu stops after that table.
2. Starts on 127.0.0.1, each gunicorn with gunicorn.conf.py and 2 sync workers: two servers of
   the site with production settings (the production shape: two app servers), which purge the
   front after each commit (DJANGO_HTTP_CACHE_PURGE_URLS); the ceiling, bench/ceiling.py: one
   view, one small template, no database, no middleware; and Varnish with the site's VCL
   (deploy/varnish/default.vcl) and a backends.vcl naming the two site servers.
3. Loads each page with wrk (fixed durations, after a warm-up, with Accept-Encoding: gzip as
   browsers send it, so the front serves the compressed copy it keeps) in BENCH_PASSES (3)
   passes, through the front and straight from the first site server ("rendered by the site":
   the site keeps no page cache of its own, so every request there is rendered). A ceiling run
   follows every page: each run's ratio is to the mean of the two ceiling runs around it, since
   these machines are shared and speeds drift during a run. The figures shown are the medians
   of the passes, never the best; a run that got no answer says so.
4. The storm: with every bench page cached at the front, saves the department settings record
   (on every page) through the site's own code (`manage.py bench_save_settings`), which purges
   every page at the front, then at once sends every page from many concurrent clients through
   the front, and counts per page how many times the site rendered it: the request lines in
   the access logs of both site servers, beside Varnish's own count of backend requests.
5. Counts SQL queries per page render in this process with Django's test client against the
   same database: they must equal the literal of the page's query-count test
   (EXPECTED_RENDER_QUERIES).
6. Measures the home page's first visit (HTML, CSS, JS, fonts, as sent with
   Accept-Encoding: gzip), and the time to accept a crime report with a 12-megapixel photo
   through the real views, beside Pillow's own decode + re-encode of that photo.

Everything runs on 127.0.0.1 and every process it starts is stopped on exit, by process id,
Ctrl-C included. Environment: DATABASE_URL (PostgreSQL instead of SQLite), REDIS_URL (the
cache), BENCH_SECONDS (seconds per wrk run, default 5), BENCH_CONNECTIONS (default 16),
BENCH_THREADS (default 2), BENCH_PASSES (3), BENCH_CPU_RENDERS (40), BENCH_CPU_RUNS (3),
BENCH_PORT_BASE (8100)
and BENCH_PORT_RANGE (100), BENCH_ONLY (cpu), BENCH_STORM_CLIENTS (concurrent clients a page
in the storm, default 8), BENCH_VARNISH_PARAMETERS (added to production's varnishd parameters).
"""

import argparse
import gzip
import http.client
import io
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
VARNISHD = shutil.which("varnishd") or shutil.which("varnishd", path="/usr/sbin:/usr/local/sbin")
VARNISHSTAT = shutil.which("varnishstat")
VARNISH_PACKAGES = "apt-get install varnish varnish-modules"
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
# varnishd's settings in production (deploy/varnish/parameters, README "The front").
# BENCH_VARNISH_PARAMETERS adds to them, to try a change before it is made there.
VARNISH_PARAMETERS = [
    *shlex.split((ROOT / "deploy" / "varnish" / "parameters").read_text()),
    *shlex.split(os.environ.get("BENCH_VARNISH_PARAMETERS", "")),
]
# Sent with every request under load, as browsers do: the front keeps pages compressed.
ACCEPT = {"Accept-Encoding": "gzip"}
HOST = "127.0.0.1"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
WARM_UP_SECONDS = 1
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
SITE_SERVERS = 2  # behind the front, as in production
WORKERS = 2  # sync workers of each gunicorn: the site servers and the ceiling
STORM_CLIENTS = int(os.environ.get("BENCH_STORM_CLIENTS", "8"))  # a page
STORM_SECONDS = 3
FRONT_TARGET = 5  # through the front: at least this many times the ceiling's req/s
PHOTO_RUNS = 7
PASSES = int(os.environ.get("BENCH_PASSES", "3"))  # over the page list; the median is shown
PORT_BASE = int(os.environ.get("BENCH_PORT_BASE", "8100"))
PORT_RANGE = int(os.environ.get("BENCH_PORT_RANGE", "100"))
ONLY = os.environ.get("BENCH_ONLY", "")  # "cpu": the CPU per render table alone
CPU_TARGET_MS = 5.0  # per render, a visitor without a session, bench volume
FEED_TARGET_MS = 10.0
VISITOR_EXTRA_MS = 1.0  # a session or a signed-in staff member, on top
GROWTH_TARGET = 0.30  # demo volume to bench volume
CPU_RENDERS = int(os.environ.get("BENCH_CPU_RENDERS", "40"))  # of each page and visitor
# bench/cpu.py processes a volume, demo and bench alternating: drift spreads over both volumes.
CPU_RUNS = int(os.environ.get("BENCH_CPU_RUNS", "3"))
# The ceiling's CPU per render on the machine where issue 12 set the targets in milliseconds:
# the targets are read as multiples of it (5 ms is 17.9 x the ceiling), so a slow or a fast
# moment of a shared machine moves the page and the ceiling, and not the verdict.
REFERENCE_CEILING_MS = 0.28

# SQL queries of each page rendered afresh: the literals of the query-count tests
# (tests/test_*.py) for the same kind of page. tests/test_bench.py checks them at small scale.
EXPECTED_RENDER_QUERIES = {
    "home": 3,
    "services": 1,
    "service": 5,
    "programs": 2,
    "program": 3,
    "tips": 2,
    "events": 2,
    "event": 3,  # rendered afresh; 1 while its kept part is current
    "news": 2,
    "news item": 1,
    "search": 1,  # one statement for every search source (core.search.combined_statement)
    "report": 1,
    "feed.ics": 1,
    "officers": 1,
    "sign-up": 2,
    "registration": 2,
}

WRK_SCRIPT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
    .. '"errors": %d, "non2xx": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- Environment and database -------------------------------------------------------------------


def bench_environment() -> dict[str, str]:
    env = dict(os.environ)
    # The measured site runs with production's apps: bench is installed for its commands only.
    env.pop("DJANGO_BENCH_TOOLS", None)
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_SITE_URL": f"http://{HOST}",
            "DJANGO_VAR_DIR": str(BENCH_DIR),
            "DJANGO_STATIC_ROOT": str(BENCH_DIR / "static"),
            "DJANGO_MEDIA_ROOT": str(BENCH_DIR / "media"),
            "DJANGO_PRIVATE_MEDIA_ROOT": str(BENCH_DIR / "private"),
            # Receipts are rendered, then kept in memory instead of going to an SMTP server.
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "DJANGO_LOG_LEVEL": "WARNING",
            # Connections kept between requests, as production keeps PostgreSQL's (the site's
            # default for SQLite is a new one per request: cary_pd/settings.py).
            "DJANGO_CONN_MAX_AGE": "600",
            "DATABASE_URL": os.environ.get("DATABASE_URL")
            or f"sqlite:///{BENCH_DIR / 'db.sqlite3'}",
            # Nothing is purged until the front runs: the site servers and the storm's save
            # get its address (main).
            "DJANGO_HTTP_CACHE_PURGE_URLS": "",
            "HOST": HOST,
            "GUNICORN_WORKERS": str(WORKERS),
            "GUNICORN_THREADS": "1",
            # No planned worker restarts during a run: each would start a cold process.
            "GUNICORN_MAX_REQUESTS": "0",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def create_postgresql_database(url: str) -> None:
    """Create the benchmark's PostgreSQL database when it does not exist yet."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(url)
    options = {
        "host": config["HOST"] or None,
        "port": config["PORT"] or None,
        "user": config["USER"] or None,
        "password": config["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **options) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            log(f"Creating the PostgreSQL database {config['NAME']}.")
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


def demo_database_url(url: str) -> str:
    """The database of the demo-volume run beside the bench one: same server, its own name."""
    if url.startswith("sqlite:///"):
        return f"sqlite:///{BENCH_DIR / 'demo.sqlite3'}"
    base, _, name = url.rpartition("/")
    name, _, query = name.partition("?")
    return f"{base}/{name}_demo" + (f"?{query}" if query else "")


def prepare_database(env: dict, *, bench_volume: bool) -> None:
    """Migrate, fill (demo content, and the bench volume on top of it when asked) and analyse."""
    if env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        create_postgresql_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    started = time.monotonic()
    if bench_volume:
        manage({**env, "DJANGO_BENCH_TOOLS": "1"}, "load_bench_data")
    else:
        manage(env, "load_demo_content")
    log(f"Data ready in {time.monotonic() - started:.1f} s.")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def cpu_per_render(env: dict, *, renders: int = CPU_RENDERS, only: str = "") -> dict:
    """bench/cpu.py in a process of its own with these settings: its JSON."""
    command = [PYTHON, str(ROOT / "bench" / "cpu.py"), "--renders", str(renders)]
    if only:
        command += ["--only", only]
    result = subprocess.run(  # noqa: S603
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise SystemExit(f"bench/cpu.py failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.splitlines()[-1])


def manage(env, *args) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


# --- Servers ------------------------------------------------------------------------------------


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log_path: Path

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"


@dataclass
class Front(Server):
    workdir: Path  # varnishd's -n: where varnishstat finds its counters


class Servers:
    """gunicorn and varnishd processes, each in a process group of its own, stopped by that
    group's id whatever happens; and the front's folder, removed."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.processes: list[subprocess.Popen] = []
        self.folders: list[Path] = []

    def spawn(self, name: str, command: list[str], env: dict) -> tuple[subprocess.Popen, Path]:
        log_path = self.log_dir / f"{name}.log"
        with log_path.open("w") as logfile:
            process = subprocess.Popen(  # noqa: S603
                command,
                cwd=ROOT,
                env=env,
                stdout=logfile,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append(process)
        return process, log_path

    def start(self, name: str, app: str, env: dict, port: int, **extra_env) -> Server:
        """gunicorn with gunicorn.conf.py, which logs every request to stdout: the log file."""
        process, log_path = self.spawn(
            name,
            [GUNICORN, "--config", "gunicorn.conf.py", "--no-control-socket", app],
            {**env, "PORT": str(port), **extra_env},
        )
        return Server(name, port, process, log_path)

    def start_front(self, port: int, backends: list[Server]) -> Front:
        """varnishd in the foreground with the site's VCL, and a backends.vcl of its own naming
        the given servers (as deploy/varnish/default.vcl expects, with its health probe)."""
        folder = Path(tempfile.mkdtemp(prefix="cary-bench-varnish-"))
        self.folders.append(folder)
        folder.chmod(0o755)  # varnishd compiles and runs the VCL as its own user
        lines = [
            f'backend web{n} {{ .host = "{HOST}"; .port = "{server.port}"; '
            ".probe = site_alive; .connect_timeout = 1s; .first_byte_timeout = 30s; }"
            for n, server in enumerate(backends)
        ]
        adds = " ".join(f"site.add_backend(web{n});" for n in range(len(backends)))
        lines.append(f"sub vcl_init {{ {adds} }}")
        (folder / "backends.vcl").write_text("\n".join(lines) + "\n")
        (folder / "backends.vcl").chmod(0o644)
        workdir = folder / "work"
        process, log_path = self.spawn(
            "varnish",
            [VARNISHD, "-F", "-a", f"{HOST}:{port}", "-f", str(VCL),
             "-p", f"vcl_path={folder}:{VCL.parent}", "-n", str(workdir), *VARNISH_PARAMETERS],
            dict(os.environ),
        )  # fmt: skip
        return Front("varnish", port, process, log_path, workdir)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()
        for folder in self.folders:
            shutil.rmtree(folder, ignore_errors=True)
        self.folders.clear()


def free_ports(count: int) -> list[int]:
    """Free ports on 127.0.0.1 from BENCH_PORT_BASE (8100) on, among BENCH_PORT_RANGE (100)."""
    ports = []
    for port in range(PORT_BASE, PORT_BASE + PORT_RANGE):
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == count:
            return ports
    raise SystemExit(
        f"No {count} free ports from {PORT_BASE} to {PORT_BASE + PORT_RANGE - 1} on {HOST}:"
        " set BENCH_PORT_BASE (and BENCH_PORT_RANGE) to another range."
    )


def wait_until_up(server: Server, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            hint = f" (Debian: {VARNISH_PACKAGES})" if isinstance(server, Front) else ""
            tail = server.log_path.read_text(errors="replace")[-3000:]
            raise SystemExit(
                f"{server.name} exited at start{hint}; {server.log_path} ends:\n{tail}"
            )
        try:
            status, _headers, _body = fetch(server.url, path)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(
        f"{server.url}{path} did not answer within {timeout:.0f} s ({server.log_path})."
    )


def fetch(base: str, path: str, headers=None) -> tuple[int, dict, bytes]:
    """One GET; the body exactly as it came over the wire (not decompressed)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def varnish_counters(front: Front) -> dict[str, int]:
    """The front's own counts: requests it sent to the site, and objects it removed (expired or
    purged: xkey's hard purge counts as expiry)."""
    result = subprocess.run(  # noqa: S603
        [VARNISHSTAT, "-n", str(front.workdir), "-j",
         "-f", "MAIN.backend_req", "-f", "MAIN.n_expired"],
        capture_output=True, text=True, check=True, timeout=30,
    )  # fmt: skip
    counters = json.loads(result.stdout)["counters"]
    return {name: counter["value"] for name, counter in counters.items()}


REQUEST_LINE = re.compile(r'"(?:GET|HEAD) (\S+) HTTP/[0-9.]+"')


def requests_logged(servers: list[Server], since: list[int]) -> Counter:
    """Paths of the requests the servers logged (gunicorn's access log, in each log file) after
    the given sizes of their log files."""
    paths = Counter()
    for server, offset in zip(servers, since, strict=True):
        with server.log_path.open("rb") as logfile:
            logfile.seek(offset)
            for line in logfile.read().decode(errors="replace").splitlines():
                match = REQUEST_LINE.search(line)
                if match:
                    paths[match.group(1)] += 1
    return paths


# --- wrk ----------------------------------------------------------------------------------------


def wrk(url: str, seconds: int, script: str) -> dict:
    result = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk"),
            f"--threads={THREADS}",
            f"--connections={CONNECTIONS}",
            f"--duration={seconds}s",
            "--timeout=10s",
            *(f"--header={name}: {value}" for name, value in ACCEPT.items()),
            f"--script={script}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=seconds + 30,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("{"))
    stats = json.loads(line)
    # A run that got no answer at all has no speed (wrk reports 0 requests, not an error).
    stats["rps"] = stats["requests"] / (stats["duration_us"] / 1e6) if stats["requests"] else None
    return stats


# --- The pages ----------------------------------------------------------------------------------


def count_queries(path: str) -> int:
    """SQL queries of one GET rendered by the site (every GET is: it keeps no page cache), after
    a first GET that fills the site-wide caches (the department record, the urgent banners).
    The page parts that GET kept (core/fragments.py) are forgotten: their queries count."""
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    caches["fragments"].clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def bench_pages() -> list[tuple[str, str]]:
    from bench.pages import bench_pages as pages  # once main() has put the project on sys.path

    return pages()


def shared_pages(pages: list[tuple[str, str]]) -> list[tuple[str, str]]:
    from bench.pages import shared_pages as shared

    return shared(pages)


# --- First visit ----------------------------------------------------------------------------------


class AssetFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        rel = (attributes.get("rel") or "").split()
        if tag == "link" and ("stylesheet" in rel or attributes.get("as") in ("font", "style")):
            self.assets.append(attributes["href"])
        elif tag == "script" and attributes.get("src"):
            self.assets.append(attributes["src"])


FONT_URL = re.compile(rb"url\(\s*['\"]?([^'\")]+\.(?:woff2?|ttf|otf)(?:\?[^'\")]*)?)['\"]?\s*\)")


def first_visit(base: str) -> list[tuple[str, int]]:
    """(path, bytes on the wire) of the home page and every stylesheet, script and font it
    loads, requested as a browser does with Accept-Encoding: gzip. Images are left out."""
    accept = {"Accept-Encoding": "gzip"}
    status, headers, html = fetch(base, "/", accept)
    assert status == 200
    items = [("/ (HTML, " + headers.get("Content-Encoding", "uncompressed") + ")", len(html))]
    finder = AssetFinder()
    page = gzip.decompress(html) if headers.get("Content-Encoding") == "gzip" else html
    finder.feed(page.decode())
    seen = set()
    queue = list(finder.assets)
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        status, headers, body = fetch(base, path, accept)
        assert status == 200, (path, status)
        encoding = headers.get("Content-Encoding", "uncompressed")
        items.append((f"{path} ({encoding})", len(body)))
        if path.endswith(".css"):
            text = gzip.decompress(body) if encoding == "gzip" else body
            directory = path.rsplit("/", 1)[0]
            for font in FONT_URL.findall(text):
                font = font.decode()
                queue.append(font if font.startswith("/") else f"{directory}/{font}")
    return items


# --- Crime report with a 12-megapixel photo ------------------------------------------------------


def twelve_megapixel_jpeg() -> bytes:
    """A 4000 x 3000 JPEG that compresses like a photo (gradients and sensor-like noise)."""
    from PIL import Image, ImageChops

    size = (4000, 3000)
    gradient = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 40)
    red = ImageChops.add(gradient, noise, 2, -64)
    green = ImageChops.add(
        gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT), Image.effect_noise(size, 20), 2, -64
    )
    out = io.BytesIO()
    Image.merge("RGB", (red, green, noise)).save(out, format="JPEG", quality=90)
    return out.getvalue()


def photo_timings(data: bytes, runs: int = PHOTO_RUNS) -> tuple[float, float]:
    """Medians, in seconds: (accepting a report with this photo, Pillow alone), interleaved."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse
    from PIL import Image

    from reports.models import Report, ReportDraft
    from reports.photos import JPEG_QUALITY, delete_stored

    def pillow_alone() -> float:
        start = time.perf_counter()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image.save(io.BytesIO(), format="JPEG", quality=JPEG_QUALITY)
        return time.perf_counter() - start

    def accept_report(run: int) -> tuple[float, str]:
        # Each run from its own address: the submission rate limit counts per address.
        client = Client(HTTP_HOST=HOST, REMOTE_ADDR=f"10.99.{os.getpid() % 250}.{run + 1}")
        for step, answer in (("emergency", "no"), ("in_cary", "yes"), ("suspect", "no")):
            client.post(reverse(f"reports:{step}"), {"answer": answer})
        client.post(reverse("reports:incident_type"), {"answer": "theft"})
        client.post(reverse("reports:when"), {"start_date": "3/1/2026", "start_time": "9:30 PM"})
        client.post(reverse("reports:location"), {"address": "316 N. Academy St"})
        client.post(reverse("reports:what"), {"description": "My bike was taken from the rack."})
        client.post(
            reverse("reports:property"),
            {"item-TOTAL_FORMS": "0", "item-INITIAL_FORMS": "0", "action": "continue"},
        )
        client.post(reverse("reports:suspect_vehicle"), {"suspect_description": ""})
        upload = SimpleUploadedFile("IMG_0001.jpg", data, content_type="image/jpeg")
        start = time.perf_counter()
        response = client.post(reverse("reports:photos"), {"photos": upload, "action": "continue"})
        uploaded = time.perf_counter() - start
        assert response.status_code == 302, response.content.decode()[:500]
        client.post(
            reverse("reports:about_you"),
            {"name": "Alex Resident", "email": "alex@example.org", "contact_method": "email"},
        )
        start = time.perf_counter()
        response = client.post(reverse("reports:check"), {"declaration": "on"})
        submitted = time.perf_counter() - start
        assert response["Location"] == reverse("reports:confirmation"), response.status_code
        return uploaded + submitted, client.session["report_draft"]

    ours, alone = [], []
    _seconds, draft = accept_report(-1)  # warm-up (imports, templates); not counted
    drafts = [draft]
    pillow_alone()
    for run in range(runs):
        seconds, draft = accept_report(run)
        ours.append(seconds)
        drafts.append(draft)
        alone.append(pillow_alone())
    # The benchmark's reports leave nothing behind: rows and stored photos.
    reports = Report.objects.filter(draft__in=drafts)
    names = list(reports.values_list("photos__file", flat=True))
    reports.delete()
    ReportDraft.objects.filter(pk__in=drafts).delete()
    delete_stored([name for name in names if name])
    return statistics.median(ours), statistics.median(alone)


# --- The storm ----------------------------------------------------------------------------------


def site_caught_up(front: Front, site_servers: list[Server], sizes=None, before=None, timeout=10):
    """(sizes of the site servers' logs, the front's counters) at a quiet moment: two looks
    `QUIET` seconds apart that agree, so no request is between the front's count and the site's
    log (the front counts a request when it sends it, the site logs it when it has answered, and
    a background fetch starts just after an answer). With those of an earlier moment, also waits
    until the site has logged as many requests since then (its /healthz probes aside) as the front
    has sent it. Gives up after `timeout` seconds and returns the last look."""
    deadline = time.monotonic() + timeout
    look = _site_look(front, site_servers)
    while True:
        time.sleep(QUIET)
        previous, look = look, _site_look(front, site_servers)
        quiet = look.counters == previous.counters and look.answered == previous.answered
        if quiet and sizes is not None:
            sent = look.counters["MAIN.backend_req"] - before["MAIN.backend_req"]
            logged = requests_logged(site_servers, sizes)
            quiet = sum(logged.values()) - logged["/healthz"] == sent
        if quiet or time.monotonic() > deadline:
            return look.sizes, look.counters


QUIET = 0.3  # seconds with nothing sent by the front nor logged by the site


@dataclass
class _SiteLook:
    sizes: list[int]  # of the site servers' logs
    answered: int  # requests in those logs, the front's /healthz probes aside
    counters: dict[str, int]  # the front's


def _site_look(front: Front, site_servers: list[Server]) -> _SiteLook:
    sizes = [server.log_path.stat().st_size for server in site_servers]
    logged = requests_logged(site_servers, [0] * len(site_servers))
    answered = sum(logged.values()) - logged["/healthz"]
    return _SiteLook(sizes, answered, varnish_counters(front))


@dataclass
class Storm:
    clients: int
    seconds: float
    not_cached: list[str]  # bench pages that were not a hit at the front before the save
    removed: int  # objects the front removed during the save and the storm: the purged ones
    answers: dict[str, Counter]  # label -> (status, x-cache) -> answers, as the clients saw them
    renders: dict[str, int]  # label -> requests for the page that the site servers logged
    other_requests: Counter  # other paths the site servers logged (the front's probes aside)
    backend_requests: int  # Varnish's own count of the requests it sent to the site


def storm(
    pages: list[tuple[str, str]],
    *,
    front: Front,
    site_servers: list[Server],
    save: Callable[[], object],
    clients_per_page: int,
    seconds: float,
) -> Storm:
    """Every page cached at the front; one save that purges them all; then every page at once
    from many clients: how many times did the site render each?"""
    sizes, before = site_caught_up(front, site_servers)
    not_cached = []
    for _label, path in pages:
        fetch(front.url, path, ACCEPT)
        _status, headers, _body = fetch(front.url, path, ACCEPT)
        if {name.lower(): value for name, value in headers.items()}.get("x-cache") != "hit":
            not_cached.append(path)
    # A copy past its s-maxage was served while the front fetched a new one in the background;
    # that render ends after the answer. Start counting once every fetch is in the site's log.
    sizes, before = site_caught_up(front, site_servers, sizes, before, timeout=30)
    go = threading.Event()
    deadline = [0.0]
    seen: list[tuple[str, Counter]] = []

    def client(label: str, path: str) -> None:
        answers = Counter()
        connection = http.client.HTTPConnection(HOST, front.port, timeout=30)
        go.wait()
        try:
            while time.monotonic() < deadline[0]:
                try:
                    connection.request("GET", path, headers=ACCEPT)
                    response = connection.getresponse()
                    response.read()
                    answers[response.status, response.getheader("x-cache", "")] += 1
                except (OSError, http.client.HTTPException) as error:
                    answers[type(error).__name__, ""] += 1
                    connection.close()
        finally:
            connection.close()
            seen.append((label, answers))

    # The clients are ready before the save, and start the moment it returns.
    threads = [
        threading.Thread(target=client, args=(label, path), daemon=True)
        for label, path in pages
        for _n in range(clients_per_page)
    ]
    for thread in threads:
        thread.start()
    try:
        save()
        deadline[0] = time.monotonic() + seconds
    finally:
        go.set()
        for thread in threads:
            thread.join()
    _sizes, after = site_caught_up(front, site_servers, sizes, before)
    logged = requests_logged(site_servers, sizes)

    answers = {label: Counter() for label, _path in pages}
    for label, counts in seen:
        answers[label].update(counts)
    paths = {path for _label, path in pages}
    return Storm(
        clients=len(threads),
        seconds=seconds,
        not_cached=not_cached,
        removed=after["MAIN.n_expired"] - before["MAIN.n_expired"],
        answers=answers,
        renders={label: logged[path] for label, path in pages},
        other_requests=Counter(
            {path: n for path, n in logged.items() if path not in paths and path != "/healthz"}
        ),
        backend_requests=after["MAIN.backend_req"] - before["MAIN.backend_req"],
    )


# --- Main -----------------------------------------------------------------------------------------


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(
        prog="bench/run.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    ).parse_args(argv)
    cpu_only = ONLY == "cpu"
    if not cpu_only and shutil.which("wrk") is None:
        log("make bench needs wrk (Debian: apt-get install wrk).")
        return 2
    if not cpu_only and (VARNISHD is None or VARNISHSTAT is None):
        log(f"make bench needs Varnish and its xkey module (Debian: {VARNISH_PACKAGES}).")
        return 2
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    env = bench_environment()
    # A cache prefix of its own: with REDIS_URL both databases' processes share one Redis, and
    # the demo's settings records, clock and key versions must not be read for the bench's.
    demo_env = {
        **env,
        "DATABASE_URL": demo_database_url(env["DATABASE_URL"]),
        "DJANGO_CACHE_PREFIX": env.get("DJANGO_CACHE_PREFIX", "cary-pd") + "-bench-demo",
    }
    database = env["DATABASE_URL"].split("@")[-1]
    log(f"Database: {database} (demo volume: {demo_env['DATABASE_URL'].split('@')[-1]})")
    log("Preparing the databases and the static files...")
    prepare_database(demo_env, bench_volume=False)
    prepare_database(env, bench_volume=True)

    log(
        f"CPU per render: {CPU_RENDERS} renders of each page and visitor, in {CPU_RUNS} processes"
        " a volume, demo and bench volume alternating"
    )
    demo_runs, bench_runs = [], []
    for _run in range(CPU_RUNS):
        demo_runs.append(cpu_per_render(demo_env))
        bench_runs.append(cpu_per_render(env))
    cpu_problems = report_cpu(combine_cpu(demo_runs), combine_cpu(bench_runs), database=database)
    if cpu_only:
        for problem in cpu_problems:
            print(f"  ! {problem}")
        return 0

    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cary_pd.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    pages = bench_pages()
    servers = Servers(BENCH_DIR)

    def stop(signum, frame):
        servers.stop()
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        *site_ports, ceiling_port, front_port = free_ports(SITE_SERVERS + 2)
        purge_url = f"http://{HOST}:{front_port}/"
        sites = [
            servers.start(
                f"site-{n}", "cary_pd.wsgi", env, port, DJANGO_HTTP_CACHE_PURGE_URLS=purge_url
            )
            for n, port in enumerate(site_ports, start=1)
        ]
        ceiling = servers.start("ceiling", "bench.ceiling_wsgi", env, ceiling_port)
        for server in sites:
            wait_until_up(server, "/healthz")
        wait_until_up(ceiling, "/")
        front = servers.start_front(front_port, sites)
        wait_until_up(front, "/healthz")
        results = load(pages, front=front, site=sites[0], ceiling=ceiling)
        log("The storm: one save, then every page at once through the front...")
        storm_env = {**env, "DJANGO_BENCH_TOOLS": "1", "DJANGO_HTTP_CACHE_PURGE_URLS": purge_url}
        stormed = storm(
            shared_pages(pages),
            front=front,
            site_servers=sites,
            save=lambda: manage(storm_env, "bench_save_settings"),
            clients_per_page=STORM_CLIENTS,
            seconds=STORM_SECONDS,
        )
        visit = first_visit(sites[0].url)
    finally:
        servers.stop()

    log("Counting queries and timing the 12-megapixel report...")
    queries = {label: count_queries(path) for label, path in pages}
    html = {}
    from django.test import Client

    for label, path in pages:
        body = Client(HTTP_HOST=HOST).get(path).content
        html[label] = (len(body), len(gzip.compress(body, compresslevel=6)))
    photo = twelve_megapixel_jpeg()
    accept_seconds, pillow_seconds = photo_timings(photo)

    figures = {"photo": photo, "accept_seconds": accept_seconds, "pillow_seconds": pillow_seconds}
    report(pages, results, stormed, queries, html, visit, database=database, **figures)
    for problem in cpu_problems:
        print(f"  ! {problem}")
    return 0


def combine_cpu(runs: list[dict]) -> dict:
    """bench/cpu.py's figures of several processes as one: for each page and visitor, the
    median of the runs' medians ("ms") and of their multiples of the same run's ceiling
    ("x")."""
    combined = {}
    for label, row in runs[0].items():
        combined[label] = {"path": row["path"]}
        for visitor in row:
            if visitor == "path":
                continue
            figures = [run[label][visitor]["ms"] for run in runs]
            ratios = [run[label][visitor]["ms"] / run["ceiling"]["anonymous"]["ms"] for run in runs]
            combined[label][visitor] = {
                "ms": statistics.median(figures),
                "x": statistics.median(ratios),
            }
    return combined


def report_cpu(demo: dict, bench: dict, *, database: str) -> list[str]:
    """The CPU per render table (bench/cpu.py's figures, combine_cpu) and its targets, read as
    multiples of the ceiling measured in the same processes; the problems found."""
    demo, bench = dict(demo), dict(bench)
    demo_ceiling, bench_ceiling = demo.pop("ceiling"), bench.pop("ceiling")
    print()
    print(
        f"CPU per render, in process: median of {CPU_RENDERS} renders of each page and visitor"
        " through the site's WSGI application (no server, no front, no page cache), with"
        f" production settings, in {CPU_RUNS} processes a volume (median of theirs); database"
        f" {database}, cache {'Redis' if os.environ.get('REDIS_URL') else 'local memory'}. Demo:"
        " the demo content alone; bench: with load_bench_data's volume on top. Visitors:"
        " anonymous (no cookie), session (a resident in the middle of a crime report), staff"
        " (a superuser signed in with two factors)."
    )
    print(
        "Ceiling (bench/ceiling.py, one view, one small template, no middleware), rendered in"
        " the same processes after every render of a page:"
        f" {demo_ceiling['anonymous']['ms']:.3f} ms a render in the demo runs,"
        f" {bench_ceiling['anonymous']['ms']:.3f} ms in the bench runs. x ceil is a page's"
        " multiple of it; 'at ref' is that multiple times the ceiling of the machine the targets"
        f" were set on ({REFERENCE_CEILING_MS} ms), and the targets apply to it; growth compares"
        " the multiples."
    )
    print()
    header = (
        f"{'page':<40} {'demo ms':>8} {'bench ms':>8} {'x ceil':>7} {'at ref':>7} {'growth':>7} "
        f"{'session':>8} {'staff':>8} {'target':>7}"
    )
    print(header)
    print("-" * len(header))
    problems = []
    for label, row in bench.items():
        anonymous = row["anonymous"]
        at_reference = anonymous["x"] * REFERENCE_CEILING_MS
        small = demo.get(label, {}).get("anonymous")
        growth = anonymous["x"] / small["x"] - 1 if small else None
        target = FEED_TARGET_MS if label == "feed.ics" else CPU_TARGET_MS
        name = f"{label} {row['path']}"
        print(
            f"{name[:40]:<40} {figure(small and small['ms'], '.2f', 8)} {anonymous['ms']:>8.2f} "
            f"{anonymous['x']:>7.1f} {at_reference:>7.2f} "
            f"{figure(growth and growth * 100, '+.0f', 6)}% "
            f"{row['session']['ms']:>8.2f} {row['staff']['ms']:>8.2f} {target:>7.0f}"
        )
        if at_reference > target:
            problems.append(
                f"CPU: {row['path']} takes {anonymous['x']:.1f} x the ceiling, {at_reference:.2f}"
                f" ms at the reference ceiling, over {target:.0f} ms"
            )
        if growth is not None and growth > GROWTH_TARGET:
            problems.append(f"CPU: {row['path']} grows {growth:.0%} from demo to bench volume")
        for visitor in ("session", "staff"):
            extra = (row[visitor]["x"] - anonymous["x"]) * REFERENCE_CEILING_MS
            if extra > VISITOR_EXTRA_MS:
                problems.append(
                    f"CPU: {row['path']} costs {extra:.2f} ms more for {visitor} at the"
                    " reference ceiling"
                )
    print()
    print(
        f"Targets, at the reference ceiling: at most {CPU_TARGET_MS:.0f} ms a render at bench"
        f" volume ({FEED_TARGET_MS:.0f} for feed.ics), {GROWTH_TARGET:.0%} growth from demo"
        f" volume, and {VISITOR_EXTRA_MS:.0f} ms more with a session or as staff:"
        f" {'met' if not problems else f'{len(problems)} misses (below)'}."
    )
    return problems


def load(pages, *, front: Front, site: Server, ceiling: Server) -> dict:
    """Every page through the front and from the site, in PASSES passes over the list; after
    each page, a ceiling run, so each of its runs is compared with the ceiling runs just before
    and after it (these machines are shared and speeds drift during a run)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script_file:
        script_file.write(WRK_SCRIPT)
    script = script_file.name

    def through_front(path: str) -> dict:
        before = varnish_counters(front)["MAIN.backend_req"]
        run = wrk(front.url + path, SECONDS, script)
        run["to_site"] = varnish_counters(front)["MAIN.backend_req"] - before
        return run

    def ratio(run: dict, around: list[dict]) -> float | None:
        speeds = [other["rps"] for other in around if other["rps"]]
        if run["rps"] is None or not speeds:
            return None
        return run["rps"] / statistics.mean(speeds)

    try:
        wrk(ceiling.url + "/", WARM_UP_SECONDS, script)
        ceilings = [wrk(ceiling.url + "/", SECONDS, script)]
        results = {label: {"front": [], "site": []} for label, _path in pages}
        for number in range(PASSES):
            for label, path in pages:
                log(f"Pass {number + 1} of {PASSES}: {path}")
                if number == 0:
                    wrk(front.url + path, WARM_UP_SECONDS, script)  # fills the front
                    wrk(site.url + path, WARM_UP_SECONDS, script)
                fronted = through_front(path)
                rendered = wrk(site.url + path, SECONDS, script)
                ceilings.append(wrk(ceiling.url + "/", SECONDS, script))
                around = ceilings[-2:]
                results[label]["front"].append({"run": fronted, "ratio": ratio(fronted, around)})
                results[label]["site"].append({"run": rendered, "ratio": ratio(rendered, around)})
        results["_ceilings"] = [run["rps"] for run in ceilings]
        return results
    finally:
        os.unlink(script)


def median_of(runs: list[dict], key: str):
    """The median of the passes' figures (never the best pass); None when no pass had any."""
    values = [run["run"][key] if key != "ratio" else run["ratio"] for run in runs]
    values = [value for value in values if value is not None]
    return statistics.median(values) if values else None


def figure(value, spec: str, width: int) -> str:
    return f"{'no answers' if value is None else format(value, spec):>{width}}"


def report(
    pages,
    results,
    stormed,
    queries,
    html,
    visit,
    *,
    photo,
    accept_seconds,
    pillow_seconds,
    database,
):
    ceilings = [speed for speed in results["_ceilings"] if speed]
    print()
    print(
        f"Cary PD site under wrk: {THREADS} threads, {CONNECTIONS} connections, {SECONDS} s per run"
        f" after a {WARM_UP_SECONDS} s warm-up; database {database};"
        f" cache {'Redis' if os.environ.get('REDIS_URL') else 'local memory'}."
    )
    print(
        f"Front: Varnish (deploy/varnish/default.vcl; varnishd {' '.join(VARNISH_PARAMETERS)})"
        f" before {SITE_SERVERS} gunicorn servers of the site, {WORKERS} sync workers each."
        " Rendered by the site: straight from the first of them, which renders every request"
        " (the site keeps no page cache of its own). Every request sends"
        f" {', '.join(f'{name}: {value}' for name, value in ACCEPT.items())}, as browsers do."
    )
    print(
        f"Ceiling (bench/ceiling.py, one view, one small template; gunicorn, {WORKERS} sync"
        f" workers): {len(ceilings)} runs, median {statistics.median(ceilings):.0f} req/s"
        f" (min {min(ceilings):.0f}, max {max(ceilings):.0f})."
    )
    print(
        f"Each page is loaded through the front and from the site in {PASSES} passes over the"
        " list, each run followed by a ceiling run; every figure is the median of the passes"
        " (not the best one), and x ceil compares a run with the mean of the ceiling runs just"
        " before and after it. A page whose runs got no answer at all says so."
    )
    print()
    print(f"{'':<32} {'through the front (median of passes)':<38} | rendered by the site")
    header = (
        f"{'page':<32} {'req/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'x ceil':>6} {'to site':>7} | "
        f"{'req/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'x ceil':>6} {'SQL':>4} {'HTML':>9} "
        f"{'gzip':>8}"
    )
    print(header)
    print("-" * len(header))
    lowest_ratios = []
    shared = shared_pages(pages)
    problems = []
    for label, path in pages:
        fronted, rendered = results[label]["front"], results[label]["site"]
        raw, packed = html[label]
        errors = sum(run["run"]["errors"] + run["run"]["non2xx"] for run in fronted + rendered)
        if errors:
            problems.append(f"{path}: {errors} errors or non-2xx answers under wrk")
        silent = [run for run in fronted + rendered if run["run"]["rps"] is None]
        if silent:
            problems.append(f"{path}: {len(silent)} wrk runs got no answer at all")
        if (label, path) in shared:
            lowest_ratios.append(min((run["ratio"] or 0) for run in fronted))
        if queries[label] != EXPECTED_RENDER_QUERIES[label]:
            problems.append(
                f"{path}: {queries[label]} queries to render, the tests say "
                f"{EXPECTED_RENDER_QUERIES[label]}"
            )
        p50 = median_of(fronted, "p50_us")
        p99 = median_of(fronted, "p99_us")
        site_p50 = median_of(rendered, "p50_us")
        site_p99 = median_of(rendered, "p99_us")
        name = f"{label} {path}"
        print(
            f"{name[:32]:<32} {figure(median_of(fronted, 'rps'), '.0f', 10)} "
            f"{figure(p50 and p50 / 1000, '.1f', 7)} {figure(p99 and p99 / 1000, '.1f', 7)} "
            f"{figure(median_of(fronted, 'ratio'), '.2f', 6)} "
            f"{figure(median_of(fronted, 'to_site'), '.0f', 7)} | "
            f"{figure(median_of(rendered, 'rps'), '.0f', 10)} "
            f"{figure(site_p50 and site_p50 / 1000, '.1f', 7)} "
            f"{figure(site_p99 and site_p99 / 1000, '.1f', 7)} "
            f"{figure(median_of(rendered, 'ratio'), '.2f', 6)} "
            f"{queries[label]:>4} {kb(raw):>9} {kb(packed):>8}"
        )
    print()
    print(
        "to site: requests the front sent to the site during the run (Varnish's count); SQL:"
        " queries to render the page; gzip: level 6, as the front compresses it (its gzip_level)."
    )
    print()
    report_storm(shared, stormed, problems)
    print()
    total = sum(size for _path, size in visit)
    print("Home page, first visit (images excluded), bytes on the wire with Accept-Encoding: gzip:")
    for path, size in visit:
        print(f"  {path:<70} {kb(size):>9}")
    print(f"  {'total':<70} {kb(total):>9}")
    print()
    ratio = accept_seconds / pillow_seconds
    print(
        f"Crime report with a 12-megapixel JPEG (4000x3000, {len(photo) / 1e6:.1f} MB), median of "
        f"{PHOTO_RUNS} interleaved runs:"
    )
    print(f"  accepting it (photo upload step + final submission): {accept_seconds:.3f} s")
    print(f"  Pillow alone (decode + re-encode at the same quality):  {pillow_seconds:.3f} s")
    print(f"  ratio: {ratio:.2f}")
    print()
    print("Targets:")
    lowest = min(lowest_ratios)
    both = sum(ratio >= FRONT_TARGET for ratio in lowest_ratios)
    print(
        f"  every page through the front >= {FRONT_TARGET} x the ceiling's req/s:"
        f" {'yes' if lowest >= FRONT_TARGET else 'NO'} (lowest {lowest:.2f}; {both} of"
        f" {len(shared)} pages in every pass; the form pages are never shared)"
    )
    once = sum(stormed.renders[label] == 1 for label, _path in shared)
    print(
        f"  storm: each page rendered once after the save: {'yes' if once == len(shared) else 'NO'}"
        f" ({once} of {len(shared)} pages; {sum(stormed.renders.values())} renders in all)"
    )
    print(f"  home page first visit <= 100 KB: {'yes' if total <= 100 * 1024 else 'NO'}"
          f" ({kb(total)})")  # fmt: skip
    print(f"  12 MP report <= 1.5 x Pillow: {'yes' if ratio <= 1.5 else 'NO'} ({ratio:.2f})")
    same = not any("queries" in problem for problem in problems)
    print(f"  render queries as in the tests: {'yes' if same else 'NO'}")
    for problem in problems:
        print(f"  ! {problem}")


def report_storm(pages, stormed: Storm, problems: list[str]) -> None:
    print(
        "The storm: with every page cached at the front, one save of the department settings"
        " (shown on every page; manage.py bench_save_settings) purged them there (the front"
        f" removed {stormed.removed} objects, purged or expired); then {stormed.clients} clients"
        f" ({stormed.clients // len(pages)} a page, keep-alive) asked for the {len(pages)} pages"
        f" through the front for {stormed.seconds:g} s, all at once. Renders: the requests for"
        f" the page in the access logs of the {SITE_SERVERS} site servers."
    )
    print()
    header = f"{'page':<32} {'answers':>8} {'not 200':>8} {'x-cache miss':>12} {'renders':>8}"
    print(header)
    print("-" * len(header))
    totals = Counter()
    for label, path in pages:
        answers = stormed.answers[label]
        row = {
            "answers": sum(answers.values()),
            "not 200": sum(n for (status, _x), n in answers.items() if status != 200),
            "miss": sum(n for (_status, state), n in answers.items() if state == "miss"),
            "renders": stormed.renders[label],
        }
        totals.update(row)
        name = f"{label} {path}"
        print(
            f"{name[:32]:<32} {row['answers']:>8} {row['not 200']:>8} {row['miss']:>12} "
            f"{row['renders']:>8}"
        )
    print("-" * len(header))
    print(
        f"{'total':<32} {totals['answers']:>8} {totals['not 200']:>8} {totals['miss']:>12} "
        f"{totals['renders']:>8}"
    )
    print()
    others = sum(stormed.other_requests.values())
    print(
        f"Varnish sent {stormed.backend_requests} requests to the site during the storm; the site"
        f" servers logged {totals['renders']} for these pages and {others} for others"
        f" (the front's /healthz probes aside)."
    )
    if stormed.not_cached:
        problems.append(
            f"not cached at the front before the storm: {', '.join(stormed.not_cached)}"
        )
    for label, path in pages:
        failed = {
            f"{status} {state}".strip(): n
            for (status, state), n in stormed.answers[label].items()
            if status != 200
        }
        if failed:
            problems.append(f"storm, {path}: answers other than 200: {failed}")


if __name__ == "__main__":
    sys.exit(main())

"""`make bench`: the site's public pages under load, beside the smallest Django app (the ceiling).

1. Fills a benchmark database (SQLite under var/bench/, or DATABASE_URL) with
   `manage.py load_bench_data` (bench/management/commands/; the bench app is installed only
   with DJANGO_BENCH_TOOLS=1, which this script sets for that command alone) and collects the
   static files.
2. Starts, each under gunicorn with gunicorn.conf.py, 2 sync workers, on 127.0.0.1:
   the site with production settings; the same site with the page cache off
   (DJANGO_PAGE_CACHE_SECONDS=0), to show what a page costs to render; and the ceiling,
   bench/ceiling.py: one view, one small template, no database, no middleware.
3. Loads each page with wrk (fixed durations, after a warm-up), in two passes over the list.
   The ceiling is measured before the first page and after every page: each run's ratio is to
   the mean of the two ceiling runs around it, since these machines are shared and speeds drift
   during a run; the better of a page's two passes is shown beside the other.
4. Counts SQL queries per page in this process with Django's test client against the same
   database: served from the warm page cache, and rendered (page cache off) — the latter must
   equal the literal of the page's query-count test (EXPECTED_RENDER_QUERIES).
5. Measures the home page's first visit (HTML, CSS, JS, fonts, as sent with
   Accept-Encoding: gzip), and the time to accept a crime report with a 12-megapixel photo
   through the real views, beside Pillow's own decode + re-encode of that photo.

Everything runs on 127.0.0.1 and every server is stopped on exit, Ctrl-C included.
Environment: DATABASE_URL (PostgreSQL instead of SQLite), REDIS_URL (the cache), BENCH_SECONDS
(seconds per wrk run, default 5), BENCH_CONNECTIONS (default 16), BENCH_THREADS (default 2).
"""

import argparse
import gzip
import http.client
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
HOST = "127.0.0.1"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
WARM_UP_SECONDS = 1
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
PHOTO_RUNS = 7
PASSES = 2  # over the page list

# SQL queries of each page rendered afresh: the literals of the query-count tests
# (tests/test_*.py) for the same kind of page. tests/test_bench.py checks them at small scale.
EXPECTED_RENDER_QUERIES = {
    "home": 3,
    "services": 1,
    "service": 5,
    "programs": 1,
    "program": 4,
    "tips": 1,
    "events": 2,
    "event": 2,
    "news": 2,
    "news item": 1,
    "search": 6,
    "report": 1,
    "feed.ics": 1,
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
    # The measured site runs with production's apps: bench is installed for load_bench_data only.
    env.pop("DJANGO_BENCH_TOOLS", None)
    env.update(
        {
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_ALLOWED_HOSTS": HOST,
            "DJANGO_VAR_DIR": str(BENCH_DIR),
            "DJANGO_STATIC_ROOT": str(BENCH_DIR / "static"),
            "DJANGO_MEDIA_ROOT": str(BENCH_DIR / "media"),
            "DJANGO_PRIVATE_MEDIA_ROOT": str(BENCH_DIR / "private"),
            # Receipts are rendered, then kept in memory instead of going to an SMTP server.
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": os.environ.get("DATABASE_URL")
            or f"sqlite:///{BENCH_DIR / 'db.sqlite3'}",
            "HOST": HOST,
            "GUNICORN_WORKERS": "2",
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


def manage(env, *args) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


# --- Servers ------------------------------------------------------------------------------------


class Servers:
    """gunicorn processes, each in its own process group, stopped whatever happens."""

    def __init__(self):
        self.processes: list[subprocess.Popen] = []

    def start(self, name: str, app: str, env: dict, port: int, **extra_env) -> str:
        logfile = (BENCH_DIR / f"{name}.log").open("w")
        process = subprocess.Popen(  # noqa: S603
            [GUNICORN, "--config", "gunicorn.conf.py", "--no-control-socket", app],
            cwd=ROOT,
            env={**env, "PORT": str(port), **extra_env},
            stdout=logfile,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return f"http://{HOST}:{port}"

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


def free_ports(count: int) -> list[int]:
    ports = []
    for port in range(8100, 8200):
        with socket.socket() as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == count:
            return ports
    raise SystemExit("No free port between 8100 and 8199 on 127.0.0.1.")


def wait_until_up(base: str, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            status, _headers, _body = fetch(base, path)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{base}{path} did not answer within {timeout:.0f} s (see var/bench/*.log).")


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


# --- wrk ----------------------------------------------------------------------------------------


def wrk(url: str, seconds: int, script: str) -> dict:
    result = subprocess.run(  # noqa: S603
        [
            shutil.which("wrk"),
            f"--threads={THREADS}",
            f"--connections={CONNECTIONS}",
            f"--duration={seconds}s",
            "--timeout=10s",
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
    stats["rps"] = stats["requests"] / (stats["duration_us"] / 1e6)
    return stats


# --- The pages ----------------------------------------------------------------------------------


def bench_pages() -> list[tuple[str, str]]:
    """(label, path) of the pages to load, with one representative detail page of each kind."""
    from django.db.models import Count

    from outreach.models import Event, NewsItem
    from programs.models import Program
    from services.models import Service

    # The service with the most related programs and tips (its page lists them).
    service = (
        Service.objects.published()
        .annotate(links=Count("programs", distinct=True) + Count("tips", distinct=True))
        .order_by("-links", "pk")
        .first()
    )
    # A program with its sign-up form and watch groups, as in the program page's query test.
    program = Program.objects.published().filter(signups_open=True, has_watch_groups=True)
    event = (
        Event.objects.published()
        .upcoming()
        .filter(registration_required=True, is_cancelled=False)
        .first()
    )
    item = NewsItem.objects.published().first()
    return [
        ("home", "/"),
        ("services", "/services/"),
        ("service", service.get_absolute_url()),
        ("programs", "/programs/"),
        ("program", program.first().get_absolute_url()),
        ("tips", "/tips/"),
        ("events", "/events/"),
        ("event", event.get_absolute_url()),
        ("news", "/news/"),
        ("news item", item.get_absolute_url()),
        ("search", "/search/?q=watch"),
        ("report", "/report/"),
        ("feed.ics", "/events/feed.ics"),
    ]


def count_queries(path: str) -> tuple[int, int]:
    """SQL queries of one GET: (served from the warm page cache, rendered afresh)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    def queries() -> int:
        client = Client(HTTP_HOST=HOST)
        response = client.get(path)  # warms the page cache and the site-wide caches
        assert response.status_code == 200, (path, response.status_code)
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        return len(captured)

    cached = queries()
    with override_settings(PAGE_CACHE_SECONDS=0):
        rendered = queries()
    return cached, rendered


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


# --- Main -----------------------------------------------------------------------------------------


def kb(size: float) -> str:
    return f"{size / 1024:.1f} KB"


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(
        prog="bench/run.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    ).parse_args(argv)
    if shutil.which("wrk") is None:
        log("make bench needs wrk (Debian: apt-get install wrk).")
        return 2
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    env = bench_environment()
    database = env["DATABASE_URL"].split("@")[-1]
    log(f"Database: {database}")
    log("Preparing the database and the static files...")
    if env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        create_postgresql_database(env["DATABASE_URL"])
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    started = time.monotonic()
    manage({**env, "DJANGO_BENCH_TOOLS": "1"}, "load_bench_data")
    log(f"Data ready in {time.monotonic() - started:.1f} s.")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")

    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cary_pd.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    pages = bench_pages()
    servers = Servers()

    def stop(signum, frame):
        servers.stop()
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    try:
        site_port, plain_port, ceiling_port = free_ports(3)
        site = servers.start("site", "cary_pd.wsgi", env, site_port)
        plain = servers.start(
            "site-no-page-cache", "cary_pd.wsgi", env, plain_port, DJANGO_PAGE_CACHE_SECONDS="0"
        )
        ceiling = servers.start("ceiling", "bench.ceiling_wsgi", env, ceiling_port)
        for base, path in ((site, "/healthz"), (plain, "/healthz"), (ceiling, "/")):
            wait_until_up(base, path)
        results = load(pages, site=site, plain=plain, ceiling=ceiling)
        visit = first_visit(site)
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

    report(pages, results, queries, html, visit, photo, accept_seconds, pillow_seconds, database)
    return 0


def load(pages, *, site: str, plain: str, ceiling: str) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script_file:
        script_file.write(WRK_SCRIPT)
    script = script_file.name
    try:
        wrk(ceiling + "/", WARM_UP_SECONDS, script)
        ceilings = [wrk(ceiling + "/", SECONDS, script)]
        results = {label: {"passes": []} for label, _path in pages}
        for number in range(PASSES):
            for label, path in pages:
                log(f"Pass {number + 1} of {PASSES}: {path}")
                if number == 0:
                    wrk(site + path, WARM_UP_SECONDS, script)
                cached = wrk(site + path, SECONDS, script)
                if number == 0:
                    wrk(plain + path, WARM_UP_SECONDS, script)
                    rendered = wrk(plain + path, SECONDS, script)
                ceilings.append(wrk(ceiling + "/", SECONDS, script))
                around = (ceilings[-2]["rps"] + ceilings[-1]["rps"]) / 2
                results[label]["passes"].append({"run": cached, "ratio": cached["rps"] / around})
                if number == 0:
                    results[label]["rendered"] = {
                        "run": rendered,
                        "ratio": rendered["rps"] / around,
                    }
        results["_ceilings"] = [run["rps"] for run in ceilings]
        return results
    finally:
        os.unlink(script)


def report(pages, results, queries, html, visit, photo, accept_seconds, pillow_seconds, database):
    ceilings = results["_ceilings"]
    print()
    print(
        f"Cary PD site under wrk: {THREADS} threads, {CONNECTIONS} connections, {SECONDS} s per run"
        f" after a {WARM_UP_SECONDS} s warm-up; gunicorn, 2 sync workers; database {database};"
        f" cache {'Redis' if os.environ.get('REDIS_URL') else 'local memory'}."
    )
    print(
        f"Ceiling (bench/ceiling.py, one view, one small template): {len(ceilings)} runs, "
        f"median {statistics.median(ceilings):.0f} req/s (min {min(ceilings):.0f}, "
        f"max {max(ceilings):.0f})."
    )
    print(
        f"Each page is loaded in {PASSES} passes over the list; x ceil compares a run with the "
        "mean of the ceiling runs just before and after it. The better pass is shown (other "
        "programs on a shared machine only ever slow a run down), with the other pass's ratio."
    )
    print()
    header = (
        f"{'page':<32} {'req/s':>6} {'p50 ms':>7} {'p99 ms':>7} {'x ceil':>6} {'other':>5} "
        f"{'SQL':>4} {'render SQL':>10} {'HTML':>9} {'gzip':>8}  | {'no page cache':>13} "
        f"{'x ceil':>6}"
    )
    print(header)
    print("-" * len(header))
    best_ratios, worst_ratios = [], []
    problems = []
    for label, path in pages:
        row = results[label]
        passes = sorted(row["passes"], key=lambda one: one["ratio"], reverse=True)
        best, other = passes[0], passes[-1]
        cached, rendered = best["run"], row["rendered"]["run"]
        best_ratios.append(best["ratio"])
        worst_ratios.append(other["ratio"])
        served, render_count = queries[label]
        raw, packed = html[label]
        errors = sum(one["run"]["errors"] + one["run"]["non2xx"] for one in passes)
        errors += rendered["errors"] + rendered["non2xx"]
        if errors:
            problems.append(f"{path}: {errors} errors or non-2xx answers")
        if render_count != EXPECTED_RENDER_QUERIES[label]:
            problems.append(
                f"{path}: {render_count} queries to render, the tests say "
                f"{EXPECTED_RENDER_QUERIES[label]}"
            )
        name = f"{label} {path}"
        print(
            f"{name[:32]:<32} {cached['rps']:>6.0f} {cached['p50_us'] / 1000:>7.1f} "
            f"{cached['p99_us'] / 1000:>7.1f} {best['ratio']:>6.2f} {other['ratio']:>5.2f} "
            f"{served:>4} {render_count:>10} {kb(raw):>9} {kb(packed):>8}  | "
            f"{rendered['rps']:>7.0f} req/s {row['rendered']['ratio']:>6.2f}"
        )
    print()
    print(
        "SQL: queries per request served from the page cache, and to render the page afresh "
        "(after a content change); gzip: level 6, as a compressing proxy sends the HTML."
    )
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
    worst = min(best_ratios)
    both = sum(ratio >= 1 / 3 for ratio in worst_ratios)
    print(
        f"  every page >= 1/3 of the ceiling's req/s: {'yes' if worst >= 1 / 3 else 'NO'} "
        f"(lowest {worst:.2f}; {both} of {len(pages)} pages in both passes)"
    )
    print(f"  home page first visit <= 100 KB: {'yes' if total <= 100 * 1024 else 'NO'}"
          f" ({kb(total)})")  # fmt: skip
    print(f"  12 MP report <= 1.5 x Pillow: {'yes' if ratio <= 1.5 else 'NO'} ({ratio:.2f})")
    same = not any("queries" in problem for problem in problems)
    print(f"  render queries as in the tests: {'yes' if same else 'NO'}")
    for problem in problems:
        print(f"  ! {problem}")


if __name__ == "__main__":
    sys.exit(main())

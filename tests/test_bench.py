"""The benchmark's data command, its pages and its storm through the Varnish front, at a
hundredth of the volume (`make bench` runs the full volume; see bench/run.py), and the benchmark
tooling kept out of what is installed and shipped: the bench app is installed only with
DJANGO_BENCH_TOOLS=1 (pyproject's pytest env)."""

import io
import os
import re
import socket
import subprocess
import sys
import tomllib
from contextlib import contextmanager
from fnmatch import fnmatchcase
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command, get_commands
from django.db import connection
from PIL import Image

from bench import cpu, run
from bench.management.commands.load_bench_data import TARGETS
from core.models import DepartmentSettings
from outreach.models import Event, NewsItem, Officer
from programs.models import Program, Tip
from reports.models import ReferenceCounter, Report, ReportDraft, ReportPhoto
from services.models import Service
from tests.reports_support import use_private_storage
from tests.servers import database_url, production_env

SCALE = 0.01
ROOT = Path(__file__).resolve().parent.parent
BENCH_COMMANDS = sorted(
    path.stem for path in (ROOT / "bench" / "management" / "commands").glob("[!_]*.py")
)


@pytest.fixture
def private_folder(settings, tmp_path):
    use_private_storage(settings, tmp_path / "private")
    yield tmp_path / "private"
    use_private_storage(settings, None)


@pytest.fixture
def private_storage(db, private_folder):
    return private_folder


def load(scale=SCALE) -> str:
    out = io.StringIO()
    call_command("load_bench_data", scale=scale, stdout=out)
    return out.getvalue()


def test_bench_data_reaches_the_counts_once(private_storage):
    load()
    expected = {kind: max(1, round(count * SCALE)) for kind, count in TARGETS.items()}
    assert Service.objects.count() >= expected["services"]
    assert Program.objects.count() >= expected["programs"]
    assert Tip.objects.count() >= expected["tips"]
    assert Event.objects.count() >= expected["events"]
    assert NewsItem.objects.count() >= expected["news"]
    assert Officer.objects.count() >= expected["officers"]
    assert Report.objects.count() == expected["reports"] == 100
    # Real photo rows, pointing at a few real files in the private storage.
    photos = ReportPhoto.objects.all()
    assert photos.count() >= Report.objects.count()
    names = set(photos.values_list("file", flat=True))
    assert all((private_storage / name).is_file() for name in names)
    assert "0 new rows" in load()
    assert Report.objects.count() == 100


def test_bench_reports_leave_the_reference_counters_ready_for_real_reports(private_storage):
    load()
    for counter in ReferenceCounter.objects.all():
        numbers = Report.objects.filter(reference_year=counter.year)
        assert counter.last_number == max(numbers.values_list("reference_number", flat=True))


def test_bench_pages_render_with_the_query_counts_of_the_tests(private_storage):
    load()
    pages = run.bench_pages()
    assert [label for label, _path in pages] == list(run.EXPECTED_RENDER_QUERIES)
    for label, path in pages:
        assert (label, run.count_queries(path)) == (label, run.EXPECTED_RENDER_QUERIES[label])


@pytest.fixture
def wsgi_application(settings):
    from django.core.wsgi import get_wsgi_application

    settings.ALLOWED_HOSTS = [cpu.HOST]
    return get_wsgi_application()


@contextmanager
def connection_kept():
    """bench/cpu.py's renders inside the test's transaction: like Django's test client (which
    connects it again after each of its requests), keep the connection that the end of a
    request would close."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_cpu_per_render_renders_every_page_for_each_visitor(private_storage, wsgi_application):
    load()
    cookies = cpu.visitor_cookies()
    pages = run.bench_pages()
    with connection_kept():
        ceiling = cpu.ceiling_handler()
        figures = cpu.measure(wsgi_application, pages, cookies, renders=2, ceiling=ceiling)
        # The ceiling rendered between the site's pages is bench/ceiling.py's page alone, and
        # the site's own URLconf and middleware still answer after it.
        assert figures.pop("ceiling")["anonymous"]["status"] == "200 OK"
        assert cpu.render(ceiling, "/")[2] < 300 < cpu.render(wsgi_application, "/")[2]
        # The staff visitor passed two-factor authentication (the admin lets it in); the
        # resident has a session of their own (the report journey keeps the first answer).
        assert cpu.render(wsgi_application, "/admin/", cookies["staff"])[1] == "200 OK"
        assert cpu.render(wsgi_application, "/admin/", "")[1].startswith("302")
    assert cookies["session"] and cookies["session"] != cookies["staff"]
    assert list(figures) == [label for label, _path in pages]
    for label, path in pages:
        assert figures[label]["path"] == path
        for visitor in cpu.VISITORS:
            assert figures[label][visitor]["status"] == "200 OK", (label, visitor)
            assert figures[label][visitor]["ms"] > 0
            assert figures[label][visitor]["bytes"] > 500


def test_cpu_per_render_stops_at_a_page_that_fails(db, wsgi_application):
    with connection_kept(), pytest.raises(SystemExit, match="404"):
        cpu.measure(wsgi_application, [("gone", "/no-such-page/")], {"anonymous": ""}, 1)


def test_the_cpu_table_reads_each_page_as_a_multiple_of_its_runs_ceiling(capsys):
    def row(path, anonymous, session, staff):
        return {
            "path": path,
            **{
                visitor: {"ms": ms, "status": "200 OK", "bytes": 1000}
                for visitor, ms in zip(cpu.VISITORS, (anonymous, session, staff), strict=True)
            },
        }

    def cpu_run(ceiling_ms, scale, home, feed):
        return {
            "home": row("/", *(ms * scale for ms in home)),
            "feed.ics": row("/events/feed.ics", *(ms * scale for ms in feed)),
            "ceiling": {"path": "/", "anonymous": {"ms": ceiling_ms}},
        }

    # The second demo run met a machine twice as slow: its pages and its ceiling both doubled.
    demo = run.combine_cpu(
        [cpu_run(0.2, 1, (4.0, 4.2, 4.4), (3.0,) * 3), cpu_run(0.4, 2, (4.0, 4.2, 4.4), (3.0,) * 3)]
    )
    bench = run.combine_cpu([cpu_run(0.25, 1, (4.5, 6.0, 4.6), (8.75,) * 3)])
    assert demo["home"]["anonymous"] == {"ms": 6.0, "x": 20.0}
    problems = run.report_cpu(demo, bench, database="test")
    out = capsys.readouterr().out
    assert "0.300 ms a render in the demo runs, 0.250 ms in the bench runs" in out
    # home: 18 x the ceiling is 5.04 ms at the reference ceiling; 18 / 20 is -10 %.
    assert re.search(r"home /\s+6\.00\s+4\.50\s+18\.0\s+5\.04\s+-10%\s+6\.00\s+4\.60", out)
    # Over 5 ms at the reference ceiling, and the session costs 1.68 ms more; the feed is
    # within its 10 ms (35 x 0.28 = 9.8) but grows 133 % (35 / 15).
    assert problems == [
        "CPU: / takes 18.0 x the ceiling, 5.04 ms at the reference ceiling, over 5 ms",
        "CPU: / costs 1.68 ms more for session at the reference ceiling",
        "CPU: /events/feed.ics grows 133% from demo to bench volume",
    ]


def test_a_wrk_run_without_answers_says_so():
    silent = {"run": {"rps": None, "p50_us": 0}, "ratio": None}
    assert run.median_of([silent, silent], "rps") is None
    assert run.figure(run.median_of([silent], "rps"), ".0f", 10).strip() == "no answers"
    answered = {"run": {"rps": 300.0}, "ratio": 2.0}
    assert run.median_of([silent, answered, {"run": {"rps": 100.0}, "ratio": 1.0}], "rps") == 200


def ports_free(*ports: int) -> bool:
    for port in ports:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                return False
    return True


def test_ports_come_from_the_environment_range(monkeypatch):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        # The two ports above it may be another test's server on a shared machine.
        if not ports_free(port + 1, port + 2):
            pytest.skip(f"ports {port + 1} and {port + 2} are in use")
        monkeypatch.setattr(run, "PORT_BASE", port)
        monkeypatch.setattr(run, "PORT_RANGE", 3)
        assert all(port < free < port + 3 for free in run.free_ports(2))
        monkeypatch.setattr(run, "PORT_RANGE", 1)
        with pytest.raises(SystemExit, match="BENCH_PORT_BASE"):
            run.free_ports(1)


def test_report_timing_goes_through_the_views_and_leaves_nothing_behind(private_storage):
    load()
    reports, drafts = Report.objects.count(), ReportDraft.objects.count()
    photo = io.BytesIO()
    Image.effect_noise((400, 300), 40).convert("RGB").save(photo, format="JPEG")
    accepted, pillow = run.photo_timings(photo.getvalue(), runs=1)
    assert accepted > 0 and pillow > 0
    assert (Report.objects.count(), ReportDraft.objects.count()) == (reports, drafts)
    drafts_folder = private_storage / "drafts"
    assert not [path for path in drafts_folder.rglob("*") if path.is_file()]


# --- The front and the storm ------------------------------------------------------------------


@pytest.fixture
def bench_servers(tmp_path):
    if run.VARNISHD is None or run.VARNISHSTAT is None:
        pytest.skip(f"needs Debian's varnish and varnish-modules: {run.VARNISH_PACKAGES}")
    servers = run.Servers(tmp_path)
    yield servers
    started, folders = list(servers.processes), list(servers.folders)
    servers.stop()
    assert all(process.poll() is not None for process in started)
    assert not [folder for folder in folders if folder.exists()]


@pytest.mark.django_db(transaction=True)
def test_one_save_makes_the_site_render_every_page_again_and_nothing_else(
    private_folder, bench_servers, settings
):
    load()
    pages = run.shared_pages(run.bench_pages())  # the form pages are never shared
    if connection.vendor == "sqlite":
        url = f"sqlite:///{settings.DATABASES['default']['NAME']}"
    else:
        url = database_url()
    *ports, front_port = run.free_ports(3)
    env = production_env(DATABASE_URL=url, GUNICORN_WORKERS="1", GUNICORN_THREADS="1")
    sites = [
        bench_servers.start(f"site-{n}", "cary_pd.wsgi", env, port)
        for n, port in enumerate(ports, start=1)
    ]
    for site in sites:
        run.wait_until_up(site, "/healthz")
    front = bench_servers.start_front(front_port, sites)
    run.wait_until_up(front, "/healthz")
    settings.HTTP_CACHE_PURGE_URLS = [front.url + "/"]

    saves = []
    stormed = run.storm(
        pages,
        front=front,
        site_servers=sites,
        save=lambda: saves.append(call_command("bench_save_settings", stdout=io.StringIO())),
        clients_per_page=2,
        seconds=1,
    )
    assert len(saves) == 1
    assert stormed.clients == 2 * len(pages)
    assert stormed.not_cached == []  # every page was a hit at the front before the save
    assert stormed.removed >= len(pages)
    for label, _path in pages:
        answers = stormed.answers[label]
        assert sum(answers.values()) > 2, label  # each client went on after its first answer
        assert {status for status, _state in answers} == {200}, (label, answers)
        assert stormed.renders[label] >= 1, label  # the purge reached the front
    # Every request the front sent to the site is one the site logged for a bench page.
    assert sum(stormed.renders.values()) == stormed.backend_requests
    assert stormed.other_requests == {}


def test_the_storm_save_fails_when_the_purge_fails(transactional_db, settings):
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    settings.HTTP_CACHE_PURGE_URLS = [f"http://127.0.0.1:{port}/"]
    with pytest.raises(CommandError, match=f"127.0.0.1:{port}"):
        call_command("bench_save_settings", stdout=io.StringIO())
    assert DepartmentSettings.objects.filter(pk=1).exists()  # the save itself went through


def test_the_storm_save_refuses_to_run_without_a_front(transactional_db, settings):
    settings.HTTP_CACHE_PURGE_URLS = []
    with pytest.raises(CommandError, match="No fronts to purge"):
        call_command("bench_save_settings", stdout=io.StringIO())


# --- Kept out of production ------------------------------------------------------------------


def installed_packages() -> list[str]:
    """What `pip install .` installs: pyproject's `packages = {find = ...}`, found the way
    setuptools does (it is not in the virtualenv): every folder, or with `namespaces = false`
    every folder with an __init__.py below others, whose dotted name matches an include pattern
    and no exclude pattern. Modules are the .py files of those packages."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    find = config["tool"]["setuptools"]["packages"]["find"]
    include, exclude = find.get("include", ["*"]), find.get("exclude", [])
    namespaces = find.get("namespaces", True)  # pyproject's default
    packages = []
    for where in find.get("where", ["."]):
        folders = [(path, path.name) for path in (ROOT / where).iterdir() if path.is_dir()]
        while folders:
            folder, name = folders.pop()
            if "." in folder.name or not (namespaces or (folder / "__init__.py").is_file()):
                continue
            if any(fnmatchcase(name, pattern) for pattern in include) and not any(
                fnmatchcase(name, pattern) for pattern in exclude
            ):
                packages.append(name)
            folders.extend(
                (child, f"{name}.{child.name}") for child in folder.iterdir() if child.is_dir()
            )
    return sorted(packages)


def test_pip_installs_no_benchmark_tooling():
    packages = installed_packages()
    assert "cary_pd" in packages
    assert not [name for name in packages if name.split(".")[0] == "bench"]
    modules = [
        path.relative_to(ROOT).as_posix()
        for name in packages
        for path in (ROOT / name.replace(".", "/")).glob("*.py")
    ]
    assert BENCH_COMMANDS == ["bench_save_settings", "load_bench_data"]
    assert [path for path in modules if Path(path).stem in BENCH_COMMANDS] == []


def docker_copy_sources() -> set[str]:
    """The build context's paths the Dockerfile copies (COPY --from copies between stages)."""
    sources = set()
    for line in (ROOT / "Dockerfile").read_text().splitlines():
        words = line.split()
        if words[:1] == ["COPY"] and not any(word.startswith("--from") for word in words):
            sources.update(re.sub(r"/+$", "", word) or "/" for word in words[1:-1])
    return sources


def test_the_docker_image_copies_no_benchmark_tooling():
    sources = docker_copy_sources()
    assert "bench" not in sources
    assert not sources & {".", "./", "/", "*"}  # the whole context would bring bench/ along
    # ...and it copies every installed package, so `pip install .` works in the image.
    assert {name.split(".")[0] for name in installed_packages()} <= sources


@pytest.mark.parametrize("command", BENCH_COMMANDS)
def test_the_bench_commands_exist_only_with_the_switch(command):
    assert get_commands()[command] == "bench"
    env = {**os.environ, "DJANGO_BENCH_TOOLS": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "help", command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert f"Unknown command: '{command}'" in result.stderr

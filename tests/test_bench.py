"""The benchmark's data command and its pages, at a hundredth of the volume (`make bench` runs
the full volume; see bench/run.py), and the benchmark tooling kept out of what is installed and
shipped: the bench app is installed only with DJANGO_BENCH_TOOLS=1 (pyproject's pytest env)."""

import io
import os
import re
import subprocess
import sys
import tomllib
from fnmatch import fnmatchcase
from pathlib import Path

import pytest
from django.core.management import call_command, get_commands
from PIL import Image

from bench import run
from bench.management.commands.load_bench_data import TARGETS
from outreach.models import Event, NewsItem, Officer
from programs.models import Program, Tip
from reports.models import ReferenceCounter, Report, ReportDraft, ReportPhoto
from services.models import Service
from tests.reports_support import use_private_storage

SCALE = 0.01
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def private_storage(db, settings, tmp_path):
    use_private_storage(settings, tmp_path / "private")
    yield tmp_path / "private"
    use_private_storage(settings, None)


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
        cached, rendered = run.count_queries(path)
        assert (label, cached) == (label, 0)
        assert (label, rendered) == (label, run.EXPECTED_RENDER_QUERIES[label])


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
    assert [path for path in modules if Path(path).stem == "load_bench_data"] == []


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


def test_the_data_command_exists_only_with_the_switch():
    assert get_commands()["load_bench_data"] == "bench"
    env = {**os.environ, "DJANGO_BENCH_TOOLS": "0"}
    result = subprocess.run(
        [sys.executable, "manage.py", "help", "load_bench_data"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Unknown command: 'load_bench_data'" in result.stderr

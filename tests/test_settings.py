"""Settings read from the environment, the production deployment check, and the Dockerfile."""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import uuid
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.servers import redis_available

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "p9V2x-Lq7TzR4mWc8Hn3Yb6Jk1Fs5Dg0Ae-Xu7Ko2Pi9Rt4Ey6Wq3Zl8Nm5Bv1Cx0",
    "DJANGO_ALLOWED_HOSTS": "police.example.org",
    "DJANGO_SITE_URL": "https://police.example.org",
}


def manage(*args, env=None):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_settings():
    result = manage("check", "--deploy", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


@pytest.mark.parametrize("site_url", ["", "police.example.org", "https://police.example.org/x"])
def test_check_deploy_fails_without_the_sites_public_address(site_url):
    result = manage("check", "--deploy", env={**PRODUCTION_ENV, "DJANGO_SITE_URL": site_url})
    assert result.returncode != 0
    assert "cary_pd.E001" in result.stderr and "DJANGO_SITE_URL" in result.stderr


def test_site_refuses_to_start_without_secret_key_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_bad_boolean_is_refused_with_a_clear_message():
    result = manage("check", env={**PRODUCTION_ENV, "DJANGO_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def shell(code: str, env: dict[str, str]):
    """Run Python code in the site's ``manage.py shell``, with the settings this environment
    gives, in a fresh process."""
    return manage("shell", "--no-imports", "-c", code, env=env)


def test_database_url_chooses_the_database_the_site_writes_to(tmp_path):
    database = tmp_path / "elsewhere.sqlite3"
    result = shell(
        "from django.db import connection\n"
        "with connection.cursor() as cursor: cursor.execute('CREATE TABLE probe (id integer)')",
        env={**PRODUCTION_ENV, "DATABASE_URL": f"sqlite:///{database}"},
    )
    assert result.returncode == 0, result.stderr
    with closing(sqlite3.connect(database)) as written:
        tables = written.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    assert tables == [("probe",)]


@pytest.mark.skipif(not redis_available(), reason="needs Redis at 127.0.0.1:6379")
def test_with_redis_url_every_process_shares_one_cache():
    """What REDIS_URL is for: one server process sees what another stored (sessions, rate
    limits, pages); without it each process has a cache of its own."""
    key = f"settings-test-{uuid.uuid4().hex}"
    write = f"from django.core.cache import cache; cache.set({key!r}, 'shared', 60)"
    read = f"from django.core.cache import cache; print(cache.get({key!r}, 'not shared'))"
    env = {
        **PRODUCTION_ENV,
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        "DJANGO_CACHE_PREFIX": key,
    }
    try:
        assert shell(write, env).returncode == 0
        result = shell(read, env)
        assert result.stdout.strip() == "shared", result.stderr
        without = {**PRODUCTION_ENV, "REDIS_URL": ""}
        assert shell(write, without).returncode == 0
        assert shell(read, without).stdout.strip() == "not shared"
    finally:
        shell(f"from django.core.cache import cache; cache.delete({key!r})", env)


# --- The Docker image: no Docker engine runs here, so its steps are replayed --------------------


def dockerfile_stages() -> list[list[str]]:
    """The Dockerfile's instructions (continued lines joined, comments left out), by stage."""
    text = re.sub(r"\\\n\s*", " ", (ROOT / "Dockerfile").read_text())
    stages = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("FROM "):
            stages.append([])
        if line and not line.startswith("#"):
            stages[-1].append(line)
    return stages


def image_files(destination: Path) -> Path:
    """The files the build stage copies from the checkout, copied into destination as the
    image's WORKDIR (/app)."""
    for instruction in dockerfile_stages()[0]:
        if not instruction.startswith("COPY ") or "--from" in instruction:
            continue
        *sources, target = instruction.split()[1:]
        for source in sources:
            into = destination / target
            path = into / source if target.endswith("/") else into
            if (ROOT / source).is_dir():
                shutil.copytree(ROOT / source, path, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / source, path)
    return destination


# The image installs the project with `pip install .`; this virtualenv's editable install would
# find a package the image lacks in the checkout, so the replay runs without it.
WITHOUT_EDITABLE_INSTALL = (
    "import runpy, sys; "
    "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in str(f)]; "
    "sys.argv = ['manage.py', *sys.argv[1:]]; "
    "runpy.run_path('manage.py', run_name='__main__')"
)


def test_the_image_holds_every_file_the_production_site_needs(tmp_path):
    app = image_files(tmp_path / "app")
    (app / "var").mkdir()  # as the runtime stage makes it, for the image's user to write to
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_EDITABLE_INSTALL, "check", "--deploy"],
        cwd=app,
        env={**clean, **PRODUCTION_ENV, "DJANGO_VAR_DIR": str(app / "var")},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_image_runs_as_a_user_other_than_root():
    runtime = dockerfile_stages()[-1]
    users = [instruction.split()[1] for instruction in runtime if instruction.startswith("USER ")]
    assert users, "the runtime stage never leaves root"
    assert users[-1].split(":")[0] not in {"root", "0"}


def test_the_image_healthcheck_passes_against_the_running_site(live_server):
    (healthcheck,) = [i for i in dockerfile_stages()[-1] if i.startswith("HEALTHCHECK ")]
    command = healthcheck.split(" CMD ", 1)[1]
    port = str(urlsplit(live_server.url).port)
    result = subprocess.run(
        ["/bin/sh", "-c", command],
        env={**os.environ, "PORT": port},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr

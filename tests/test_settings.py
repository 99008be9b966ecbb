"""Settings read from the environment, the production deployment check, and the Dockerfile."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "p9V2x-Lq7TzR4mWc8Hn3Yb6Jk1Fs5Dg0Ae-Xu7Ko2Pi9Rt4Ey6Wq3Zl8Nm5Bv1Cx0",
    "DJANGO_ALLOWED_HOSTS": "police.example.org",
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


def test_site_refuses_to_start_without_secret_key_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_bad_boolean_is_refused_with_a_clear_message():
    result = manage("check", env={**PRODUCTION_ENV, "DJANGO_DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def test_database_url_selects_the_engine():
    engine = settings.DATABASES["default"]["ENGINE"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert engine == "django.db.backends.postgresql"
        assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    else:
        assert engine == "django.db.backends.sqlite3"


def test_redis_url_selects_the_redis_cache():
    script = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        cwd=ROOT,
        env={**os.environ, **PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/0",
             "DJANGO_SETTINGS_MODULE": "cary_pd.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )  # fmt: skip
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache", result.stderr


@pytest.mark.parametrize("app", ["cary_pd", "services", "programs", "outreach", "reports"])
def test_dockerfile_copies_every_local_app(app):
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert app in settings.INSTALLED_APPS
    assert re.search(rf"^COPY {app} {app}$", dockerfile, re.MULTILINE)


def test_dockerfile_runs_as_non_root_with_a_healthcheck():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "FROM python:3.13-slim AS build" in dockerfile
    assert re.search(r"^USER app$", dockerfile, re.MULTILINE)
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile
    assert "collectstatic --noinput" in dockerfile

"""Absolute links: the one place they are made. Every link in an email, a calendar file, a
staff notice or a canonical URL is ``absolute_url(path)``, on ``DJANGO_SITE_URL``.

Never the request's ``Host`` header: a visitor controls it, and a link built from it would put
their host (or port) into residents' emails. Production without DJANGO_SITE_URL fails
``check --deploy`` (core/checks.py); a local run without it links to localhost.
"""

from django.conf import settings

LOCAL_SITE_URL = "http://localhost:8000"


def base_url() -> str:
    """The site's public address, with no trailing slash."""
    return settings.SITE_URL.rstrip("/") or LOCAL_SITE_URL


def absolute_url(path: str) -> str:
    return base_url() + path

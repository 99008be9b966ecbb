"""Absolute links: the one place they are made. Every link in an email, a calendar file, a
staff notice or a canonical URL is ``absolute_url(path)``, on ``DJANGO_SITE_URL``.

Never the request's ``Host`` header: a visitor controls it, and a link built from it would put
their host (or port) into residents' emails. Production without DJANGO_SITE_URL fails
``check --deploy`` (core/checks.py); a local run without it links to localhost.
"""

import re

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

LOCAL_SITE_URL = "http://localhost:8000"


def base_url() -> str:
    """The site's public address, with no trailing slash."""
    return settings.SITE_URL.rstrip("/") or LOCAL_SITE_URL


def absolute_url(path: str) -> str:
    return base_url() + path


# A list page links to a hundred items: reverse() for each costs more than the rest of the
# item's card. The URL of a "<slug:slug>" view is the same around every slug, so it is reversed
# once per view, script prefix, URLconf and language, and the slug put in its place.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # Django's "slug" path converter
_SLUG_PLACEHOLDER = "cary-pd-slug"
_slug_url_parts: dict[tuple, tuple[str, str]] = {}


def slug_url(view_name: str, slug: str) -> str:
    """``reverse(view_name, kwargs={"slug": slug})`` for a view whose only argument is a slug."""
    if not SLUG.fullmatch(slug or ""):
        return reverse(view_name, kwargs={"slug": slug})  # raises NoReverseMatch as it should
    key = (view_name, get_script_prefix(), get_urlconf(), get_language())
    parts = _slug_url_parts.get(key)
    if parts is None:
        before, _, after = reverse(view_name, kwargs={"slug": _SLUG_PLACEHOLDER}).partition(
            _SLUG_PLACEHOLDER
        )
        parts = _slug_url_parts[key] = (before, after)
    return f"{parts[0]}{slug}{parts[1]}"

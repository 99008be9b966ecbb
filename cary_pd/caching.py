"""Whole-page caching for anonymous visitors that never serves stale content.

What is cached
    The GET response of the public pages the apps register as cacheable (URL names,
    ``core.registry.register_cached_views``), in Django's
    cache: Redis in production (``REDIS_URL``), local memory otherwise. A cached page is served
    only to a visitor who carries no state: no cookie at all but the CSRF cookie. Staff, anyone
    with a session (a report draft, a sign-up just made, flash messages) or a messages cookie
    always get a freshly rendered page, so nobody ever sees another visitor's messages, drafts or
    "Draft" previews. Nothing is cached when the view set a cookie, changed the session, queued
    a message, answered anything but 200, or asked not to be cached (``never_cache``).

Forms and CSRF
    A page with a form is cached without its CSRF tokens: the cached copy is split where each
    ``csrfmiddlewaretoken`` value was, and each response gets a freshly masked token of its
    own visitor (``get_token``) in those places, with the CSRF cookie that goes with it. A page
    that used the token anywhere else is not cached.

Never stale
    Every cache key holds a *content token*: a random string kept under ``STATE_KEY`` together
    with the next instant at which time alone changes a public page. Saving or deleting any
    model the apps register as public (``register_public_models``; and changing their
    many-to-many links) deletes the
    state, at once and again after the transaction commits, so the next request draws a new
    token and every page is rendered afresh: an edit in the admin shows on the next request.
    An admin action on a list of such models (a POST to its change list) does the same, for
    actions that write with ``QuerySet.update()``, which sends no signals. Sign-ups and
    registrations count too: they change the places left on program and event pages.

    Time: the state also expires at the next moment a page changes without anyone saving
    anything: an upcoming event ends, a scheduled news item is published, an urgent banner
    expires. Keys also hold the date in Cary (month pickers, "today"). As a safety net the state
    is never older than ``PAGE_CACHE_SECONDS``, which is also the entries' timeout.

Cost
    A hit costs two cache reads and no SQL; a new token costs three small queries once.
    Old entries are never deleted one by one: their keys are no longer asked for and expire.
    A hit needs neither the database nor a session, so while the database is unreachable the
    pages already cached are still served, until the token expires.

``PAGE_CACHE_SECONDS = 0`` (``DJANGO_PAGE_CACHE_SECONDS=0``) turns page caching off.
"""

import hashlib
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import CSRF_TOKEN_LENGTH, _unmask_cipher_token, get_token
from django.utils import timezone
from django.utils.cache import get_max_age
from django.utils.translation import get_language

from core.registry import registry

STATE_KEY = "pages:state:v1"
PAGE_KEY_PREFIX = "pages:v1"

CSRF_INPUT = re.compile(rb'(<input type="hidden" name="csrfmiddlewaretoken" value=")[^"]*(")')


# --- The content token ------------------------------------------------------------------------


@dataclass(frozen=True)
class ContentState:
    token: str
    expires_at: datetime


def page_cache_seconds() -> int:
    return settings.PAGE_CACHE_SECONDS


def content_changed(**kwargs) -> None:
    """Forget the content token: every page is rendered afresh. A signal receiver, also called
    directly after writes that send no signals (bulk_create, QuerySet.update())."""
    cache.delete(STATE_KEY)
    # Again once the data is committed: a page rendered from the old data in between must not
    # be stored under a token that outlives the change.
    transaction.on_commit(lambda: cache.delete(STATE_KEY), robust=True)


def _next_time_change(now: datetime) -> datetime | None:
    """The next moment a public page changes by the clock alone (as the apps register it)."""
    moments = [next_change(now) for next_change in registry.clock_changes]
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None


def content_token(now: datetime | None = None) -> str:
    """The current content token; a new one when content or the clock has changed a page."""
    now = now or timezone.now()
    state = cache.get(STATE_KEY)
    if state is None or now >= state.expires_at:
        expires_at = now + timedelta(seconds=page_cache_seconds())
        next_change = _next_time_change(now)
        if next_change is not None:
            expires_at = min(expires_at, next_change)
        state = ContentState(token=uuid.uuid4().hex, expires_at=expires_at)
        cache.set(STATE_KEY, state, timeout=page_cache_seconds())
    return state.token


def content_changelists() -> frozenset[str]:
    """The admin's URL names of the change lists of public content (where actions post)."""
    names = set()
    for label in registry.public_models:
        meta = apps.get_model(label)._meta
        names.add(f"{meta.app_label}_{meta.model_name}_changelist")
    return frozenset(names)


def _is_public(model) -> bool:
    return model._meta.label in registry.public_models


def _saved_or_deleted(sender, **kwargs) -> None:
    if _is_public(sender):
        content_changed()


def _links_changed(sender, instance, model, **kwargs) -> None:
    if _is_public(type(instance)) or _is_public(model):
        content_changed()


def connect_signals() -> None:
    """One receiver for every model: which ones count is read from the registry at each save,
    so the apps may register after this runs (the site app is ready first)."""
    post_save.connect(_saved_or_deleted, dispatch_uid="pages:saved")
    post_delete.connect(_saved_or_deleted, dispatch_uid="pages:deleted")
    m2m_changed.connect(_links_changed, dispatch_uid="pages:links")


# --- The middleware -------------------------------------------------------------------------------


def _visitor_has_state(request) -> bool:
    return any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES)


def page_key(request, now: datetime | None = None) -> str:
    now = now or timezone.now()
    url = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()[:32]
    day = timezone.localdate(now).isoformat()
    return f"{PAGE_KEY_PREFIX}:{content_token(now)}:{day}:{get_language()}:{url}"


@dataclass(frozen=True)
class CachedPage:
    parts: tuple[bytes, ...]  # the content, split where each CSRF token goes
    headers: tuple[tuple[str, str], ...]

    def response(self, request) -> HttpResponse:
        # One freshly masked token for this visitor, in every form of the page.
        token = get_token(request).encode() if len(self.parts) > 1 else b""
        content = token.join(self.parts)
        response = HttpResponse(content)
        for name, value in self.headers:
            response.headers[name] = value
        return response


def _freeze(request, response) -> CachedPage | None:
    """The response as it may be served to any visitor without state, or None."""
    if (
        response.status_code != 200
        or response.streaming
        or response.cookies
        or response.has_header("Vary")
        or get_max_age(response) == 0
        or "private" in response.get("Cache-Control", "")
        or "no-store" in response.get("Cache-Control", "")
    ):
        return None
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return None
    messages = getattr(request, "_messages", None)
    if messages is not None and len(messages):
        return None
    content = response.content
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        pieces = CSRF_INPUT.split(content)
        if len(pieces) == 1:  # the token is used somewhere we cannot find it again
            return None
        # split() returns text, prefix, suffix, text, ...: glue prefixes and suffixes back.
        parts = [pieces[0]]
        for index in range(1, len(pieces), 3):
            parts[-1] += pieces[index]
            parts.append(pieces[index + 1] + pieces[index + 2])
        if _has_csrf_token(request, b"".join(parts)):
            return None
    else:
        parts = [content]
    return CachedPage(parts=tuple(parts), headers=tuple(response.headers.items()))


MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{%d}(?![A-Za-z0-9])" % CSRF_TOKEN_LENGTH)


def _has_csrf_token(request, content: bytes) -> bool:
    """Whether the content still holds one of this visitor's CSRF tokens."""
    secret = request.META.get("CSRF_COOKIE", "")
    return any(
        _unmask_cipher_token(candidate.decode()) == secret
        for candidate in MASKED_TOKEN.findall(content)
    )


class PageCacheMiddleware:
    """Serve and store the registered cacheable pages; renew the token after admin actions.

    Sits at the end of MIDDLEWARE, so every response, cached or not, still goes through the
    security, CSP, CSRF-cookie and session middleware on its way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        key = getattr(request, "_page_cache_key", None)
        if key is not None and request.method == "GET":
            frozen = _freeze(request, response)
            if frozen is not None:
                cache.set(key, frozen, timeout=page_cache_seconds())
        elif (
            request.method == "POST"
            and response.status_code < 400
            and request.resolver_match is not None
            and request.resolver_match.namespace == "admin"
            and request.resolver_match.url_name in content_changelists()
        ):
            content_changed()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            request.method not in ("GET", "HEAD")
            or page_cache_seconds() <= 0
            or request.resolver_match.view_name not in registry.cached_views
            or _visitor_has_state(request)
        ):
            return None
        key = page_key(request)
        cached = cache.get(key)
        if cached is not None:
            return cached.response(request)
        request._page_cache_key = key
        return None

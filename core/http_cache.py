"""The shared HTTP cache: which responses a front (Varnish, a CDN) may keep, and what to purge.

The app says it all in plain HTTP, so any shared cache can honour it (docs/architecture.md,
"Caching"):

Cacheable
    A GET or HEAD of a page the apps register (``core.registry.register_cached_views``),
    answered 200, from a visitor who carries no cookie but the CSRF one, that sets no cookie
    (no session written, no message queued, no CSRF token used) and has no ``Cache-Control`` of
    its own, gets::

        Cache-Control: public, max-age=0, s-maxage=S, stale-while-revalidate=W, stale-if-error=E
        xkey: core.departmentsettings outreach.newsitem programs.program programs.program:12 ...

    Browsers revalidate every time (``max-age=0``); the front keeps the page for S seconds,
    serves it W seconds longer while it fetches a new copy, and E seconds longer while the
    site answers errors. S is ``HTTP_CACHE_SECONDS`` or less: never past the next moment the
    clock alone changes a page (``registry.clock_changes``) nor past midnight in Cary.
    Everything else is left alone, and the front caches only what says ``public``.

Surrogate keys (the ``HTTP_CACHE_KEY_HEADER`` header, ``xkey`` for Varnish's xkey module)
    name what the page was built from, collected while it renders, besides ``site`` on every
    page (``manage.py purge_http_cache`` purges it after a deploy):

    - ``<app>.<model>`` for every public model (``registry.public_models``) whose table a query
      of the page read, found in the SQL the page ran, and for data read from the cache
      instead (``depends_on``, called by ``SingletonModel.load`` and the urgent banner);
    - ``<app>.<model>:<pk>`` for each instance loaded of a model that others change the pages of
      (``registry.page_parents``: a sign-up changes its program's pages, nothing else).

Purging
    Saving or deleting a public model purges its model key: every page that read that table.
    Saving or deleting a registered child (a sign-up, a registration) purges its parent's
    object key only. The keys of one transaction are sent once, after it commits, to every URL
    in ``HTTP_CACHE_PURGE_URLS`` (one per front) as ``PURGE`` with an ``xkey-purge`` header,
    with a short timeout. A purge that fails is logged and retried by the task worker; the
    short ``s-maxage`` is the safety net if it is lost too. A purge never rolls back a write.

Versions
    Every key also has a version in the default cache, forgotten by each purge of it, so what
    a process keeps for itself (core/fragments.py) knows when the content it shows has changed.
"""

import logging
import re
import secrets
import threading
import urllib.request
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from datetime import datetime, timedelta
from functools import cache as memoize
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.tasks import task
from django.utils import timezone
from django.utils.cache import patch_cache_control

from core.registry import registry

logger = logging.getLogger(__name__)

# The keys of the page being rendered in this thread or task, or None when nobody collects.
_page_keys: ContextVar[set[str] | None] = ContextVar("page_keys", default=None)
# On every cacheable page: purging it empties the front (after a deploy: manage.py
# purge_http_cache).
SITE_KEY = "site"
QUOTED_NAME = re.compile(r'"([^"]+)"')
PURGE_TIMEOUT_SECONDS = 1.0
CLOCK_CACHE_KEY = "http-cache:next-clock-change:v1"
VERSION_PREFIX = "http-cache:version:"
CLOCK_CACHE_SECONDS = 300
PURGE_RETRY_DELAYS = (5, 30, 120, 600)


def model_key(model) -> str:
    return model._meta.label_lower


def object_key(model, pk) -> str:
    return f"{model._meta.label_lower}:{pk}"


@memoize
def _public_tables() -> dict[str, str]:
    """Table name -> model key, for the public models (read once the registry is complete)."""
    tables = {}
    for label in registry.public_models:
        model = apps.get_model(label)
        tables[model._meta.db_table] = model_key(model)
    return tables


@memoize
def _parent_models() -> frozenset[type]:
    return frozenset(apps.get_model(parent) for parent, _field in _parents().values())


@memoize
def _parents() -> dict[type, tuple[str, str]]:
    """Child model -> (parent label, name of the foreign key to it)."""
    parents = {}
    for child, field_name in registry.page_parents.items():
        model = apps.get_model(child)
        parent = model._meta.get_field(field_name).related_model
        parents[model] = (parent._meta.label, field_name)
    return parents


# --- Collecting the keys of a page --------------------------------------------------------------


def depends_on(model, pk=None) -> None:
    """Record that the page being rendered shows ``model`` (or one row of it): for data that
    comes from the cache, where no query shows it."""
    keys = _page_keys.get()
    if keys is not None:
        keys.add(model_key(model) if pk is None else object_key(model, pk))


def collecting() -> bool:
    """Whether a page is collecting its keys here (a GET or HEAD through the middleware)."""
    return _page_keys.get() is not None


@contextmanager
def collecting_keys():
    """The keys that the code inside adds, in a set of their own, added to the page's too.
    For a page part kept apart from its page (core/fragments.py). Only while a page collects."""
    outer = _page_keys.get()
    inner: set[str] = set()
    token = _page_keys.set(inner)
    try:
        yield inner
    finally:
        _page_keys.reset(token)
        if outer is not None:
            outer.update(inner)


@contextmanager
def not_collecting():
    """Queries inside are not the page's (the site's own bookkeeping, as next_clock_change)."""
    token = _page_keys.set(None)
    try:
        yield
    finally:
        _page_keys.reset(token)


def depends_on_keys(keys) -> None:
    """Record keys collected earlier (by a page part rendered before) on the page being rendered."""
    page = _page_keys.get()
    if page is not None:
        page.update(keys)


@lru_cache(maxsize=1024)
def _tables_read(sql: str) -> frozenset[str]:
    """The keys of the public models whose tables ``sql`` names. Kept per statement: the ORM
    builds the same text for the same query, and the search page's 8 KB statement names 300
    quoted names, whose scan had cost a tenth of that search."""
    tables = _public_tables()
    return frozenset(tables[name] for name in QUOTED_NAME.findall(sql) if name in tables)


def _note_tables(execute, sql, params, many, context):
    keys = _page_keys.get()
    if keys is not None:
        keys.update(_tables_read(sql))
    return execute(sql, params, many, context)


def _note_instance(sender, instance, **kwargs):
    keys = _page_keys.get()
    if keys is not None and sender in _parent_models() and instance.pk is not None:
        keys.add(object_key(sender, instance.pk))


# --- How long a page may be kept ----------------------------------------------------------------


def next_clock_change(now: datetime) -> datetime:
    """The next moment a page may change with nobody saving anything: an event ends, a news
    item is published, a banner expires (as the apps register it), or the day changes in Cary.

    Kept in the cache until then (at most CLOCK_CACHE_SECONDS) and forgotten on every save of
    public content, so most renders ask the database nothing for it."""
    moment = cache.get(CLOCK_CACHE_KEY)
    if moment is None or moment <= now:
        tomorrow = timezone.localdate(now) + timedelta(days=1)
        moments = [timezone.make_aware(datetime.combine(tomorrow, datetime.min.time()))]
        moments += [next_change(now) for next_change in registry.clock_changes]
        moment = min(moment for moment in moments if moment is not None)
        cache.set(CLOCK_CACHE_KEY, moment, timeout=CLOCK_CACHE_SECONDS)
    return moment


def _forget_clock_change() -> None:
    cache.delete(CLOCK_CACHE_KEY)
    # Again after commit: a render in between may have cached the moment from the old data.
    transaction.on_commit(lambda: cache.delete(CLOCK_CACHE_KEY), robust=True)


def _visitor_has_state(request) -> bool:
    return any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES)


def is_shareable(request, response) -> bool:
    match = request.resolver_match
    return (
        settings.HTTP_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and match is not None
        and match.view_name in registry.cached_views
        and response.status_code == 200
        and not response.cookies
        and not response.has_header("Cache-Control")
        and not _visitor_has_state(request)
    )


def mark_shareable(response, keys: set[str]) -> None:
    now = timezone.now()
    until_change = (next_clock_change(now) - now).total_seconds()
    seconds = int(min(settings.HTTP_CACHE_SECONDS, until_change))
    if seconds < 1:
        patch_cache_control(response, no_cache=True)
        return
    patch_cache_control(
        response,
        public=True,
        max_age=0,
        s_maxage=seconds,
        stale_while_revalidate=settings.HTTP_CACHE_STALE_SECONDS,
        stale_if_error=settings.HTTP_CACHE_STALE_IF_ERROR_SECONDS,
    )
    response.headers[settings.HTTP_CACHE_KEY_HEADER] = " ".join(sorted({SITE_KEY, *keys}))


class SharedCacheMiddleware:
    """Marks the responses a shared cache may keep, with the keys that purge them.

    Sits near the top of MIDDLEWARE, so it sees the cookies that the session, CSRF and
    messages middleware add on the way out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            response = self.get_response(request)
            if response.status_code < 400:
                _purge_after_admin_action(request)
            return response
        keys: set[str] = set()
        token = _page_keys.set(keys)
        try:
            with ExitStack() as stack:
                for connection in connections.all(initialized_only=False):
                    stack.enter_context(connection.execute_wrapper(_note_tables))
                response = self.get_response(request)
        finally:
            _page_keys.reset(token)
        if is_shareable(request, response):
            mark_shareable(response, keys)
        return response


# --- Purging --------------------------------------------------------------------------------


_pending = threading.local()


def purge(*keys: str) -> None:
    """Purge these keys at every front once the current transaction commits (at once outside
    one). The keys of one transaction go out together: the first callback sends them all."""
    if not keys:
        return
    forget_versions(keys)
    if not settings.HTTP_CACHE_PURGE_URLS:
        return
    if getattr(_pending, "keys", None) is None:
        _pending.keys = set()
    _pending.keys.update(keys)
    # A rolled-back transaction drops its callbacks; its keys then go out with the next
    # purge's, which is one purge too many and never one too few.
    transaction.on_commit(_send_pending, robust=True)


# --- Versions of the keys -----------------------------------------------------------------------
# Each key has a version in the default cache (shared by the processes): a token made up when it is
# first asked for and forgotten by every purge of the key. What a process keeps for itself
# (core/fragments.py) records the versions of its keys and is used only while they are the same.


def _version_key(key: str) -> str:
    return f"{VERSION_PREFIX}{key}"


def key_versions(keys) -> dict[str, str] | None:
    """{key: version} of these keys, made up for the ones that have none yet; None while the
    cache cannot tell (Redis down): then nothing may be kept that depends on them."""
    names = {_version_key(key): key for key in keys}
    found = cache.get_many(names)
    for name in names.keys() - found.keys():
        cache.add(name, secrets.token_hex(8), timeout=None)
    if len(found) < len(names):
        found = cache.get_many(names)
        if len(found) < len(names):
            return None
    return {names[name]: version for name, version in found.items()}


def forget_versions(keys) -> None:
    """Now, for the rest of this transaction, and again after it commits: a render in between may
    have recorded a new version with the old data. The fail-soft cache resends deletes that
    Redis missed once it answers again (core/cache.py)."""
    names = [_version_key(key) for key in keys]
    cache.delete_many(names)
    transaction.on_commit(lambda: cache.delete_many(names), robust=True)


def _send_pending() -> None:
    keys = sorted(getattr(_pending, "keys", None) or ())
    _pending.keys = None
    if not keys:
        return
    for url in settings.HTTP_CACHE_PURGE_URLS:
        try:
            send_purge(url, keys)
        except OSError as error:
            logger.warning(
                "Purging %d cache keys at %s failed (%s)", len(keys), url, type(error).__name__
            )
            if retry_purge.get_backend().supports_defer:
                retry_purge.using(run_after=_retry_at(1)).enqueue(url=url, keys=keys, attempt=1)


def send_purge(url: str, keys: list[str]) -> None:
    request = urllib.request.Request(  # noqa: S310 - URLs from settings, not from a visitor
        url, method="PURGE", headers={"xkey-purge": " ".join(keys)}
    )
    with urllib.request.urlopen(request, timeout=PURGE_TIMEOUT_SECONDS) as response:  # noqa: S310
        response.read()


def _retry_at(attempt: int) -> datetime:
    return timezone.now() + timedelta(seconds=PURGE_RETRY_DELAYS[attempt - 1])


@task()
def retry_purge(*, url: str, keys: list[str], attempt: int) -> None:
    """A purge that failed, sent again by the task worker with backoff."""
    try:
        send_purge(url, keys)
    except OSError as error:
        if attempt >= len(PURGE_RETRY_DELAYS):
            logger.error(
                "Gave up purging %d cache keys at %s (%s): pages stay cached until s-maxage",
                *(len(keys), url, type(error).__name__),
            )
            return
        retry_purge.using(run_after=_retry_at(attempt + 1)).enqueue(
            url=url, keys=keys, attempt=attempt + 1
        )


def purge_model(model) -> None:
    purge(model_key(model))


def _saved_or_deleted(sender, instance, **kwargs) -> None:
    if sender._meta.label in registry.public_models:
        purge(model_key(sender))
        _forget_clock_change()
    parent = _parents().get(sender)
    if parent is not None:
        parent_label, field_name = parent
        parent_pk = getattr(instance, f"{field_name}_id", None)
        if parent_pk is not None:
            purge(object_key(apps.get_model(parent_label), parent_pk))


def _links_changed(sender, instance, model, **kwargs) -> None:
    for changed in (type(instance), model):
        if changed._meta.label in registry.public_models:
            purge(model_key(changed))
            _forget_clock_change()


@memoize
def _public_changelists() -> dict[str, type]:
    """The admin's URL names of the change lists (where actions post) of the public models,
    and of their children, whose actions change the pages of the whole parent model."""
    changelists = {}
    models = [(apps.get_model(label), apps.get_model(label)) for label in registry.public_models]
    models += [(child, apps.get_model(parent)) for child, (parent, _f) in _parents().items()]
    for model, purged in models:
        changelists[f"{model._meta.app_label}_{model._meta.model_name}_changelist"] = purged
    return changelists


def _purge_after_admin_action(request) -> None:
    """Admin actions may write with QuerySet.update(), which sends no signals."""
    match = request.resolver_match
    if match is not None and match.namespace == "admin":
        model = _public_changelists().get(match.url_name)
        if model is not None:
            purge_model(model)
            _forget_clock_change()


def connect_signals() -> None:
    """One receiver for every model: which ones count is read from the registry at each save,
    so the apps may register after this runs."""
    post_save.connect(_saved_or_deleted, dispatch_uid="http_cache:saved")
    post_delete.connect(_saved_or_deleted, dispatch_uid="http_cache:deleted")
    m2m_changed.connect(_links_changed, dispatch_uid="http_cache:links")
    post_init.connect(_note_instance, dispatch_uid="http_cache:loaded")

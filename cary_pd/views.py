import logging
import sys
from datetime import UTC, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cary_pd.models import Page
from core import links
from core.drafts import published_or_preview
from core.models import DepartmentSettings
from core.registry import registry
from outreach.models import Event, NewsItem

logger = logging.getLogger(__name__)


def _page_for(request, slug: str) -> Page:
    return published_or_preview(request, Page.objects.all(), slug=slug)


FAVICON_SECONDS = 24 * 60 * 60
HOME_EVENTS = 3
HOME_NEWS = 3


def home(request):
    page = Page.objects.published().filter(slug=Page.HOME_SLUG).first()
    # Lazy: even building a queryset costs; these are read inside the page's fragment only
    # (core/fragments.py), that is when its content changed since it was last rendered.
    context = {
        "page": page,
        "events": SimpleLazyObject(lambda: Event.objects.published().upcoming()[:HOME_EVENTS]),
        "news": SimpleLazyObject(lambda: NewsItem.objects.published()[:HOME_NEWS]),
    }
    return render(request, "pages/home.html", context)


def resident_requests(request):
    """What residents can do online, as each app registered it (core.registry)."""
    return render(request, "pages/requests.html", {"resident_requests": registry.resident_requests})


def page_detail(request, slug: str):
    page = _page_for(request, slug)
    return render(request, "pages/page_detail.html", {"page": page})


@require_GET
@never_cache
def healthz(request):
    """Liveness: the process answers. Touches no database on purpose."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readyz(request):
    """Readiness: the database answers. It is the only hard dependency: with the fail-soft Redis
    cache (core/cache.py) pages are rendered from the database while Redis is down, so the
    server stays in rotation and the cache is reported "degraded". A cache backend that raises
    instead (Django's plain RedisCache) would fail every page: "unreachable", 503."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        checks["database"] = "unreachable"
    try:
        is_reachable = getattr(cache, "is_reachable", None)
        if is_reachable is None:
            cache.get("readyz")  # one round trip; nothing is written
        elif not is_reachable():
            checks["cache"] = "degraded"
    except Exception:  # redis-py's ConnectionError, TimeoutError, ...: whatever the backend raises
        checks["cache"] = "unreachable"
    ready = "unreachable" not in checks.values()
    status = "ok" if all(state == "ok" for state in checks.values()) else "degraded"
    return JsonResponse(
        {"status": status if ready else "unavailable", **checks}, status=200 if ready else 503
    )


@require_GET
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever a page names: the badge
    among the static files (its name changes with its content, so this answer is kept a day)."""
    response = HttpResponseRedirect(static("img/favicon.ico"))
    patch_cache_control(response, public=True, max_age=FAVICON_SECONDS)
    return response


@require_GET
def robots_txt(request):
    sitemap_url = links.absolute_url("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# RFC 9116 asks for an expiry less than a year ahead, so that a stale file is noticed.
SECURITY_TXT_VALID_DAYS = 180


@require_GET
def security_txt(request):
    """/.well-known/security.txt (RFC 9116): where to report a vulnerability (SECURITY.md)."""
    if not settings.SECURITY_CONTACT:
        raise Http404
    expires = timezone.now().replace(microsecond=0) + timedelta(days=SECURITY_TXT_VALID_DAYS)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(UTC).isoformat().replace('+00:00', 'Z')}",
        f"Canonical: {links.absolute_url('/.well-known/security.txt')}",
        "Preferred-Languages: en, es",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# Seconds a client or load balancer should wait before trying again after a database outage.
RETRY_AFTER_DATABASE_OUTAGE = 30
FRIENDLY_ERROR_TITLE = _("Sorry, there is a problem with this website")


def _database_unavailable(error: BaseException | None) -> bool:
    """Whether the error (or one it arose from) means the database could not be reached or
    could not answer: connection refused or lost, server shutting down, deadlock, timeout."""
    seen = 0
    while error is not None and seen < 10:
        if isinstance(error, (OperationalError, InterfaceError)):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def server_error(request):
    """The error page for any unhandled exception: from a view, a middleware, a context
    processor, or the 404 page itself. It renders without the database or the session (field
    defaults, no context processors). A database outage answers 503 with Retry-After, so load
    balancers and crawlers know to come back; anything else is a 500. Django logs the exception
    once (django.request, "Service Unavailable: /path" with its traceback)."""
    # Django calls this while it handles the exception, so sys.exception() is that exception.
    unavailable = _database_unavailable(sys.exception())
    try:
        content = loader.render_to_string("500.html", {"department": DepartmentSettings()})
    except Exception:
        # Raising here would leave the visitor with gunicorn's bare 500 whatever the cause, so
        # a broken template or a file missing from the static manifest gets this plain page.
        logger.exception("The error page could not be rendered")
        content = format_html(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{}</title>'
            "</head><body><main><h1>{}</h1><p>{}</p><p>{}</p></main></body></html>",
            FRIENDLY_ERROR_TITLE,
            FRIENDLY_ERROR_TITLE,
            _("Please try again in a few minutes."),
            _("In an emergency, call %(number)s.") % {"number": "911"},
        )
    response = HttpResponse(content, status=503 if unavailable else 500)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_DATABASE_OUTAGE)
    add_never_cache_headers(response)
    return response

from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cary_pd.models import DepartmentSettings, Page
from outreach.models import Event, NewsItem


def _page_for(request, slug: str) -> Page:
    # Staff may preview unpublished pages ("View on site" in the admin).
    pages = Page.objects.all() if request.user.is_staff else Page.objects.published()
    return get_object_or_404(pages, slug=slug)


HOME_EVENTS = 3
HOME_NEWS = 3


def home(request):
    page = Page.objects.published().filter(slug=Page.HOME_SLUG).first()
    context = {
        "page": page,
        "events": Event.objects.published().upcoming()[:HOME_EVENTS],
        "news": NewsItem.objects.published()[:HOME_NEWS],
    }
    return render(request, "pages/home.html", context)


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
    """Readiness: the database answers. 503 takes this server out of the load balancer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def robots_txt(request):
    sitemap_url = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap_url}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def server_error(request):
    """The 500 page. It must render with the database down, so it uses field defaults."""
    template = loader.get_template("500.html")
    return HttpResponse(template.render({"department": DepartmentSettings()}), status=500)

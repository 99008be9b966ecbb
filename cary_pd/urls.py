from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from cary_pd import search, views
from core.registry import registry

# Site-wide endpoints and the admin: one URL, whatever the language.
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": registry.sitemaps},  # filled in by the apps (core.registry)
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("admin/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]

# The pages residents read, in every language of LANGUAGES: English at these URLs, the others
# under their prefix (/es/services/), so each page has one URL per language and a front can keep
# each without varying on a header.
public_patterns = [
    path("", views.home, name="home"),
    path("search/", search.search, name="search"),
    path("requests/", views.resident_requests, name="resident_requests"),
    path("services/", include("services.urls")),
    path("programs/", include("programs.urls")),
    path("tips/", include("programs.tip_urls")),
    path("report/", include("reports.urls")),
    path("districts/", include("districts.urls")),
    path("concerns/", include("concerns.urls")),
    path("records/", include("records.urls")),
    path("house-checks/", include("housechecks.urls")),
    path("feedback/", include("feedback.urls")),
    path("alerts/", include("alerts.urls")),
    path("", include("outreach.urls")),
]

if settings.SERVE_MEDIA:
    # Public uploads (resized images, meeting minutes) for a single-server setup. Larger sites
    # serve MEDIA_URL from the proxy or object storage instead. Private report photos are
    # never here: they have their own storage and a permission-checked view.
    from django.views.static import serve

    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", serve,
                {"document_root": settings.MEDIA_ROOT}),
    ]  # fmt: skip

# Staff-edited pages live at the top level ("/community-policing/"), so this comes last.
public_patterns += [path("<slug:slug>/", views.page_detail, name="page_detail")]
urlpatterns += i18n_patterns(*public_patterns, prefix_default_language=False)

handler500 = "cary_pd.views.server_error"

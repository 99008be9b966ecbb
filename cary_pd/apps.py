from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaryPdConfig(AppConfig):
    """The site layer: home page, staff-edited pages, search page, sitemap."""

    name = "cary_pd"
    verbose_name = _("Site and pages")

    def ready(self):
        from cary_pd import demo
        from cary_pd.page_search import PageSearch
        from cary_pd.sitemaps import PageSitemap, RequestsSitemap
        from core import registry

        registry.register_public_models("cary_pd.Page")
        registry.register_cached_views(
            "home",
            "page_detail",
            "search",
            "resident_requests",
            "django.contrib.sitemaps.views.sitemap",
        )
        registry.register_search_source(PageSearch, order=80)
        registry.register_sitemaps(pages=PageSitemap, requests=RequestsSitemap)
        registry.register_demo_loader("site", demo.load)
        registry.register_navigation(_("Home"), "home", order=0)
        registry.register_navigation(_("Online requests"), "resident_requests", order=15)
        registry.register_navigation(
            _("Community policing"),
            "page_detail",
            order=90,
            url_kwargs={"slug": "community-policing"},
        )

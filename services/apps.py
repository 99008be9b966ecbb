from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Services")

    def ready(self):
        from core import registry
        from services import demo
        from services.search import ServiceSearch
        from services.sitemaps import CatalogueSitemap, ServiceSitemap

        registry.register_public_models("services.ServiceCategory", "services.Service")
        registry.register_cached_views("services:list", "services:detail")
        registry.register_search_source(ServiceSearch, order=10)
        registry.register_sitemaps(catalogue=CatalogueSitemap, services=ServiceSitemap)
        registry.register_demo_loader("services", demo.load)
        registry.register_navigation(_("Services"), "services:list", order=10)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "districts"
    verbose_name = _("Districts")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from core import registry
        from districts import demo
        from districts.lookup import forget_shapes
        from districts.models import District
        from districts.search import DistrictSearch
        from districts.sitemaps import DistrictIndexSitemap, DistrictSitemap

        registry.register_public_models("districts.District", "districts.StreetRange")
        # The district pages show other apps' rows too (meetings, news, concerns): the page
        # cache follows the tables a page reads, so saving one of those purges the page.
        registry.register_cached_views("districts:index", "districts:detail")
        registry.register_search_source(DistrictSearch, order=35)
        registry.register_sitemaps(districts_index=DistrictIndexSitemap, districts=DistrictSitemap)
        registry.register_demo_loader("districts", demo.load)
        registry.register_navigation(_("Your district"), "districts:index", order=35)

        def _forget(sender, **kwargs):
            forget_shapes()

        # This process's prepared boundaries; other processes see the new updated_at.
        post_save.connect(_forget, sender=District, weak=False, dispatch_uid="districts:shapes")
        post_delete.connect(_forget, sender=District, weak=False, dispatch_uid="districts:shapes-")

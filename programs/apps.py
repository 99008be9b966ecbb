from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "programs"
    verbose_name = _("Crime prevention")

    def ready(self):
        from core import registry
        from programs import demo, queues
        from programs.search import ProgramSearch, TipSearch
        from programs.sitemaps import ProgramSitemap, TipSitemap, WatchGroupFinderSitemap

        registry.register_public_models(
            "programs.Program",
            "programs.WatchGroup",
            "programs.Tip",
        )
        # A sign-up changes the places left on its own program's pages.
        registry.register_page_parent("programs.SignUp", "program")
        registry.register_cached_views(
            "programs:list", "programs:detail", "programs:watch_groups", "tips:list", "tips:detail"
        )
        registry.register_search_source(ProgramSearch, order=20)
        registry.register_search_source(TipSearch, order=30)
        registry.register_sitemaps(
            programs=ProgramSitemap, tips=TipSitemap, **{"watch-groups": WatchGroupFinderSitemap}
        )
        registry.register_demo_loader("programs", demo.load)
        registry.register_navigation(_("Crime prevention"), "programs:list", order=20)
        registry.register_navigation(_("Safety tips"), "tips:list", order=30)
        registry.register_staff_queue(
            _("New program sign-ups"),
            "admin:programs_signup_changelist",
            query="status__exact=new",
            permission="programs.view_signup",
            count=queues.new_signups,
            order=60,
        )

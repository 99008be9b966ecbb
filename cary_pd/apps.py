from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaryPdConfig(AppConfig):
    name = "cary_pd"
    verbose_name = _("Site and pages")

    def ready(self):
        from cary_pd import caching

        # Saving public content renews the page cache's token (cary_pd/caching.py).
        caching.connect_signals()

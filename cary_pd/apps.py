from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaryPdConfig(AppConfig):
    name = "cary_pd"
    verbose_name = _("Site and pages")

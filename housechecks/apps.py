from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HouseChecksConfig(AppConfig):
    name = "housechecks"
    verbose_name = _("Vacation house checks")

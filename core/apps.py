from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Department")

    def ready(self):
        from core import registry

        registry.register_public_models("core.DepartmentSettings")

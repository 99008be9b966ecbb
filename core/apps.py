from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Department")

    def ready(self):
        from core import checks, http_cache, registry  # noqa: F401 (checks registers itself)

        registry.register_public_models("core.DepartmentSettings")
        # Saving public content purges the pages built from it at the fronts.
        http_cache.connect_signals()
        # Content changes refresh the words "Did you mean" suggests (in the task worker).
        from core import search_words

        search_words.connect_signals()

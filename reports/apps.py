from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Crime reports")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from reports.two_factor import remind_unverified_reviewer

        user_logged_in.connect(remind_unverified_reviewer, dispatch_uid="reports.remind_2fa")

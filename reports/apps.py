from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Crime reports")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core import registry
        from reports import demo, queues
        from reports.search import ReportingGuideSearch
        from reports.signin import remind_unverified_reviewer
        from reports.sitemaps import ReportSitemap

        user_logged_in.connect(remind_unverified_reviewer, dispatch_uid="reports.remind_2fa")
        # Reports themselves are private; these show on the public start and guide pages.
        registry.register_public_models(
            "reports.IncidentType", "reports.ReportingGuideEntry", "reports.ReportSettings"
        )
        registry.register_cached_views("reports:start", "reports:where")
        registry.register_search_source(ReportingGuideSearch, order=70)
        registry.register_demo_loader("reports", demo.load)
        registry.register_sitemaps(reports=ReportSitemap)
        registry.register_resident_request(
            _("Report a crime online"),
            _("Theft, vandalism, fraud and other crimes with no suspect known and no one hurt."),
            "reports:start",
            order=10,
        )
        registry.register_resident_request(
            _("Check the status of a report"),
            _("Where a report you sent online is: received, in review or decided."),
            "reports:status",
            order=11,
        )
        registry.register_staff_queue(
            _("New crime reports"),
            "admin:reports_report_changelist",
            query="status__exact=submitted",
            permission="reports.view_report",
            two_factor=True,
            count=queues.new_reports,
            order=10,
        )

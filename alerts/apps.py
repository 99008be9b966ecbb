from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def district_alerts(district) -> dict:
    """The district page's section: a link to subscribe to this district's alerts."""
    from alerts.models import Topic

    return {"topic": Topic.objects.active().filter(district=district).first()}


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Email alerts")

    def ready(self):
        from alerts import demo, signals
        from alerts.sitemaps import AlertsSitemap
        from core import registry

        post_save.connect(
            signals.keep_district_topic,
            sender="districts.District",
            dispatch_uid="alerts.keep_district_topic",
        )
        registry.register_sitemaps(alerts=AlertsSitemap)
        registry.register_demo_loader("alerts", demo.load)
        registry.register_resident_request(
            _("Get email alerts"),
            _("News and alerts for your district or the topics you choose, by email."),
            "alerts:subscribe",
            order=60,
        )
        registry.register_page_section(
            "districts:detail", "alerts/includes/district_alerts.html", district_alerts, order=40
        )

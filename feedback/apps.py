"""Compliments and complaints about an officer or the department, handled by the Professional
standards group; a public page counts them by year, kind and outcome."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Compliments and complaints")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core import registry
        from feedback import demo, queues, sections
        from feedback.signin import remind_unverified_professional_standards
        from feedback.sitemaps import FeedbackSitemap

        user_logged_in.connect(
            remind_unverified_professional_standards, dispatch_uid="feedback.remind_2fa"
        )
        registry.register_resident_request(
            _("Compliment or complain about an officer"),
            _("Thank an officer, or tell us what went wrong. A complaint can be anonymous."),
            "feedback:start",
            order=50,
        )
        registry.register_sitemaps(feedback=FeedbackSitemap)
        registry.register_demo_loader("feedback", demo.load)
        registry.register_page_section(
            "services:detail",
            "feedback/includes/service_callout.html",
            sections.service_callout,
            order=50,
        )
        registry.register_staff_queue(
            _("New compliments and complaints"),
            "admin:feedback_feedback_changelist",
            query="status__exact=received",
            permission="feedback.view_feedback",
            two_factor=True,
            count=queues.new_feedback,
            order=50,
        )

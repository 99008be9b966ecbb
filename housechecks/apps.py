"""Vacation house checks: a resident away from home asks patrol to look in; officers print the
day's active checks per district, record each visit, and the resident gets a summary on return."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HouseChecksConfig(AppConfig):
    name = "housechecks"
    verbose_name = _("Vacation house checks")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core import registry
        from housechecks import demo, queues, sections
        from housechecks.signin import remind_unverified_patrol
        from housechecks.sitemaps import HouseCheckSitemap

        user_logged_in.connect(remind_unverified_patrol, dispatch_uid="housechecks.remind_2fa")
        registry.register_resident_request(
            _("Ask for a vacation house check"),
            _("Officers look in on your home while you are away."),
            "housechecks:start",
            order=40,
        )
        registry.register_sitemaps(housechecks=HouseCheckSitemap)
        registry.register_page_section(
            "services:detail",
            "housechecks/includes/service_callout.html",
            sections.service_callout,
            order=40,
        )
        registry.register_demo_loader("housechecks", demo.load)
        registry.register_staff_queue(
            _("House checks active today"),
            "admin:housechecks_housecheck_today",
            permission="housechecks.view_housecheck",
            two_factor=True,
            count=queues.active_today,
            order=40,
        )

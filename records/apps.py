"""Copies of police records: a resident asks, the Records group fulfils with a PDF that the
resident downloads through a signed, expiring link after confirming their email address."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "records"
    verbose_name = _("Copies of records")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core import registry
        from records import demo, queues, sections
        from records.signin import remind_unverified_records_staff
        from records.sitemaps import RecordsSitemap

        user_logged_in.connect(remind_unverified_records_staff, dispatch_uid="records.remind_2fa")
        registry.register_resident_request(
            _("Request a copy of a record"),
            _("A crash report for your insurer, an incident report or another record."),
            "records:start",
            order=30,
        )
        registry.register_sitemaps(records=RecordsSitemap)
        registry.register_page_section(
            "services:detail",
            "records/includes/service_callout.html",
            sections.service_callout,
            order=30,
        )
        registry.register_demo_loader("records", demo.load)
        registry.register_staff_queue(
            _("New record requests"),
            "admin:records_recordrequest_changelist",
            query="status__exact=received",
            permission="records.view_recordrequest",
            two_factor=True,
            count=queues.new_requests,
            order=30,
        )

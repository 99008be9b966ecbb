from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConcernsConfig(AppConfig):
    name = "concerns"
    verbose_name = _("Concerns and tips")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from concerns import demo, operations, queues, sections
        from concerns.signin import remind_unverified_district_staff
        from concerns.sitemaps import ConcernSitemap
        from core import registry
        from reports import photos

        user_logged_in.connect(remind_unverified_district_staff, dispatch_uid="concerns.remind_2fa")
        # Concerns are private; a change to one changes its district's page (the counts and
        # the agenda), so it purges that page only.
        registry.register_page_parent("concerns.Concern", "district")
        registry.register_page_section(
            "districts:detail",
            "concerns/includes/district_concerns.html",
            sections.district_concerns,
            order=30,
        )
        registry.register_page_section(
            "districts:detail",
            "concerns/includes/district_agenda.html",
            sections.district_agenda,
            order=35,
        )
        registry.register_sitemaps(concerns=ConcernSitemap)
        # purge_reports' orphan sweep reads the quarantine both apps share, and this folder.
        photos.register_photo_model("concerns.ConcernPhoto", folder=operations.PHOTO_FOLDER)
        registry.register_demo_loader("concerns", demo.load)
        registry.register_resident_request(
            _("Share a concern or a tip"),
            _("Speeding, a problem property, something that keeps happening. It can be anonymous."),
            "concerns:start",
            order=20,
        )
        registry.register_staff_queue(
            _("New concerns and tips"),
            "admin:concerns_concern_changelist",
            query="status__exact=received",
            permission="concerns.view_concern",
            two_factor=True,
            count=queues.new_concerns,
            order=20,
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "outreach"
    verbose_name = _("Outreach")

    def ready(self):
        from core import registry
        from outreach import demo, queues
        from outreach.models import next_clock_change
        from outreach.search import EventSearch, K9TeamSearch, NewsSearch, OfficerSearch
        from outreach.sitemaps import (
            EventSitemap,
            NewsSitemap,
            OfficerSitemap,
            OutreachIndexSitemap,
        )

        registry.register_public_models(
            "outreach.Event",
            "outreach.Officer",
            "outreach.K9Team",
            "outreach.Partner",
            "outreach.NewsItem",
        )
        # A registration changes the places left on its own event's pages.
        registry.register_page_parent("outreach.Registration", "event")
        registry.register_cached_views(
            "outreach:event_list",
            "outreach:event_archive",
            "outreach:event_feed",
            "outreach:event_detail",
            "outreach:event_ics",
            "outreach:officer_list",
            "outreach:officer_detail",
            "outreach:k9_list",
            "outreach:partner_list",
            "outreach:news_list",
            "outreach:news_feed_rss",
            "outreach:news_feed_atom",
            "outreach:news_detail",
        )
        # Events end and news items are published or stop being urgent without a save.
        registry.register_clock_change(next_clock_change)
        registry.register_search_source(EventSearch, order=40)
        registry.register_search_source(OfficerSearch, order=50)
        registry.register_search_source(K9TeamSearch, order=55)
        registry.register_search_source(NewsSearch, order=60)
        registry.register_sitemaps(
            outreach=OutreachIndexSitemap,
            events=EventSitemap,
            officers=OfficerSitemap,
            news=NewsSitemap,
        )
        registry.register_demo_loader("outreach", demo.load)
        registry.register_navigation(_("Events"), "outreach:event_list", order=40)
        registry.register_navigation(_("News"), "outreach:news_list", order=50)
        from outreach.sections import district_meetings, district_news

        registry.register_page_section(
            "districts:detail",
            "outreach/includes/district_meetings.html",
            district_meetings,
            order=10,
        )
        registry.register_page_section(
            "districts:detail", "outreach/includes/district_news.html", district_news, order=20
        )
        registry.register_staff_queue(
            _("Event registrations in the last 7 days"),
            "admin:outreach_registration_changelist",
            permission="outreach.view_registration",
            count=queues.recent_registrations,
            order=70,
        )

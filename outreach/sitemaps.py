from django.urls import reverse

from core.sitemaps import LocalizedSitemap
from outreach.models import Event, NewsItem, Officer


class OutreachIndexSitemap(LocalizedSitemap):
    changefreq = "daily"

    def items(self):
        return [
            "outreach:event_list",
            "outreach:event_archive",
            "outreach:officer_list",
            "outreach:k9_list",
            "outreach:partner_list",
            "outreach:news_list",
        ]

    def location(self, name):
        return reverse(name)


class EventSitemap(LocalizedSitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().order_by("-starts_at")

    def lastmod(self, event):
        return event.updated_at


class OfficerSitemap(LocalizedSitemap):
    changefreq = "monthly"

    def items(self):
        return Officer.objects.published().order_by("slug")

    def lastmod(self, officer):
        return officer.updated_at


class NewsSitemap(LocalizedSitemap):
    changefreq = "monthly"

    def items(self):
        return NewsItem.objects.published().order_by("-published_at")

    def lastmod(self, item):
        return item.updated_at

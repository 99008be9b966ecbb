from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from outreach.models import Event, NewsItem, Officer


class OutreachIndexSitemap(Sitemap):
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


class EventSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().order_by("-starts_at")

    def lastmod(self, event):
        return event.updated_at


class OfficerSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Officer.objects.published().order_by("slug")

    def lastmod(self, officer):
        return officer.updated_at


class NewsSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return NewsItem.objects.published().order_by("-published_at")

    def lastmod(self, item):
        return item.updated_at

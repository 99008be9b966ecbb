from django.urls import reverse

from cary_pd.models import Page
from core.sitemaps import LocalizedSitemap


class PageSitemap(LocalizedSitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().order_by("slug")

    def lastmod(self, page):
        return page.updated_at


class RequestsSitemap(LocalizedSitemap):
    changefreq = "monthly"

    def items(self):
        return ["resident_requests"]

    def location(self, name):
        return reverse(name)

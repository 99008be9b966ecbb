from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from services.models import Service


class CatalogueSitemap(Sitemap):
    """The list pages of services, programs and tips."""

    changefreq = "weekly"

    def items(self):
        return ["services:list", "programs:list", "tips:list"]

    def location(self, url_name):
        return reverse(url_name)


class ServiceSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Service.objects.published().order_by("slug")

    def lastmod(self, service):
        return service.updated_at

from django.urls import reverse

from core.sitemaps import LocalizedSitemap
from services.models import Service


class CatalogueSitemap(LocalizedSitemap):
    """The list pages of services, programs and tips."""

    changefreq = "weekly"

    def items(self):
        return ["services:list", "programs:list", "tips:list"]

    def location(self, url_name):
        return reverse(url_name)


class ServiceSitemap(LocalizedSitemap):
    changefreq = "monthly"

    def items(self):
        return Service.objects.published().order_by("slug")

    def lastmod(self, service):
        return service.updated_at

from django.urls import reverse

from core.sitemaps import LocalizedSitemap
from districts.models import District


class DistrictIndexSitemap(LocalizedSitemap):
    changefreq = "monthly"

    def items(self):
        return ["districts:index"]

    def location(self, name):
        return reverse(name)


class DistrictSitemap(LocalizedSitemap):
    changefreq = "weekly"

    def items(self):
        return District.objects.order_by("display_order", "number")

    def lastmod(self, district):
        return district.updated_at

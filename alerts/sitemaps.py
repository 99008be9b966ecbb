from django.urls import reverse

from core.sitemaps import LocalizedSitemap


class AlertsSitemap(LocalizedSitemap):
    changefreq = "monthly"

    def items(self):
        return ["alerts:subscribe"]

    def location(self, name):
        return reverse(name)

from django.urls import reverse

from core.sitemaps import LocalizedSitemap


class RecordsSitemap(LocalizedSitemap):
    """The form page only: confirmation, status and link pages are personal, not indexed."""

    changefreq = "monthly"

    def items(self):
        return ["records:start"]

    def location(self, name):
        return reverse(name)

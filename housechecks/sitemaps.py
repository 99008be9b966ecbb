from django.urls import reverse

from core.sitemaps import LocalizedSitemap


class HouseCheckSitemap(LocalizedSitemap):
    """The form page only: confirmation and status pages are personal and not indexed."""

    changefreq = "monthly"

    def items(self):
        return ["housechecks:start"]

    def location(self, name):
        return reverse(name)

from django.urls import reverse

from core.sitemaps import LocalizedSitemap


class ReportSitemap(LocalizedSitemap):
    """The pages a resident starts from: the report, the guide, the status lookup. The steps,
    confirmation and status answers are personal and not indexed."""

    changefreq = "monthly"

    def items(self):
        return ["reports:start", "reports:where", "reports:status"]

    def location(self, name):
        return reverse(name)

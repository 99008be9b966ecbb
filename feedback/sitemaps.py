from django.urls import reverse

from core.sitemaps import LocalizedSitemap


class FeedbackSitemap(LocalizedSitemap):
    """The form and the yearly counts: confirmation and status pages are personal."""

    changefreq = "monthly"

    def items(self):
        return ["feedback:start", "feedback:counts"]

    def location(self, name):
        return reverse(name)

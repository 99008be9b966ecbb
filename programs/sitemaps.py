from django.urls import reverse

from core.sitemaps import LocalizedSitemap
from programs.models import Program, Tip


class ProgramSitemap(LocalizedSitemap):
    changefreq = "monthly"

    def items(self):
        return Program.objects.published().order_by("slug")

    def lastmod(self, program):
        return program.updated_at


class TipSitemap(LocalizedSitemap):
    changefreq = "monthly"

    def items(self):
        return Tip.objects.published().order_by("slug")

    def lastmod(self, tip):
        return tip.updated_at


class WatchGroupFinderSitemap(LocalizedSitemap):
    changefreq = "monthly"

    def items(self):
        return Program.objects.published().filter(has_watch_groups=True).order_by("slug")

    def location(self, program):
        return reverse("programs:watch_groups", kwargs={"slug": program.slug})

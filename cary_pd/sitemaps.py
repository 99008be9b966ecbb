from django.contrib.sitemaps import Sitemap

from cary_pd.models import Page
from outreach.sitemaps import EventSitemap, NewsSitemap, OfficerSitemap, OutreachIndexSitemap
from programs.sitemaps import ProgramSitemap, TipSitemap, WatchGroupFinderSitemap
from services.sitemaps import CatalogueSitemap, ServiceSitemap


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().order_by("slug")

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "catalogue": CatalogueSitemap,
    "services": ServiceSitemap,
    "programs": ProgramSitemap,
    "tips": TipSitemap,
    "watch-groups": WatchGroupFinderSitemap,
    "outreach": OutreachIndexSitemap,
    "events": EventSitemap,
    "officers": OfficerSitemap,
    "news": NewsSitemap,
}

"""RSS 2.0 and Atom feeds of news and alerts."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from outreach.models import NewsItem

FEED_ITEMS = 30


class NewsRssFeed(Feed):
    title = _("Cary Police Department: news and alerts")
    link = reverse_lazy("outreach:news_list")
    description = _("News, crime alerts and traffic advisories from the Cary Police Department.")

    def items(self):
        return NewsItem.objects.published()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description

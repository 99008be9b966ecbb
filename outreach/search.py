from django.utils.translation import gettext_lazy as _

from core.search import ModelSearchSource
from outreach.models import (
    EVENT_SEARCH_FIELDS,
    K9_TEAM_SEARCH_FIELDS,
    NEWS_ITEM_SEARCH_FIELDS,
    OFFICER_SEARCH_FIELDS,
    Event,
    K9Team,
    NewsItem,
    Officer,
)


class EventSearch(ModelSearchSource):
    kind = "events"
    label = _("Events")
    search_fields = EVENT_SEARCH_FIELDS

    def get_queryset(self, now=None):
        return Event.objects.published().upcoming(now)


class OfficerSearch(ModelSearchSource):
    kind = "officers"
    label = _("Officers")
    title_field = "name"
    summary_field = "rank"
    search_fields = OFFICER_SEARCH_FIELDS

    def get_queryset(self, now=None):
        return Officer.objects.published()


class K9TeamSearch(ModelSearchSource):
    """Each team links to its place on the K-9 page (``K9Team.get_absolute_url``)."""

    kind = "k9-teams"
    label = _("K-9 teams")
    title_field = "dog_name"
    summary_field = "breed"
    search_fields = K9_TEAM_SEARCH_FIELDS

    def get_queryset(self, now=None):
        return K9Team.objects.published()


class NewsSearch(ModelSearchSource):
    kind = "news"
    label = _("News and alerts")
    search_fields = NEWS_ITEM_SEARCH_FIELDS

    def get_queryset(self, now=None):
        return NewsItem.objects.published(now)

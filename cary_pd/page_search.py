"""The site search's source of staff-edited pages (core/search.py). Not in cary_pd/search.py,
which is the search page's view."""

from django.utils.translation import gettext_lazy as _

from cary_pd.models import PAGE_SEARCH_FIELDS, Page
from core.search import ModelSearchSource


class PageSearch(ModelSearchSource):
    """The published pages but the home page, whose text introduces the site."""

    kind = "pages"
    label = _("Pages")
    search_fields = PAGE_SEARCH_FIELDS

    def get_queryset(self, now=None):
        return Page.objects.published().exclude(slug=Page.HOME_SLUG)

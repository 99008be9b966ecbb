from html import unescape

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.search import ModelSearchSource
from core.text import render_markdown
from reports.models import REPORTING_GUIDE_SEARCH_FIELDS, ReportingGuideEntry

SUMMARY_WORDS = 25


def plain_excerpt(markdown: str) -> str:
    """The first words of a Markdown text as plain text: the result list shows no Markdown."""
    text = " ".join(unescape(strip_tags(render_markdown(markdown or ""))).split())
    return Truncator(text).words(SUMMARY_WORDS)


class ReportingGuideSearch(ModelSearchSource):
    """The entries of the "Where do I report this?" guide, each linking to its section of the
    guide's page (``ReportingGuideEntry.get_absolute_url``). An entry has no summary: the first
    words of its body stand for one."""

    kind = "reporting-guide"
    label = _("Where do I report this?")
    summary_field = "body"
    search_fields = REPORTING_GUIDE_SEARCH_FIELDS

    def get_queryset(self, now=None):
        return ReportingGuideEntry.objects.published()

    def url_fields(self):
        return {"id"}

    def results(self, rows, urls, language=None):
        return [
            result._replace(summary=plain_excerpt(result.summary))
            for result in super().results(rows, urls, language)
        ]

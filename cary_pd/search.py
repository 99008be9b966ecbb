"""The search page at /search/?q=: one search box, results grouped by kind (core/search.py)."""

from dataclasses import dataclass
from html import escape

from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe

from core.search import MAX_QUERY_LENGTH, ResultGroup, search_everything

# One result in the list, as templates/search/search.html lays it out. Joined here rather than
# in a template loop, which cost more than the rest of the page with 20 results per group.
RESULT_HTML = (
    '\n      <li class="result-list__item">'
    '\n        <a class="result-list__title" href="{url}"{title_lang}>{title}</a>'
    '\n        <p class="mb-0"{summary_lang}>{summary}</p>'
    "\n      </li>\n      "
)


def lang_attribute(language: str) -> str:
    """The lang attribute of a text in another language than the page's (English shown where a
    translation is missing), or nothing."""
    return f' lang="{escape(language)}"' if language else ""


@dataclass(frozen=True)
class GroupView:
    kind: str
    label: str
    count: int
    items: SafeString  # the group's <li> elements


def group_view(group: ResultGroup) -> GroupView:
    # html.escape is what the template's autoescaping applies (django.utils.html.escape).
    items = "".join(
        RESULT_HTML.format(
            url=escape(result.url),
            title=escape(result.title),
            summary=escape(result.summary),
            title_lang=lang_attribute(result.title_language),
            summary_lang=lang_attribute(result.summary_language),
        )
        for result in group.results
    )
    return GroupView(group.kind, group.label, len(group.results), mark_safe(items))  # noqa: S308


def search(request):
    # NUL characters can be typed into a URL but not stored or compared by PostgreSQL.
    query = " ".join(request.GET.get("q", "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
    groups = [group_view(group) for group in search_everything(query)] if query else []
    context = {
        "query": query,
        "groups": groups,
        "result_count": sum(group.count for group in groups),
    }
    return render(request, "search/search.html", context)

"""The search page at /search/?q=: one search box, results grouped by kind (core/search.py)."""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from urllib.parse import quote_plus

from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.models import DepartmentSettings
from core.registry import registry
from core.search import (
    MAX_QUERY_LENGTH,
    ResultGroup,
    SearchResult,
    current_search_language,
    search_everything,
)
from core.search_words import corrected_query


def lang_attribute(language: str) -> str:
    """The lang attribute of a text in another language than the page's (English shown where a
    translation is missing), or nothing."""
    return f' lang="{escape(language)}"' if language else ""


@dataclass(frozen=True)
class ResultsView:
    """The groups of results as templates/search/search.html shows them: the links to each
    group and the groups' sections, HTML joined here rather than in template loops (their
    variables had cost more than building the page's sixty results)."""

    count: int
    links: SafeString  # the <li> of each group's link, for more than one group
    sections: SafeString  # each group's <section>, with its results' <li> (result_html)


def result_html(result: SearchResult) -> str:
    """One result in the list, as templates/search/search.html lays it out: joined here rather
    than in a template loop, which cost more than the rest of the page with 20 results per
    group. html.escape is what the template's autoescaping applies (django.utils.html.escape).
    """
    title_lang = lang_attribute(result.title_language)
    summary_lang = lang_attribute(result.summary_language)
    return (
        '\n      <li class="result-list__item">'
        f'\n        <a class="result-list__title" href="{escape(result.url)}"{title_lang}>'
        f"{escape(result.title)}</a>"
        f'\n        <p class="mb-0"{summary_lang}>{escape(result.summary)}</p>'
        "\n      </li>\n      "
    )


def group_section_html(group: ResultGroup) -> str:
    kind, label = escape(group.kind), escape(str(group.label))
    items = "".join([result_html(result) for result in group.results])
    return (
        f'\n  <section class="results-group" aria-labelledby="results-{kind}">'
        f'\n    <h2 id="results-{kind}" tabindex="-1">{label}</h2>'
        '\n    <ul class="result-list">'
        f"\n      {items}"
        "\n    </ul>"
        "\n  </section>"
        "\n  "
    )


def group_link_html(group: ResultGroup) -> str:
    return (
        f'<li><a class="filter-nav__link" href="#results-{escape(group.kind)}">'
        f"{escape(str(group.label))} ({len(group.results)})</a></li>"
    )


def results_view(groups: list[ResultGroup]) -> ResultsView:
    return ResultsView(
        count=sum(len(group.results) for group in groups),
        links=mark_safe("".join([group_link_html(group) for group in groups])),  # noqa: S308
        sections=mark_safe("".join([group_section_html(group) for group in groups])),  # noqa: S308
    )


@lru_cache(maxsize=256)
def _words(text: str) -> tuple[str, ...]:
    """The words of ``text``, lower case and without accents. Kept: the requests' names and
    summaries are the same few strings per language at every search."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return tuple(re.findall(r"\w+", "".join(c for c in folded if not unicodedata.combining(c))))


@dataclass(frozen=True)
class _RequestWords:
    url_name: str
    label: str
    summary: str
    words: tuple[str, ...]


@lru_cache(maxsize=16)
def _request_words(language: str, url_names: tuple[str, ...]) -> tuple[_RequestWords, ...]:
    """The online requests' names, summaries and their words in ``language``: the registry is
    fixed once the apps are ready (``url_names`` keys it), so these are the same at every
    search, and translating and splitting them again cost as much as the rest of the lookup."""
    with translation.override(language):
        return tuple(
            _RequestWords(
                entry.url_name,
                label := str(entry.label),
                summary := str(entry.summary),
                _words(f"{label} {summary}"),
            )
            for entry in registry.resident_requests
        )


def resident_request_group(query: str) -> ResultGroup | None:
    """What a resident can do online (core.registry) whose name or summary, in the page's
    language, has a word starting with each word searched: "record" finds "Request a copy of a
    record". No query: the registry is in memory."""
    wanted = _words(query)
    if not wanted:
        return None
    url_names = tuple(entry.url_name for entry in registry.resident_requests)
    results = [
        SearchResult(entry.label, reverse(entry.url_name), entry.summary)
        for entry in _request_words(translation.get_language(), url_names)
        if all(any(word.startswith(part) for word in entry.words) for part in wanted)
    ]
    if not results:
        return None
    return ResultGroup(kind="requests", label=_("Online requests"), results=results)


def found_groups(query: str, synonyms: str) -> list[ResultGroup]:
    found = [resident_request_group(query), *search_everything(query, synonyms)]
    return [group for group in found if group is not None]


def search(request):
    # NUL characters can be typed into a URL but not stored or compared by PostgreSQL.
    query = " ".join(request.GET.get("q", "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
    synonyms = DepartmentSettings.for_request(request).search_synonyms or ""
    found = found_groups(query, synonyms) if query else []
    suggestion = ""
    if query and not found:
        # Nothing: the search again with each word the content lacks spelt as it has it.
        corrected = corrected_query(query, current_search_language(), synonyms)
        if corrected and (found := found_groups(corrected, synonyms)):
            suggestion = corrected
    results = results_view(found)
    context = {
        "query": query,
        "suggestion": suggestion,
        "suggestion_param": quote_plus(suggestion),
        "groups": found,
        "results": results,
        "result_count": results.count,
    }
    return render(request, "search/search.html", context)

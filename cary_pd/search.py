"""Site search at /search/?q=: one search box, results grouped by kind.

Each kind of content is a *source*. To make a new kind searchable, write a subclass of
``ModelSearchSource`` in your app (see services/search.py) and add its dotted path to
``SEARCH_SOURCES`` below, in the order its group should appear on the results page.

On PostgreSQL the search is ranked full-text search ('english': "patrolling" finds "patrol"),
plus a plain substring match on the title so partial words still find something. Elsewhere
(SQLite for a local run) every word must appear somewhere in the item, titles first.
"""

from dataclasses import dataclass
from functools import cache

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.shortcuts import render
from django.utils.module_loading import import_string

SEARCH_SOURCES = [
    "services.search.ServiceSearch",
    "programs.search.ProgramSearch",
    "programs.search.TipSearch",
    "outreach.search.EventSearch",
    "outreach.search.OfficerSearch",
    "outreach.search.NewsSearch",
]

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    summary: str


@dataclass(frozen=True)
class ResultGroup:
    kind: str
    label: str
    results: list[SearchResult]


class ModelSearchSource:
    """Search one model. Subclasses set the attributes and usually only ``get_queryset``."""

    kind = ""  # a short key, used for the group's HTML id ("services")
    label = ""  # the group's heading ("Services")
    title_field = "title"
    summary_field = "summary"
    # Field name -> PostgreSQL weight: A (most important) to D.
    search_fields = {"title": "A", "summary": "B", "body": "C"}
    limit = 20

    def get_queryset(self) -> QuerySet:
        raise NotImplementedError

    def search(self, query: str) -> list[SearchResult]:
        queryset = self.get_queryset()
        if connections[queryset.db].vendor == "postgresql":
            queryset = self._full_text(queryset, query)
        else:
            queryset = self._substring(queryset, query)
        columns = {"pk", self.title_field, self.summary_field, *self.url_fields()}
        return [self.result(item) for item in queryset.only(*columns)[: self.limit]]

    def url_fields(self) -> set[str]:
        """The fields ``get_absolute_url`` reads, so the query loads nothing else."""
        return {"slug"}

    def result(self, item) -> SearchResult:
        return SearchResult(
            title=getattr(item, self.title_field),
            url=item.get_absolute_url(),
            summary=getattr(item, self.summary_field),
        )

    def document(self) -> SearchVector:
        """The weighted text an item is found by (PostgreSQL). A GIN index holds exactly this
        expression for each source (cary_pd/migrations/0003_search_indexes.py): change both
        together; tests/test_search_indexes.py checks that every source's index is used."""
        vector = None
        for field, weight in self.search_fields.items():
            part = SearchVector(field, weight=weight, config="english")
            vector = part if vector is None else vector + part
        return vector

    def _full_text(self, queryset: QuerySet, query: str) -> QuerySet:
        vector = self.document()
        search_query = SearchQuery(query, search_type="websearch", config="english")
        # The text match on its own, so PostgreSQL answers it from the GIN index; OR-ed with
        # the title's substring match in one condition, it would parse every item's text.
        # Prefixed names: an annotation may not share a model field's name ("rank").
        matching = (
            queryset.model._default_manager.annotate(search_document=vector)
            .filter(search_document=search_query)
            .values("pk")
        )
        return (
            queryset.filter(Q(pk__in=matching) | Q(**{f"{self.title_field}__icontains": query}))
            .annotate(search_rank=SearchRank(vector, search_query))
            .order_by("-search_rank", self.title_field)
        )

    def _substring(self, queryset: QuerySet, query: str) -> QuerySet:
        for term in query.split()[:MAX_TERMS]:
            anywhere = Q()
            for field in self.search_fields:
                anywhere |= Q(**{f"{field}__icontains": term})
            queryset = queryset.filter(anywhere)
        in_title = When(**{f"{self.title_field}__icontains": query}, then=Value(0))
        return queryset.annotate(
            search_title_first=Case(in_title, default=Value(1), output_field=IntegerField())
        ).order_by("search_title_first", self.title_field)


@cache
def search_sources() -> list[ModelSearchSource]:
    return [import_string(path)() for path in SEARCH_SOURCES]


def search_everything(query: str) -> list[ResultGroup]:
    """One query per source; groups without results are left out."""
    groups = []
    for source in search_sources():
        results = source.search(query)
        if results:
            groups.append(ResultGroup(kind=source.kind, label=str(source.label), results=results))
    return groups


def search(request):
    # NUL characters can be typed into a URL but not stored or compared by PostgreSQL.
    query = " ".join(request.GET.get("q", "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
    groups = search_everything(query) if query else []
    context = {
        "query": query,
        "groups": groups,
        "result_count": sum(len(group.results) for group in groups),
        "kinds": [str(source.label) for source in search_sources()],
    }
    return render(request, "search/search.html", context)

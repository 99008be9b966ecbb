"""Site search: the base of every search source, and the index each source reads.

Each kind of content is a *source*: a ``ModelSearchSource`` subclass in its app's
``search.py``, registered in the app's ``AppConfig.ready()`` with
``core.registry.register_search_source``. The model declares the matching index in its own
``Meta.indexes``: ``SearchIndex(search_document(FIELDS), name=...)``, with the same weighted
fields as the source's ``search_fields``; tests/test_search_indexes.py checks that every
source's query uses its index.

On PostgreSQL the search is ranked full-text search ('english': "patrolling" finds "patrol"),
plus a plain substring match on the title so partial words still find something. Elsewhere
(SQLite for a local run) every word must appear somewhere in the item, titles first.
"""

from dataclasses import dataclass

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.backends.ddl_references import Statement
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from core.registry import registry

SEARCH_CONFIG = "english"


def search_document(search_fields: dict[str, str]) -> SearchVector:
    """The weighted text of an item: field name -> weight, A (most important) to D."""
    vector = None
    for name, weight in search_fields.items():
        part = SearchVector(name, weight=weight, config=SEARCH_CONFIG)
        vector = part if vector is None else vector + part
    return vector


class SearchIndex(GinIndex):
    """A GIN index on a search document, made only on PostgreSQL.

    SQLite (the local run) has no GIN indexes and searches by substring, so there the
    migration's statement does nothing. fastupdate is off: staff edits are rare, and new items
    must not wait in the index's pending list (read by every search) until the next vacuum.
    """

    def __init__(self, *expressions, **kwargs):
        kwargs.setdefault("fastupdate", False)
        super().__init__(*expressions, **kwargs)

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("SELECT 1")
        return super().create_sql(model, schema_editor, using=using, **kwargs)

    def remove_sql(self, model, schema_editor, **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return Statement("SELECT 1")
        return super().remove_sql(model, schema_editor, **kwargs)


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
    # Field name -> PostgreSQL weight: A (most important) to D; the model's SearchIndex uses
    # the same (one constant in the model's module, read by both).
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
        """The weighted text an item is found by (PostgreSQL): the same expression as the
        model's ``SearchIndex``, so the search reads that index."""
        return search_document(self.search_fields)

    def _full_text(self, queryset: QuerySet, query: str) -> QuerySet:
        vector = self.document()
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
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


def search_sources() -> list[ModelSearchSource]:
    """One instance of each registered source, in the order of their groups."""
    return [source() for _order, source in registry.search_sources]


def search_everything(query: str) -> list[ResultGroup]:
    """One query per source; groups without results are left out."""
    groups = []
    for source in search_sources():
        results = source.search(query)
        if results:
            groups.append(ResultGroup(kind=source.kind, label=str(source.label), results=results))
    return groups

"""Site search: the base of every search source, and the stored vector each source reads.

Each kind of content is a *source*: a ``ModelSearchSource`` subclass in its app's
``search.py``, registered in the app's ``AppConfig.ready()`` with
``core.registry.register_search_source``. On PostgreSQL the model keeps its weighted text in a
column of its own, ``search_vector_en = search_vector_field()``, with a
``SearchIndex(fields=[SEARCH_VECTOR], name=...)`` in its ``Meta.indexes``; the app's migration
adds a ``SearchVectorTrigger`` with the same weighted fields as the source's ``search_fields``,
which fills the column on every insert and on every update of those fields (so ``save()``,
``bulk_create()``, ``update()`` and ``loaddata`` all keep it right). tests/test_search_indexes.py
checks that every source's query uses its index and that the stored text is the source's.

On PostgreSQL the search is ranked full-text search ('english': "patrolling" finds "patrol"),
plus a plain substring match on the title so partial words still find something. Elsewhere
(SQLite for a local run) every word must appear somewhere in the item, titles first; there the
column stays empty.

Another language (issue 13) is another column, index and trigger of its own, with its
PostgreSQL configuration: ``search_vector_es`` with 'spanish'. A trigger, not a generated
column, so that its expression may use functions PostgreSQL does not call immutable
(``unaccent``).
"""

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connections, router
from django.db.backends.ddl_references import Statement
from django.db.migrations.operations.base import Operation
from django.db.models import (
    Case,
    CharField,
    DateTimeField,
    Expression,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.http import RFC3986_SUBDELIMS
from django.utils.translation import get_language

from core.registry import registry

SEARCH_CONFIG = "english"
# The model field (and column) holding the weighted English text.
SEARCH_VECTOR = "search_vector_en"


def search_vector_field() -> SearchVectorField:
    """The column a ``SearchVectorTrigger`` fills: never edited, dumped or loaded by Django."""
    return SearchVectorField(null=True, editable=False, serialize=False)


def search_document(search_fields: dict[str, str], config: str = SEARCH_CONFIG) -> SearchVector:
    """The weighted text of an item, computed: field name -> weight, A (most important) to D.
    The same text as a ``SearchVectorTrigger`` stores (the tests compare them)."""
    vector = None
    for name, weight in search_fields.items():
        part = SearchVector(name, weight=weight, config=config)
        vector = part if vector is None else vector + part
    return vector


class SearchIndex(GinIndex):
    """A GIN index on a search vector, made only on PostgreSQL.

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


class SearchVectorTrigger(Operation):
    """Migration operation: a PostgreSQL trigger that keeps ``column`` equal to the weighted
    text of ``search_fields`` (field name -> weight) in ``config``, and fills it for the rows
    already there. It does nothing on other databases.

    The trigger runs before every insert and before every update that writes one of the fields
    or the column itself, so no Django code path (nor raw SQL) can leave it stale. To change
    the fields, a later migration runs this again with the new ones: it replaces the trigger.
    """

    reduces_to_sql = False
    reversible = True

    def __init__(self, model_name: str, search_fields: dict, column: str, config: str):
        self.model_name = model_name
        self.search_fields = dict(search_fields)
        self.column = column
        self.config = config

    def deconstruct(self):
        kwargs = {
            "model_name": self.model_name,
            "search_fields": self.search_fields,
            "column": self.column,
            "config": self.config,
        }
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass  # The column is an ordinary field (AddField); the trigger is database-only.

    def describe(self):
        return f"Keep {self.model_name}.{self.column} up to date with a trigger (PostgreSQL)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_{self.column}_trigger"

    def _names(self, model, schema_editor):
        table = model._meta.db_table
        quote_name = schema_editor.quote_name
        function = quote_name(f"{table}_{self.column}")
        return quote_name(table), function, function  # the trigger is named as its function

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        if not re.fullmatch(r"[a-z_]+", self.config) or not set(self.search_fields.values()) <= {
            "A",
            "B",
            "C",
            "D",
        }:
            raise ValueError(f"Bad search configuration or weights: {self!r}")
        model = to_state.apps.get_model(app_label, self.model_name)
        table, function, trigger = self._names(model, schema_editor)
        quote_name = schema_editor.quote_name
        columns = [quote_name(model._meta.get_field(name).column) for name in self.search_fields]
        document = " || ".join(
            f"setweight(to_tsvector('{self.config}'::regconfig, COALESCE(NEW.{column}::text, '')),"
            f" '{weight}')"
            for column, weight in zip(columns, self.search_fields.values(), strict=True)
        )
        vector = quote_name(self.column)
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN NEW.{vector} := {document}; RETURN NEW; END $$"
        )
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER {trigger} BEFORE INSERT OR UPDATE OF {', '.join(columns)}, {vector} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {function}()"
        )
        # Writing the column runs the trigger, which computes it: one definition of the text.
        schema_editor.execute(f"UPDATE {table} SET {vector} = NULL")  # noqa: S608 (quoted names)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = from_state.apps.get_model(app_label, self.model_name)
        table, function, trigger = self._names(model, schema_editor)
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {function}()")


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


class StatementParameter(Expression):
    """A value a source's SQL, compiled once, takes at each search: the words, or the time."""

    def __init__(self, name: str, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [self]


WORDS = StatementParameter("words", CharField())
NOW = StatementParameter("now", DateTimeField())


URL_SLUG_MARKER = "0search0slug0"
PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@lru_cache(maxsize=256)
def slug_url(model, urlconf, script_prefix, language) -> tuple[str, ...]:
    """A model's ``get_absolute_url`` split where the slug goes, for the URL configuration,
    script prefix and language that ``reverse()`` reads: (before, after), or more parts when
    the slug is not simply put in."""
    return tuple(model(slug=URL_SLUG_MARKER).get_absolute_url().split(URL_SLUG_MARKER))


def _quote_slug(slug: str) -> str:
    if PLAIN_SLUG.fullmatch(slug):  # a valid slug: nothing to quote
        return slug
    return quote(slug, safe=RFC3986_SUBDELIMS + "/~:@")  # as django.urls.reverse() quotes


@dataclass(frozen=True)
class _Statement:
    """One source's full-text query on one database, compiled: its rows are ``columns()``."""

    sql: str
    params: tuple

    def bind(self, values: dict) -> list:
        return [
            values[param.name] if isinstance(param, StatementParameter) else param
            for param in self.params
        ]


class ModelSearchSource:
    """Search one model. Subclasses set the attributes and usually only ``get_queryset``.

    On PostgreSQL the source's query is compiled once per process and run with each search's
    words: ``get_queryset`` must build the same query on every call, with the time only from
    its ``now`` argument (tests/test_search_indexes.py checks it).
    """

    kind = ""  # a short key, used for the group's HTML id ("services")
    label = ""  # the group's heading ("Services")
    title_field = "title"
    summary_field = "summary"
    # Field name -> PostgreSQL weight: A (most important) to D; the model's SearchVectorTrigger
    # uses the same (one constant in the model's module, read by both).
    search_fields = {"title": "A", "summary": "B", "body": "C"}
    limit = 20

    # For all sources: (source class, database alias) -> _Statement, source class -> model.
    _statements: dict = {}
    _models: dict = {}

    def get_queryset(self, now: datetime | None = None) -> QuerySet:
        """The published items; ``now`` (None: the current time) for those that depend on it."""
        raise NotImplementedError

    def search(self, query: str, now: datetime | None = None) -> list[SearchResult]:
        with Search(query, now) as search:
            return search.results(self)

    def model(self) -> type:
        model = self._models.get(type(self))
        if model is None:
            model = self._models[type(self)] = self.get_queryset().model
        return model

    def columns(self) -> tuple[str, ...]:
        return (self.title_field, self.summary_field, *sorted(self.url_fields()))

    def url_fields(self) -> set[str]:
        """The fields ``get_absolute_url`` reads, so the query loads nothing else."""
        return {"slug"}

    def results(self, rows, urls: tuple) -> list[SearchResult]:
        """Rows of ``columns()`` as results, with the model's ``get_absolute_url``: when it reads
        only the slug, found once for a marker slug (``slug_url``) and filled in for each row.
        ``urls``: what ``reverse()`` depends on (``Search.urls``)."""
        if not rows:
            return []
        model, url_fields = self.model(), self.columns()[2:]
        parts = slug_url(model, *urls) if url_fields == ("slug",) else ()
        if len(parts) == 2:
            before, after = parts
            return [
                SearchResult(
                    title=title, url=f"{before}{_quote_slug(slug)}{after}", summary=summary
                )
                for title, summary, slug in rows
            ]
        return [
            SearchResult(
                title=row[0],
                url=model(**dict(zip(url_fields, row[2:], strict=True))).get_absolute_url(),
                summary=row[1],
            )
            for row in rows
        ]

    def statement(self, using: str) -> _Statement:
        """The full-text query of this source on database ``using``, compiled once."""
        key = (type(self), using)
        statement = self._statements.get(key)
        if statement is None:
            queryset = self._full_text(self.get_queryset(NOW).using(using), WORDS)
            sql, params = queryset.values_list(*self.columns())[
                : self.limit
            ].query.sql_with_params()
            statement = _Statement(sql, params)
            self._statements[key] = statement
        return statement

    def _full_text(self, queryset: QuerySet, query) -> QuerySet:
        """``query``: the words, or ``WORDS`` for a statement compiled once."""
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        # The text match on its own, so PostgreSQL answers it from the GIN index; OR-ed with
        # the title's substring match in one condition, it would read every item's vector.
        # Prefixed names: an annotation may not share a model field's name ("rank").
        matching = queryset.model._default_manager.filter(**{SEARCH_VECTOR: search_query}).values(
            "pk"
        )
        return (
            queryset.filter(Q(pk__in=matching) | Q(**{f"{self.title_field}__icontains": query}))
            .annotate(search_rank=SearchRank(F(SEARCH_VECTOR), search_query))
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


class Search:
    """One search of one or more sources: the same words and time for all, the URL settings
    read once, one cursor per database (a context manager: it closes them)."""

    def __init__(self, query: str, now: datetime | None = None):
        self.query = query
        self.now = now or timezone.now()
        self.values = {"words": query, "now": self.now}  # the StatementParameters
        self.urls = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language())
        self._cursors = {}  # database alias -> cursor (None: not PostgreSQL)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        for cursor in self._cursors.values():
            if cursor is not None:
                cursor.close()

    def _cursor(self, using: str):
        if using not in self._cursors:
            connection = connections[using]
            self._cursors[using] = (
                connection.cursor() if connection.vendor == "postgresql" else None
            )
        return self._cursors[using]

    def results(self, source: ModelSearchSource) -> list[SearchResult]:
        using = router.db_for_read(source.model())
        cursor = self._cursor(using)
        if cursor is not None:
            statement = source.statement(using)
            cursor.execute(statement.sql, statement.bind(self.values))
            rows = cursor.fetchall()
        else:
            queryset = source._substring(source.get_queryset(self.now), self.query)
            rows = queryset.values_list(*source.columns())[: source.limit]
        return source.results(rows, self.urls)


def search_everything(query: str) -> list[ResultGroup]:
    """One query per source, all with the same time; groups without results are left out."""
    groups = []
    with Search(query) as search:
        for source in search_sources():
            results = search.results(source)
            if results:
                label = str(source.label)
                groups.append(ResultGroup(kind=source.kind, label=label, results=results))
    return groups

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
column stays empty, and an FTS5 trigram index of the same fields (``SubstringIndex``, in the
app's migrations) names the rows that can hold the words, so LIKE reads only those.

Each source's query is compiled to SQL once per process (on SQLite, once per number of words)
and run with each search's values: a search builds no queryset.

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
    Lookup,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
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


def trigram_table(model) -> str:
    """The name of the FTS5 table a ``SubstringIndex`` keeps for ``model`` (SQLite)."""
    return f"{model._meta.db_table}_search_trigram"


class SubstringIndex(Operation):
    """Migration operation: on SQLite, an FTS5 table with the trigram tokenizer over the
    ``search_fields`` of ``model_name``, kept by triggers after every insert, delete and update
    of those fields. It does nothing on other databases.

    The SQLite search matches every word as a substring; the index narrows the rows to those
    that hold each word of three or more characters (ignoring case, more widely than LIKE),
    and LIKE then decides on those rows only, so the results are the same as a full scan's.

    SQLite rebuilds a table (and drops its triggers) for many schema changes, so a later
    migration that alters one of these tables runs this again; tests/test_search_indexes.py
    fails when the triggers are gone.
    """

    reduces_to_sql = False
    reversible = True

    def __init__(self, model_name: str, search_fields):
        self.model_name = model_name
        self.search_fields = list(search_fields)

    def deconstruct(self):
        kwargs = {"model_name": self.model_name, "search_fields": self.search_fields}
        return self.__class__.__qualname__, [], kwargs

    def state_forwards(self, app_label, state):
        pass  # Database-only: no model field or index of Django's.

    def describe(self):
        return f"Index {self.model_name} for substring search (SQLite)"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name.lower()}_substring_index"

    def _drop(self, model, schema_editor):
        quote_name = schema_editor.quote_name
        table = trigram_table(model)
        for event in ("insert", "delete", "update"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {quote_name(f'{table}_{event}')}", None)
        schema_editor.execute(f"DROP TABLE IF EXISTS {quote_name(table)}", None)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return
        model = to_state.apps.get_model(app_label, self.model_name)
        self._drop(model, schema_editor)
        quote_name = schema_editor.quote_name
        table = trigram_table(model)
        fts, on = quote_name(table), quote_name(model._meta.db_table)
        pk = quote_name(model._meta.pk.column)
        # Names of its own ("rank" is one of FTS5's): nothing reads the text back from it.
        names = ", ".join(quote_name(f"{name}_text") for name in self.search_fields)
        columns = [quote_name(model._meta.get_field(name).column) for name in self.search_fields]
        new = ", ".join(f"NEW.{column}" for column in columns)
        old = ", ".join(f"OLD.{column}" for column in columns)
        # Quoted names only, as in every statement here.
        insert = f"INSERT INTO {fts}(rowid, {names}) VALUES (NEW.{pk}, {new});"  # noqa: S608
        deleted = f"'delete', OLD.{pk}, {old}"
        delete = f"INSERT INTO {fts}({fts}, rowid, {names}) VALUES ({deleted});"  # noqa: S608
        # Contentless (content=''): it keeps only the index, the table keeps the text. A row is
        # taken out with the text it was put in with, which the triggers have (OLD).
        # columnsize=0: no per-row sizes, which only ranking by bm25() would read.
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({names}, content='', tokenize='trigram', "
            "columnsize=0)",
            None,
        )
        triggers = {
            "insert": f"AFTER INSERT ON {on} BEGIN {insert} END",
            "delete": f"AFTER DELETE ON {on} BEGIN {delete} END",
            "update": f"AFTER UPDATE OF {pk}, {', '.join(columns)} ON {on} "
            f"BEGIN {delete} {insert} END",
        }
        for event, trigger in triggers.items():
            schema_editor.execute(
                f"CREATE TRIGGER {quote_name(f'{table}_{event}')} {trigger}", None
            )
        schema_editor.execute(
            f"INSERT INTO {fts}(rowid, {names}) "  # noqa: S608
            f"SELECT {pk}, {', '.join(columns)} FROM {on}",
            None,
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return
        self._drop(from_state.apps.get_model(app_label, self.model_name), schema_editor)


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

    def prepare(self, value, connection):
        """``value`` as ``connection`` takes it (SQLite stores times as naive UTC text)."""
        return self.output_field.get_db_prep_value(value, connection)


class ContainsPattern(StatementParameter):
    """A value as the LIKE pattern that finds it anywhere, its wildcards escaped: what
    ``icontains`` binds."""

    def __init__(self, name: str):
        super().__init__(name, CharField())

    def prepare(self, value, connection):
        return f"%{connection.ops.prep_for_like_query(value)}%"


class Like(Lookup):
    """``text LIKE pattern ESCAPE '\\'``: what SQLite runs for ``icontains`` of a value (its LIKE
    ignores ASCII case), with the pattern bound at each search. ``icontains`` of an expression
    escapes the pattern in SQL instead, a statement twice as long to prepare on every
    connection."""

    lookup_name = "search_like"  # used directly, never registered on a field

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        # Unary plus, a no-op: SQLite prepares a statement again when a bare parameter on the
        # right of LIKE is bound, in case an index could serve the pattern (none can: "%...").
        return f"{lhs} LIKE +{rhs} ESCAPE '\\'", (*lhs_params, *rhs_params)


WORDS = StatementParameter("words", CharField())
NOW = StatementParameter("now", DateTimeField())
# SQLite: the words and each word as LIKE patterns, and the trigram index's query.
WORDS_PATTERN = ContainsPattern("words")
TERMS = tuple(ContainsPattern(f"term{i}") for i in range(MAX_TERMS))
TRIGRAMS = StatementParameter("trigrams", CharField())
# The trigram index finds substrings of at least three characters.
TRIGRAM_LENGTH = 3


def search_values(query: str, now: datetime) -> dict:
    """What the StatementParameters take for a search of ``query`` at ``now``."""
    terms = query.split()[:MAX_TERMS]
    values = {"words": query, "now": now, "terms": len(terms)}
    values.update((f"term{i}", term) for i, term in enumerate(terms))
    # Each word as an FTS5 string (quotes doubled): all must be there, in any column.
    values["trigrams"] = " ".join(
        '"{}"'.format(term.replace('"', '""')) for term in terms if len(term) >= TRIGRAM_LENGTH
    )
    return values


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
    """One source's query on one database, compiled: its rows are ``columns()``."""

    sql: str
    params: tuple

    def bind(self, values: dict, connection) -> list:
        """The parameters for ``values`` (``search_values``), as ``connection`` takes them."""
        return [
            param.prepare(values[param.name], connection)
            if isinstance(param, StatementParameter)
            else param
            for param in self.params
        ]


def _rows_by_rowid(sql: str, connection, model) -> str:
    """``sql`` reading ``model``'s table only by rowid (SQLite's NOT INDEXED): the planner would
    rather walk the index of the published filter and test every row against the trigram
    index's list, where it should read only the rows on that list. The first FROM is the main
    one: the query selects plain columns. tests/test_search_indexes.py checks every plan."""
    table = f"FROM {connection.ops.quote_name(model._meta.db_table)} "
    return sql.replace(table, f"{table}NOT INDEXED ", 1)


class ModelSearchSource:
    """Search one model. Subclasses set the attributes and usually only ``get_queryset``.

    The source's query is compiled once per process and run with each search's words:
    ``get_queryset`` must build the same query on every call, with the time only from its
    ``now`` argument (tests/test_search_indexes.py checks it).
    """

    kind = ""  # a short key, used for the group's HTML id ("services")
    label = ""  # the group's heading ("Services")
    title_field = "title"
    summary_field = "summary"
    # Field name -> PostgreSQL weight: A (most important) to D; the model's SearchVectorTrigger
    # uses the same (one constant in the model's module, read by both).
    search_fields = {"title": "A", "summary": "B", "body": "C"}
    limit = 20

    # For all sources: (source class, database alias, words, indexed) -> _Statement, and
    # source class -> model.
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

    def statement(self, using: str, terms: int = 0, indexed: bool = False) -> _Statement:
        """The query of this source on database ``using``, compiled once: on PostgreSQL the
        ranked full-text search; elsewhere the substring search of ``terms`` words, narrowed by
        the trigram index (``SubstringIndex``) when ``indexed``."""
        full_text = connections[using].vendor == "postgresql"
        if full_text:
            terms, indexed = 0, False  # one query for any words
        key = (type(self), using, terms, indexed)
        statement = self._statements.get(key)
        if statement is None:
            queryset = self.get_queryset(NOW).using(using)
            if full_text:
                queryset = self._full_text(queryset, WORDS)
            else:
                queryset = self._substring(queryset, TERMS[:terms], indexed)
            sql, params = queryset.values_list(*self.columns())[
                : self.limit
            ].query.sql_with_params()
            if indexed:
                sql = _rows_by_rowid(sql, connections[using], self.model())
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

    def _substring(self, queryset: QuerySet, terms, indexed: bool) -> QuerySet:
        """Every one of ``terms`` (``TERMS``) somewhere, titles holding all the words first."""
        if indexed:
            # Only the rows the trigram index holds every long word in: LIKE reads no others.
            table = connections[queryset.db].ops.quote_name(trigram_table(queryset.model))
            sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # noqa: S608 (quoted)
            matching = RawSQL(sql, [TRIGRAMS])  # noqa: S611 (the words are a parameter)
            queryset = queryset.filter(pk__in=matching)
        for term in terms:
            anywhere = Q()
            for field in self.search_fields:
                anywhere |= Q(Like(F(field), term))
            queryset = queryset.filter(anywhere)
        in_title = When(Like(F(self.title_field), WORDS_PATTERN), then=Value(0))
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
        self.values = search_values(query, self.now)  # the StatementParameters
        self.urls = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language())
        self._cursors = {}  # database alias -> cursor

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        for cursor in self._cursors.values():
            cursor.close()

    def results(self, source: ModelSearchSource) -> list[SearchResult]:
        using = router.db_for_read(source.model())
        connection = connections[using]
        if using not in self._cursors:
            self._cursors[using] = connection.cursor()
        statement = source.statement(using, self.values["terms"], bool(self.values["trigrams"]))
        cursor = self._cursors[using]
        cursor.execute(statement.sql, statement.bind(self.values, connection))
        return source.results(cursor.fetchall(), self.urls)


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

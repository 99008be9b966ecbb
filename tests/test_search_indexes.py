"""Every search source reads an index, so a search never reads every item's text.

On PostgreSQL, the GIN index on its stored vector (each model's core.search.SearchIndex), and
the vector a trigger stores is always the source's weighted text, however the rows are written.
On SQLite, the FTS5 trigram index (core.search.SubstringIndex) names the rows that can hold the
words; it holds exactly the source's text, however the rows are written, and a search through
it finds what reading every row finds."""

from datetime import datetime

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core import serializers
from django.db import connection
from django.db.models import F, TextField
from django.db.models.functions import Cast

from core.search import (
    SEARCH_CONFIG,
    SEARCH_VECTOR,
    search_document,
    search_sources,
    search_values,
    trigram_table,
)
from services.models import Service
from services.search import ServiceSearch
from tests.factories import ServiceCategoryFactory, ServiceFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text search indexes are PostgreSQL's"
)
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the trigram index serves SQLite's substring search"
)
SOURCES = pytest.mark.parametrize("source", search_sources(), ids=lambda source: source.kind)
NOW = datetime.now().astimezone()


def plan(sql, params) -> str:
    with connection.cursor() as cursor:
        # The tables are tiny in tests: forbid full scans to see whether the index *can* serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@postgres_only
@SOURCES
def test_each_source_matches_through_its_gin_index(source):
    table = source.model()._meta.db_table
    statement = source.statement(connection.alias)  # the SQL the search runs
    params = statement.bind(search_values("kildaire", NOW), connection)
    assert f"Bitmap Index Scan on {table}_search_en" in plan(statement.sql, params)


@SOURCES
@pytest.mark.parametrize("terms, indexed", [(0, False), (1, False), (2, True)])
def test_each_source_compiles_the_same_query_every_time(source, terms, indexed):
    # Compiled once per process: a time of its own (not get_queryset's ``now``) would stay.
    statement = source.statement(connection.alias, terms, indexed)
    assert not any(isinstance(param, datetime) for param in statement.params)


def stale(model, search_fields) -> list:
    """The rows whose stored vector is not the weighted text of ``search_fields``."""
    return list(
        model.objects.annotate(
            stored=Cast(SEARCH_VECTOR, TextField()),
            computed=Cast(search_document(search_fields), TextField()),
        )
        .exclude(stored=F("computed"))
        .values_list("pk", flat=True)
    )


@postgres_only
@SOURCES
def test_stored_vector_is_the_sources_weighted_text(demo, source):
    model = source.model()
    assert model.objects.exclude(**{f"{SEARCH_VECTOR}__isnull": True}).exists()
    assert stale(model, source.search_fields) == []


def finds(words):
    return Service.objects.filter(**{SEARCH_VECTOR: SearchQuery(words, config=SEARCH_CONFIG)})


@postgres_only
def test_the_vector_follows_every_kind_of_write():
    fields = ServiceSearch.search_fields
    category = ServiceCategoryFactory()
    service = ServiceFactory(name="Bicycle registration", category=category)
    Service.objects.bulk_create(
        [Service(name="Park patrol", slug="park-patrol", summary="On foot.", category=category)]
    )
    Service.objects.filter(pk=service.pk).update(body="Engraving and a sticker.")
    Service.objects.filter(pk=service.pk).update(**{SEARCH_VECTOR: None})  # cannot be unset
    assert stale(Service, fields) == []
    assert finds("engraving").get() == service
    assert finds("patrolling").get().slug == "park-patrol"
    # loaddata: the column is not dumped, and a loaded row gets its vector all the same.
    service.refresh_from_db()
    dumped = serializers.serialize("json", [service])
    assert SEARCH_VECTOR not in dumped
    Service.objects.filter(pk=service.pk).delete()
    for item in serializers.deserialize("json", dumped):
        item.save()
    assert finds("sticker").get().pk == service.pk
    assert stale(Service, fields) == []


# --- SQLite: the trigram index ----------------------------------------------------------------


def rows(statement, query) -> list:
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, statement.bind(search_values(query, NOW), connection))
        return cursor.fetchall()


@sqlite_only
@SOURCES
def test_each_source_reads_only_the_rows_its_trigram_index_names(source):
    table, index = source.model()._meta.db_table, trigram_table(source.model())
    statement = source.statement(connection.alias, terms=1, indexed=True)
    with connection.cursor() as cursor:
        params = statement.bind(search_values("kildaire", NOW), connection)
        cursor.execute("EXPLAIN QUERY PLAN " + statement.sql, params)
        plan = [row[-1] for row in cursor.fetchall()]
    assert f"SCAN {index} VIRTUAL TABLE INDEX 0:M" in " ".join(plan)
    assert f"SEARCH {table} USING INTEGER PRIMARY KEY (rowid=?)" in plan


@sqlite_only
@SOURCES
def test_each_trigram_index_has_its_triggers(source):
    table, index = source.model()._meta.db_table, trigram_table(source.model())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
        )
        triggers = {name for (name,) in cursor.fetchall()}
    # SQLite drops a table's triggers when a migration rebuilds the table: that migration must
    # end with core.search.SubstringIndex for the model again.
    assert {f"{index}_insert", f"{index}_delete", f"{index}_update"} <= triggers


def unindexed(model, search_fields) -> list:
    """What the trigram index holds and a fresh index of the rows' text would not, and the
    reverse: (term, rowid, column, offset) of each difference."""
    index = trigram_table(model)
    names = ", ".join(f'"{name}_text"' for name in search_fields)
    columns = ", ".join(f'"{model._meta.get_field(name).column}"' for name in search_fields)
    instances = "SELECT term, doc, col, offset FROM temp.{}"
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE temp.fresh USING fts5({names}, content='', "
            "tokenize='trigram', columnsize=0)"
        )
        try:
            cursor.execute(
                f"INSERT INTO temp.fresh(rowid, {names}) "  # noqa: S608 (the model's names)
                f'SELECT "{model._meta.pk.column}", {columns} FROM "{model._meta.db_table}"'
            )
            cursor.execute(
                f"CREATE VIRTUAL TABLE temp.live USING fts5vocab(main, '{index}', instance)"
            )
            cursor.execute(
                "CREATE VIRTUAL TABLE temp.fresh_v USING fts5vocab(temp, 'fresh', instance)"
            )
            live, fresh = instances.format("live"), instances.format("fresh_v")
            cursor.execute(
                f"SELECT * FROM ({live} EXCEPT {fresh}) UNION ALL "  # noqa: S608 (no input)
                f"SELECT * FROM ({fresh} EXCEPT {live})"
            )
            return cursor.fetchall()
        finally:
            for table in ("live", "fresh_v", "fresh"):
                cursor.execute(f"DROP TABLE IF EXISTS temp.{table}")


@sqlite_only
@SOURCES
def test_trigram_index_holds_the_sources_text(demo, source):
    model = source.model()
    assert model.objects.exists()
    assert unindexed(model, source.search_fields) == []


def substring_finds(word) -> list:
    """The names of the services the indexed search finds for one ``word``."""
    return [row[0] for row in rows(ServiceSearch().statement(connection.alias, 1, True), word)]


@sqlite_only
def test_the_trigram_index_follows_every_kind_of_write():
    fields = ServiceSearch.search_fields
    category = ServiceCategoryFactory()
    service = ServiceFactory(name="Bicycle registration", category=category)
    Service.objects.bulk_create(
        [Service(name="Park patrol", slug="park-patrol", summary="On foot.", category=category)]
    )
    Service.objects.filter(pk=service.pk).update(body="Engraving and a sticker.")
    service.refresh_from_db()
    service.summary = "Bring the frame number."
    service.save()
    assert unindexed(Service, fields) == []
    assert substring_finds("engraving") == ["Bicycle registration"]
    assert substring_finds("frame") == ["Bicycle registration"]
    assert substring_finds("park") == ["Park patrol"]
    # loaddata writes rows as they were dumped; delete takes them out of the index.
    dumped = serializers.serialize("json", [service])
    Service.objects.filter(pk=service.pk).delete()
    assert substring_finds("engraving") == []
    for item in serializers.deserialize("json", dumped):
        item.save()
    assert substring_finds("sticker") == ["Bicycle registration"]
    Service.objects.all().delete()
    assert unindexed(Service, fields) == []


# Words of every kind: several, short ones (not in the index), quotes, LIKE's wildcards and
# escape, and letters outside ASCII, whose case LIKE matches exactly and the index ignores.
WORDS = [
    "watch",
    "WATCH",
    "neighborhood watch",
    "patrol",
    "Patrols",
    "k-9",
    "K9",
    "car break-in",
    "a watch",
    "in",
    "o'brien",
    '"',
    'wat"ch',
    "100%",
    "10_0",
    "%",
    "_",
    "\\",
    "école",
    "École",
    "ÉCOLE",
    "straße",
    "cary police department",
    "zzzz",
]


@sqlite_only
@SOURCES
def test_the_trigram_index_finds_what_reading_every_row_finds(demo, source):
    ServiceFactory(name="École patrol", summary="Straße 100% sicher, 10_0.")
    for words in WORDS:
        values = search_values(words, NOW)
        scan = rows(source.statement(connection.alias, values["terms"], indexed=False), words)
        if values["trigrams"]:
            indexed = source.statement(connection.alias, values["terms"], indexed=True)
            assert rows(indexed, words) == scan, words


@sqlite_only
def test_the_indexed_search_matches_case_as_like_does():
    ServiceFactory(name="École patrol")
    assert substring_finds("École") == ["École patrol"]
    assert substring_finds("école") == []  # the index finds it; LIKE decides

"""On PostgreSQL, every search source finds items through the GIN index on its stored vector
(each model's core.search.SearchIndex), so a search never parses every item's text, and the
vector a trigger stores is always the source's weighted text, however the rows are written."""

from datetime import datetime

import pytest
from django.contrib.postgres.search import SearchQuery
from django.core import serializers
from django.db import connection
from django.db.models import F, TextField
from django.db.models.functions import Cast

from core.search import SEARCH_CONFIG, SEARCH_VECTOR, search_document, search_sources
from services.models import Service
from services.search import ServiceSearch
from tests.factories import ServiceCategoryFactory, ServiceFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="full-text search indexes are PostgreSQL's"
    ),
]


def plan(sql, params) -> str:
    with connection.cursor() as cursor:
        # The tables are tiny in tests: forbid full scans to see whether the index *can* serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("source", search_sources(), ids=lambda source: source.kind)
def test_each_source_matches_through_its_gin_index(source):
    table = source.model()._meta.db_table
    statement = source.statement(connection.alias)  # the SQL the search runs
    params = statement.bind({"words": "kildaire", "now": datetime.now().astimezone()})
    assert f"Bitmap Index Scan on {table}_search_en" in plan(statement.sql, params)


@pytest.mark.parametrize("source", search_sources(), ids=lambda source: source.kind)
def test_each_source_compiles_the_same_query_every_time(source):
    # Compiled once per process: a time of its own (not get_queryset's ``now``) would stay.
    statement = source.statement(connection.alias)
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


@pytest.mark.parametrize("source", search_sources(), ids=lambda source: source.kind)
def test_stored_vector_is_the_sources_weighted_text(demo, source):
    model = source.model()
    assert model.objects.exclude(**{f"{SEARCH_VECTOR}__isnull": True}).exists()
    assert stale(model, source.search_fields) == []


def finds(words):
    return Service.objects.filter(**{SEARCH_VECTOR: SearchQuery(words, config=SEARCH_CONFIG)})


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

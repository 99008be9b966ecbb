"""On PostgreSQL, every search source finds items through its GIN index
(each model's core.search.SearchIndex), so a search never parses every item's text."""

import pytest
from django.db import connection

from core.search import search_sources

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="full-text search indexes are PostgreSQL's"
    ),
]


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # The tables are tiny in tests: forbid full scans to see whether the index *can* serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("source", search_sources(), ids=lambda source: source.kind)
def test_each_source_matches_through_its_gin_index(source):
    table = source.get_queryset().model._meta.db_table
    queryset = source._full_text(source.get_queryset(), "kildaire")
    assert f"Bitmap Index Scan on {table}_search" in plan(queryset)

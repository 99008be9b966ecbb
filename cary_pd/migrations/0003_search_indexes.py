"""GIN indexes for the site search on PostgreSQL (cary_pd/search.py).

Each index is on exactly the weighted document a search source matches against
(``ModelSearchSource.document()``), so a search reads the index instead of parsing every item's
text. SQLite has no such indexes: nothing happens there. If a source's ``search_fields`` change,
add a migration that replaces its index; tests/test_search_indexes.py fails until then.
"""

from django.db import migrations

INDEXES = [
    (
        "services_service_search",
        "services_service",
        "((((setweight(to_tsvector('english'::regconfig, COALESCE(\"name\", '')), 'A') || setweight(to_tsvector('english'::regconfig, COALESCE(\"summary\", '')), 'B')) || setweight(to_tsvector('english'::regconfig, COALESCE(\"body\", '')), 'C'))))",
    ),
    (
        "programs_program_search",
        "programs_program",
        "(((((setweight(to_tsvector('english'::regconfig, COALESCE(\"name\", '')), 'A') || setweight(to_tsvector('english'::regconfig, COALESCE(\"summary\", '')), 'B')) || setweight(to_tsvector('english'::regconfig, COALESCE(\"audience\", '')), 'C')) || setweight(to_tsvector('english'::regconfig, COALESCE(\"body\", '')), 'C'))))",
    ),
    (
        "programs_tip_search",
        "programs_tip",
        "((((setweight(to_tsvector('english'::regconfig, COALESCE(\"title\", '')), 'A') || setweight(to_tsvector('english'::regconfig, COALESCE(\"summary\", '')), 'B')) || setweight(to_tsvector('english'::regconfig, COALESCE(\"body\", '')), 'C'))))",
    ),
    (
        "outreach_event_search",
        "outreach_event",
        "(((((setweight(to_tsvector('english'::regconfig, COALESCE(\"title\", '')), 'A') || setweight(to_tsvector('english'::regconfig, COALESCE(\"summary\", '')), 'B')) || setweight(to_tsvector('english'::regconfig, COALESCE(\"description\", '')), 'C')) || setweight(to_tsvector('english'::regconfig, COALESCE(\"location_name\", '')), 'C'))))",
    ),
    (
        "outreach_officer_search",
        "outreach_officer",
        "(((((setweight(to_tsvector('english'::regconfig, COALESCE(\"name\", '')), 'A') || setweight(to_tsvector('english'::regconfig, COALESCE(\"rank\", '')), 'B')) || setweight(to_tsvector('english'::regconfig, COALESCE(\"biography\", '')), 'C')) || setweight(to_tsvector('english'::regconfig, COALESCE(\"interests\", '')), 'C'))))",
    ),
    (
        "outreach_newsitem_search",
        "outreach_newsitem",
        "((((setweight(to_tsvector('english'::regconfig, COALESCE(\"title\", '')), 'A') || setweight(to_tsvector('english'::regconfig, COALESCE(\"summary\", '')), 'B')) || setweight(to_tsvector('english'::regconfig, COALESCE(\"body\", '')), 'C'))))",
    ),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, expression in INDEXES:
        # fastupdate off: staff edits are rare, and new items must not wait in the index's
        # pending list (read by every search) until the next vacuum.
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin {expression} '
            "WITH (fastupdate = off)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("cary_pd", "0002_staff_groups"),
        ("services", "0002_content_editor_permissions"),
        ("programs", "0002_staff_permissions"),
        ("outreach", "0003_published_order_indexes"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]

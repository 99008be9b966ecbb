"""On SQLite, search narrows its substring match with an FTS5 trigram index (kept by triggers)
instead of reading every program's and tip's text (core.search.SubstringIndex). Nothing on
PostgreSQL, which searches its stored vector."""

from django.db import migrations

import core.search


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0004_search_vector"),
    ]

    operations = [
        core.search.SubstringIndex(
            model_name="program", search_fields=["name", "summary", "audience", "body"]
        ),
        core.search.SubstringIndex(model_name="tip", search_fields=["title", "summary", "body"]),
    ]

"""On SQLite, search narrows its substring match with an FTS5 trigram index (kept by triggers)
instead of reading every event's, officer's and news item's text
(core.search.SubstringIndex). Nothing on PostgreSQL, which searches its stored vector."""

from django.db import migrations

import core.search


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0005_search_vector"),
    ]

    operations = [
        core.search.SubstringIndex(
            model_name="event",
            search_fields=["title", "summary", "description", "location_name"],
        ),
        core.search.SubstringIndex(
            model_name="officer", search_fields=["name", "rank", "biography", "interests"]
        ),
        core.search.SubstringIndex(
            model_name="newsitem", search_fields=["title", "summary", "body"]
        ),
    ]

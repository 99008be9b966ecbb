"""Search by whole words on SQLite: each searched model’s index of words per language
replaces its trigram index (core.search.SubstringIndex with tokenize="words"). Nothing on
PostgreSQL."""

import core.search
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_reportingguideentry_search"),
    ]

    operations = [
        core.search.SubstringIndex(
            model_name="reportingguideentry",
            search_fields=["title", "body"],
            language="en",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="reportingguideentry",
            search_fields=["title", "body"],
            language="es",
            tokenize="words",
        ),
    ]

"""Search by whole words on SQLite: each searched model’s index of words per language
replaces its trigram index (core.search.SubstringIndex with tokenize="words"). Nothing on
PostgreSQL."""

import core.search
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0008_slug_help_text"),
    ]

    operations = [
        core.search.SubstringIndex(
            model_name="service",
            search_fields=["name", "summary", "body"],
            language="en",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="service",
            search_fields=["name", "summary", "body"],
            language="es",
            tokenize="words",
        ),
    ]

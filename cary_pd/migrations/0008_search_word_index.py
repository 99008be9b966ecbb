"""Search by whole words on SQLite: each searched model’s index of words per language
replaces its trigram index (core.search.SubstringIndex with tokenize="words"). Nothing on
PostgreSQL."""

import core.search
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cary_pd", "0007_page_search"),
    ]

    operations = [
        core.search.SubstringIndex(
            model_name="page",
            search_fields=["title", "summary", "body"],
            language="en",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="page",
            search_fields=["title", "summary", "body"],
            language="es",
            tokenize="words",
        ),
    ]

"""Search by whole words on SQLite: each searched model’s index of words per language
replaces its trigram index (core.search.SubstringIndex with tokenize="words"). Nothing on
PostgreSQL."""

import core.search
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0012_k9team_search"),
    ]

    operations = [
        core.search.SubstringIndex(
            model_name="event",
            search_fields=["title", "summary", "description", "location_name"],
            language="en",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="event",
            search_fields=["title", "summary", "description", "location_name"],
            language="es",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="officer",
            search_fields=["name", "rank", "biography", "interests"],
            language="en",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="officer",
            search_fields=["name", "rank", "biography", "interests"],
            language="es",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="k9team",
            search_fields=["dog_name", "breed", "biography"],
            language="en",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="k9team",
            search_fields=["dog_name", "breed", "biography"],
            language="es",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="newsitem",
            search_fields=["title", "summary", "body"],
            language="en",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="newsitem",
            search_fields=["title", "summary", "body"],
            language="es",
            tokenize="words",
        ),
    ]

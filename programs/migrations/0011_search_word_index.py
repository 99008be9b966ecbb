"""Search by whole words on SQLite: each searched model’s index of words per language
replaces its trigram index (core.search.SubstringIndex with tokenize="words"). Nothing on
PostgreSQL."""

import core.search
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0010_signup_waiting_list"),
    ]

    operations = [
        core.search.SubstringIndex(
            model_name="program",
            search_fields=["name", "summary", "audience", "body"],
            language="en",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="program",
            search_fields=["name", "summary", "audience", "body"],
            language="es",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="tip",
            search_fields=["title", "summary", "body"],
            language="en",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="tip",
            search_fields=["title", "summary", "body"],
            language="es",
            tokenize="words",
        ),
    ]

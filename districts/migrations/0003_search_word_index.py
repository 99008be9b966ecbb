"""Search by whole words on SQLite: each searched model’s index of words per language
replaces its trigram index (core.search.SubstringIndex with tokenize="words"). Nothing on
PostgreSQL."""

import core.search
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("districts", "0002_staff_permissions"),
    ]

    operations = [
        core.search.SubstringIndex(
            model_name="district",
            search_fields=["name", "captain_name", "description"],
            language="en",
            tokenize="words",
        ),
        core.search.SubstringIndex(
            model_name="district",
            search_fields=["name", "captain_name", "description"],
            language="es",
            tokenize="words",
        ),
    ]

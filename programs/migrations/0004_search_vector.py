"""Search reads a stored, indexed vector instead of computing the text of every item.

The column is filled by a PostgreSQL trigger (core.search.SearchVectorTrigger) with the same
weighted fields as before; its GIN index replaces the index on the computed text. On SQLite
the column stays empty and the trigger and index are not made.
"""

import django.contrib.postgres.search
from django.db import migrations

import core.search


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0003_search_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="program",
            name="search_vector_en",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        core.search.SearchVectorTrigger(
            model_name="program",
            search_fields={"name": "A", "summary": "B", "audience": "C", "body": "C"},
            column="search_vector_en",
            config="english",
        ),
        migrations.RemoveIndex(model_name="program", name="programs_program_search"),
        migrations.AddIndex(
            model_name="program",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_en"], name="programs_program_search_en"
            ),
        ),
        migrations.AddField(
            model_name="tip",
            name="search_vector_en",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        core.search.SearchVectorTrigger(
            model_name="tip",
            search_fields={"title": "A", "summary": "B", "body": "C"},
            column="search_vector_en",
            config="english",
        ),
        migrations.RemoveIndex(model_name="tip", name="programs_tip_search"),
        migrations.AddIndex(
            model_name="tip",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_en"], name="programs_tip_search_en"
            ),
        ),
    ]

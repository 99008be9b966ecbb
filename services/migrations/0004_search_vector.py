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
        ("services", "0003_search_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="search_vector_en",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        core.search.SearchVectorTrigger(
            model_name="service",
            search_fields={"name": "A", "summary": "B", "body": "C"},
            column="search_vector_en",
            config="english",
        ),
        migrations.RemoveIndex(model_name="service", name="services_service_search"),
        migrations.AddIndex(
            model_name="service",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_en"], name="services_service_search_en"
            ),
        ),
    ]

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
        ("outreach", "0004_search_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="search_vector_en",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        core.search.SearchVectorTrigger(
            model_name="event",
            search_fields={"title": "A", "summary": "B", "description": "C", "location_name": "C"},
            column="search_vector_en",
            config="english",
        ),
        migrations.RemoveIndex(model_name="event", name="outreach_event_search"),
        migrations.AddIndex(
            model_name="event",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_en"], name="outreach_event_search_en"
            ),
        ),
        migrations.AddField(
            model_name="officer",
            name="search_vector_en",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        core.search.SearchVectorTrigger(
            model_name="officer",
            search_fields={"name": "A", "rank": "B", "biography": "C", "interests": "C"},
            column="search_vector_en",
            config="english",
        ),
        migrations.RemoveIndex(model_name="officer", name="outreach_officer_search"),
        migrations.AddIndex(
            model_name="officer",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_en"], name="outreach_officer_search_en"
            ),
        ),
        migrations.AddField(
            model_name="newsitem",
            name="search_vector_en",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        core.search.SearchVectorTrigger(
            model_name="newsitem",
            search_fields={"title": "A", "summary": "B", "body": "C"},
            column="search_vector_en",
            config="english",
        ),
        migrations.RemoveIndex(model_name="newsitem", name="outreach_newsitem_search"),
        migrations.AddIndex(
            model_name="newsitem",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_en"], name="outreach_newsitem_search_en"
            ),
        ),
    ]

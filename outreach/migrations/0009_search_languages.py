"""Search in every language (core/search.py): a Spanish vector beside the English one, and the
text of each language from its own columns (title_en; title_es, else title_en) rather than from
the columns django-modeltranslation leaves behind. PostgreSQL: the triggers (the English ones
replaced) and the Spanish GIN indexes; SQLite: the trigram indexes (the English ones replaced;
the Spanish ones keep their text with the accents folded away). Places' and officers' names
are not translated: each language reads their one column."""

import django.contrib.postgres.search
from django.db import migrations

import core.search

EVENT_FIELDS = {"title": "A", "summary": "B", "description": "C", "location_name": "C"}
OFFICER_FIELDS = {"name": "A", "rank": "B", "biography": "C", "interests": "C"}
NEWS_ITEM_FIELDS = {"title": "A", "summary": "B", "body": "C"}


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0008_registration_language"),
        ("cary_pd", "0006_search_configurations"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="search_vector_es",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="officer",
            name="search_vector_es",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="newsitem",
            name="search_vector_es",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        core.search.SearchVectorTrigger(
            model_name="event",
            search_fields=EVENT_FIELDS,
            column="search_vector_en",
            config="english",
            language="en",
        ),
        core.search.SearchVectorTrigger(
            model_name="event",
            search_fields=EVENT_FIELDS,
            column="search_vector_es",
            config="cary_spanish",
            language="es",
        ),
        migrations.AddIndex(
            model_name="event",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_es"], name="outreach_event_search_es"
            ),
        ),
        core.search.SubstringIndex(
            model_name="event", search_fields=list(EVENT_FIELDS), language="en"
        ),
        core.search.SubstringIndex(
            model_name="event",
            search_fields=list(EVENT_FIELDS),
            language="es",
            accented_letters="áéíóúüñ",
        ),
        core.search.SearchVectorTrigger(
            model_name="officer",
            search_fields=OFFICER_FIELDS,
            column="search_vector_en",
            config="english",
            language="en",
        ),
        core.search.SearchVectorTrigger(
            model_name="officer",
            search_fields=OFFICER_FIELDS,
            column="search_vector_es",
            config="cary_spanish",
            language="es",
        ),
        migrations.AddIndex(
            model_name="officer",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_es"], name="outreach_officer_search_es"
            ),
        ),
        core.search.SubstringIndex(
            model_name="officer", search_fields=list(OFFICER_FIELDS), language="en"
        ),
        core.search.SubstringIndex(
            model_name="officer",
            search_fields=list(OFFICER_FIELDS),
            language="es",
            accented_letters="áéíóúüñ",
        ),
        core.search.SearchVectorTrigger(
            model_name="newsitem",
            search_fields=NEWS_ITEM_FIELDS,
            column="search_vector_en",
            config="english",
            language="en",
        ),
        core.search.SearchVectorTrigger(
            model_name="newsitem",
            search_fields=NEWS_ITEM_FIELDS,
            column="search_vector_es",
            config="cary_spanish",
            language="es",
        ),
        migrations.AddIndex(
            model_name="newsitem",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_es"], name="outreach_newsitem_search_es"
            ),
        ),
        core.search.SubstringIndex(
            model_name="newsitem", search_fields=list(NEWS_ITEM_FIELDS), language="en"
        ),
        core.search.SubstringIndex(
            model_name="newsitem",
            search_fields=list(NEWS_ITEM_FIELDS),
            language="es",
            accented_letters="áéíóúüñ",
        ),
    ]

"""The site search finds staff-edited pages (core/search.py): a stored vector per language, kept
by a trigger of each language, and its GIN index (PostgreSQL); a trigram index per language,
the Spanish one with its accents folded away (SQLite). Of cary_pd.models.PAGE_SEARCH_FIELDS."""

import django.contrib.postgres.search
from django.db import migrations

import core.search

PAGE_FIELDS = {"title": "A", "summary": "B", "body": "C"}


class Migration(migrations.Migration):
    dependencies = [
        ("cary_pd", "0006_search_configurations"),
    ]

    operations = [
        migrations.AddField(
            model_name="page",
            name="search_vector_en",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="search_vector_es",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddIndex(
            model_name="page",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_en"], name="cary_pd_page_search_en"
            ),
        ),
        migrations.AddIndex(
            model_name="page",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_es"], name="cary_pd_page_search_es"
            ),
        ),
        # Search (core/search.py): the vector of each language (PostgreSQL) and the trigram
        # index of each language (SQLite).
        core.search.SearchVectorTrigger(
            model_name="page",
            search_fields=PAGE_FIELDS,
            column="search_vector_en",
            config="english",
            language="en",
        ),
        core.search.SearchVectorTrigger(
            model_name="page",
            search_fields=PAGE_FIELDS,
            column="search_vector_es",
            config="cary_spanish",
            language="es",
        ),
        core.search.SubstringIndex(
            model_name="page", search_fields=list(PAGE_FIELDS), language="en"
        ),
        core.search.SubstringIndex(
            model_name="page",
            search_fields=list(PAGE_FIELDS),
            language="es",
            accented_letters="áéíóúüñ",
        ),
    ]

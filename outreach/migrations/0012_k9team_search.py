"""The site search finds K-9 teams (core/search.py): a stored vector per language, kept by a
trigger of each language, and its GIN index (PostgreSQL); a trigram index per language, the
Spanish one with its accents folded away (SQLite). Of outreach.models.K9_TEAM_SEARCH_FIELDS;
the dog's name is not translated: each language reads its one column."""

import django.contrib.postgres.search
from django.db import migrations

import core.search

K9_TEAM_FIELDS = {"dog_name": "A", "breed": "B", "biography": "C"}


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0011_newsitem_alert_topics"),
        ("cary_pd", "0006_search_configurations"),
    ]

    operations = [
        migrations.AddField(
            model_name="k9team",
            name="search_vector_en",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="k9team",
            name="search_vector_es",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddIndex(
            model_name="k9team",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_en"], name="outreach_k9team_search_en"
            ),
        ),
        migrations.AddIndex(
            model_name="k9team",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_es"], name="outreach_k9team_search_es"
            ),
        ),
        # Search (core/search.py): the vector of each language (PostgreSQL) and the trigram
        # index of each language (SQLite).
        core.search.SearchVectorTrigger(
            model_name="k9team",
            search_fields=K9_TEAM_FIELDS,
            column="search_vector_en",
            config="english",
            language="en",
        ),
        core.search.SearchVectorTrigger(
            model_name="k9team",
            search_fields=K9_TEAM_FIELDS,
            column="search_vector_es",
            config="cary_spanish",
            language="es",
        ),
        core.search.SubstringIndex(
            model_name="k9team", search_fields=list(K9_TEAM_FIELDS), language="en"
        ),
        core.search.SubstringIndex(
            model_name="k9team",
            search_fields=list(K9_TEAM_FIELDS),
            language="es",
            accented_letters="áéíóúüñ",
        ),
    ]

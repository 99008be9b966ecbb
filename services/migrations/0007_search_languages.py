"""Search in every language (core/search.py): a Spanish vector beside the English one, and the
text of each language from its own columns (name_en; name_es, else name_en) rather than from
the columns django-modeltranslation leaves behind. PostgreSQL: the triggers (the English one
replaced) and the Spanish GIN index; SQLite: the trigram indexes (the English one replaced; the
Spanish one keeps its text with the accents folded away)."""

import django.contrib.postgres.search
from django.db import migrations

import core.search

FIELDS = {"name": "A", "summary": "B", "body": "C"}


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0006_translations"),
        ("cary_pd", "0006_search_configurations"),
    ]

    operations = [
        migrations.AddField(
            model_name="service",
            name="search_vector_es",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        core.search.SearchVectorTrigger(
            model_name="service",
            search_fields=FIELDS,
            column="search_vector_en",
            config="english",
            language="en",
        ),
        core.search.SearchVectorTrigger(
            model_name="service",
            search_fields=FIELDS,
            column="search_vector_es",
            config="cary_spanish",
            language="es",
        ),
        migrations.AddIndex(
            model_name="service",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_es"], name="services_service_search_es"
            ),
        ),
        core.search.SubstringIndex(model_name="service", search_fields=list(FIELDS), language="en"),
        core.search.SubstringIndex(
            model_name="service",
            search_fields=list(FIELDS),
            language="es",
            accented_letters="áéíóúüñ",
        ),
    ]

"""Search in every language (core/search.py): a Spanish vector beside the English one, and the
text of each language from its own columns (title_en; title_es, else title_en) rather than from
the columns django-modeltranslation leaves behind. PostgreSQL: the triggers (the English ones
replaced) and the Spanish GIN indexes; SQLite: the trigram indexes (the English ones replaced;
the Spanish ones keep their text with the accents folded away)."""

import django.contrib.postgres.search
from django.db import migrations

import core.search

PROGRAM_FIELDS = {"name": "A", "summary": "B", "audience": "C", "body": "C"}
TIP_FIELDS = {"title": "A", "summary": "B", "body": "C"}


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0007_signup_language"),
        ("cary_pd", "0006_search_configurations"),
    ]

    operations = [
        migrations.AddField(
            model_name="program",
            name="search_vector_es",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        migrations.AddField(
            model_name="tip",
            name="search_vector_es",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False
            ),
        ),
        core.search.SearchVectorTrigger(
            model_name="program",
            search_fields=PROGRAM_FIELDS,
            column="search_vector_en",
            config="english",
            language="en",
        ),
        core.search.SearchVectorTrigger(
            model_name="program",
            search_fields=PROGRAM_FIELDS,
            column="search_vector_es",
            config="cary_spanish",
            language="es",
        ),
        migrations.AddIndex(
            model_name="program",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_es"], name="programs_program_search_es"
            ),
        ),
        core.search.SubstringIndex(
            model_name="program", search_fields=list(PROGRAM_FIELDS), language="en"
        ),
        core.search.SubstringIndex(
            model_name="program",
            search_fields=list(PROGRAM_FIELDS),
            language="es",
            accented_letters="áéíóúüñ",
        ),
        core.search.SearchVectorTrigger(
            model_name="tip",
            search_fields=TIP_FIELDS,
            column="search_vector_en",
            config="english",
            language="en",
        ),
        core.search.SearchVectorTrigger(
            model_name="tip",
            search_fields=TIP_FIELDS,
            column="search_vector_es",
            config="cary_spanish",
            language="es",
        ),
        migrations.AddIndex(
            model_name="tip",
            index=core.search.SearchIndex(
                fastupdate=False, fields=["search_vector_es"], name="programs_tip_search_es"
            ),
        ),
        core.search.SubstringIndex(model_name="tip", search_fields=list(TIP_FIELDS), language="en"),
        core.search.SubstringIndex(
            model_name="tip",
            search_fields=list(TIP_FIELDS),
            language="es",
            accented_letters="áéíóúüñ",
        ),
    ]

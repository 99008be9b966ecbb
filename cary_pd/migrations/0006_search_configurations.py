"""The PostgreSQL text search configuration of Spanish search (core.search.SEARCH_LANGUAGES):
'spanish' with the unaccent dictionary before its stemmer, so "policia" finds "policía".
Nothing on SQLite. The apps' search migrations that fill Spanish vectors depend on this one."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

import core.search


class Migration(migrations.Migration):
    dependencies = [
        ("cary_pd", "0005_translations"),
    ]

    operations = [
        UnaccentExtension(),
        core.search.TextSearchConfiguration(
            name="cary_spanish", copy="spanish", dictionary="spanish_stem"
        ),
    ]

"""Once made the site search's GIN indexes for three apps' tables in raw SQL.

Each app now declares its own index in its model's ``Meta.indexes`` (core.search.SearchIndex);
their migrations drop an index of the same name left by this one before adding theirs. Kept,
empty, so databases that ran it keep a consistent migration history.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cary_pd", "0002_staff_groups"),
    ]

    operations = []

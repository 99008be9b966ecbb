"""DepartmentSettings now belongs to core (core/migrations/0001_initial.py); its table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("cary_pd", "0003_search_indexes"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DepartmentSettings")],
            database_operations=[],
        ),
    ]

"""Who may do what with districts: content editors maintain the districts, their boundaries and
the street index (add, change, delete, view). Who works a district's queue (its staff members)
is set by superusers only (districts/admin.py)."""

from django.db import migrations

from core.permissions import grant, revoke

CONTENT_EDITORS = "Content editors"
ACTIONS = ["add", "change", "delete", "view"]
EDITOR_CODENAMES = [
    f"{action}_{model}" for model in ["district", "streetrange"] for action in ACTIONS
]


def grant_all(apps, schema_editor):
    grant(apps, CONTENT_EDITORS, "districts", EDITOR_CODENAMES)


def revoke_all(apps, schema_editor):
    revoke(apps, CONTENT_EDITORS, "districts", EDITOR_CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("districts", "0001_initial"),
        ("cary_pd", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_all, revoke_all)]

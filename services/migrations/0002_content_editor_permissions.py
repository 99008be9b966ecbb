"""Content editors manage services and their categories (see cary_pd 0002_staff_groups)."""

from django.db import migrations

from core.permissions import grant, revoke

CONTENT_EDITORS = "Content editors"
ACTIONS = ["add", "change", "delete", "view"]
EDITOR_CODENAMES = [
    f"{action}_{model}" for model in ["servicecategory", "service"] for action in ACTIONS
]


def grant_all(apps, schema_editor):
    grant(apps, CONTENT_EDITORS, "services", EDITOR_CODENAMES)


def revoke_all(apps, schema_editor):
    revoke(apps, CONTENT_EDITORS, "services", EDITOR_CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0001_initial"),
        ("cary_pd", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_all, revoke_all)]

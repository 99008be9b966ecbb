"""Content editors manage services and their categories (see cary_pd 0002_staff_groups)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_EDITORS = "Content editors"
MODELS = ["servicecategory", "service"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so we can grant them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="services",
            codename__in=[f"{action}_{model}" for model in MODELS for action in ACTIONS],
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for editors in Group.objects.filter(name=CONTENT_EDITORS):
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="services")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0001_initial"),
        ("cary_pd", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

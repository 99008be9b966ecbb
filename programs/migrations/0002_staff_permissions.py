"""Who may do what with programs.

- Content editors manage programs, watch groups and tips, but never see sign-ups: those hold
  residents' personal data.
- Program coordinators (a new group) see and work sign-ups: view, change status and notes,
  delete on request, export. Superusers can do everything.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_EDITORS = "Content editors"
PROGRAM_COORDINATORS = "Program coordinators"
ACTIONS = ["add", "change", "delete", "view"]
EDITOR_CODENAMES = [
    f"{action}_{model}" for model in ["program", "watchgroup", "tip"] for action in ACTIONS
]
COORDINATOR_CODENAMES = [
    "view_signup",
    "change_signup",
    "delete_signup",
    "view_program",
    "view_watchgroup",
]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so we can grant them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group_name, codenames in [
        (CONTENT_EDITORS, EDITOR_CODENAMES),
        (PROGRAM_COORDINATORS, COORDINATOR_CODENAMES),
    ]:
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="programs", codename__in=codenames
            )
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Group.objects.filter(name=PROGRAM_COORDINATORS).delete()
    for editors in Group.objects.filter(name=CONTENT_EDITORS):
        editors.permissions.remove(
            *Permission.objects.filter(content_type__app_label="programs")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0001_initial"),
        ("cary_pd", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

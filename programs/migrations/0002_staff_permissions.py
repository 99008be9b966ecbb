"""Who may do what with programs.

- Content editors manage programs, watch groups and tips, but never see sign-ups: those hold
  residents' personal data.
- Program coordinators (a new group) see and work sign-ups: view, change status and notes,
  delete on request, export. Superusers can do everything.
"""

from django.db import migrations

from core.permissions import grant, revoke

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


def grant_all(apps, schema_editor):
    grant(apps, CONTENT_EDITORS, "programs", EDITOR_CODENAMES)
    grant(apps, PROGRAM_COORDINATORS, "programs", COORDINATOR_CODENAMES)


def revoke_all(apps, schema_editor):
    revoke(apps, CONTENT_EDITORS, "programs", EDITOR_CODENAMES)
    apps.get_model("auth", "Group").objects.filter(name=PROGRAM_COORDINATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0001_initial"),
        ("cary_pd", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_all, revoke_all)]

"""Create the staff groups with the permissions that fit their work.

Later migrations (one per app) add the permissions for that app's models.
"""

from django.db import migrations

from core.permissions import grant

CONTENT_EDITORS = "Content editors"
REPORT_REVIEWERS = "Report reviewers"

CONTENT_EDITOR_CODENAMES = [
    "add_page",
    "change_page",
    "delete_page",
    "view_page",
    "change_departmentsettings",
    "view_departmentsettings",
]


def create_groups(apps, schema_editor):
    grant(apps, CONTENT_EDITORS, "cary_pd", CONTENT_EDITOR_CODENAMES)
    apps.get_model("auth", "Group").objects.get_or_create(name=REPORT_REVIEWERS)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[CONTENT_EDITORS, REPORT_REVIEWERS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cary_pd", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]

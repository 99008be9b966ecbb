"""Create the staff groups with the permissions that fit their work.

Later migrations (one per app) add the permissions for that app's models.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_EDITORS = "Content editors"
REPORT_REVIEWERS = "Report reviewers"

CONTENT_EDITOR_PERMISSIONS = [
    ("cary_pd", "add_page"),
    ("cary_pd", "change_page"),
    ("cary_pd", "delete_page"),
    ("cary_pd", "view_page"),
    ("cary_pd", "change_departmentsettings"),
    ("cary_pd", "view_departmentsettings"),
]


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now so we can grant them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name=CONTENT_EDITORS)
    Group.objects.get_or_create(name=REPORT_REVIEWERS)
    for app_label, codename in CONTENT_EDITOR_PERMISSIONS:
        editors.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


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

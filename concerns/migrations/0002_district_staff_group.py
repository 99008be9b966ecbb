"""The "District staff" group: they work their own districts' queue of concerns in the admin
(with two-factor sign-in, concerns/admin.py). Which districts a member works is set on the
district (District.staff_members), by superusers."""

from django.db import migrations

from core.permissions import grant

DISTRICT_STAFF = "District staff"
CODENAMES = ["view_concern", "change_concern", "view_concernevent", "view_concernphoto"]


def create_group(apps, schema_editor):
    grant(apps, DISTRICT_STAFF, "concerns", CODENAMES)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=DISTRICT_STAFF).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("concerns", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]

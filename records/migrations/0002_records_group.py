"""The "Records" group: they work the queue of requests for copies of records in the admin
(with two-factor sign-in, records/admin.py), attach the documents and refuse what the law
withholds."""

from django.db import migrations

from core.permissions import grant

RECORDS = "Records"
CODENAMES = ["view_recordrequest", "change_recordrequest", "view_recordrequestevent"]


def create_group(apps, schema_editor):
    grant(apps, RECORDS, "records", CODENAMES)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=RECORDS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]

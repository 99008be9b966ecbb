"""The "Patrol" group: officers and sergeants. They see every house check (patrol works
town-wide lists per district), print a district's "Active checks today" list and record their
visits, in the admin, with two-factor sign-in (housechecks/admin.py). Giving an unrouted check
to a district takes superuser rights or the ``route_housecheck`` permission, which a superuser
grants to patrol supervisors one by one."""

from django.db import migrations

from core.permissions import grant

PATROL = "Patrol"
CODENAMES = [
    "view_housecheck",
    "view_housecheckvisit",
    "add_housecheckvisit",
    "view_housecheckevent",
]


def create_group(apps, schema_editor):
    grant(apps, PATROL, "housechecks", CODENAMES)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PATROL).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("housechecks", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]

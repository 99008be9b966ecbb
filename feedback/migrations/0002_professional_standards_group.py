"""The "Professional standards" group: they work compliments and complaints in the admin (with
two-factor sign-in, feedback/admin.py). Nobody else is given these permissions."""

from django.db import migrations

from core.permissions import grant

PROFESSIONAL_STANDARDS = "Professional standards"  # feedback.models.PROFESSIONAL_STANDARDS
CODENAMES = ["view_feedback", "change_feedback", "view_feedbackevent"]


def create_group(apps, schema_editor):
    grant(apps, PROFESSIONAL_STANDARDS, "feedback", CODENAMES)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=PROFESSIONAL_STANDARDS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]

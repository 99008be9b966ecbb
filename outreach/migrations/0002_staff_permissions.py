"""Who may do what with outreach.

- Content editors manage events, officer and K-9 profiles, partnerships, news and alerts, but
  never see registrations: those hold residents' personal data.
- Event coordinators (a new group) see and work registrations and can export them.
"""

from django.db import migrations

from core.permissions import grant, revoke

CONTENT_EDITORS = "Content editors"
EVENT_COORDINATORS = "Event coordinators"
ACTIONS = ["add", "change", "delete", "view"]
EDITOR_CODENAMES = [
    f"{action}_{model}"
    for model in ["event", "officer", "k9team", "partner", "newsitem"]
    for action in ACTIONS
]
COORDINATOR_CODENAMES = ["view_registration", "change_registration", "view_event"]


def grant_all(apps, schema_editor):
    grant(apps, CONTENT_EDITORS, "outreach", EDITOR_CODENAMES)
    grant(apps, EVENT_COORDINATORS, "outreach", COORDINATOR_CODENAMES)


def revoke_all(apps, schema_editor):
    revoke(apps, CONTENT_EDITORS, "outreach", EDITOR_CODENAMES)
    apps.get_model("auth", "Group").objects.filter(name=EVENT_COORDINATORS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0001_initial"),
        ("cary_pd", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_all, revoke_all)]

"""Who may do what with online crime reports.

- Report reviewers see and review reports (view/change report; view of photos, property items,
  added information and history) and manage the lists and settings of the reports section:
  incident types, rejection reasons, the "Where do I report this?" guide and report settings.
  Seeing a report also needs two-factor sign-in (reports/admin.py). Nobody may delete a report.
- Content editors may edit the "Where do I report this?" guide, which is public content.
"""

from django.db import migrations

from core.permissions import grant, revoke

CONTENT_EDITORS = "Content editors"
REPORT_REVIEWERS = "Report reviewers"
ACTIONS = ["add", "change", "delete", "view"]
GUIDE_CODENAMES = [f"{action}_reportingguideentry" for action in ACTIONS]
REVIEWER_CODENAMES = [
    "view_report",
    "change_report",
    "view_reportphoto",
    "view_propertyitem",
    "view_reportaddition",
    "view_reportevent",
    "add_incidenttype",
    "change_incidenttype",
    "view_incidenttype",
    "add_rejectionreason",
    "change_rejectionreason",
    "view_rejectionreason",
    "change_reportsettings",
    "view_reportsettings",
    *GUIDE_CODENAMES,
]


def grant_all(apps, schema_editor):
    grant(apps, REPORT_REVIEWERS, "reports", REVIEWER_CODENAMES)
    grant(apps, CONTENT_EDITORS, "reports", GUIDE_CODENAMES)


def revoke_all(apps, schema_editor):
    revoke(apps, REPORT_REVIEWERS, "reports", REVIEWER_CODENAMES)
    revoke(apps, CONTENT_EDITORS, "reports", GUIDE_CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
        ("cary_pd", "0002_staff_groups"),
    ]

    operations = [migrations.RunPython(grant_all, revoke_all)]

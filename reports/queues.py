"""What waits for report reviewers on the admin's front page (core.registry staff queues)."""

from reports.models import Report


def new_reports(user) -> int:
    return Report.objects.filter(status=Report.Status.SUBMITTED).count()

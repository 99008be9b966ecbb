"""What waits for district staff on the admin's front page (core.registry staff queues)."""

from concerns.models import Concern


def new_concerns(user) -> int:
    """The concerns still "received" that this member may see: all for a superuser, else their
    districts' (concerns/admin.py shows the same)."""
    concerns = Concern.objects.filter(status=Concern.Status.RECEIVED)
    if not user.is_superuser:
        concerns = concerns.for_district_staff(user).distinct()
    return concerns.count()

"""What waits for patrol on the admin's front page (core.registry staff queues)."""

from housechecks.models import HouseCheck, today


def active_today(user) -> int:
    return HouseCheck.objects.active_on(today()).count()

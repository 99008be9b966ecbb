"""What waits for program coordinators on the admin's front page (core.registry)."""

from programs.models import SignUp


def new_signups(user) -> int:
    return SignUp.objects.filter(status=SignUp.Status.NEW).count()

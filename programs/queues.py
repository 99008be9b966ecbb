"""What waits for program coordinators on the admin's front page (core.registry)."""

from programs.models import SignUp


def new_signups(user) -> int:
    """New sign-ups to follow up. Those on a waiting list are not counted: there is nothing to do
    for them until a place frees, and then they move up as new sign-ups."""
    return SignUp.objects.filter(status=SignUp.Status.NEW).count()

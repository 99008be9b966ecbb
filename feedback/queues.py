"""What waits for Professional standards on the admin's front page (core.registry)."""

from feedback.models import Feedback, Status


def new_feedback(user) -> int:
    return Feedback.objects.filter(status=Status.RECEIVED).count()

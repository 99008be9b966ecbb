"""What waits for the Records group on the admin's front page (core.registry staff queues)."""

from records.models import RecordRequest


def new_requests(user) -> int:
    return RecordRequest.objects.filter(status=RecordRequest.Status.RECEIVED).count()

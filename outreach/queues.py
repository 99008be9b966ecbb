"""What waits for event coordinators on the admin's front page (core.registry)."""

from datetime import timedelta

from django.utils import timezone

from outreach.models import Registration

RECENT_DAYS = 7


def recent_registrations(user) -> int:
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    return Registration.objects.filter(created_at__gte=since).count()

"""Staff sign-in throttling (django-axes, configured in settings.py)."""

from django.conf import settings

# The length of the username columns in django-axes' tables.
AXES_USERNAME_MAX_LENGTH = 255


def throttled_username(request, credentials=None):
    """The username django-axes records for a failed sign-in, cut to what its tables hold.

    Django's sign-in form takes a username of any length, and django-axes stores it as given:
    a longer one made the sign-in page fail with a database error (a 500) on PostgreSQL
    (jazzband/django-axes#1381). Cut, such names still count against each other.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    return username[:AXES_USERNAME_MAX_LENGTH] if isinstance(username, str) else username

"""Staff sign-in throttling (django-axes, configured in settings.py).

Two limits, both counted in django-axes' own records of failed sign-ins (``AccessAttempt``, the
database handler), over the same cool-off:

- per username and address: ``AXES_FAILURE_LIMIT`` (5), django-axes' own lockout;
- per address across every username: ``SIGN_IN_ADDRESS_FAILURE_LIMIT`` (20), checked here, so
  one password tried against many usernames is stopped too.

django-axes cannot say both by configuration: ``AXES_LOCKOUT_PARAMETERS`` takes several
parameter sets (``[["username", "ip_address"], "ip_address"]``), but its handler compares the
largest of their counts with one ``AXES_FAILURE_LIMIT`` (a callable limit is not told which
set it is for), so the address set would lock at 5 or the pair at 20 (its maintainers point to
a custom handler: jazzband/django-axes#661). A custom handler would override axes' internals;
django-ratelimit would keep a second count in the cache, which fails open while Redis is down.
Counting axes' rows keeps one record of failures, in the database, that staff already clear in
the admin ("Access attempts") to lift a lockout early.
"""

from axes.helpers import get_client_ip_address, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

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


def address_failures(request) -> int:
    """Failed sign-ins from this request's address, every username together, in the cool-off."""
    since = getattr(request, "axes_attempt_time", None) or timezone.now()
    attempts = AccessAttempt.objects.filter(
        ip_address=get_client_ip_address(request),
        attempt_time__gte=since - get_cool_off(request),
    )
    return attempts.aggregate(failures=Sum("failures_since_start"))["failures"] or 0


def address_locked_out(request) -> bool:
    """Whether this address has reached SIGN_IN_ADDRESS_FAILURE_LIMIT (0: no such limit)."""
    limit = settings.SIGN_IN_ADDRESS_FAILURE_LIMIT
    return bool(limit) and address_failures(request) >= limit

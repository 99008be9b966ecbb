"""Rate limits on what a visitor sends, one way for every public form.

A ``Limit`` names its counter and the setting that holds its rate ("10/h"; None: off). A view
calls ``over_limit`` once the form is valid, just before the write it guards, so a resident's
mistakes never count; the status lookup is the exception (reports/views.py). The counts are
django-ratelimit's, per client address (``RATELIMIT_IP_META_KEY``) in the shared cache: Redis in
production, where a count Redis does not answer lets the request pass (``RATELIMIT_FAIL_OPEN``).

Over the limit, ``Refusal.render`` answers 429 with ``Retry-After``: the same form page with the
resident's answers still in it and the message at the top, in the error summary.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import ngettext_lazy
from django_ratelimit.core import get_usage

TRY_AGAIN = ngettext_lazy(
    "Too many attempts from your connection: we have paused this form for a while. Nothing "
    "you entered has been lost. Try again in %(minutes)d minute.",
    "Too many attempts from your connection: we have paused this form for a while. Nothing "
    "you entered has been lost. Try again in %(minutes)d minutes.",
    "minutes",
)


@dataclass(frozen=True)
class Limit:
    group: str  # the counter's name, e.g. "programs:signup"
    setting: str  # the setting holding the rate, e.g. "PROGRAMS_SIGNUP_RATE"
    message: str = TRY_AGAIN  # with %(minutes)d, and singular and plural (ngettext_lazy)

    @property
    def rate(self) -> str | None:
        return getattr(settings, self.setting)


@dataclass(frozen=True)
class Refusal:
    limit: Limit
    retry_after: int  # seconds until this client's count starts again

    @property
    def message(self) -> str:
        return self.limit.message % {"minutes": math.ceil(self.retry_after / 60)}

    def render(self, request, template: str, context: dict, *, form):
        """The form page again, with the resident's answers and the message at the top."""
        form.add_error(None, self.message)  # shown in the error summary, above the form
        response = render(request, template, context, status=429)
        response["Retry-After"] = str(self.retry_after)
        add_never_cache_headers(response)
        return response


def over_limit(request, limit: Limit, *, uses: int = 1) -> Refusal | None:
    """Count ``uses`` (e.g. the photos in one upload) for this client; a Refusal once the count
    passes the limit, None while it is within it, when the limit is off or the cache is down."""
    rate = limit.rate
    if not rate:
        return None
    for _use in range(uses):  # django-ratelimit counts one at a time
        usage = get_usage(request, group=limit.group, key="ip", rate=rate, increment=True)
        if usage is None:  # RATELIMIT_ENABLE off, or the cache did not answer (fail open)
            return None
        if usage["should_limit"]:
            return Refusal(limit, retry_after=max(usage["time_left"], 1))
    return None

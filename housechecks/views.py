"""The resident's side of house checks: the form, its confirmation, the status lookup and the
cancel button.

Privacy: none of these pages is cached; the confirmation is shown once (the check's id waits in
the session until then, and goes); the status lookup and the cancel button are POSTs, so no
reference is in a URL or a log; POSTed values and local variables stay out of error reports.
"""

import contextlib

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from core import ratelimits, reference_pages
from housechecks import forms, operations
from housechecks.models import HouseCheck

SESSION_KEY = "housechecks.submitted"
SUBMITS = ratelimits.Limit("housechecks:submit", "HOUSECHECKS_SUBMIT_RATE")
STATUS_LOOKUPS = ratelimits.Limit("housechecks:status", "HOUSECHECKS_STATUS_RATE")
STATUS_TEMPLATE = "housechecks/status.html"


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def start(request):
    form = forms.HouseCheckForm(request.POST if request.method == "POST" else None)
    template = "housechecks/start.html"
    context = {"form": form, "max_days": settings.HOUSECHECKS_MAX_DAYS}
    if request.method == "POST" and form.is_valid():
        if form.honeypot_filled():
            return render(request, "housechecks/received.html")
        if refusal := ratelimits.over_limit(request, SUBMITS):
            return refusal.render(request, template, context, form=form)
        check = operations.house_check_submit(
            **form.submit_kwargs(), language=request.LANGUAGE_CODE
        )
        reference_pages.remember_for_confirmation(request, SESSION_KEY, check)
        return redirect("housechecks:confirmation")
    return render(request, template, context)


@never_cache
@require_http_methods(["GET", "HEAD"])
@sensitive_variables()
def confirmation(request):
    return reference_pages.confirmation_page(
        request,
        session_key=SESSION_KEY,
        queryset=HouseCheck.objects.all(),
        template="housechecks/confirmation.html",
        name="check",
        start_url="housechecks:start",
    )


def _checks():
    return HouseCheck.objects.select_related("district")


def _check_context(check, *, cancelled=False) -> dict:
    """What the status page shows besides the lookup: the visits and the cancel button."""
    visits = list(check.visits.order_by("visited_at", "pk")) if check else []
    return {
        "visits": visits,
        "cancelled": cancelled,
        "cancel_form": forms.CancelForm(initial={"reference": check.reference}) if check else None,
    }


def _status_page(request, form, check, *, not_found=False, cancelled=False):
    context = {"form": form, "check": check, "not_found": not_found}
    context.update(_check_context(check, cancelled=cancelled))
    return render(request, STATUS_TEMPLATE, context)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def status(request):
    return reference_pages.status_page(
        request,
        form_class=forms.StatusLookupForm,
        queryset=_checks(),
        limit=STATUS_LOOKUPS,
        template=STATUS_TEMPLATE,
        name="check",
        extra_context=_check_context,
    )


@sensitive_post_parameters()
@never_cache
@require_POST
@sensitive_variables()
def cancel(request):
    form = forms.CancelForm(request.POST)
    lookup = forms.StatusLookupForm()
    # The cancel button takes a lookup too: it counts against the same limit.
    if refusal := ratelimits.over_limit(request, STATUS_LOOKUPS):
        again = forms.StatusLookupForm(request.POST)  # bound: the refusal is its error
        return reference_pages.refuse_lookup(
            request, refusal, form=again, template=STATUS_TEMPLATE, name="check"
        )
    check = reference_pages.find_by_reference(form, _checks())
    if check is None:
        return _status_page(request, lookup, None, not_found=True)
    with contextlib.suppress(operations.HouseCheckError):  # already over: the page says so
        check = operations.house_check_cancel(check=check)
    return _status_page(request, lookup, check, cancelled=check.is_cancelled)

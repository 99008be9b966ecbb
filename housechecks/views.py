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

from core import ratelimits
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
        request.session[SESSION_KEY] = check.pk
        return redirect("housechecks:confirmation")
    return render(request, template, context)


@never_cache
@require_http_methods(["GET", "HEAD"])
@sensitive_variables()
def confirmation(request):
    check_pk = request.session.pop(SESSION_KEY, None)
    check = HouseCheck.objects.filter(pk=check_pk).first() if check_pk else None
    if check is None:
        return redirect("housechecks:start")
    return render(request, "housechecks/confirmation.html", {"check": check})


def _found(form) -> HouseCheck | None:
    if not form.is_valid() or form.honeypot_filled():
        return None
    return (
        HouseCheck.objects.filter(reference=form.cleaned_data["reference"])
        .select_related("district")
        .first()
    )


def _status_page(request, form, check, *, not_found=False, cancelled=False, status=200):
    visits = list(check.visits.order_by("visited_at", "pk")) if check else []
    context = {
        "form": form,
        "check": check,
        "visits": visits,
        "not_found": not_found,
        "cancelled": cancelled,
        "cancel_form": forms.CancelForm(initial={"reference": check.reference}) if check else None,
    }
    return render(request, STATUS_TEMPLATE, context, status=status)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def status(request):
    form = forms.StatusLookupForm(request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _status_page(request, form, None)
    # Every lookup counts, valid or not, found or not: guessing references is what it stops.
    if refusal := ratelimits.over_limit(request, STATUS_LOOKUPS):
        context = {"form": form, "check": None, "not_found": False}
        return refusal.render(request, STATUS_TEMPLATE, context, form=form)
    check = _found(form)
    return _status_page(request, form, check, not_found=form.is_valid() and check is None)


@sensitive_post_parameters()
@never_cache
@require_POST
@sensitive_variables()
def cancel(request):
    form = forms.CancelForm(request.POST)
    lookup = forms.StatusLookupForm()
    if refusal := ratelimits.over_limit(request, STATUS_LOOKUPS):
        again = forms.StatusLookupForm(request.POST)  # bound: the refusal is its error
        context = {"form": again, "check": None, "not_found": False}
        return refusal.render(request, STATUS_TEMPLATE, context, form=again)
    check = _found(form)
    if check is None:
        return _status_page(request, lookup, None, not_found=True)
    with contextlib.suppress(operations.HouseCheckError):  # already over: the page says so
        check = operations.house_check_cancel(check=check)
    return _status_page(request, lookup, check, cancelled=check.is_cancelled)

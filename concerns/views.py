"""The resident's side of concerns: the form, its confirmation and the status lookup.

Privacy: none of these pages is cached; the confirmation is shown once (the concern's id waits
in the session until then, and goes); the status lookup is a POST, so no reference is in a URL
or a log; POSTed values and local variables stay out of error reports. Nothing reads the
client's address except the rate limits, which count in the cache only.
"""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from concerns import forms, operations
from concerns.models import Concern
from core import ratelimits, reference_pages
from reports.photos import NOT_STORED, PhotoNotStored

SESSION_KEY = "concerns.submitted"
SUBMITS = ratelimits.Limit("concerns:submit", "CONCERNS_SUBMIT_RATE")
STATUS_LOOKUPS = ratelimits.Limit("concerns:status", "CONCERNS_STATUS_RATE")


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def start(request):
    form = forms.ConcernForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    template = "concerns/start.html"
    if request.method == "POST" and form.is_valid():
        if form.honeypot_filled():
            return render(request, "concerns/received.html")
        if refusal := ratelimits.over_limit(request, SUBMITS):
            return refusal.render(request, template, {"form": form}, form=form)
        try:
            concern = operations.concern_submit(
                **form.submit_kwargs(), language=request.LANGUAGE_CODE
            )
        except PhotoNotStored:
            form.add_error("photo", NOT_STORED)
        else:
            reference_pages.remember_for_confirmation(request, SESSION_KEY, concern)
            return redirect("concerns:confirmation")
    return render(request, template, {"form": form})


@never_cache
@require_http_methods(["GET", "HEAD"])
@sensitive_variables()
def confirmation(request):
    return reference_pages.confirmation_page(
        request,
        session_key=SESSION_KEY,
        queryset=Concern.objects.all(),
        template="concerns/confirmation.html",
        name="concern",
        start_url="concerns:start",
    )


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def status(request):
    return reference_pages.status_page(
        request,
        form_class=forms.StatusLookupForm,
        queryset=Concern.objects.select_related("district"),
        limit=STATUS_LOOKUPS,
        template="concerns/status.html",
        name="concern",
    )

"""The resident's side: the form, its confirmation, the status lookup and the yearly counts.

Privacy: none of the form, confirmation and status pages is cached; the confirmation is shown
once (the item's id waits in the session until then, and goes); the status lookup is a POST, so
no reference is in a URL or a log; POSTed values and local variables stay out of error reports.
Nothing reads the client's address except the rate limits, which count in the cache only.
"""

from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from core import ratelimits, reference_pages
from feedback import counts, forms, operations
from feedback.models import Feedback

SESSION_KEY = "feedback.submitted"
SUBMITS = ratelimits.Limit("feedback:submit", "FEEDBACK_SUBMIT_RATE")
STATUS_LOOKUPS = ratelimits.Limit("feedback:status", "FEEDBACK_STATUS_RATE")


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def start(request):
    form = forms.FeedbackForm(request.POST if request.method == "POST" else None)
    template = "feedback/start.html"
    if request.method == "POST" and form.is_valid():
        if form.honeypot_filled():
            return render(request, "feedback/received.html")
        if refusal := ratelimits.over_limit(request, SUBMITS):
            return refusal.render(request, template, {"form": form}, form=form)
        feedback = operations.feedback_submit(
            **form.submit_kwargs(), language=request.LANGUAGE_CODE
        )
        reference_pages.remember_for_confirmation(request, SESSION_KEY, feedback)
        return redirect("feedback:confirmation")
    return render(request, template, {"form": form})


@never_cache
@require_http_methods(["GET", "HEAD"])
@sensitive_variables()
def confirmation(request):
    return reference_pages.confirmation_page(
        request,
        session_key=SESSION_KEY,
        queryset=Feedback.objects.all(),
        template="feedback/confirmation.html",
        name="feedback",
        start_url="feedback:start",
    )


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def status(request):
    return reference_pages.status_page(
        request,
        form_class=forms.StatusLookupForm,
        queryset=Feedback.objects.all(),
        limit=STATUS_LOOKUPS,
        template="feedback/status.html",
        name="feedback",
    )


@require_http_methods(["GET", "HEAD"])
def counts_page(request):
    return render(
        request,
        "feedback/counts.html",
        {"years": counts.yearly_counts(), "meanings": counts.outcome_meanings()},
    )

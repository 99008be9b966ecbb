"""The resident's side of record requests: the form, its confirmation, the status lookup, the
email confirmation link and the download link.

Privacy: none of these pages is cached; the confirmation is shown once (the request's id waits
in the session until then, and goes); the status lookup is a POST, so no reference is in a URL
or a log; the links in emails carry a signed token with no reference or address in it
(records/tokens.py). The confirmation link's page answers with a button, so a mail scanner that
follows links confirms nothing. The document is streamed only to someone who has the download
link, whose address is confirmed, and who types that address.
"""

from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods

from core import ratelimits, reference_pages
from records import forms, operations, tokens
from records.models import RecordRequest

SESSION_KEY = "records.submitted"
SUBMITS = ratelimits.Limit("records:submit", "RECORDS_SUBMIT_RATE")
STATUS_LOOKUPS = ratelimits.Limit("records:status", "RECORDS_STATUS_RATE")
DOWNLOAD_CHECKS = ratelimits.Limit("records:download", "RECORDS_DOWNLOAD_RATE")
Status = RecordRequest.Status


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def start(request):
    form = forms.RecordRequestForm(request.POST if request.method == "POST" else None)
    template = "records/start.html"
    if request.method == "POST" and form.is_valid():
        if form.honeypot_filled():
            return render(request, "records/received.html")
        if refusal := ratelimits.over_limit(request, SUBMITS):
            return refusal.render(request, template, {"form": form}, form=form)
        record_request = operations.record_request_submit(
            **form.submit_kwargs(), language=request.LANGUAGE_CODE
        )
        reference_pages.remember_for_confirmation(request, SESSION_KEY, record_request)
        return redirect("records:confirmation")
    return render(request, template, {"form": form})


@never_cache
@require_http_methods(["GET", "HEAD"])
@sensitive_variables()
def confirmation(request):
    return reference_pages.confirmation_page(
        request,
        session_key=SESSION_KEY,
        queryset=RecordRequest.objects.all(),
        template="records/confirmation.html",
        name="record_request",
        start_url="records:start",
    )


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def status(request):
    return reference_pages.status_page(
        request,
        form_class=forms.StatusLookupForm,
        queryset=RecordRequest.objects.all(),
        limit=STATUS_LOOKUPS,
        template="records/status.html",
        name="record_request",
    )


def _from_token(request, token: str, purpose: str):
    """(the request, None) for a genuine link, else (None, the page that refuses it)."""
    try:
        return tokens.request_for(token, purpose), None
    except tokens.TokenExpired:
        expired = True
    except tokens.TokenInvalid:
        expired = False
    context = {"expired": expired, "purpose": purpose, "days": tokens.max_age(purpose).days}
    page = render(request, "records/link_invalid.html", context, status=410 if expired else 404)
    return None, page


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    record_request, refused = _from_token(request, token, tokens.CONFIRM)
    if record_request is None:
        return refused
    if request.method == "POST" or record_request.email_confirmed:
        record_request = operations.record_request_confirm_email(record_request=record_request)
        return render(request, "records/confirmed.html", {"record_request": record_request})
    return render(request, "records/confirm.html", {"record_request": record_request})


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def download(request, token):
    record_request, refused = _from_token(request, token, tokens.DOWNLOAD)
    if record_request is None:
        return refused
    template = "records/download.html"
    context = {"record_request": record_request}
    if record_request.status == Status.REFUSED or not record_request.has_document:
        return render(request, template, {**context, "unavailable": True}, status=410)
    if not record_request.email_confirmed:
        return render(request, template, {**context, "unconfirmed": True}, status=403)
    form = forms.DownloadForm(request.POST if request.method == "POST" else None)
    context["form"] = form
    if request.method == "POST":
        # Every attempt counts: guessing the address is what it stops.
        if refusal := ratelimits.over_limit(request, DOWNLOAD_CHECKS):
            return refusal.render(request, template, context, form=form)
        if form.is_valid():
            typed = form.cleaned_data["email"].strip().casefold()
            if typed == record_request.requester_email.strip().casefold():
                return _stream(record_request)
            form.add_error("email", wrong_email_message())
        return render(request, template, context, status=400)
    return render(request, template, context)


def wrong_email_message():
    return _(
        "That is not the email address this request was made with. Type the address you "
        "gave on the form."
    )


def _stream(record_request):
    try:
        file = record_request.document.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    operations.record_request_download(record_request=record_request)
    return document_response(file, record_request)


def document_response(file, record_request) -> FileResponse:
    """The document as a download that no cache keeps and no browser sniffs."""
    response = FileResponse(file, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, record_request.document_filename
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response

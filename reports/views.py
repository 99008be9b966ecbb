"""The resident's side of online reports: start page, guide, questions, details, check, send,
confirmation, status lookup and the "add more information" page.

Privacy: the draft's random id is the only thing in the session; nothing personal is in a URL;
journey pages are never cached; POSTed values and local variables stay out of error reports.
"""

import hmac

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST

from core import body_limit, ratelimits
from programs.models import Tip
from reports import forms, journey, operations
from reports.models import (
    IncidentType,
    Report,
    ReportDraft,
    ReportingGuideEntry,
    ReportSettings,
)
from reports.photos import MAX_PHOTOS

SESSION_KEY = "report_draft"
STOP_ANSWERS = {"emergency": "yes", "in_cary": "no", "suspect": "yes"}
STOP_URLS = {
    "emergency": "reports:stop_emergency",
    "in_cary": "reports:stop_not_in_cary",
    "suspect": "reports:stop_known_suspect",
}


# Rate limits per client address (core/ratelimits.py; rates in settings).
DRAFTS = ratelimits.Limit("reports:draft", "REPORTS_DRAFT_RATE")
PHOTOS = ratelimits.Limit(
    "reports:photos",
    "REPORTS_PHOTO_RATE",
    ngettext_lazy(
        "Too many photos have been sent from your connection: we have paused photo uploads for "
        "a while, and these photos were not added. Your other answers are kept. Choose the "
        "photos again in %(minutes)d minute, or carry on without them.",
        "Too many photos have been sent from your connection: we have paused photo uploads for "
        "a while, and these photos were not added. Your other answers are kept. Choose the "
        "photos again in %(minutes)d minutes, or carry on without them.",
        "minutes",
    ),
)
SUBMITS = ratelimits.Limit("reports:submit", "REPORTS_SUBMIT_RATE")
STATUS_LOOKUPS = ratelimits.Limit("reports:status", "REPORTS_STATUS_RATE")


# --- Draft and eligibility helpers ------------------------------------------------------------


def _session_drafts(request):
    """The drafts this session's draft id names (none or one), or None for no usable id."""
    draft_id = request.session.get(SESSION_KEY)
    if not draft_id:
        return None
    try:
        return ReportDraft.objects.filter(pk=draft_id)
    except ValidationError:  # not a UUID: treat as no draft
        return None


def _draft(request) -> ReportDraft | None:
    drafts = _session_drafts(request)
    return None if drafts is None else drafts.select_related("report").first()


def _draft_in_progress(request) -> bool:
    """Whether this session has a draft not sent yet: one small query, no draft loaded."""
    drafts = _session_drafts(request)
    return drafts is not None and drafts.filter(submitted_at__isnull=True).exists()


def _passed(request) -> list[str]:
    value = request.get_signed_cookie(
        journey.ELIGIBILITY_COOKIE,
        default="",
        salt=journey.ELIGIBILITY_SALT,
        max_age=journey.ELIGIBILITY_MAX_AGE,
    )
    return [key for key in value.split(",") if key in journey.ELIGIBILITY]


def _set_passed(response, passed: list[str]):
    response.set_signed_cookie(
        journey.ELIGIBILITY_COOKIE,
        ",".join(passed),
        salt=journey.ELIGIBILITY_SALT,
        max_age=journey.ELIGIBILITY_MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


def _first_unanswered(passed: list[str]) -> str | None:
    for key in journey.ELIGIBILITY:
        if key not in passed:
            return key
    return None


def _step_context(step, *, back_url, **extra) -> dict:
    return {
        "step": step,
        "step_number": step.number,
        "total_steps": journey.TOTAL_STEPS,
        "back_url": back_url,
        **extra,
    }


def _back_url(step, change: bool) -> str:
    if change:
        return reverse("reports:check")
    previous = journey.previous_step(step)
    return previous.url() if previous else reverse("reports:start")


def _after_step(step, change: bool):
    return redirect("reports:check" if change else journey.next_step(step).url())


def _open_draft_or_redirect(request):
    """(draft, None) while a report is being written; (None, redirect) otherwise."""
    draft = _draft(request)
    if draft is None:
        return None, redirect("reports:start")
    if draft.is_submitted:
        return None, redirect("reports:confirmation")
    return draft, None


# --- Start, guide and eligibility -------------------------------------------------------------


@require_http_methods(["GET", "HEAD"])
def start(request):
    # Lazy: the incident types are read inside the page's kept parts (core/fragments.py), that
    # is only when a type or the department record changed since they were last rendered.
    types = SimpleLazyObject(lambda: list(IncidentType.objects.active()))
    return render(
        request,
        "reports/start.html",
        {
            "accepted_types": SimpleLazyObject(lambda: [t for t in types if t.accepted_online]),
            "phone_only_types": SimpleLazyObject(
                lambda: [t for t in types if not t.accepted_online]
            ),
            "draft_in_progress": _draft_in_progress(request),
        },
    )


@require_http_methods(["GET", "HEAD"])
def where_to_report(request):
    entries = list(ReportingGuideEntry.objects.published())
    return render(request, "reports/where.html", {"entries": entries})


@require_POST
def start_again(request):
    draft = _draft(request)
    if draft is not None and not draft.is_submitted:
        operations.draft_discard(draft=draft)
    request.session.pop(SESSION_KEY, None)
    response = redirect("reports:emergency")
    response.delete_cookie(journey.ELIGIBILITY_COOKIE)
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def question(request, *, key):
    """Eligibility questions 1-3. Nothing is written to the database here."""
    step = journey.BY_KEY[key]
    passed = _passed(request)
    for earlier in journey.ELIGIBILITY[: journey.ELIGIBILITY.index(key)]:
        if earlier not in passed:
            return redirect(journey.BY_KEY[earlier].url())
    initial = {"answer": journey.SAFE_ANSWERS[key]} if key in passed else {}
    form = step.form_class(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["answer"] == STOP_ANSWERS[key]:
            return _set_passed(redirect(STOP_URLS[key]), [k for k in passed if k != key])
        passed = [*passed, key] if key not in passed else passed
        return _set_passed(redirect(journey.next_step(step).url()), passed)
    back = journey.previous_step(step)
    return render(
        request,
        "reports/question.html",
        _step_context(step, back_url=back.url() if back else reverse("reports:start"), form=form),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def incident_type(request):
    """Question 4. An incident type accepted online creates the draft; others stop here."""
    step = journey.BY_KEY["incident_type"]
    draft = _draft(request)
    if draft is not None and draft.is_submitted:
        draft = None
    passed = _passed(request)
    missing = _first_unanswered(passed)
    if draft is None and missing:
        return redirect(journey.BY_KEY[missing].url())
    change = request.GET.get("change") == "1" and draft is not None
    types = list(IncidentType.objects.active())
    initial = {"answer": draft.answers.get("incident_type")} if draft else {}
    form = forms.IncidentTypeForm(
        request.POST if request.method == "POST" else None, incident_types=types, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        slug = form.cleaned_data["answer"]
        chosen = next((t for t in types if t.slug == slug and t.accepted_online), None)
        if chosen is None:
            return redirect("reports:stop_not_online", slug=slug)
        if draft is None:
            if refusal := ratelimits.over_limit(request, DRAFTS):
                context = _step_context(step, back_url=_back_url(step, change), form=form)
                return refusal.render(request, "reports/question.html", context, form=form)
            draft = operations.draft_start(incident_type=chosen)
            request.session[SESSION_KEY] = str(draft.pk)
        else:
            operations.draft_save_answers(draft=draft, key="incident_type", value=slug)
        return _after_step(step, change)
    return render(
        request,
        "reports/question.html",
        _step_context(step, back_url=_back_url(step, change), form=form),
    )


@never_cache
def stop(request, *, reason):
    """The stop pages: call 911, report elsewhere, or call the non-emergency line."""
    back = {
        "emergency": "reports:emergency",
        "not_in_cary": "reports:in_cary",
        "known_suspect": "reports:suspect",
    }[reason]
    return render(
        request,
        f"reports/stop_{reason}.html",
        {"back_url": reverse(back), "entries": _guide_if(reason == "not_in_cary")},
    )


def _guide_if(condition: bool) -> list:
    return list(ReportingGuideEntry.objects.published()) if condition else []


@never_cache
def stop_not_online(request, slug):
    incident_type = None
    if slug != forms.OTHER_TYPE:
        incident_type = IncidentType.objects.active().filter(slug=slug).first()
        if incident_type is None or incident_type.accepted_online:
            raise Http404
    return render(
        request,
        "reports/stop_not_online.html",
        {"incident_type": incident_type, "back_url": reverse("reports:incident_type")},
    )


# --- Details -----------------------------------------------------------------------------------


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def detail_step(request, *, key):
    draft, away = _open_draft_or_redirect(request)
    if away:
        return away
    step = journey.BY_KEY[key]
    change = request.GET.get("change") == "1"
    if request.method == "POST":
        form = step.form_class(request.POST)
        if form.is_valid():
            operations.draft_save_answers(draft=draft, key=key, value=form.answers_from())
            return _after_step(step, change)
    else:
        form = step.form_class(initial=draft.answers.get(key) or {})
    return render(
        request,
        step.template,
        _step_context(step, back_url=_back_url(step, change), form=form),
    )


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def property_step(request):
    draft, away = _open_draft_or_redirect(request)
    if away:
        return away
    step = journey.BY_KEY["property"]
    change = request.GET.get("change") == "1"
    if request.method == "POST":
        formset = forms.PropertyFormSet(request.POST, prefix="item")
        if formset.is_valid():
            items = formset.items()
            operations.draft_save_answers(draft=draft, key="property", value=items)
            if request.POST.get("action") == "add":
                url = reverse("reports:property") + ("?change=1&add=1" if change else "?add=1")
                return redirect(f"{url}#item-{len(items)}")
            return _after_step(step, change)
    else:
        items = draft.answers.get("property") or []
        adding = request.GET.get("add") == "1" or not items
        initial = [*items, {}] if adding and len(items) < forms.MAX_PROPERTY_ITEMS else items
        formset = forms.PropertyFormSet(initial=initial, prefix="item")
    return render(
        request,
        step.template,
        _step_context(
            step,
            back_url=_back_url(step, change),
            formset=formset,
            can_add=len(formset.forms) < forms.MAX_PROPERTY_ITEMS,
        ),
    )


@body_limit.too_large_template("reports/photos_too_large.html")
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def photos_step(request):
    draft, away = _open_draft_or_redirect(request)
    if away:
        return away
    step = journey.BY_KEY["photos"]
    change = request.GET.get("change") == "1"
    photos = list(draft.photos.all())
    form = forms.PhotosForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )

    def context():
        return _step_context(
            step,
            back_url=_back_url(step, change),
            form=form,
            photos=photos,
            can_add=len(photos) < MAX_PHOTOS,
            max_photos=MAX_PHOTOS,
        )

    if request.method == "POST":
        remove = request.POST.get("remove")
        if remove:
            for photo in photos:
                if str(photo.pk) == remove:
                    operations.draft_remove_photo(draft=draft, photo=photo)
                    messages.success(request, _("Photo removed."))
            return redirect(request.get_full_path())
        if form.is_valid():
            uploads, upload_key = form.cleaned_data["photos"], form.cleaned_data["upload_key"]
            # A browser's retry of photos already added adds nothing (draft_add_photos): uncounted.
            retry = bool(upload_key) and any(photo.upload_key == upload_key for photo in photos)
            uses = 0 if retry else len(uploads)
            if refusal := ratelimits.over_limit(request, PHOTOS, uses=uses):
                form.renew_upload_key()
                return refusal.render(request, step.template, context(), form=form)
            try:
                refused = operations.draft_add_photos(
                    draft=draft, uploads=uploads, upload_key=upload_key
                )
            except ValidationError as not_added:  # too many, or the storage failed
                refused = [not_added]
            for error in refused:
                form.add_error("photos", error)
            if not form.errors:
                operations.draft_save_answers(draft=draft, key="photos", value=True)
                if request.POST.get("action") == "upload":
                    # Said on the next page, where site.js moves focus to it (read out).
                    added = ngettext(
                        "%(count)s photo added.", "%(count)s photos added.", len(uploads)
                    ) % {"count": len(uploads)}
                    messages.success(request, added)
                    return redirect(request.get_full_path())
                return _after_step(step, change)
            photos = list(draft.photos.all())
        form.renew_upload_key()
    return render(request, step.template, context())


# --- Check, send, confirmation --------------------------------------------------------------


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def check_answers(request):
    draft = _draft(request)
    if draft is None:
        return redirect("reports:start")
    if draft.is_submitted:
        return redirect("reports:confirmation")
    step = journey.CHECK
    answers = journey.DraftAnswers(draft)
    form = forms.DeclarationForm(request.POST if request.method == "POST" else None)
    problems = []

    def context():
        return _step_context(
            step,
            back_url=journey.previous_step(step).url(),
            form=form,
            rows=answers.summary(list(draft.photos.all())),
            problems=[{"message": message, "url": s.url(change=True)} for s, message in problems],
        )

    if request.method == "POST":
        if form.is_valid() and form.honeypot_filled():
            return render(request, "reports/received.html")
        problems = answers.problems()
        if form.is_valid() and not problems:
            # Counted only for a report ready to send: a missed declaration box or an
            # unfinished step is the resident's mistake, not an attempt.
            if refusal := ratelimits.over_limit(request, SUBMITS):
                return refusal.render(request, "reports/check_answers.html", context(), form=form)
            try:
                operations.report_submit(draft=draft, language=request.LANGUAGE_CODE)
            except operations.IncompleteDraft as incomplete:  # changed meanwhile
                problems = incomplete.problems
            else:
                return redirect("reports:confirmation")
    return render(request, "reports/check_answers.html", context())


def _tips(category: str) -> list[Tip]:
    """A few published crime-prevention tips of the incident type's category."""
    if not category:
        return []
    return list(Tip.objects.published().filter(category=category)[:4])


@never_cache
@require_http_methods(["GET", "HEAD"])
@sensitive_variables()
def confirmation(request):
    draft = _draft(request)
    if draft is None or draft.report_id is None:
        return redirect("reports:start")
    report = Report.objects.select_related("incident_type").get(pk=draft.report_id)
    response = render(
        request,
        "reports/confirmation.html",
        {
            "report": report,
            "report_settings": ReportSettings.load(),
            "tips": _tips(report.incident_type.tip_category),
        },
    )
    response.delete_cookie(journey.ELIGIBILITY_COOKIE)
    return response


@never_cache
@require_http_methods(["GET", "HEAD"])
def report_copy(request):
    """A dated copy of what the resident sent, to print or keep for an insurer: only in the
    session that sent it, like the confirmation."""
    draft = _draft(request)
    if draft is None or draft.report_id is None:
        return redirect("reports:start")
    report = (
        Report.objects.select_related("incident_type")
        .prefetch_related("property_items")
        .annotate(photo_count=Count("photos"))
        .get(pk=draft.report_id)
    )
    return render(request, "reports/copy.html", {"report": report, "now": timezone.now()})


# --- Status lookup ---------------------------------------------------------------------------

NO_MATCH_EMAIL = "no-match@invalid"


def _find_report(reference: str, email: str) -> Report | None:
    """The report with this reference whose email matches, else None. The email comparison
    runs (in constant time) whether or not the reference exists."""
    report = Report.objects.filter(reference=reference).select_related("incident_type").first()
    stored = report.reporter_email if report is not None and report.reporter_email else ""
    matches = hmac.compare_digest(
        (stored or NO_MATCH_EMAIL).casefold().encode(), email.strip().casefold().encode()
    )
    return report if (matches and stored) else None


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def status(request):
    form = forms.StatusLookupForm(request.POST if request.method == "POST" else None)
    report = None
    not_found = False
    if request.method == "POST":
        # Every lookup counts, valid or not, found or not: guessing references is exactly what
        # this limit is against, and an invalid one is a guess too.
        if refusal := ratelimits.over_limit(request, STATUS_LOOKUPS):
            context = {"form": form, "report": None, "not_found": False}
            return refusal.render(request, "reports/status.html", context, form=form)
        if form.is_valid():
            if not form.honeypot_filled():
                report = _find_report(form.cleaned_data["reference"], form.cleaned_data["email"])
            not_found = report is None
    return render(
        request, "reports/status.html", {"form": form, "report": report, "not_found": not_found}
    )


# --- More information, through the emailed link ------------------------------------------------


@body_limit.too_large_template("reports/more_information_too_large.html")
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_variables()
def more_information(request, token):
    try:
        link = operations.info_link_for_token(token)
    except operations.InvalidInfoLink:
        link = None
    # A used link still takes a POST to report_add_information: a browser's retry of the
    # answer that used it (same upload key) is told it was sent, not that the link is dead.
    if link is None and request.method != "POST":
        return render(request, "reports/link_invalid.html", status=404)
    form = forms.MoreInformationForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )

    def context():
        return {
            "form": form,
            "report": link.report,
            "event": link.event,
            "expires_at": link.expires_at,
        }

    if request.method == "POST" and form.is_valid():
        if form.honeypot_filled():
            return redirect("reports:more_information_sent")
        uploads = form.cleaned_data["photos"]
        # A used link's retry (see above) stores nothing, so it is not counted.
        uses = 0 if link is None else len(uploads)
        if refusal := ratelimits.over_limit(request, PHOTOS, uses=uses):
            form.renew_upload_key()
            return refusal.render(request, "reports/more_information.html", context(), form=form)
        try:
            operations.report_add_information(
                token=token,
                text=form.cleaned_data["text"],
                uploads=uploads,
                upload_key=form.cleaned_data["upload_key"],
            )
        except operations.InvalidInfoLink:
            return render(request, "reports/link_invalid.html", status=404)
        except ValidationError as not_added:  # refused photos, or the storage failed
            form.add_error("photos", not_added)
        else:
            return redirect("reports:more_information_sent")
    if link is None:
        return render(request, "reports/link_invalid.html", status=404)
    if request.method == "POST":
        form.renew_upload_key()
    return render(request, "reports/more_information.html", context())


@never_cache
def more_information_sent(request):
    return render(request, "reports/more_information_sent.html")

"""Every write to a report that has rules: one keyword-only, atomic function each.

Views and the admin call these; each records what changed as a ``ReportEvent`` and queues its
email in the same transaction (core.mail), so it goes out only once the write has committed.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import links, mail
from reports.forms import occurred_range
from reports.journey import SAFE_ANSWERS, DraftAnswers
from reports.models import (
    DraftPhoto,
    IncidentType,
    PropertyItem,
    ReferenceCounter,
    Report,
    ReportAddition,
    ReportDraft,
    ReportEvent,
    ReportPhoto,
    ReportSettings,
)
from reports.photos import MAX_PHOTOS, ProcessedPhoto, delete_stored, process_photo

logger = logging.getLogger(__name__)
Status = Report.Status
Action = ReportEvent.Action

INFO_LINK_SALT = "reports.more-information"


class ReportError(Exception):
    """A write that the report's current state does not allow. The message is for staff."""


class IncompleteDraft(ReportError):
    def __init__(self, problems):
        super().__init__("The report is not complete.")
        self.problems = problems


class InvalidInfoLink(Exception):
    """The more-information link is forged, expired, or already used."""


# --- Emails -----------------------------------------------------------------------------------


def absolute_url(path: str, *, base_url: str = "") -> str:
    """``base_url`` is the caller's ``core.links.base_url(request)``; without one, the site's."""
    return (base_url or links.base_url()).rstrip("/") + path


def _queue_email(template: str, *, subject: str, to: list[str], context: dict, report):
    """Queue a plain-text email in this transaction: sent by the tasks worker once it commits,
    retried, and a failure logged without personal data (core.mail)."""
    if not to:
        return
    mail.enqueue(
        mail.message_data(
            subject=subject,
            body=render_to_string(f"reports/email/{template}.txt", context),
            to=to,
            label=f"{template} email for report {report.reference}",
        )
    )


def _email_context(report, **extra) -> dict:
    from core.models import DepartmentSettings

    return {
        "report": report,
        "department": DepartmentSettings.load(),
        "report_settings": ReportSettings.load(),
        **extra,
    }


# --- The resident ------------------------------------------------------------------------------


def _require_unsent(draft: ReportDraft) -> None:
    if draft.is_submitted:
        raise ReportError(_("This report has already been sent."))


def draft_start(*, incident_type: IncidentType) -> ReportDraft:
    """Start a draft: only for an incident type accepted online, and only once the eligibility
    questions are passed, so the draft records their safe answers and the type's slug."""
    if not incident_type.accepted_online:
        raise ReportError(_("%(name)s cannot be reported online.") % {"name": incident_type.name})
    return ReportDraft.objects.create(
        answers={"eligibility": dict(SAFE_ANSWERS), "incident_type": incident_type.slug}
    )


def draft_add_photo(*, draft: ReportDraft, upload) -> DraftPhoto:
    """Check, clean and store one upload (``process_photo``), then record it as the draft's
    photo. Raises ValidationError, with nothing stored, when the file is refused."""
    _require_unsent(draft)
    processed = process_photo(upload, folder="drafts")
    return DraftPhoto.objects.create(
        draft=draft,
        file=processed.name,
        content_type=processed.content_type,
        width=processed.width,
        height=processed.height,
        size=processed.size,
        display_name=(upload.name or "")[:100],
    )


def draft_add_photos(
    *, draft: ReportDraft, uploads: list, existing: int | None = None
) -> list[ValidationError]:
    """Add uploads to a draft, which holds at most ``MAX_PHOTOS``.

    A batch that would go past the limit is refused whole (ValidationError). Otherwise each
    upload is added on its own (not atomic): a refused file does not stop the others, the photos
    accepted are kept, and the refusals are returned. ``existing`` is the number of photos the
    draft already has, when the caller has them loaded.
    """
    _require_unsent(draft)
    if existing is None:
        existing = draft.photos.count()
    if existing + len(uploads) > MAX_PHOTOS:
        raise ValidationError(
            _(
                "You can add up to %(max)s photos. You have added %(count)s, so choose "
                "%(left)s or fewer."
            )
            % {"max": MAX_PHOTOS, "count": existing, "left": MAX_PHOTOS - existing}
        )
    refused = []
    for upload in uploads:
        try:
            draft_add_photo(draft=draft, upload=upload)
        except ValidationError as error:
            refused.append(error)
    return refused


def draft_remove_photo(*, draft: ReportDraft, photo: DraftPhoto) -> None:
    """Remove one of the draft's own photos: its row, then its stored file."""
    if photo.draft_id != draft.pk:
        raise ReportError(_("This photo belongs to another report."))
    names = [photo.file.name]
    photo.delete()
    delete_stored(names)


def _next_reference(year: int) -> tuple[int, str]:
    """The next number of the year, unique under concurrency: the counter row stays locked
    until the submitting transaction ends, and the database enforces uniqueness as well."""
    ReferenceCounter.objects.get_or_create(year=year)
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last_number = F("last_number") + 1
    counter.save(update_fields=["last_number"])
    counter.refresh_from_db(fields=["last_number"])
    return counter.last_number, Report.format_reference(year, counter.last_number)


@transaction.atomic
def report_submit(*, draft: ReportDraft, base_url: str = "") -> Report:
    """Turn a complete draft into a report, once. Posting again returns the same report.

    The draft row stays locked until commit, so one draft posted twice at once makes one report;
    an incomplete draft raises IncompleteDraft with its problems. The receipt and the staff
    notice are sent once the transaction has committed.
    """
    draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    if draft.report_id is not None:
        return draft.report

    answers = DraftAnswers(draft)
    problems = answers.problems()
    if problems:
        raise IncompleteDraft(problems)

    now = timezone.now()
    report = _report_from_answers(answers, now=now)
    _copy_property_items(report, answers)
    _move_draft_photos(draft, report)
    ReportEvent.objects.create(
        report=report, action=Action.SUBMITTED, to_status=Status.SUBMITTED, created_at=now
    )
    _mark_draft_sent(draft, report, now=now)
    _send_submitted_emails(report, base_url=base_url)
    return report


def _report_from_answers(answers: DraftAnswers, *, now) -> Report:
    """The report row, with the year's next reference number and the resident's answers."""
    when = answers.cleaned("when")
    location = answers.cleaned("location")
    what = answers.cleaned("what")
    people = answers.cleaned("suspect_vehicle") or {}
    about = answers.cleaned("about_you")
    occurred_from, occurred_until = occurred_range(when)

    year = timezone.localtime(now).year
    number, reference = _next_reference(year)
    return Report.objects.create(
        reference=reference,
        reference_year=year,
        reference_number=number,
        status=Status.SUBMITTED,
        status_changed_at=now,
        submitted_at=now,
        incident_type=answers.incident_type(),
        occurred_from=occurred_from,
        occurred_until=occurred_until,
        location_address=location["address"],
        location_details=location.get("details", ""),
        description=what["description"],
        vehicle_description=people.get("vehicle_description", ""),
        suspect_description=people.get("suspect_description", ""),
        reporter_name=about["name"],
        reporter_email=about["email"],
        reporter_phone=about.get("phone", ""),
        reporter_address=about.get("address", ""),
        preferred_language=about.get("preferred_language", ""),
        contact_method=about["contact_method"],
        declared_at=now,
    )


def _copy_property_items(report: Report, answers: DraftAnswers) -> None:
    PropertyItem.objects.bulk_create(
        PropertyItem(
            report=report,
            position=position,
            description=item["description"],
            brand=item.get("brand", ""),
            serial_number=item.get("serial_number", ""),
            value=item.get("value"),
        )
        for position, item in enumerate(answers.property_items())
    )


def _move_draft_photos(draft: ReportDraft, report: Report) -> None:
    """The draft's photos become the report's, in order, keeping their ids and stored files."""
    draft_photos = list(draft.photos.all())
    ReportPhoto.objects.bulk_create(
        ReportPhoto(
            id=photo.id,
            report=report,
            position=position,
            file=photo.file.name,
            content_type=photo.content_type,
            width=photo.width,
            height=photo.height,
            size=photo.size,
            created_at=photo.created_at,
        )
        for position, photo in enumerate(draft_photos)
    )
    # The files now belong to the report's photos: remove the draft's rows, not the files.
    DraftPhoto.objects.filter(draft=draft).delete()


def _mark_draft_sent(draft: ReportDraft, report: Report, *, now) -> None:
    """The draft points at its report and keeps no personal answers."""
    draft.report = report
    draft.submitted_at = now
    draft.answers = {"incident_type": draft.answers.get("incident_type")}
    draft.save(update_fields=["report", "submitted_at", "answers", "updated_at"])


def _send_submitted_emails(report: Report, *, base_url: str) -> None:
    """The resident's receipt, and the notice to the staff's address list."""
    reference = report.reference
    context = _email_context(
        report,
        status_url=absolute_url(reverse("reports:status"), base_url=base_url),
    )
    _queue_email(
        "receipt",
        subject=_("Your crime report %(reference)s") % {"reference": reference},
        to=[report.reporter_email],
        context=context,
        report=report,
    )
    staff_context = {
        **context,
        "admin_url": absolute_url(
            reverse("admin:reports_report_change", args=[report.pk]), base_url=base_url
        ),
    }
    _queue_email(
        "staff_new_report",
        subject=_("New online report %(reference)s") % {"reference": reference},
        to=list(settings.STAFF_NOTIFICATION_EMAILS),
        context=staff_context,
        report=report,
    )


@dataclass(frozen=True)
class InfoLink:
    report: Report
    event: ReportEvent
    expires_at: object


def info_link_token(*, report: Report, event: ReportEvent, days: int) -> str:
    return signing.TimestampSigner(salt=INFO_LINK_SALT).sign_object(
        {"r": report.pk, "e": event.pk, "d": days}
    )


def info_link_for_token(token: str) -> InfoLink:
    """The open request for more information a link belongs to, or InvalidInfoLink."""
    signer = signing.TimestampSigner(salt=INFO_LINK_SALT)
    try:
        data = signer.unsign_object(token)
        signer.unsign_object(token, max_age=timedelta(days=int(data["d"])))
        report_pk, event_pk = int(data["r"]), int(data["e"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise InvalidInfoLink from None
    report = Report.objects.filter(pk=report_pk, status=Status.INFO_REQUESTED).first()
    if report is None:
        raise InvalidInfoLink
    latest = report.events.filter(action=Action.INFO_REQUESTED).order_by("-created_at", "-pk")
    event = latest.first()
    if event is None or event.pk != event_pk:
        raise InvalidInfoLink  # a newer request replaced this link
    return InfoLink(
        report=report, event=event, expires_at=event.created_at + timedelta(days=int(data["d"]))
    )


@transaction.atomic
def report_add_information(
    *, token: str, text: str, photos: list[ProcessedPhoto], base_url: str = ""
) -> Report:
    """The resident answers a request for more information: text and photos join the report."""
    link = info_link_for_token(token)
    report = Report.objects.select_for_update().get(pk=link.report.pk)
    if report.status != Status.INFO_REQUESTED:
        raise InvalidInfoLink
    existing = report.photos.count()
    addition = ReportAddition.objects.create(report=report, text=text.strip())
    ReportPhoto.objects.bulk_create(
        ReportPhoto(
            report=report,
            addition=addition,
            position=existing + position,
            file=photo.name,
            content_type=photo.content_type,
            width=photo.width,
            height=photo.height,
            size=photo.size,
        )
        for position, photo in enumerate(photos)
    )
    _change_status(
        report,
        to_status=Status.IN_REVIEW,
        action=Action.INFO_ADDED,
        actor=None,
        note=_("%(count)s photo(s) added.") % {"count": len(photos)} if photos else "",
    )
    if report.assigned_to_id and report.assigned_to.email:
        _queue_email(
            "staff_information_added",
            subject=_("More information for report %(reference)s")
            % {"reference": report.reference},
            to=[report.assigned_to.email],
            context=_email_context(
                report,
                admin_url=absolute_url(
                    reverse("admin:reports_report_change", args=[report.pk]), base_url=base_url
                ),
            ),
            report=report,
        )
    return report


# --- Staff -----------------------------------------------------------------------------------


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().select_related("incident_type").get(pk=report.pk)


def _require_open(report: Report) -> None:
    if report.is_closed:
        raise ReportError(
            _("Report %(reference)s is already closed (%(status)s).")
            % {"reference": report.reference, "status": report.get_status_display()}
        )


def _change_status(report, *, to_status, action, actor, note="", fields=()) -> ReportEvent:
    now = timezone.now()
    from_status = report.status
    report.status = to_status
    report.status_changed_at = now
    report.save(update_fields=["status", "status_changed_at", *fields])
    return ReportEvent.objects.create(
        report=report,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        note=note,
        created_at=now,
    )


@transaction.atomic
def report_assign(*, report: Report, reviewer, actor) -> Report:
    report = _locked(report)
    _require_open(report)
    report.assigned_to = reviewer
    to_status = Status.IN_REVIEW if report.status == Status.SUBMITTED else report.status
    _change_status(
        report,
        to_status=to_status,
        action=Action.ASSIGNED,
        actor=actor,
        note=_("Assigned to %(name)s") % {"name": reviewer.get_full_name() or reviewer.username},
        fields=["assigned_to"],
    )
    return report


@transaction.atomic
def report_request_info(*, report: Report, actor, note: str, base_url: str = "") -> Report:
    report = _locked(report)
    _require_open(report)
    days = ReportSettings.load().info_request_valid_days
    report.resident_message = note
    if report.assigned_to_id is None:
        report.assigned_to = actor
    event = _change_status(
        report,
        to_status=Status.INFO_REQUESTED,
        action=Action.INFO_REQUESTED,
        actor=actor,
        note=note,
        fields=["resident_message", "assigned_to"],
    )
    token = info_link_token(report=report, event=event, days=days)
    link = absolute_url(reverse("reports:more_information", args=[token]), base_url=base_url)
    _queue_email(
        "info_request",
        subject=_("We need more information about your report %(reference)s")
        % {"reference": report.reference},
        to=[report.reporter_email],
        context=_email_context(
            report, note=note, link=link, expires_at=event.created_at + timedelta(days=days)
        ),
        report=report,
    )
    return report


@transaction.atomic
def report_approve(*, report: Report, actor, case_number: str, message: str = "") -> Report:
    report = _locked(report)
    _require_open(report)
    report.case_number = case_number.strip()
    report.resident_message = message.strip()
    _change_status(
        report,
        to_status=Status.APPROVED,
        action=Action.APPROVED,
        actor=actor,
        note=_("Case number %(case)s. %(message)s")
        % {"case": report.case_number, "message": report.resident_message},
        fields=["case_number", "resident_message"],
    )
    _queue_email(
        "approved",
        subject=_("Your report %(reference)s is approved") % {"reference": report.reference},
        to=[report.reporter_email],
        context=_email_context(report),
        report=report,
    )
    return report


@transaction.atomic
def report_reject(*, report: Report, actor, reason, note: str = "") -> Report:
    report = _locked(report)
    _require_open(report)
    report.rejection_reason = reason
    report.resident_message = "\n\n".join(
        part for part in (reason.explanation, note.strip()) if part
    )
    _change_status(
        report,
        to_status=Status.REJECTED,
        action=Action.REJECTED,
        actor=actor,
        note=f"{reason.title}. {note.strip()}".strip(),
        fields=["rejection_reason", "resident_message"],
    )
    _queue_email(
        "rejected",
        subject=_("About your report %(reference)s") % {"reference": report.reference},
        to=[report.reporter_email],
        context=_email_context(report, reason=reason, note=note.strip()),
        report=report,
    )
    return report


# --- Retention -----------------------------------------------------------------------------------

ANONYMISED = "[removed]"


@transaction.atomic
def report_anonymise(*, report: Report) -> Report:
    """Delete a closed report's photos (files too) and remove the resident's personal data."""
    report = _locked(report)
    if not report.is_closed or report.anonymised_at is not None:
        raise ReportError(_("Only closed reports are anonymised, and only once."))
    names = list(report.photos.values_list("file", flat=True))
    report.photos.all().delete()
    report.property_items.update(serial_number="")
    report.additions.update(text=ANONYMISED)
    report.events.exclude(note="").update(note=ANONYMISED)
    for field in (
        "reporter_phone",
        "reporter_address",
        "preferred_language",
        "vehicle_description",
        "suspect_description",
        "location_details",
        "resident_message",
    ):
        setattr(report, field, "")
    report.reporter_name = ANONYMISED
    report.reporter_email = ""
    report.description = ANONYMISED
    report.location_address = ANONYMISED
    report.anonymised_at = timezone.now()
    report.save()
    ReportEvent.objects.create(
        report=report,
        action=Action.ANONYMISED,
        from_status=report.status,
        to_status=report.status,
    )
    transaction.on_commit(lambda: delete_stored(names))
    return report


@transaction.atomic
def draft_discard(*, draft: ReportDraft) -> None:
    """Delete an unsent draft and its photos (files too)."""
    names = list(draft.photos.values_list("file", flat=True))
    draft.delete()
    transaction.on_commit(lambda: delete_stored(names))


def draft_save_answers(*, draft: ReportDraft, key: str, value) -> None:
    """Plain update of one step's answers (no rules beyond the form's own)."""
    draft.answers = {**(draft.answers or {}), key: value}
    draft.save(update_fields=["answers", "updated_at"])

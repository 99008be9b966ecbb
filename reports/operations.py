"""Every write to a report that has rules: one keyword-only, atomic function each.

Views and the admin call these; each records what changed as a ``ReportEvent`` and queues its
email in the same transaction (core.mail), so it goes out only once the write has committed.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import links, mail
from core.tasks import enqueue_with_write
from reports import photos
from reports.forms import occurred_range
from reports.journey import SAFE_ANSWERS, DraftAnswers
from reports.models import (
    DraftPhoto,
    IncidentType,
    PhotoFailure,
    PhotoState,
    PropertyItem,
    ReferenceCounter,
    Report,
    ReportAddition,
    ReportDraft,
    ReportEvent,
    ReportPhoto,
    ReportSettings,
)
from reports.photos import MAX_PHOTOS, delete_stored

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


def _in_resident_language(report):
    """Everything an email to the resident shows in the language they filed the report in: its
    words and subject, its dates, staff-edited text (modeltranslation, English where a field
    has no translation) and its links (reverse() gives the language's /es/ prefix)."""
    return translation.override(report.language)


def _in_staff_language():
    """Staff notices in the site's default language, whichever language the resident or the
    reviewer uses."""
    return translation.override(settings.LANGUAGE_CODE)


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


def _too_many_photos(existing: int) -> ValidationError:
    return ValidationError(
        _(
            "You can add up to %(max)s photos. You have added %(count)s, so choose "
            "%(left)s or fewer."
        )
        % {"max": MAX_PHOTOS, "count": existing, "left": MAX_PHOTOS - existing},
        code="too_many_photos",
    )


def _queue_processing(photo) -> None:
    from reports.tasks import process_photo  # the tasks module imports this one

    enqueue_with_write(process_photo, str(photo.pk))


def _receive_photos(accepted, new_row) -> list:
    """Store each checked upload in quarantine, record its "received" row (``new_row(index,
    checked, original_name)`` gives it, unsaved) and queue its processing, all within the
    caller's transaction. If anything fails, the files stored so far are deleted before the
    error goes on and the transaction rolls the rows back; a storage error becomes the
    resident's ValidationError(NOT_STORED). (Should the caller's transaction roll back later,
    the files left in quarantine have no row: purge_reports sweeps them after an hour.)
    """
    stored, rows = [], []
    try:
        for index, checked in accepted:
            name = photos.store_original(checked)
            stored.append(name)
            row = new_row(index, checked, name)
            row.save(force_insert=True)
            rows.append(row)
            _queue_processing(row)
    except photos.PhotoNotStored:
        delete_stored(stored)
        raise ValidationError(photos.NOT_STORED, code="not_stored") from None
    except BaseException:
        delete_stored(stored)
        raise
    return rows


@transaction.atomic
def draft_add_photos(
    *, draft: ReportDraft, uploads: list, upload_key: str
) -> list[ValidationError]:
    """Add uploads to a draft, which holds at most ``MAX_PHOTOS``; ``upload_key`` is the upload
    form's random key.

    Each upload gets the cheap check (photos.check_upload): a refused file does not stop the
    others, and the refusals are returned. The accepted ones are stored in quarantine as
    "received" photos and queued for processing. Raises ValidationError, with nothing stored,
    for a batch that would go past the limit or when the storage fails. The same key posted
    again (a retry after a lost response) adds nothing. The draft row stays locked until
    commit, so two posts at once cannot pass the limit or both add the same key's photos.
    """
    draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
    _require_unsent(draft)
    if upload_key and draft.photos.filter(upload_key=upload_key).exists():
        return []
    existing = draft.photos.count()
    if existing + len(uploads) > MAX_PHOTOS:
        raise _too_many_photos(existing)
    accepted, refused = photos.check_uploads(uploads)
    _receive_photos(
        accepted,
        lambda index, checked, name: DraftPhoto(
            draft=draft,
            original=name,
            state=PhotoState.RECEIVED,
            display_name=checked.display_name,
            upload_key=upload_key,
            upload_index=index,
            **checked.row_fields(),
        ),
    )
    return refused


@transaction.atomic
def draft_remove_photo(*, draft: ReportDraft, photo: DraftPhoto) -> None:
    """Remove one of the draft's own photos, in any state: its row, then (once that is
    committed) its stored files."""
    if photo.draft_id != draft.pk:
        raise ReportError(_("This photo belongs to another report."))
    photo = DraftPhoto.objects.select_for_update().filter(pk=photo.pk).first()
    if photo is None:
        return
    names = photo.stored_names()
    photo.delete()
    transaction.on_commit(lambda: delete_stored(names))


# --- Processing the photos (reports/tasks.py) ------------------------------------------------

# Runs of the processing task one photo may take, a killed worker's included (purge_reports
# queues a photo again when a run never finished).
MAX_PROCESSING_ATTEMPTS = 4
PHOTO_MODELS = (DraftPhoto, ReportPhoto)


def _locked_photo(photo_id):
    """The photo, locked: still a draft's, or by now (same id) a report's. The draft's row is
    tried first: report_submit locks the draft's photos while it moves them, so once this
    lock is granted a moved photo is found as the report's."""
    for model in PHOTO_MODELS:
        photo = model.objects.select_for_update().filter(pk=photo_id).first()
        if photo is not None:
            return photo
    return None


def _folder(photo) -> str:
    return photos.DRAFT_FOLDER if isinstance(photo, DraftPhoto) else photos.REPORT_FOLDER


@transaction.atomic
def photo_start_processing(*, photo_id) -> tuple[str, str, int] | None:
    """Count one more attempt at a received photo: (its quarantined original, the folder for
    the result, the attempt's number), or None when there is nothing to do (the photo is
    gone, processed already, or marked failed here after too many attempts)."""
    photo = _locked_photo(photo_id)
    if photo is None or photo.state != PhotoState.RECEIVED:
        return None
    photo.attempts += 1
    if photo.attempts > MAX_PROCESSING_ATTEMPTS:
        _mark_failed(photo, PhotoFailure.GAVE_UP)
        return None
    photo.save(update_fields=["attempts"])
    return photo.original.name, _folder(photo), photo.attempts


@transaction.atomic
def photo_mark_ready(*, photo_id, clean: photos.CleanPhoto, name: str) -> bool:
    """Record the cleaned file ``name`` as the photo's and delete its quarantine copy once
    that is committed. False, changing nothing, when the photo is no longer waiting for it:
    the caller then deletes ``name``."""
    photo = _locked_photo(photo_id)
    if photo is None or photo.state != PhotoState.RECEIVED:
        return False
    quarantined = photo.original.name
    photo.state = PhotoState.READY
    photo.file = name
    photo.original = ""
    photo.content_type = clean.content_type
    photo.width, photo.height = clean.width, clean.height
    photo.size = len(clean.data)
    photo.save(
        update_fields=["state", "file", "original", "content_type", "width", "height", "size"]
    )
    transaction.on_commit(lambda: delete_stored([quarantined]))
    return True


def _mark_failed(photo, failure: str) -> None:
    names = photo.stored_names()
    photo.state = PhotoState.FAILED
    photo.failure = failure
    photo.original = photo.file = ""
    photo.save(update_fields=["state", "failure", "original", "file", "attempts"])
    transaction.on_commit(lambda: delete_stored(names))


@transaction.atomic
def photo_mark_failed(*, photo_id, failure: str) -> bool:
    """Mark a received photo failed, with the reason staff see, and delete its quarantine
    copy once that is committed: an upload that could not be cleaned is never kept."""
    photo = _locked_photo(photo_id)
    if photo is None or photo.state != PhotoState.RECEIVED:
        return False
    _mark_failed(photo, failure)
    return True


def photos_requeue_stalled(*, now=None, dry_run: bool = False) -> int:
    """Queue again the drafts' and reports' photos that lost their task
    (``photos.requeue_stalled``)."""
    return photos.requeue_stalled(PHOTO_MODELS, _queue_processing, now=now, dry_run=dry_run)


def photo_files_sweep(*, now=None, dry_run: bool = False) -> list[str]:
    """Delete the files in the photos' folders of the private storage that no photo row
    names and that are more than an hour old: what a killed request or worker, or a rolled
    back transaction, left behind (quarantine copies included). Returns their names.

    The files are listed before the rows are read, and only old files are touched, so a file
    whose row is being written at this moment is never taken for an orphan.
    """
    storage = photos.private_storage()
    cutoff = (now or timezone.now()) - photos.STALE_AFTER
    folders = [*photos.PHOTO_FOLDERS, *photos.other_photo_models.values()]
    found = [name for folder in folders for name in _walk(storage, folder)]
    named = set()
    others = [apps.get_model(label) for label in photos.other_photo_models]
    for model in [*PHOTO_MODELS, *others]:
        for original, file in model.objects.values_list("original", "file"):
            named.update((original, file))
    orphans = []
    for name in found:
        if name in named:
            continue
        try:
            if storage.get_modified_time(name) >= cutoff:
                continue
        except FileNotFoundError:
            continue  # deleted meanwhile
        orphans.append(name)
    if not dry_run:
        delete_stored(orphans)
    return orphans


def _walk(storage, folder: str):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for file in files:
        yield f"{folder}/{file}"
    for child in folders:
        yield from _walk(storage, f"{folder}/{child}")


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
def report_submit(*, draft: ReportDraft, language: str | None = None) -> Report:
    """Turn a complete draft into a report, once. Posting again returns the same report.
    ``language``: the one the resident used (the request's), recorded for every email to them;
    the site's default when None.

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
    report = _report_from_answers(answers, now=now, language=language or settings.LANGUAGE_CODE)
    _copy_property_items(report, answers)
    _move_draft_photos(draft, report)
    ReportEvent.objects.create(
        report=report, action=Action.SUBMITTED, to_status=Status.SUBMITTED, created_at=now
    )
    _mark_draft_sent(draft, report, now=now)
    _send_submitted_emails(report)
    return report


def _report_from_answers(answers: DraftAnswers, *, now, language: str) -> Report:
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
        language=language,
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
    """The draft's photos become the report's, in order, keeping their ids, states and stored
    files. They stay locked until commit, so the processing task cannot record a result on a
    draft photo that is being moved (it waits, then finds the report's)."""
    draft_photos = list(draft.photos.select_for_update())
    ReportPhoto.objects.bulk_create(
        ReportPhoto(
            id=photo.id,
            report=report,
            position=position,
            state=photo.state,
            failure=photo.failure,
            original=photo.original.name,
            file=photo.file.name,
            content_type=photo.content_type,
            width=photo.width,
            height=photo.height,
            size=photo.size,
            upload_key=photo.upload_key,
            upload_index=photo.upload_index,
            attempts=photo.attempts,
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


def _send_submitted_emails(report: Report) -> None:
    """The resident's receipt, and the notice to the staff's address list."""
    reference = report.reference
    with _in_resident_language(report):
        _queue_email(
            "receipt",
            subject=_("Your crime report %(reference)s") % {"reference": reference},
            to=[report.reporter_email],
            context=_email_context(
                report, status_url=links.absolute_url(reverse("reports:status"))
            ),
            report=report,
        )
    with _in_staff_language():
        admin_path = reverse("admin:reports_report_change", args=[report.pk])
        _queue_email(
            "staff_new_report",
            subject=_("New online report %(reference)s") % {"reference": reference},
            to=list(settings.STAFF_NOTIFICATION_EMAILS),
            context=_email_context(report, admin_url=links.absolute_url(admin_path)),
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


def _info_link_data(token: str) -> tuple[int, int, int]:
    """(report pk, event pk, days) of a genuine link that has not expired, or InvalidInfoLink."""
    signer = signing.TimestampSigner(salt=INFO_LINK_SALT)
    try:
        data = signer.unsign_object(token)
        signer.unsign_object(token, max_age=timedelta(days=int(data["d"])))
        return int(data["r"]), int(data["e"]), int(data["d"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise InvalidInfoLink from None


def info_link_for_token(token: str) -> InfoLink:
    """The open request for more information a link belongs to, or InvalidInfoLink."""
    report_pk, event_pk, days = _info_link_data(token)
    report = Report.objects.filter(pk=report_pk, status=Status.INFO_REQUESTED).first()
    if report is None:
        raise InvalidInfoLink
    latest = report.events.filter(action=Action.INFO_REQUESTED).order_by("-created_at", "-pk")
    event = latest.first()
    if event is None or event.pk != event_pk:
        raise InvalidInfoLink  # a newer request replaced this link
    return InfoLink(report=report, event=event, expires_at=event.created_at + timedelta(days=days))


@transaction.atomic
def report_add_information(*, token: str, text: str, uploads: list, upload_key: str) -> Report:
    """The resident answers a request for more information: text and photos join the report.

    The photos take the draft's path (photos.check_upload, then ``_receive_photos``: quarantine,
    a "received" row, processing queued). Any refused photo refuses the whole answer
    (ValidationError with every refusal, nothing stored), as does a storage error. The same
    form posted again (``upload_key``; a retry after a lost response) returns the report and
    adds nothing, although the link has been used by then.
    """
    report_pk, _event_pk, _days = _info_link_data(token)
    if (
        upload_key
        and ReportAddition.objects.filter(report_id=report_pk, upload_key=upload_key).exists()
    ):
        return Report.objects.get(pk=report_pk)
    link = info_link_for_token(token)
    report = Report.objects.select_for_update().get(pk=link.report.pk)
    if report.status != Status.INFO_REQUESTED:
        raise InvalidInfoLink
    if len(uploads) > MAX_PHOTOS:
        raise ValidationError(
            _("You can add up to %(max)s photos at a time.") % {"max": MAX_PHOTOS},
            code="too_many_photos",
        )
    accepted, refused = photos.check_uploads(uploads)
    if refused:
        raise ValidationError(refused)
    existing = report.photos.count()
    addition = ReportAddition.objects.create(
        report=report, text=text.strip(), upload_key=upload_key
    )
    _receive_photos(
        accepted,
        lambda index, checked, name: ReportPhoto(
            report=report,
            addition=addition,
            position=existing + index,
            original=name,
            state=PhotoState.RECEIVED,
            upload_key=upload_key,
            upload_index=index,
            **checked.row_fields(),
        ),
    )
    _change_status(
        report,
        to_status=Status.IN_REVIEW,
        action=Action.INFO_ADDED,
        actor=None,
        note=_("%(count)s photo(s) added.") % {"count": len(accepted)} if accepted else "",
    )
    if report.assigned_to_id and report.assigned_to.email:
        with _in_staff_language():
            admin_path = reverse("admin:reports_report_change", args=[report.pk])
            _queue_email(
                "staff_information_added",
                subject=_("More information for report %(reference)s")
                % {"reference": report.reference},
                to=[report.assigned_to.email],
                context=_email_context(report, admin_url=links.absolute_url(admin_path)),
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
def report_request_info(*, report: Report, actor, note: str) -> Report:
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
    with _in_resident_language(report):
        link = links.absolute_url(reverse("reports:more_information", args=[token]))
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
    with _in_resident_language(report):
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
    with _in_resident_language(report):  # the reason's explanation in the resident's language
        explanation = reason.explanation
    report.resident_message = "\n\n".join(part for part in (explanation, note.strip()) if part)
    _change_status(
        report,
        to_status=Status.REJECTED,
        action=Action.REJECTED,
        actor=actor,
        note=f"{reason.title}. {note.strip()}".strip(),
        fields=["rejection_reason", "resident_message"],
    )
    with _in_resident_language(report):
        _queue_email(
            "rejected",
            subject=_("About your report %(reference)s") % {"reference": report.reference},
            to=[report.reporter_email],
            context=_email_context(report, reason=reason, note=note.strip()),
            report=report,
        )
    return report


def _stored_names(photo_rows) -> list[str]:
    """Every stored file of these photos: processed files and quarantine copies."""
    return [name for pair in photo_rows.values_list("original", "file") for name in pair if name]


# --- Retention -----------------------------------------------------------------------------------

ANONYMISED = "[removed]"


@transaction.atomic
def report_anonymise(*, report: Report) -> Report:
    """Delete a closed report's photos (files too) and remove the resident's personal data."""
    report = _locked(report)
    if not report.is_closed or report.anonymised_at is not None:
        raise ReportError(_("Only closed reports are anonymised, and only once."))
    names = _stored_names(report.photos.all())
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
    names = _stored_names(draft.photos.all())
    draft.delete()
    transaction.on_commit(lambda: delete_stored(names))


def draft_save_answers(*, draft: ReportDraft, key: str, value) -> None:
    """Plain update of one step's answers (no rules beyond the form's own)."""
    draft.answers = {**(draft.answers or {}), key: value}
    draft.save(update_fields=["answers", "updated_at"])

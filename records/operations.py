"""Every write to a record request that has rules: one keyword-only, atomic function each.

Views, the admin, the demo loader and tests call these; each records what changed as a
``RecordRequestEvent`` and queues its email in the same transaction (core.mail, sent by the
task worker). Sample requests (the demo's) send no email. Stored documents are deleted once
the transaction that stops using them has committed.
"""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import links, mail, references
from records import documents, tokens
from records.models import REFERENCE_PREFIX, RecordRequest, RecordRequestEvent, new_key

Status = RecordRequest.Status
Action = RecordRequestEvent.Action

OPEN_STATUSES = (Status.RECEIVED, Status.IN_PROGRESS, Status.READY)


class RecordRequestError(Exception):
    """A write the request's state does not allow. The message is for staff."""


def _record(record_request, *, action, actor=None, from_status, note="", now=None):
    return RecordRequestEvent.objects.create(
        record_request=record_request,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=record_request.status,
        note=note,
        created_at=now or timezone.now(),
    )


def _locked(record_request: RecordRequest) -> RecordRequest:
    return RecordRequest.objects.select_for_update().get(pk=record_request.pk)


def _queue_email(record_request: RecordRequest, template: str, subject, **context) -> None:
    if record_request.is_sample:
        return
    from core.models import DepartmentSettings

    with translation.override(record_request.language):
        body = render_to_string(
            f"records/email/{template}.txt",
            {
                "record_request": record_request,
                "department": DepartmentSettings.load(),
                "status_url": links.absolute_url(reverse("records:status")),
                **context,
            },
        )
        subject = str(subject % {"reference": record_request.reference})
    mail.enqueue(
        mail.message_data(
            subject=subject,
            body=body,
            to=[record_request.requester_email],
            label=f"{template} email for record request {record_request.reference}",
        )
    )


def _confirm_url(record_request):
    return None if record_request.email_confirmed else tokens.url(record_request, tokens.CONFIRM)


# --- The resident ----------------------------------------------------------------------------


@transaction.atomic
def record_request_submit(
    *,
    kind: str,
    description: str,
    incident_date,
    location: str,
    requester_name: str,
    requester_email: str,
    relationship: str,
    case_number: str = "",
    requester_phone: str = "",
    reason: str = "",
    language: str | None = None,
    is_sample: bool = False,
) -> RecordRequest:
    """Record a request with its history's first entry, and queue the receipt, which holds the
    link that confirms the email address."""
    now = timezone.now()
    record_request = references.create_with_new_reference(
        RecordRequest,
        REFERENCE_PREFIX,
        {
            "kind": kind,
            "description": description.strip(),
            "incident_date": incident_date,
            "location": location.strip(),
            "case_number": case_number.strip(),
            "requester_name": requester_name.strip(),
            "requester_email": requester_email.strip(),
            "requester_phone": requester_phone.strip(),
            "relationship": relationship,
            "reason": reason.strip(),
            "language": language or settings.LANGUAGE_CODE,
            "status": Status.RECEIVED,
            "status_changed_at": now,
            "is_sample": is_sample,
            "created_at": now,
        },
    )
    _record(record_request, action=Action.SUBMITTED, from_status="", now=now)
    _queue_email(
        record_request,
        "receipt",
        gettext_lazy("We received your request for a record, %(reference)s"),
        confirm_url=tokens.url(record_request, tokens.CONFIRM),
        confirm_days=settings.RECORDS_CONFIRM_DAYS,
    )
    return record_request


@transaction.atomic
def record_request_confirm_email(*, record_request: RecordRequest) -> RecordRequest:
    """The requester followed the link in their email: the address is theirs. Confirming
    again changes nothing."""
    record_request = _locked(record_request)
    if record_request.email_confirmed:
        return record_request
    record_request.email_confirmed_at = timezone.now()
    record_request.save(update_fields=["email_confirmed_at", "updated_at"])
    _record(record_request, action=Action.EMAIL_CONFIRMED, from_status=record_request.status)
    return record_request


@transaction.atomic
def record_request_download(*, record_request: RecordRequest) -> RecordRequest:
    """The requester downloads the document (their link and their address checked by the
    view): recorded, and the first download fulfils the request."""
    record_request = _locked(record_request)
    if not record_request.has_document or record_request.status not in (
        Status.READY,
        Status.FULFILLED,
    ):
        raise RecordRequestError(_("There is no document to download."))
    if not record_request.email_confirmed:
        raise RecordRequestError(_("The email address is not confirmed yet."))
    before = record_request.status
    if before == Status.READY:
        record_request.status = Status.FULFILLED
        record_request.status_changed_at = timezone.now()
        record_request.save(update_fields=["status", "status_changed_at", "updated_at"])
    _record(record_request, action=Action.DOWNLOADED, from_status=before)
    return record_request


# --- Staff -----------------------------------------------------------------------------------


def _change_status(record_request, status: str, now=None) -> str:
    before = record_request.status
    record_request.status = status
    record_request.status_changed_at = now or timezone.now()
    return before


@transaction.atomic
def record_request_start(*, record_request: RecordRequest, actor) -> RecordRequest:
    """Staff start looking for the record: received -> in progress."""
    record_request = _locked(record_request)
    if record_request.status != Status.RECEIVED:
        raise RecordRequestError(_("Only a request just received can be started."))
    before = _change_status(record_request, Status.IN_PROGRESS)
    record_request.save(update_fields=["status", "status_changed_at", "updated_at"])
    _record(record_request, action=Action.STARTED, actor=actor, from_status=before)
    return record_request


@transaction.atomic
def record_request_refuse(*, record_request: RecordRequest, actor, reason: str) -> RecordRequest:
    """Refuse an open request with the reason the resident reads on the status page and in
    an email. A document already attached is deleted: its links stop working."""
    record_request = _locked(record_request)
    reason = reason.strip()
    if not reason:
        raise RecordRequestError(_("Write the reason the resident will read."))
    if record_request.status not in OPEN_STATUSES:
        raise RecordRequestError(_("This request is closed already."))
    old_document = record_request.document.name
    before = _change_status(record_request, Status.REFUSED)
    record_request.refusal_reason = reason
    record_request.document = ""  # its links still name the request: they say it was refused
    record_request.save(
        update_fields=["status", "status_changed_at", "refusal_reason", "document", "updated_at"]
    )
    _record(record_request, action=Action.REFUSED, actor=actor, from_status=before, note=reason)
    if old_document:
        transaction.on_commit(lambda: documents.delete_stored([old_document]))
    _queue_email(
        record_request, "refused", gettext_lazy("Your request for a record, %(reference)s")
    )
    return record_request


def _queue_download_link(record_request):
    _queue_email(
        record_request,
        "ready",
        gettext_lazy("Your record is ready to download, %(reference)s"),
        download_url=tokens.url(record_request, tokens.DOWNLOAD),
        download_days=settings.RECORDS_DOWNLOAD_DAYS,
        confirm_url=_confirm_url(record_request),
        confirm_days=settings.RECORDS_CONFIRM_DAYS,
    )


@transaction.atomic
def record_request_attach_document(
    *, record_request: RecordRequest, actor, document: documents.CheckedDocument
) -> RecordRequest:
    """Attach the record (a PDF that passed documents.check_document) and email the resident
    its download link: the request is then "ready". A new document replaces the one before,
    whose links stop working. Raises documents.DocumentNotStored when storage fails."""
    record_request = _locked(record_request)
    if record_request.status == Status.REFUSED:
        raise RecordRequestError(_("This request was refused: nothing can be attached to it."))
    name = documents.store(document)
    try:
        old_document = record_request.document.name
        now = timezone.now()
        before = _change_status(record_request, Status.READY, now)
        record_request.document = name
        record_request.document_key = new_key()
        record_request.document_size = document.size
        record_request.document_pages = document.pages
        record_request.document_attached_at = now
        record_request.save(
            update_fields=[
                "status",
                "status_changed_at",
                "document",
                "document_key",
                "document_size",
                "document_pages",
                "document_attached_at",
                "updated_at",
            ]
        )
        note = _("%(pages)s page(s), %(size)s KB") % {
            "pages": document.pages,
            "size": max(1, document.size // 1024),
        }
        _record(
            record_request,
            action=Action.DOCUMENT_ATTACHED,
            actor=actor,
            from_status=before,
            note=note,
            now=now,
        )
        _queue_download_link(record_request)
    except BaseException:
        documents.delete_stored([name])
        raise
    if old_document:
        transaction.on_commit(lambda: documents.delete_stored([old_document]))
    return record_request


@transaction.atomic
def record_request_send_link(*, record_request: RecordRequest, actor) -> RecordRequest:
    """Email the download link again, with a new expiry (and the confirmation link, while the
    address is not confirmed)."""
    record_request = _locked(record_request)
    if record_request.status not in (Status.READY, Status.FULFILLED) or not (
        record_request.has_document
    ):
        raise RecordRequestError(_("There is no document to send a link to."))
    _record(record_request, action=Action.LINK_SENT, actor=actor, from_status=record_request.status)
    _queue_download_link(record_request)
    return record_request


@transaction.atomic
def record_request_staff_download(*, record_request: RecordRequest, actor) -> RecordRequest:
    """A member of the Records group opens the document from the admin: kept in the history."""
    _record(
        record_request,
        action=Action.STAFF_DOWNLOADED,
        actor=actor,
        from_status=record_request.status,
    )
    return record_request


# --- Retention -------------------------------------------------------------------------------


@transaction.atomic
def records_purge(*, retention_days: int, now=None, dry_run: bool = False) -> list[str]:
    """Delete the fulfilled and refused requests whose status last changed more than
    ``retention_days`` ago, with their history and document (the file once committed).
    Returns their references."""
    due = RecordRequest.objects.due_for_purge(retention_days=retention_days, now=now)
    rows = list(due.order_by("status_changed_at").values_list("reference", "document"))
    references = [reference for reference, _name in rows]
    if dry_run or not references:
        return references
    names = [name for _reference, name in rows if name]
    RecordRequest.objects.filter(reference__in=references).delete()
    transaction.on_commit(lambda: documents.delete_stored(names))
    return references

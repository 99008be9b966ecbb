"""Every write to a concern that has rules: one keyword-only, atomic function each.

Views, the admin, the demo loader and tests call these; each records what changed as a
``ConcernEvent`` and queues its email in the same transaction (core.mail). Nothing here ever
receives or stores the sender's address or browser.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from concerns.models import REFERENCE_PREFIX, Concern, ConcernEvent, ConcernPhoto
from core import links, mail, references
from core.tasks import enqueue_with_write
from districts import lookup
from reports import photos
from reports.models import PhotoFailure, PhotoState

logger = logging.getLogger(__name__)
Status = Concern.Status
Action = ConcernEvent.Action

PHOTO_FOLDER = "concerns"  # in the private storage, beside reports' folders
MAX_PROCESSING_ATTEMPTS = 4
POINT_DECIMALS = 5
ANONYMOUS_POINT_DECIMALS = 3


class ConcernError(Exception):
    """A write the concern's state does not allow. The message is for staff."""


# --- The resident ----------------------------------------------------------------------------


def route(*, location: str, latitude: float | None, longitude: float | None):
    """The district of the point when one is given and lies in a district, else of the
    address; None when neither matches ("not routed")."""
    if latitude is not None and longitude is not None:
        district = lookup.district_for_point(latitude, longitude)
        if district is not None:
            return district
    return lookup.district_for_address(location)


@transaction.atomic
def concern_submit(
    *,
    kind: str,
    location: str,
    description: str,
    when_happens: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
    anonymous: bool,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    language: str | None = None,
    photo=None,
    is_sample: bool = False,
) -> Concern:
    """Record a concern, routed to its district, with its history's first entry.

    ``photo``: an upload that passed ``reports.photos.check_upload`` (a CheckedUpload), stored in
    quarantine and queued for the photo worker. An anonymous concern drops every contact
    detail given, and keeps a point only to about 100 m once it is routed. The receipt goes
    only to an email address given without anonymity, in ``language`` (the site's default when
    None), once the transaction has committed.
    """
    district = route(location=location, latitude=latitude, longitude=longitude)
    if anonymous:
        contact_name = contact_email = contact_phone = ""
    # A point from "use my location" may be where the sender stands: once routed, it is kept
    # only to about 100 m for an anonymous tip, 1 m otherwise.
    places = ANONYMOUS_POINT_DECIMALS if anonymous else POINT_DECIMALS
    if latitude is not None and longitude is not None:
        latitude, longitude = round(latitude, places), round(longitude, places)
    else:
        latitude = longitude = None
    now = timezone.now()
    concern = references.create_with_new_reference(
        Concern,
        REFERENCE_PREFIX,
        {
            "kind": kind,
            "location": location.strip(),
            "latitude": latitude,
            "longitude": longitude,
            "when_happens": when_happens.strip(),
            "description": description.strip(),
            "anonymous": anonymous,
            "contact_name": contact_name.strip(),
            "contact_email": contact_email.strip(),
            "contact_phone": contact_phone.strip(),
            "language": language or settings.LANGUAGE_CODE,
            "district": district,
            "status": Status.RECEIVED,
            "status_changed_at": now,
            "is_sample": is_sample,
            "created_at": now,
        },
    )
    ConcernEvent.objects.create(
        concern=concern, action=Action.SUBMITTED, to_status=Status.RECEIVED, created_at=now
    )
    if photo is not None:
        _receive_photo(concern, photo)
    if concern.can_be_emailed:
        _queue_receipt(concern)
    return concern


def _receive_photo(concern: Concern, checked) -> ConcernPhoto:
    """The checked upload in quarantine, its "received" row, its processing queued. A storage
    error deletes what was stored and raises photos.PhotoNotStored (the caller's transaction
    rolls the concern back)."""
    name = photos.store_original(checked)
    try:
        row = ConcernPhoto.objects.create(
            concern=concern, original=name, state=PhotoState.RECEIVED, **checked.row_fields()
        )
        _queue_processing(row)
    except BaseException:
        photos.delete_stored([name])
        raise
    return row


def _queue_processing(photo: ConcernPhoto) -> None:
    from concerns.tasks import process_concern_photo  # the tasks module imports this one

    enqueue_with_write(process_concern_photo, str(photo.pk))


def _queue_receipt(concern: Concern) -> None:
    from core.models import DepartmentSettings

    with translation.override(concern.language):
        body = render_to_string(
            "concerns/email/receipt.txt",
            {
                "concern": concern,
                "department": DepartmentSettings.load(),
                "status_url": links.absolute_url(reverse("concerns:status")),
            },
        )
        subject = _("We received your concern %(reference)s") % {"reference": concern.reference}
    mail.enqueue(
        mail.message_data(
            subject=subject,
            body=body,
            to=[concern.contact_email],
            label=f"receipt email for concern {concern.reference}",
        )
    )


# --- Staff -----------------------------------------------------------------------------------

STAFF_STATUSES = (Status.SEEN, Status.ACTED_ON, Status.PASSED_TO_TOWN, Status.CLOSED)


def _locked(concern: Concern) -> Concern:
    return Concern.objects.select_for_update().get(pk=concern.pk)


def _record(concern, *, action, actor, from_status, note="", now=None) -> ConcernEvent:
    return ConcernEvent.objects.create(
        concern=concern,
        action=action,
        actor=actor,
        from_status=from_status,
        to_status=concern.status,
        note=note,
        created_at=now or timezone.now(),
    )


@transaction.atomic
def concern_change_status(*, concern: Concern, actor, status: str, public_note: str) -> Concern:
    """Move the concern to ``status`` with the note the resident sees on the status page
    (an empty note keeps the one shown before)."""
    if status not in STAFF_STATUSES:
        raise ConcernError(_("Choose seen, acted on, passed to the Town of Cary or closed."))
    concern = _locked(concern)
    now = timezone.now()
    from_status = concern.status
    concern.status = status
    concern.status_changed_at = now
    if public_note.strip():
        concern.public_note = public_note.strip()
    concern.save(update_fields=["status", "status_changed_at", "public_note", "updated_at"])
    _record(
        concern,
        action=Action.STATUS,
        actor=actor,
        from_status=from_status,
        note=public_note.strip(),
        now=now,
    )
    return concern


@transaction.atomic
def concerns_mark_seen(*, concerns, actor) -> int:
    """Mark concerns still "received" as seen (the queue's bulk action). Returns how many."""
    done = 0
    for concern in concerns.filter(status=Status.RECEIVED):
        concern_change_status(concern=concern, actor=actor, status=Status.SEEN, public_note="")
        done += 1
    return done


@transaction.atomic
def concern_put_on_agenda(*, concern: Concern, actor, agenda_text: str, on_agenda: bool = True):
    """Put a question on its district's meeting agenda with staff's own wording (the district
    page shows that, never the resident's words), or take it off."""
    concern = _locked(concern)
    if concern.kind != Concern.Kind.QUESTION:
        raise ConcernError(_("Only questions for a community meeting go on the agenda."))
    agenda_text = agenda_text.strip()
    if on_agenda and not agenda_text:
        raise ConcernError(_("Write the question as it should appear on the agenda."))
    concern.on_agenda = on_agenda
    concern.agenda_text = agenda_text if on_agenda else concern.agenda_text
    concern.save(update_fields=["on_agenda", "agenda_text", "updated_at"])
    _record(
        concern,
        action=Action.AGENDA if on_agenda else Action.OFF_AGENDA,
        actor=actor,
        from_status=concern.status,
        note=agenda_text,
    )
    return concern


@transaction.atomic
def concern_route(*, concern: Concern, actor, district) -> Concern:
    """Give a concern to another district (or none), for superusers sorting the unrouted."""
    concern = _locked(concern)
    before = concern.district
    concern.district = district
    concern.save(update_fields=["district", "updated_at"])
    _record(
        concern,
        action=Action.ROUTED,
        actor=actor,
        from_status=concern.status,
        note=f"{before or '-'} -> {district or '-'}",
    )
    return concern


# --- Retention -------------------------------------------------------------------------------


def _stored_names(photo_rows) -> list[str]:
    return [name for pair in photo_rows.values_list("original", "file") for name in pair if name]


@transaction.atomic
def concerns_purge(*, retention_days: int, now=None, dry_run: bool = False) -> list[str]:
    """Delete the concerns whose status last changed more than ``retention_days`` ago, with
    their history and photos (files too, once committed). Returns their references."""
    due = Concern.objects.due_for_purge(retention_days=retention_days, now=now)
    references = list(due.order_by("status_changed_at").values_list("reference", flat=True))
    if dry_run or not references:
        return references
    doomed = Concern.objects.filter(reference__in=references)
    names = _stored_names(ConcernPhoto.objects.filter(concern__in=doomed))
    doomed.delete()
    transaction.on_commit(lambda: photos.delete_stored(names))
    return references


# --- Processing the photo (concerns/tasks.py) ---------------------------------------------------


def _locked_photo(photo_id):
    return ConcernPhoto.objects.select_for_update().filter(pk=photo_id).first()


@transaction.atomic
def photo_start_processing(*, photo_id) -> tuple[str, int] | None:
    """Count one more attempt at a received photo: (its quarantined original, the attempt's
    number), or None when there is nothing to do."""
    photo = _locked_photo(photo_id)
    if photo is None or photo.state != PhotoState.RECEIVED:
        return None
    photo.attempts += 1
    if photo.attempts > MAX_PROCESSING_ATTEMPTS:
        _mark_failed(photo, PhotoFailure.GAVE_UP)
        return None
    photo.save(update_fields=["attempts"])
    return photo.original.name, photo.attempts


@transaction.atomic
def photo_mark_ready(*, photo_id, clean, name: str) -> bool:
    """Record the cleaned file ``name``; False, changing nothing, when the photo no longer
    waits for it (the caller then deletes ``name``)."""
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
    transaction.on_commit(lambda: photos.delete_stored([quarantined]))
    return True


def _mark_failed(photo, failure: str) -> None:
    names = photo.stored_names()
    photo.state = PhotoState.FAILED
    photo.failure = failure
    photo.original = photo.file = ""
    photo.save(update_fields=["state", "failure", "original", "file", "attempts"])
    transaction.on_commit(lambda: photos.delete_stored(names))


@transaction.atomic
def photo_mark_failed(*, photo_id, failure: str) -> bool:
    """Mark a received photo failed, with the reason staff see; its quarantine copy goes."""
    photo = _locked_photo(photo_id)
    if photo is None or photo.state != PhotoState.RECEIVED:
        return False
    _mark_failed(photo, failure)
    return True


def photos_requeue_stalled(*, now=None, dry_run: bool = False) -> int:
    """Queue again the concerns' photos that lost their task (``photos.requeue_stalled``)."""
    return photos.requeue_stalled([ConcernPhoto], _queue_processing, now=now, dry_run=dry_run)

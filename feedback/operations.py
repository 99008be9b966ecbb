"""Every write to a compliment or complaint that has rules: one keyword-only, atomic function each.

Views, the admin, the demo loader and tests call these; each records what changed as a
``FeedbackEvent`` (who, what, the old and new values) and queues its email in the same
transaction (core.mail, sent by the task worker). Nothing here ever receives or stores the
sender's address or browser.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import links, mail, references
from feedback.models import (
    OUTCOMES_BY_KIND,
    PROFESSIONAL_STANDARDS,
    REFERENCE_PREFIX,
    VALUE_MAX_LENGTH,
    Feedback,
    FeedbackEvent,
    Kind,
    Status,
)

Action = FeedbackEvent.Action


class FeedbackError(Exception):
    """A write the item's state does not allow. The message is for staff."""


# --- The resident ----------------------------------------------------------------------------


@transaction.atomic
def feedback_submit(
    *,
    kind: str,
    description: str,
    officer: str = "",
    occurred_on=None,
    occurred_at_time=None,
    location: str = "",
    anonymous: bool,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    share_name: bool = False,
    language: str | None = None,
    is_sample: bool = False,
    received_at=None,
) -> Feedback:
    """Record a compliment or a complaint, with its history's first entry.

    An anonymous item drops every contact detail given; ``share_name`` holds for a compliment
    with the resident's name only. The receipt goes only to an email address given without
    anonymity, in ``language`` (the site's default when None), by the task worker.
    ``received_at``: for the demo's items of past years; now otherwise.
    """
    if kind not in Kind.values:
        raise FeedbackError(f"Unknown kind {kind!r}")
    if anonymous:
        contact_name = contact_email = contact_phone = ""
    contact_name, contact_email = contact_name.strip(), contact_email.strip()
    share_name = bool(share_name and kind == Kind.COMPLIMENT and not anonymous and contact_name)
    now = received_at or timezone.now()
    feedback = references.create_with_new_reference(
        Feedback,
        REFERENCE_PREFIX,
        {
            "kind": kind,
            "officer": officer.strip(),
            "description": description.strip(),
            "occurred_on": occurred_on,
            "occurred_at_time": occurred_at_time,
            "location": location.strip(),
            "anonymous": anonymous,
            "contact_name": contact_name,
            "contact_email": contact_email,
            "contact_phone": contact_phone.strip(),
            "share_name": share_name,
            "language": language or settings.LANGUAGE_CODE,
            "status": Status.RECEIVED,
            "status_changed_at": now,
            "is_sample": is_sample,
            "created_at": now,
        },
    )
    FeedbackEvent.objects.create(
        feedback=feedback, action=Action.SUBMITTED, new_value=Status.RECEIVED, created_at=now
    )
    if feedback.can_be_emailed:
        _queue_receipt(feedback)
    return feedback


def _queue_receipt(feedback: Feedback) -> None:
    from core.models import DepartmentSettings

    with translation.override(feedback.language):
        body = render_to_string(
            "feedback/email/receipt.txt",
            {
                "feedback": feedback,
                "department": DepartmentSettings.load(),
                "status_url": links.absolute_url(reverse("feedback:status")),
            },
        )
        if feedback.is_compliment:
            subject = _("We received your compliment %(reference)s")
        else:
            subject = _("We received your complaint %(reference)s")
        subject %= {"reference": feedback.reference}
    mail.enqueue(
        mail.message_data(
            subject=subject,
            body=body,
            to=[feedback.contact_email],
            label=f"receipt email for feedback {feedback.reference}",
        )
    )


# --- Staff -----------------------------------------------------------------------------------


def professional_standards_members():
    """The staff an item may be assigned to: active members of the group."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name=PROFESSIONAL_STANDARDS)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _locked(feedback: Feedback) -> Feedback:
    return Feedback.objects.select_for_update().get(pk=feedback.pk)


def _record(feedback, *, action, actor, old_value="", new_value="", note="", now=None):
    return FeedbackEvent.objects.create(
        feedback=feedback,
        action=action,
        actor=actor,
        old_value=str(old_value)[:VALUE_MAX_LENGTH],
        new_value=str(new_value)[:VALUE_MAX_LENGTH],
        note=note,
        created_at=now or timezone.now(),
    )


def _user_label(user) -> str:
    return user.get_username() if user is not None else ""


def _not_purged(feedback: Feedback) -> None:
    if feedback.purged_at is not None:
        raise FeedbackError(_("Its details were deleted at the end of the retention period."))


@transaction.atomic
def feedback_assign(*, feedback: Feedback, actor, assignee) -> Feedback:
    """Give an item to a member of Professional standards; a received one becomes assigned."""
    feedback = _locked(feedback)
    _not_purged(feedback)
    if not professional_standards_members().filter(pk=assignee.pk).exists():
        raise FeedbackError(_("Only a member of Professional standards can be assigned."))
    before = feedback.assigned_to
    now = timezone.now()
    feedback.assigned_to = assignee
    fields = ["assigned_to", "updated_at"]
    if feedback.status == Status.RECEIVED:
        feedback.status, feedback.status_changed_at = Status.ASSIGNED, now
        fields += ["status", "status_changed_at"]
    feedback.save(update_fields=fields)
    _record(
        feedback,
        action=Action.ASSIGNED,
        actor=actor,
        old_value=_user_label(before),
        new_value=_user_label(assignee),
        now=now,
    )
    return feedback


@transaction.atomic
def feedback_change_status(
    *, feedback: Feedback, actor, status: str, public_note: str = ""
) -> Feedback:
    """Move an open item along (received, assigned, under review), or reopen a closed one,
    which clears its outcome. Closing takes ``feedback_close``. A note replaces the one the
    resident sees; an empty note keeps it."""
    if status == Status.CLOSED or status not in Status.values:
        raise FeedbackError(_("Close it with an outcome instead."))
    feedback = _locked(feedback)
    _not_purged(feedback)
    before = feedback.status
    if before == status and not public_note.strip():
        return feedback
    now = timezone.now()
    old_value = before if not feedback.outcome else f"{before} ({feedback.outcome})"
    feedback.status, feedback.status_changed_at, feedback.outcome = status, now, ""
    if public_note.strip():
        feedback.public_note = public_note.strip()
    feedback.save(
        update_fields=["status", "status_changed_at", "outcome", "public_note", "updated_at"]
    )
    _record(
        feedback,
        action=Action.STATUS,
        actor=actor,
        old_value=old_value,
        new_value=status,
        note=public_note.strip(),
        now=now,
    )
    return feedback


@transaction.atomic
def feedback_close(*, feedback: Feedback, actor, outcome: str, public_note: str = "") -> Feedback:
    """Close an item with an outcome that fits its kind; the status page then shows it."""
    feedback = _locked(feedback)
    _not_purged(feedback)
    if outcome not in OUTCOMES_BY_KIND[feedback.kind]:
        raise FeedbackError(_("Choose an outcome for this kind of item."))
    if feedback.status == Status.CLOSED:
        raise FeedbackError(_("It is closed already. Reopen it first to change the outcome."))
    before = feedback.status
    now = timezone.now()
    feedback.status, feedback.status_changed_at, feedback.outcome = Status.CLOSED, now, outcome
    if public_note.strip():
        feedback.public_note = public_note.strip()
    feedback.save(
        update_fields=["status", "status_changed_at", "outcome", "public_note", "updated_at"]
    )
    _record(
        feedback,
        action=Action.CLOSED,
        actor=actor,
        old_value=before,
        new_value=f"{Status.CLOSED} ({outcome})",
        note=public_note.strip(),
        now=now,
    )
    return feedback


@transaction.atomic
def feedback_add_note(*, feedback: Feedback, actor, note: str) -> FeedbackEvent:
    """An internal note in the item's history: staff only, never on the status page."""
    feedback = _locked(feedback)
    _not_purged(feedback)
    if not note.strip():
        raise FeedbackError(_("Write the note."))
    feedback.save(update_fields=["updated_at"])
    return _record(feedback, action=Action.NOTE, actor=actor, note=note.strip())


@transaction.atomic
def feedback_forward(
    *, feedback: Feedback, actor, supervisor_email: str, message: str = ""
) -> Feedback:
    """Email a compliment to the officer's supervisor (queued for the task worker): what the
    resident wrote, and their name only when they agreed to share it; never their email or
    phone number."""
    from core.models import DepartmentSettings

    feedback = _locked(feedback)
    _not_purged(feedback)
    if not feedback.is_compliment:
        raise FeedbackError(_("Only compliments are forwarded to a supervisor."))
    supervisor_email = supervisor_email.strip()
    if not supervisor_email:
        raise FeedbackError(_("Enter the supervisor's email address."))
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(
            "feedback/email/forward.txt",
            {
                "feedback": feedback,
                "resident_name": feedback.contact_name if feedback.share_name else "",
                "message": message.strip(),
                "sender": actor,
                "department": DepartmentSettings.load(),
            },
        )
        subject = _("A compliment for %(officer)s (%(reference)s)") % {
            "officer": feedback.officer or _("an officer"),
            "reference": feedback.reference,
        }
    mail.enqueue(
        mail.message_data(
            subject=subject,
            body=body,
            to=[supervisor_email],
            label=f"compliment {feedback.reference} forwarded to a supervisor",
        )
    )
    feedback.save(update_fields=["updated_at"])
    _record(
        feedback,
        action=Action.FORWARDED,
        actor=actor,
        new_value=supervisor_email,
        note=message.strip(),
    )
    return feedback


# --- Retention -------------------------------------------------------------------------------

PERSONAL_FIELDS = {
    "officer": "",
    "description": "",
    "occurred_on": None,
    "occurred_at_time": None,
    "location": "",
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
    "share_name": False,
    "public_note": "",
}


@transaction.atomic
def feedback_purge(*, retention_days: int, now=None, dry_run: bool = False) -> list[str]:
    """Blank what the resident wrote and who they are on the items closed more than
    ``retention_days`` ago, and replace their history (internal notes, supervisors' addresses)
    by one "personal details deleted" entry. The row keeps its reference, kind, status,
    outcome and dates, so the status page still answers and the yearly counts do not change.
    Returns the references."""
    now = now or timezone.now()
    due = Feedback.objects.due_for_purge(retention_days=retention_days, now=now)
    rows = list(due.order_by("status_changed_at").values_list("pk", "reference"))
    if dry_run or not rows:
        return [reference for _pk, reference in rows]
    pks = [pk for pk, _reference in rows]
    Feedback.objects.filter(pk__in=pks).update(**PERSONAL_FIELDS, purged_at=now, updated_at=now)
    FeedbackEvent.objects.filter(feedback_id__in=pks).delete()
    FeedbackEvent.objects.bulk_create(
        FeedbackEvent(feedback_id=pk, action=Action.PURGED, created_at=now) for pk in pks
    )
    return [reference for _pk, reference in rows]

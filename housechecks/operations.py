"""Every write to a house check that has rules: one keyword-only, atomic function each.

Views, the admin, the demo loader, the management commands and tests call these; each records
what changed as a ``HouseCheckEvent`` and queues its email in the same transaction (core.mail,
sent by the task worker). Nothing here receives or stores the resident's address or browser.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import links, mail, references
from districts import lookup
from housechecks.models import REFERENCE_PREFIX, HouseCheck, HouseCheckEvent, HouseCheckVisit, today

Action = HouseCheckEvent.Action
# A visit may be recorded a little ahead of the server's clock (a phone's clock runs fast).
CLOCK_SKEW = timedelta(minutes=5)


class HouseCheckError(Exception):
    """A write the house check's state does not allow. The message is for whoever asked."""


# --- The resident ----------------------------------------------------------------------------


def route(*, address: str):
    """The district of the address from the street index; None when none matches."""
    return lookup.district_for_address(address)


@transaction.atomic
def house_check_submit(
    *,
    address: str,
    leave_date: date,
    return_date: date,
    resident_name: str,
    email: str,
    phone: str = "",
    emergency_name: str,
    emergency_phone: str,
    has_alarm: bool = False,
    alarm_company: str = "",
    vehicles: str = "",
    key_holder_name: str = "",
    key_holder_phone: str = "",
    notes: str = "",
    language: str | None = None,
    is_sample: bool = False,
) -> HouseCheck:
    """Record a house check, routed to its district by the address, with its history's first
    entry, and queue the receipt to ``email`` in ``language`` (the site's default when None).

    The form checks the dates against today and the longest absence; here only what must hold
    for every caller: the return comes after the leave."""
    if return_date <= leave_date:
        raise HouseCheckError(_("The return date must be after the leave date."))
    now = timezone.now()
    check = references.create_with_new_reference(
        HouseCheck,
        REFERENCE_PREFIX,
        {
            "address": address.strip(),
            "district": route(address=address),
            "leave_date": leave_date,
            "return_date": return_date,
            "resident_name": resident_name.strip(),
            "email": email.strip(),
            "phone": phone.strip(),
            "emergency_name": emergency_name.strip(),
            "emergency_phone": emergency_phone.strip(),
            "has_alarm": has_alarm,
            "alarm_company": alarm_company.strip() if has_alarm else "",
            "vehicles": vehicles.strip(),
            "key_holder_name": key_holder_name.strip(),
            "key_holder_phone": key_holder_phone.strip(),
            "notes": notes.strip(),
            "language": language or settings.LANGUAGE_CODE,
            "is_sample": is_sample,
            "created_at": now,
        },
    )
    _record(check, action=Action.SUBMITTED, actor=None, now=now)
    _queue_email(
        check,
        "housechecks/email/receipt.txt",
        lambda: (
            _("We received your house check request %(reference)s") % {"reference": check.reference}
        ),
        label=f"receipt email for house check {check.reference}",
    )
    return check


@transaction.atomic
def house_check_cancel(*, check: HouseCheck) -> HouseCheck:
    """The resident cancels (home early, plans changed): off the officers' lists from now."""
    check = _locked(check)
    if not check.can_be_cancelled:
        raise HouseCheckError(_("This house check is already over or cancelled."))
    now = timezone.now()
    check.cancelled_at = now
    check.save(update_fields=["cancelled_at", "updated_at"])
    _record(check, action=Action.CANCELLED, actor=None, now=now)
    return check


def _queue_email(check: HouseCheck, template: str, subject, *, label: str, context=None):
    from core.models import DepartmentSettings

    if check.is_sample:
        return  # demo content: its address is made up, and nobody waits for its emails

    with translation.override(check.language):
        body = render_to_string(
            template,
            {
                "check": check,
                "department": DepartmentSettings.load(),
                "status_url": links.absolute_url(reverse("housechecks:status")),
                **(context or {}),
            },
        )
        subject = subject()
    mail.enqueue(mail.message_data(subject=subject, body=body, to=[check.email], label=label))


# --- Staff -----------------------------------------------------------------------------------


def _locked(check: HouseCheck) -> HouseCheck:
    return HouseCheck.objects.select_for_update().get(pk=check.pk)


def _record(check, *, action, actor, note="", now=None) -> HouseCheckEvent:
    return HouseCheckEvent.objects.create(
        house_check=check, action=action, actor=actor, note=note, created_at=now or timezone.now()
    )


@transaction.atomic
def visit_record(
    *,
    check: HouseCheck,
    actor,
    visited_at: datetime,
    outcome: str,
    note: str = "",
    note_for_resident: bool = False,
) -> HouseCheckVisit:
    """Record an officer's visit (``actor``, the signed-in officer) during the away period."""
    check = _locked(check)
    if outcome not in HouseCheckVisit.Outcome.values:
        raise HouseCheckError(_("Choose all secure or something to report."))
    if check.is_cancelled:
        raise HouseCheckError(_("The resident cancelled this house check."))
    if visited_at > timezone.now() + CLOCK_SKEW:
        raise HouseCheckError(_("The visit's time is in the future."))
    day = timezone.localdate(visited_at)
    if not check.leave_date <= day <= check.return_date:
        raise HouseCheckError(_("The visit must be between the leave date and the return date."))
    note = note.strip()
    visit = HouseCheckVisit.objects.create(
        house_check=check,
        visited_at=visited_at,
        officer=actor,
        outcome=outcome,
        note=note,
        note_for_resident=note_for_resident and bool(note),
    )
    label = HouseCheckVisit.Outcome(outcome).label
    when = f"{timezone.localtime(visited_at):%Y-%m-%d %H:%M}"
    _record(check, action=Action.VISIT, actor=actor, note=f"{when}: {label}. {note}".strip())
    return visit


@transaction.atomic
def house_check_route(*, check: HouseCheck, actor, district) -> HouseCheck:
    """Give a house check to another district (or none), for those sorting the unrouted."""
    check = _locked(check)
    before = check.district
    check.district = district
    check.save(update_fields=["district", "updated_at"])
    _record(check, action=Action.ROUTED, actor=actor, note=f"{before or '-'} -> {district or '-'}")
    return check


# --- Daily commands --------------------------------------------------------------------------


@transaction.atomic
def summaries_send(*, day: date | None = None, dry_run: bool = False) -> list[str]:
    """Queue, once, the summary email of every check that is over (return date passed, or
    cancelled): the visits' times and outcomes, and only the notes marked for the resident.
    Returns their references."""
    day = day or today()
    due = HouseCheck.objects.due_for_summary(day=day).select_for_update(of=("self",))
    references = []
    for check in due.order_by("return_date", "pk"):
        references.append(check.reference)
        if dry_run:
            continue
        visits = list(check.visits.order_by("visited_at", "pk"))
        _queue_email(
            check,
            "housechecks/email/summary.txt",
            lambda check=check: (
                _("Your house check %(reference)s: what officers found")
                % {"reference": check.reference}
            ),
            label=f"summary email for house check {check.reference}",
            context={"visits": visits},
        )
        now = timezone.now()
        check.summary_sent_at = now
        check.save(update_fields=["summary_sent_at", "updated_at"])
        _record(check, action=Action.SUMMARY, actor=None, now=now)
    return references


@transaction.atomic
def house_checks_purge(
    *, retention_days: int, day: date | None = None, dry_run: bool = False
) -> list[str]:
    """Delete the checks over for more than ``retention_days`` days (after the return date, or
    the cancellation), with their visits and history. Returns their references."""
    due = HouseCheck.objects.due_for_purge(retention_days=retention_days, day=day or today())
    references = list(due.order_by("return_date", "pk").values_list("reference", flat=True))
    if not dry_run and references:
        HouseCheck.objects.filter(reference__in=references).delete()
    return references

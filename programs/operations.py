"""Writes with rules for programs: one named, keyword-only function per write
(see CONTRIBUTING.md): sign-ups, the waiting list, and staff's changes that free a place.

Views and the admin call these; nothing else creates a sign-up. Every function here locks the
program row first, as the events' registrations do (outreach/operations.py), so two requests for
the last place are served one after the other (SELECT ... FOR UPDATE on PostgreSQL; SQLite's
IMMEDIATE transactions serialise writers).
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from core import links, mail
from core.models import DepartmentSettings
from programs.models import Program, SignUp, WatchGroup

logger = logging.getLogger(__name__)

SIGNUP_PERMISSION = "programs.view_signup"


class SignupRefused(Exception):
    """The program cannot take a sign-up now. ``message`` is written for the resident."""

    message = _("Sorry, this program is not taking sign-ups at the moment.")


class SignupsClosed(SignupRefused):
    message = _("Sorry, sign-ups for this program are closed.")


@dataclass(frozen=True)
class SignupOutcome:
    signup: SignUp
    created: bool  # False: this email had already signed up; nothing new was stored

    @property
    def waiting(self) -> bool:
        """On the waiting list, not signed up."""
        return self.signup.status == SignUp.Status.WAITING


@transaction.atomic
def signup_create(
    *,
    program: Program,
    name: str,
    email: str,
    consent: bool,
    phone: str = "",
    neighborhood: str = "",
    message: str = "",
    intent: str = "",
    watch_group: WatchGroup | None = None,
    language: str | None = None,
) -> SignupOutcome:
    """Sign a resident up for a program, or put them on its waiting list when every place is
    taken or others already wait; or find their earlier sign-up. ``language``: the one the
    resident used (the request's), that their emails are written in; the site's default when
    None.

    The program row is locked for the rest of the transaction, so two requests can never both
    take the last place. The database refuses a second sign-up with the same email (any
    capitalisation) for the same program. Emails are queued in the same transaction
    (core.mail): they go out only once the sign-up is committed, never during the request.
    """
    if not consent:
        raise ValueError("A sign-up needs the resident's consent to be contacted.")
    program = Program.objects.select_for_update().get(pk=program.pk)
    if not (program.is_published and program.signups_open):
        raise SignupsClosed

    if watch_group is not None and watch_group.program_id != program.pk:
        raise ValueError("The watch group belongs to another program.")

    # Counted under the lock. Nobody jumps the queue: while others wait, a newcomer waits too.
    waits = program.availability().is_full
    details = {
        "name": name.strip(),
        "phone": phone.strip(),
        "neighborhood": neighborhood.strip(),
        "message": message.strip(),
        "consent": True,
        "intent": intent,
        "watch_group": watch_group,
        "language": language or settings.LANGUAGE_CODE,
        "status": SignUp.Status.WAITING if waits else SignUp.Status.NEW,
    }
    earlier = program.signups.for_email(email).first()
    if earlier is not None and earlier.status == SignUp.Status.CANCELLED:
        # Someone who cancelled signs up again: the same row (one per email and program),
        # with what they sent now, at the end of the queue like any newcomer.
        for field, value in details.items():
            setattr(earlier, field, value)
        earlier.created_at = timezone.now()  # the waiting list's order: signed up now
        earlier.save()
        send_signup_emails(earlier)
        return SignupOutcome(signup=earlier, created=True)
    if earlier is not None:
        return SignupOutcome(signup=earlier, created=False)

    try:
        with transaction.atomic():
            signup = SignUp.objects.create(program=program, email=email.strip(), **details)
    except IntegrityError:
        # Only reachable if the lock above were bypassed; the constraint still holds.
        earlier = program.signups.for_email(email).first()
        if earlier is None:
            raise
        return SignupOutcome(signup=earlier, created=False)

    send_signup_emails(signup)
    return SignupOutcome(signup=signup, created=True)


@transaction.atomic
def signup_save(*, signup: SignUp) -> list[SignUp]:
    """Save staff's changes to a sign-up (its status, their notes) with its program locked; a
    place it frees (cancelled, declined) goes to the first person on the waiting list.

    Returns the sign-ups moved up from the waiting list."""
    program = Program.objects.select_for_update().get(pk=signup.program_id)
    signup.save()
    return _promote_from_waiting_list(program)


@transaction.atomic
def signup_set_status(*, signup: SignUp, status: str) -> list[SignUp]:
    """Set a sign-up's status (the admin's actions); see ``signup_save``."""
    program = Program.objects.select_for_update().get(pk=signup.program_id)
    signup = SignUp.objects.select_for_update().get(pk=signup.pk)
    if signup.status != status:
        signup.status = status
        signup.save(update_fields=["status", "updated_at"])
    return _promote_from_waiting_list(program)


@transaction.atomic
def waiting_list_promote(*, program: Program) -> list[SignUp]:
    """Fill free places from the waiting list, e.g. after staff raise the capacity or open
    sign-ups again. Returns the sign-ups moved up."""
    program = Program.objects.select_for_update().get(pk=program.pk)
    return _promote_from_waiting_list(program)


def _promote_from_waiting_list(program: Program) -> list[SignUp]:
    """Within the caller's transaction, with the program row locked: give each free place to
    the next person waiting, in order, and email them. Nobody moves up while the program takes
    no sign-ups (closed, or a draft): they wait until it opens again."""
    if not (program.is_published and program.signups_open):
        return []
    waiting = program.signups.waiting().select_for_update()
    if program.capacity is not None:
        taken, _waiting = program.count_places()
        free = program.capacity - taken
        if free <= 0:
            return []
        waiting = waiting[:free]  # each sign-up is one place
    promoted = list(waiting)
    for signup in promoted:
        signup.program = program  # the locked row, for the email: no query per sign-up
        signup.status = SignUp.Status.NEW  # staff now follow it up, as any new sign-up
        signup.save(update_fields=["status", "updated_at"])
        send_promotion_email(signup)
    return promoted


def staff_recipients() -> list[str]:
    """STAFF_NOTIFICATION_EMAILS, or else every active user allowed to see sign-ups."""
    if settings.STAFF_NOTIFICATION_EMAILS:
        return list(settings.STAFF_NOTIFICATION_EMAILS)
    # Groups and permissions live in ModelBackend (django-axes sits in front of it).
    users = (
        get_user_model()
        .objects.with_perm(SIGNUP_PERMISSION, backend="django.contrib.auth.backends.ModelBackend")
        .exclude(email="")
    )
    return sorted({user.email for user in users})


def _render_email(template_prefix: str, context: dict) -> tuple[str, str]:
    subject = render_to_string(f"{template_prefix}_subject.txt", context)
    body = render_to_string(f"{template_prefix}.txt", context)
    return " ".join(subject.split()), body


def send_promotion_email(signup: SignUp) -> None:
    """Queue the resident's "a place is yours" email, in their language (core.mail)."""
    with translation.override(signup.language):
        context = {
            "department": DepartmentSettings.load(),
            "signup": signup,
            "program": signup.program,
            "program_url": links.absolute_url(signup.program.get_absolute_url()),
        }
        subject, body = _render_email("programs/email/signup_promoted", context)
    mail.enqueue(
        mail.message_data(
            subject=subject,
            body=body,
            to=[signup.email],
            label=f"promotion email for sign-up {signup.pk}",
        )
    )


def send_signup_emails(signup: SignUp) -> None:
    """Queue a receipt to the resident and a notice to staff (core.mail: sent by the worker,
    retried, and a failure logged, never raised: staff see the sign-up in the admin either way)."""
    context = {
        "department": DepartmentSettings.load(),
        "signup": signup,
        "program": signup.program,
        "admin_url": links.absolute_url(reverse("admin:programs_signup_change", args=[signup.pk])),
    }
    # The receipt in the resident's language: words, the program's text and its link (/es/...).
    with translation.override(signup.language):
        program_url = links.absolute_url(signup.program.get_absolute_url())
        subject, body = _render_email(
            "programs/email/signup_receipt", {**context, "program_url": program_url}
        )
    mail.enqueue(
        mail.message_data(
            subject=subject,
            body=body,
            to=[signup.email],
            label=f"receipt email for sign-up {signup.pk}",
        )
    )
    recipients = staff_recipients()
    if recipients:
        with translation.override(settings.LANGUAGE_CODE):  # staff read the default language
            subject, body = _render_email("programs/email/signup_staff_notification", context)
        mail.enqueue(
            mail.message_data(
                subject=subject,
                body=body,
                to=recipients,
                label=f"staff notice email for sign-up {signup.pk}",
            )
        )
    else:
        logger.warning("No staff address for sign-up notifications; set STAFF_NOTIFICATION_EMAILS")

"""Writes with rules for programs: one named, keyword-only function per write
(see CONTRIBUTING.md).

Views and the admin call these; nothing else creates a sign-up.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
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


class ProgramFull(SignupRefused):
    message = _("Sorry, this program is full: the last place has just been taken.")


@dataclass(frozen=True)
class SignupOutcome:
    signup: SignUp
    created: bool  # False: this email had already signed up; nothing new was stored


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
    """Sign a resident up for a program, or find their earlier sign-up. ``language``: the one
    the resident used (the request's), that their emails are written in; the site's default
    when None.

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

    earlier = program.signups.for_email(email).first()
    if earlier is not None:
        return SignupOutcome(signup=earlier, created=False)

    if program.capacity is not None and program.signups.holding_place().count() >= program.capacity:
        raise ProgramFull

    if watch_group is not None and watch_group.program_id != program.pk:
        raise ValueError("The watch group belongs to another program.")

    try:
        with transaction.atomic():
            signup = SignUp.objects.create(
                program=program,
                name=name.strip(),
                email=email.strip(),
                phone=phone.strip(),
                neighborhood=neighborhood.strip(),
                message=message.strip(),
                consent=True,
                intent=intent,
                watch_group=watch_group,
                language=language or settings.LANGUAGE_CODE,
            )
    except IntegrityError:
        # Only reachable if the lock above were bypassed; the constraint still holds.
        earlier = program.signups.for_email(email).first()
        if earlier is None:
            raise
        return SignupOutcome(signup=earlier, created=False)

    send_signup_emails(signup)
    return SignupOutcome(signup=signup, created=True)


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

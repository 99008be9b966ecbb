"""Emails about event registrations, to residents and to the staff who handle them. Links are
absolute, on DJANGO_SITE_URL.

They are queued in the caller's transaction (core.mail) and sent by the tasks worker. Each is
written in the language the resident registered in (``Registration.language``), whoever's
request sends it: their own, another resident's cancellation, or staff in the admin; the staff
notice in the site's default language.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core import links, mail
from core.models import DepartmentSettings
from outreach import calendar
from outreach.models import Registration

logger = logging.getLogger(__name__)

CANCEL_SALT = "outreach.registration.cancel"


def cancel_token(registration: Registration) -> str:
    """A signed token for the cancel link: it names the registration, nothing personal."""
    return signing.dumps(registration.pk, salt=CANCEL_SALT, compress=True)


def registration_from_token(token: str) -> Registration | None:
    try:
        pk = signing.loads(token, salt=CANCEL_SALT)
    except signing.BadSignature:
        return None
    return Registration.objects.select_related("event").filter(pk=pk).first()


def cancel_url(registration: Registration) -> str:
    return links.absolute_url(
        reverse("outreach:registration_cancel", kwargs={"token": cancel_token(registration)})
    )


def _send(registration: Registration, subject: str, template: str, label: str):
    """Queue one email; the caller renders ``subject`` and calls this within
    ``translation.override(registration.language)``."""
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "event_url": links.absolute_url(event.get_absolute_url()),
        "cancel_url": cancel_url(registration),
        "department": DepartmentSettings.load(),
    }
    attachments = []
    if registration.status == Registration.Status.CONFIRMED:
        ics = calendar.calendar([event]).decode()
        attachments.append(("event.ics", ics, "text/calendar; method=PUBLISH"))
    mail.enqueue(
        mail.message_data(
            subject=subject,
            body=render_to_string(template, context),
            to=[registration.email],
            attachments=attachments,
            label=f"{label} email for registration {registration.pk}",
        )
    )


def send_registration_receipt(registration: Registration):
    with translation.override(registration.language):
        if registration.status == Registration.Status.CONFIRMED:
            subject = _("Your place at %(event)s") % {"event": registration.event.title}
        else:
            subject = _("You are on the waiting list for %(event)s") % {
                "event": registration.event.title
            }
        _send(registration, subject, "outreach/email/registration_receipt.txt", "receipt")


def send_promotion(registration: Registration):
    with translation.override(registration.language):
        subject = _("A place is yours: %(event)s") % {"event": registration.event.title}
        _send(registration, subject, "outreach/email/registration_promoted.txt", "promotion")


REGISTRATION_PERMISSION = "outreach.view_registration"


def staff_recipients() -> list[str]:
    """STAFF_NOTIFICATION_EMAILS, or else every active user allowed to see registrations (event
    coordinators), as for program sign-ups."""
    if settings.STAFF_NOTIFICATION_EMAILS:
        return list(settings.STAFF_NOTIFICATION_EMAILS)
    users = (
        get_user_model()
        .objects.with_perm(
            REGISTRATION_PERMISSION, backend="django.contrib.auth.backends.ModelBackend"
        )
        .exclude(email="")
    )
    return sorted({user.email for user in users})


def send_registration_staff_notice(registration: Registration):
    """Tell event coordinators a registration came in: the event and a link to it in the staff
    area, no personal details (they are behind the sign-in)."""
    recipients = staff_recipients()
    if not recipients:
        logger.warning("No staff address for registration notices; set STAFF_NOTIFICATION_EMAILS")
        return
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "admin_url": links.absolute_url(
            reverse("admin:outreach_registration_change", args=[registration.pk])
        ),
    }
    with translation.override(settings.LANGUAGE_CODE):  # staff read the default language
        if registration.status == Registration.Status.CONFIRMED:
            subject = _("New registration for %(event)s") % {"event": event.title}
        else:
            subject = _("New name on the waiting list for %(event)s") % {"event": event.title}
        body = render_to_string("outreach/email/registration_staff_notification.txt", context)
    mail.enqueue(
        mail.message_data(
            subject=subject,
            body=body,
            to=recipients,
            label=f"staff notice email for registration {registration.pk}",
        )
    )

"""The emails about a subscription itself: the confirmation link (double opt-in), or, for an
address already subscribed, a link to manage its alerts. Queued in the caller's transaction
(core.mail), written in the subscriber's language, labelled without the address."""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from alerts import tokens
from alerts.models import Subscriber
from core import mail
from core.models import DepartmentSettings


def _send(subscriber: Subscriber, *, subject: str, template: str, label: str, **context):
    mail.enqueue(
        mail.message_data(
            subject=subject,
            body=render_to_string(
                template,
                {"department": DepartmentSettings.load(), "subscriber": subscriber, **context},
            ),
            to=[subscriber.email],
            label=f"{label} email for alert subscriber {subscriber.pk}",
        )
    )


def send_confirmation(subscriber: Subscriber):
    with translation.override(subscriber.language):
        _send(
            subscriber,
            subject=_("Confirm your email alerts"),
            template="alerts/email/confirm.txt",
            label="confirmation",
            confirm_url=tokens.url(subscriber, tokens.CONFIRM),
            topics=list(subscriber.topics.all()),
        )


def send_manage_link(subscriber: Subscriber):
    with translation.override(subscriber.language):
        _send(
            subscriber,
            subject=_("Your email alerts"),
            template="alerts/email/already_subscribed.txt",
            label="manage link",
            manage_url=tokens.url(subscriber, tokens.MANAGE),
        )

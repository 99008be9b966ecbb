"""After a staff sign-in: remind report reviewers that reports need two-factor sign-in."""

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device


def remind_unverified_reviewer(sender, request, user, **kwargs):
    """After sign-in: tell a report reviewer without two-factor sign-in how to get it."""
    if request is None or getattr(user, "otp_device", None) is not None:
        return
    if not user.has_perm("reports.view_report"):
        return
    link = reverse("two_factor_setup")
    if user_has_device(user, confirmed=True):
        message = _("Sign in with your authenticator code to see crime reports.")
        messages.warning(request, message, fail_silently=True)
    else:
        messages.warning(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("Crime reports need two-factor authentication."),
                link,
                _("Set it up now"),
            ),
            fail_silently=True,
        )

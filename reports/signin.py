"""After a staff sign-in: remind report reviewers that reports need two-factor sign-in."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device


def remind_unverified_reviewer(sender, request, user, **kwargs):
    """After sign-in: tell a report reviewer without two-factor sign-in how to get it."""
    if request is None or getattr(user, "otp_device", None) is not None:
        return
    if not user.has_perm("reports.view_report"):
        return
    if user_has_device(user, confirmed=True):
        message = _("Sign in with your authenticator code to see crime reports.")
    else:
        # Setting up an authenticator takes an enrolment link (accounts/two_factor.py): a
        # password alone must not be enough to add a second factor.
        message = _(
            "Crime reports need two-factor authentication. Ask a website administrator for an "
            "enrolment link for your account to set it up."
        )
    messages.warning(request, message, fail_silently=True)

"""After a staff sign-in: remind Patrol members that house checks need two-factor sign-in."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device


def remind_unverified_patrol(sender, request, user, **kwargs):
    if request is None or getattr(user, "otp_device", None) is not None:
        return
    if not user.has_perm("housechecks.view_housecheck") or user.is_superuser:
        return
    if user.has_perm("reports.view_report") or user.has_perm("concerns.view_concern"):
        return  # their own reminder already says it
    if user_has_device(user, confirmed=True):
        message = _("Sign in with your authenticator code to see the house checks.")
    else:
        message = _(
            "House checks need two-factor authentication. Ask a website administrator for an "
            "enrolment link for your account to set it up."
        )
    messages.warning(request, message, fail_silently=True)

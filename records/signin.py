"""After a staff sign-in: remind the Records group that the queue needs two-factor sign-in."""

from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device


def remind_unverified_records_staff(sender, request, user, **kwargs):
    if request is None or getattr(user, "otp_device", None) is not None:
        return
    if not user.has_perm("records.view_recordrequest") or user.has_perm("reports.view_report"):
        return  # reports' own reminder already says it
    if user_has_device(user, confirmed=True):
        message = _("Sign in with your authenticator code to see the requests for records.")
    else:
        message = _(
            "Requests for records need two-factor authentication. Ask a website administrator "
            "for an enrolment link for your account to set it up."
        )
    messages.warning(request, message, fail_silently=True)

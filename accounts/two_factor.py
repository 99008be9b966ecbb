"""Two-factor authentication for staff (django-otp, TOTP), wired into the admin sign-in.

- ``StaffAuthenticationForm`` is the admin's login form: username, password and, for staff who
  have an authenticator app set up, the 6-digit code. Staff without one (content editors) sign in
  as before, but reports stay closed to them: the reports admin requires a verified session.
  A wrong code counts as a failed sign-in for django-axes' throttling.
- ``setup`` (/admin/two-factor/) lets a signed-in staff member set up an authenticator app: a
  QR code drawn on the server as inline SVG, and one code to confirm it. Someone who already
  has an app must sign in with it before replacing it.
"""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import site as admin_site
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice


class ThrottledModelBackend(AxesStandaloneBackend, ModelBackend):
    """The one authentication backend: Django's ModelBackend behind django-axes' lockout check.

    One backend rather than axes' recommended pair, because Django's ``User.objects.with_perm()``
    (used to find staff to notify) needs a single backend. Calls without a request (the test
    client's ``login()``, scripts) skip the lockout check, which needs the client's address.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None:
            # Raises AxesBackendPermissionDenied while this username and address cool off.
            AxesStandaloneBackend.authenticate(
                self, request, username=username, password=password, **kwargs
            )
        return ModelBackend.authenticate(
            self, request, username=username, password=password, **kwargs
        )


TOKEN_WIDGET = forms.TextInput(
    attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
)


def _clean_token(value: str) -> str:
    return "".join((value or "").split())


class StaffAuthenticationForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Authentication code"),
        required=False,
        max_length=10,
        widget=TOKEN_WIDGET,
        help_text=_(
            "The 6-digit code from your authenticator app. Leave empty if you have not set up "
            "two-factor authentication."
        ),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "token_required": _("Enter the 6-digit code from your authenticator app."),
        "invalid_token": _("The authentication code is not right. Enter the current code."),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None or not user_has_device(user, confirmed=True):
            return cleaned_data
        token = _clean_token(cleaned_data.get("otp_token"))
        if not token:
            raise forms.ValidationError(
                self.error_messages["token_required"], code="token_required"
            )
        with transaction.atomic():
            device = next(
                (d for d in devices_for_user(user, for_verify=True) if d.verify_token(token)),
                None,
            )
        if device is None:
            # Count it for the sign-in throttle (django-axes), like a wrong password.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned_data.get("username")},
                request=self.request,
            )
            raise forms.ValidationError(self.error_messages["invalid_token"], code="invalid_token")
        # django_otp stores this device in the session when the admin logs the user in.
        user.otp_device = device
        return cleaned_data


class ConfirmDeviceForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=10,
        widget=TOKEN_WIDGET,
        help_text=_("Enter the 6-digit code the app shows now."),
        error_messages={"required": _("Enter the 6-digit code from your authenticator app.")},
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_token(self):
        token = _clean_token(self.cleaned_data["token"])
        with transaction.atomic():
            device = TOTPDevice.objects.select_for_update().get(pk=self.device.pk)
            if not device.verify_token(token):
                raise forms.ValidationError(
                    _("The code is not right. Check the app and enter the current code.")
                )
        return token


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    svg = image.to_string(encoding="unicode")
    # Generated here from the device's own URL: no user input reaches the markup.
    svg = svg.replace("<svg ", '<svg class="qr-code" role="img" aria-label="QR code" ', 1)
    return mark_safe(svg)  # noqa: S308


@sensitive_post_parameters()
@never_cache
@staff_member_required
def setup(request):
    user = request.user
    has_device = user_has_device(user, confirmed=True)
    if has_device and not user.is_verified():
        messages.warning(
            request,
            _(
                "You already have an authenticator app. Sign out and sign in again with its "
                "code before you replace it; if you lost it, ask an administrator to remove it."
            ),
        )
        return redirect("admin:index")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=str(_("Authenticator app")), confirmed=False
        )
    form = ConfirmDeviceForm(request.POST if request.method == "POST" else None, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.refresh_from_db()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        otp_login(request, device)
        messages.success(request, _("Two-factor authentication is on for your account."))
        return redirect("admin:index")
    context = {
        **admin_site.each_context(request),
        "title": _("Set up two-factor authentication"),
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": b32encode(device.bin_key).decode(),
        "replacing": has_device,
    }
    return render(request, "accounts/admin/two_factor_setup.html", context)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer while a username and address are cooling off: a page, not a trace."""
    cool_off = get_cool_off(request)
    minutes = max(1, int(cool_off.total_seconds() // 60)) if cool_off else 15
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "accounts/admin/locked_out.html", context, status=429)

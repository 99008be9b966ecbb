"""Two-factor authentication for staff (django-otp: TOTP apps and backup codes), wired into the
admin sign-in, so that a leaked password alone opens nothing that needs two factors.

- ``StaffAuthenticationForm`` is the admin's login form: username, password and, for staff who
  have two-factor authentication, a code from their authenticator app or one of their backup
  codes (each works once). Staff without it (content editors) sign in with a password, but
  reports stay closed to them: the reports admin requires a verified session. A wrong password
  and a right one without the right code get the same answer, and each counts once as a failed
  sign-in for django-axes' throttling (``ThrottledModelBackend``, ``accounts/signin.py``).
- Setting up an authenticator app takes more than a password: an enrolment link for that very
  account (``enrol``), issued by a superuser signed in with two factors (the admin's "Staff
  two-factor authentication" list, or ``manage.py issue_enrolment_link`` on the server).
  Replacing an app takes a session verified with the old one (or a backup code), or a new link.
  Confirming the app shows ten backup codes once; ``backup_codes`` makes a new set.
- Every link issued, set-up, backup code used, new set and reset goes to the audit
  (``accounts.operations``).

Why django-otp and not django-two-factor-auth: the latter's set-up wizard lets any signed-in
session add a device (a password-only session enrolling an attacker's phone is the attack this
module is built against), and it brings django-formtools and phone-number dependencies for SMS
and calls that the department does not use. django-otp gives the devices and their checks; the
few pages here decide who may set one up.
"""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import site as admin_site
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_login_failed
from django.db import IntegrityError, connections, router, transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import operations
from accounts.signin import address_locked_out

# The session keys of an enrolment in progress: the link's invitation, and the new device.
INVITATION_SESSION_KEY = "accounts.enrolment_invitation"
PENDING_DEVICE_SESSION_KEY = "accounts.pending_authenticator"
TOTP_DIGITS = 6  # TOTPDevice's default; backup codes are 8 letters and digits


class ThrottledModelBackend(AxesStandaloneBackend, ModelBackend):
    """The one authentication backend: Django's ModelBackend behind the sign-in throttles.

    django-axes refuses a username and address that are cooling off; then this refuses an
    address that failed too often across usernames (``accounts/signin.py`` says why that is
    counted here). One backend rather than axes' recommended pair, because Django's
    ``User.objects.with_perm()`` (used to find staff to notify) needs a single backend. Calls
    without a request (the test client's ``login()``, scripts) skip both checks, which need the
    client's address.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is not None:
            # Raises AxesBackendPermissionDenied while this username and address cool off.
            AxesStandaloneBackend.authenticate(
                self, request, username=username, password=password, **kwargs
            )
            if settings.AXES_ENABLED and address_locked_out(request):
                # As axes does for its own lockout: Django's authenticate() turns this into
                # user_login_failed, which axes records as one more failure (so trying on keeps
                # the pause going, AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT), and
                # AxesMiddleware answers with the lockout page.
                request.axes_locked_out = True
                raise AxesBackendPermissionDenied("Too many failed sign-ins from this address")
        return ModelBackend.authenticate(
            self, request, username=username, password=password, **kwargs
        )

    def get_user(self, user_id):
        """ModelBackend's, with the user read by a statement written once: this runs on every
        request of a signed-in member of staff that looks at the user, where building the same
        query with the ORM costs twice as much CPU as running it."""
        model = get_user_model()
        alias = router.db_for_read(model)
        users = model._default_manager.db_manager(alias).raw(user_statement(alias), [user_id])
        user = next(iter(users), None)
        return user if user is not None and self.user_can_authenticate(user) else None


_user_statements: dict[str, str] = {}


def user_statement(alias: str) -> str:
    """SELECT every column of one user by primary key, for the database ``alias``."""
    statement = _user_statements.get(alias)
    if statement is None:
        meta, quote = get_user_model()._meta, connections[alias].ops.quote_name
        columns = ", ".join(quote(field.column) for field in meta.concrete_fields)
        # Only the model's own quoted names go in the text; the id is a parameter.
        statement = _user_statements[alias] = (
            f"SELECT {columns} FROM {quote(meta.db_table)} WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
        )
    return statement


class CodeInput(forms.TextInput):
    """A one-time code's field: never filled in again with what was typed, so a page after a
    failed attempt is the same whatever code (if any) came with it."""

    def format_value(self, value):
        return None


TOKEN_WIDGET = CodeInput(
    attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "none"}
)


def clean_token(value: str) -> str:
    """A code as typed: without spaces, and lower case like django-otp's backup codes."""
    return "".join((value or "").split()).lower()


@sensitive_variables("token")
def verify_sign_in_code(user, token: str):
    """The device of ``user`` that accepts ``token`` (and uses it up), or None.

    Six digits go to the authenticator app, anything else to the backup codes, so a mistyped
    code of one kind never counts against the other kind's throttle.
    """
    if not token:
        return None
    totp_shaped = token.isdigit() and len(token) == TOTP_DIGITS
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if isinstance(device, TOTPDevice) == totp_shaped and device.verify_token(token):
                return device
    return None


class StaffAuthenticationForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Authentication code"),
        required=False,
        max_length=32,
        widget=TOKEN_WIDGET,
        help_text=_(
            "The 6-digit code from your authenticator app, or one of your backup codes. Leave "
            "empty if you have not set up two-factor authentication."
        ),
    )

    # One answer for every failure: a wrong password, and a right password without the right
    # code, must not tell which (the password would be confirmed).
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "invalid_login": _(
            "Enter a correct username and password, and the code from your authenticator app "
            "or a backup code if you have one. Note that both fields may be case-sensitive."
        ),
    }

    def confirm_login_allowed(self, user):
        """A right password for an account that may not sign in here (not staff) fails like a
        wrong one, and counts like one: otherwise the lockout would tell them apart."""
        try:
            super().confirm_login_allowed(user)
        except forms.ValidationError:
            self.count_failure()
            raise

    def count_failure(self):
        """Count a failed sign-in whose password was right for django-axes, like a wrong one
        (once: Django's authenticate() sent nothing for this attempt)."""
        try:
            self._send_login_failed()
        except IntegrityError:
            self._send_login_failed()  # see clean(): the row is there now

    def _send_login_failed(self):
        user_login_failed.send(
            sender=__name__,
            credentials={"username": self.cleaned_data.get("username")},
            request=self.request,
        )

    @sensitive_variables("token")
    def clean(self):
        try:
            cleaned_data = super().clean()  # a wrong password: Django sends user_login_failed
        except IntegrityError:
            # Two failed sign-ins for one username and address at once, on PostgreSQL: both
            # made django-axes create its record of them, and the second one's insert lost
            # (axes' get_or_create inside its own lock). The record exists now: count again.
            self._send_login_failed()
            raise self.get_invalid_login_error() from None
        user = self.get_user()
        if user is None or not user_has_device(user, confirmed=True):
            return cleaned_data
        token = clean_token(cleaned_data.get("otp_token"))
        device = verify_sign_in_code(user, token)
        if device is None:
            # The password was right: count it and answer as for a wrong one.
            self.count_failure()
            raise self.get_invalid_login_error()
        # django-otp stores this device in the session when the admin signs the user in.
        user.otp_device = device
        if isinstance(device, StaticDevice):
            self.backup_code_used(user)
        return cleaned_data

    def backup_code_used(self, user):
        operations.backup_code_used(user=user, ip_address=operations.client_address(self.request))
        left = operations.backup_codes_left(user)
        messages.warning(
            self.request,
            format_html(
                '{} <a href="{}">{}</a>',
                ngettext(
                    "You signed in with a backup code. You have %(count)d backup code left.",
                    "You signed in with a backup code. You have %(count)d backup codes left.",
                    left,
                )
                % {"count": left},
                reverse("two_factor_backup_codes"),
                _("Make a new set"),
            ),
            fail_silently=True,
        )


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
        token = clean_token(self.cleaned_data["token"])
        with transaction.atomic():
            device = (
                TOTPDevice.objects.select_for_update()
                .filter(pk=self.device.pk, confirmed=False)
                .first()
            )
            if device is None:
                raise forms.ValidationError(
                    _("This set-up has expired. Reload the page to start again.")
                )
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


REFUSALS = {
    "no_link": _(
        "To set up two-factor authentication you need an enrolment link for your account. "
        "Ask a website administrator to issue one."
    ),
    "has_device": _(
        "You already have two-factor authentication. To replace your authenticator app, sign "
        "out and sign in again with its code or a backup code. If you lost it, ask a website "
        "administrator for a new enrolment link."
    ),
    "invalid_link": _(
        "This enrolment link does not work: it was already used, it has expired, or it is for "
        "another account. Sign in with the account it was issued for, or ask a website "
        "administrator for a new link."
    ),
    "not_verified": _(
        "Sign out and sign in again with the code from your authenticator app or a backup "
        "code to make new backup codes. If you cannot, ask a website administrator for a new "
        "enrolment link."
    ),
}


def _refused(request, reason: str):
    context = {
        **admin_site.each_context(request),
        "title": _("Two-factor authentication"),
        "message": REFUSALS[reason],
    }
    return render(request, "accounts/admin/two_factor_refused.html", context, status=403)


def _session_invitation(request) -> int | None:
    """The enrolment link this session opened, while it still works for this account."""
    pk = request.session.get(INVITATION_SESSION_KEY)
    if pk is None:
        return None
    try:
        return operations.invitation_for(user=request.user, pk=pk).pk
    except operations.InvalidInvitation:
        request.session.pop(INVITATION_SESSION_KEY, None)
        return None


def _pending_device(request) -> TOTPDevice:
    """The unconfirmed authenticator this session set up, or a new one.

    Never another session's: an unconfirmed device whose key someone else saw must not become
    this account's authenticator.
    """
    user = request.user
    pk = request.session.get(PENDING_DEVICE_SESSION_KEY)
    device = TOTPDevice.objects.filter(pk=pk, user=user, confirmed=False).first() if pk else None
    if device is None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(
            user=user, name=str(_("Authenticator app")), confirmed=False
        )
        request.session[PENDING_DEVICE_SESSION_KEY] = device.pk
    return device


@never_cache
@staff_member_required
def enrol(request, token):
    """An enrolment link: for its own account only, it opens the set-up page."""
    try:
        invitation = operations.invitation_for(user=request.user, token=token)
    except operations.InvalidInvitation:
        return _refused(request, "invalid_link")
    request.session[INVITATION_SESSION_KEY] = invitation.pk
    request.session.pop(PENDING_DEVICE_SESSION_KEY, None)
    # Away from the address with the token, so it is not in the page's history or referrer.
    return redirect("two_factor_setup")


@sensitive_post_parameters()
@never_cache
@staff_member_required
def setup(request):
    """Set up (or replace) an authenticator app: with an enrolment link, or while verified."""
    user = request.user
    has_device = user_has_device(user, confirmed=True)
    invitation_pk = _session_invitation(request)
    if invitation_pk is None and not (has_device and user.is_verified()):
        return _refused(request, "has_device" if has_device else "no_link")
    device = _pending_device(request)
    form = ConfirmDeviceForm(request.POST if request.method == "POST" else None, device=device)
    if request.method == "POST" and form.is_valid():
        try:
            codes = operations.authenticator_confirm(
                device=device,
                invitation_pk=invitation_pk,
                ip_address=operations.client_address(request),
            )
        except operations.InvalidInvitation:
            return _refused(request, "invalid_link")
        request.session.pop(INVITATION_SESSION_KEY, None)
        request.session.pop(PENDING_DEVICE_SESSION_KEY, None)
        device.refresh_from_db()
        otp_login(request, device)
        messages.success(request, _("Two-factor authentication is on for your account."))
        if codes:
            return _show_backup_codes(request, codes)
        return redirect("admin:index")
    context = {
        **admin_site.each_context(request),
        "title": _("Set up two-factor authentication"),
        "form": form,
        "qr_svg": _qr_svg(device.config_url),
        "secret": b32encode(device.bin_key).decode(),
        "replacing": has_device,
        "new_backup_codes": invitation_pk is not None or operations.backup_codes_left(user) == 0,
        "backup_codes_url": reverse("two_factor_backup_codes") if user.is_verified() else None,
    }
    return render(request, "accounts/admin/two_factor_setup.html", context)


def _show_backup_codes(request, codes: list[str]):
    """The one page that ever shows these codes: only the database holds them afterwards."""
    context = {
        **admin_site.each_context(request),
        "title": _("Your backup codes"),
        "codes": codes,
    }
    return render(request, "accounts/admin/backup_codes.html", context)


@sensitive_post_parameters()
@never_cache
@staff_member_required
def backup_codes(request):
    """How many backup codes are left, and a new set (which ends the old one)."""
    user = request.user
    if not user.is_verified():
        return _refused(request, "not_verified")
    if request.method == "POST":
        codes = operations.backup_codes_regenerate(
            user=user, ip_address=operations.client_address(request)
        )
        return _show_backup_codes(request, codes)
    context = {
        **admin_site.each_context(request),
        "title": _("Backup codes"),
        "left": operations.backup_codes_left(user),
    }
    return render(request, "accounts/admin/backup_codes_manage.html", context)


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer while a username and address (or a whole address) cool off: a page,
    not a trace."""
    cool_off = get_cool_off(request)
    minutes = max(1, int(cool_off.total_seconds() // 60)) if cool_off else 15
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "minutes": minutes,
        "whole_address": address_locked_out(request),
    }
    return render(request, "accounts/admin/locked_out.html", context, status=429)

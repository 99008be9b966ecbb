"""Every two-factor write that has rules: one keyword-only, atomic function each.

The views, the admin, ``manage.py issue_enrolment_link`` and the tests call these. Each records
what it did in the audit (``TwoFactorEvent``) and on the ``accounts.two_factor`` logger.
"""

import ipaddress
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import EnrolmentInvitation, TwoFactorEvent, token_hash
from core import links

logger = logging.getLogger("accounts.two_factor")
Action = TwoFactorEvent.Action

BACKUP_CODE_COUNT = 10


class InvalidInvitation(Exception):
    """The enrolment link is unknown, used, expired, or for another account."""


def client_address(request) -> str | None:
    """The client's address as sign-in throttling sees it (``CLIENT_IP_META_KEY``), if valid."""
    if request is None:
        return None
    value = request.META.get(settings.CLIENT_IP_META_KEY, "")
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def audit(*, action: str, user, actor=None, ip_address: str | None = None, detail: str = ""):
    """Store one audit line and log it."""
    event = TwoFactorEvent.objects.create(
        action=action,
        user=user,
        username=user.get_username(),
        actor=actor,
        actor_username=actor.get_username() if actor is not None else "",
        ip_address=ip_address,
        detail=detail,
    )
    logger.info(
        "two-factor %s: account=%s by=%s address=%s %s",
        action,
        event.username,
        event.actor_username or "-",
        ip_address or "-",
        detail,
    )
    return event


# --- Enrolment links -----------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: EnrolmentInvitation
    token: str  # shown once to the issuer; only its hash is stored

    @property
    def path(self) -> str:
        return reverse("two_factor_enrol", args=[self.token])

    @property
    def url(self) -> str:
        return links.absolute_url(self.path)


@transaction.atomic
def invitation_issue(*, user, issued_by=None, ip_address: str | None = None) -> IssuedInvitation:
    """A new enrolment link for ``user``; an unused older one stops working.

    ``issued_by`` is the superuser (checked by the caller: the admin requires a two-factor
    session), or None on the server's command line.
    """
    EnrolmentInvitation.objects.pending().filter(user=user).delete()
    token = secrets.token_urlsafe(32)
    invitation = EnrolmentInvitation.objects.create(
        user=user,
        token_hash=token_hash(token),
        issued_by=issued_by,
        expires_at=timezone.now() + timedelta(hours=settings.TWO_FACTOR_INVITATION_HOURS),
    )
    audit(
        action=Action.INVITATION_ISSUED,
        user=user,
        actor=issued_by,
        ip_address=ip_address,
        detail=f"expires {invitation.expires_at.isoformat(timespec='minutes')}",
    )
    return IssuedInvitation(invitation, token)


def invitation_for(*, user, token: str | None = None, pk: int | None = None):
    """The usable invitation of ``user`` with this token (or primary key), or InvalidInvitation."""
    invitations = EnrolmentInvitation.objects.usable().filter(user=user)
    if token is not None:
        invitation = invitations.filter(token_hash=token_hash(token)).first()
    elif pk is not None:
        invitation = invitations.filter(pk=pk).first()
    else:
        invitation = None
    if invitation is None:
        raise InvalidInvitation
    return invitation


# --- Authenticator apps and backup codes -------------------------------------------------------


def _new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with a new set, and return it (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def authenticator_confirm(
    *, device: TOTPDevice, invitation_pk: int | None = None, ip_address: str | None = None
) -> list[str]:
    """Turn on the authenticator app ``device`` (its code already checked by the caller).

    With an enrolment link (``invitation_pk``) the link is used up and every other device of
    the account goes: old authenticator and backup codes alike (the lost-phone case). Without
    one, the caller has checked that the session passed two-factor authentication: the old
    authenticator is replaced and the backup codes stay, unless there are none left.
    Returns the new backup codes, or an empty list when the old ones stay.
    """
    user = device.user
    TOTPDevice.objects.select_for_update().filter(pk=device.pk).get()
    if invitation_pk is not None:
        invitation = (
            EnrolmentInvitation.objects.select_for_update().usable().filter(pk=invitation_pk)
        ).first()
        if invitation is None or invitation.user_id != user.pk:
            raise InvalidInvitation
        invitation.used_at = timezone.now()
        invitation.save(update_fields=["used_at"])
    had_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = []
    if invitation_pk is not None or backup_codes_left(user) == 0:
        codes = _new_backup_codes(user)
    if invitation_pk is not None:
        issuer = invitation.issued_by.get_username() if invitation.issued_by else "command line"
        detail = f"with the enrolment link issued by {issuer}"
    else:
        detail = "signed in with the old one"
    if codes:
        detail += f"; {len(codes)} new backup codes"
    audit(
        action=Action.AUTHENTICATOR_REPLACED if had_device else Action.ENROLLED,
        user=user,
        actor=user,
        ip_address=ip_address,
        detail=detail,
    )
    return codes


@transaction.atomic
def backup_codes_regenerate(*, user, ip_address: str | None = None) -> list[str]:
    """A new set of backup codes for ``user``; the old set stops working.

    The caller has checked that the session passed two-factor authentication.
    """
    codes = _new_backup_codes(user)
    audit(
        action=Action.BACKUP_CODES_REGENERATED,
        user=user,
        actor=user,
        ip_address=ip_address,
        detail=f"{len(codes)} codes",
    )
    return codes


def backup_code_used(*, user, ip_address: str | None = None):
    """Record a sign-in with a backup code (django-otp has already deleted the code)."""
    audit(
        action=Action.BACKUP_CODE_USED,
        user=user,
        actor=user,
        ip_address=ip_address,
        detail=f"{backup_codes_left(user)} left",
    )


@transaction.atomic
def two_factor_reset(*, user, reset_by, ip_address: str | None = None):
    """Remove every authenticator app, backup code and unused enrolment link of ``user``.

    They sign in with their password only until a superuser issues them a new enrolment link;
    a session they verified with a removed device is no longer verified (django-otp's
    middleware checks the device on every request). The caller has checked that ``reset_by``
    is a superuser signed in with two factors.
    """
    apps = TOTPDevice.objects.filter(user=user, confirmed=True).count()
    codes = backup_codes_left(user)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    EnrolmentInvitation.objects.pending().filter(user=user).delete()
    audit(
        action=Action.RESET,
        user=user,
        actor=reset_by,
        ip_address=ip_address,
        detail=f"removed {apps} authenticator app(s) and {codes} backup code(s)",
    )

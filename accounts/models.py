"""Two-factor enrolment links, the audit of every two-factor change, and the staff list the
admin shows them on. The writes with rules are in ``accounts/operations.py``."""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def token_hash(token: str) -> str:
    """The stored form of an enrolment link's token. The token is 256 random bits, so a plain
    SHA-256 is enough: there is nothing to guess that a slow, salted hash would protect."""
    return hashlib.sha256(token.encode()).hexdigest()


class EnrolmentInvitationQuerySet(models.QuerySet):
    def usable(self):
        """Not used yet and not expired."""
        return self.filter(used_at__isnull=True, expires_at__gt=timezone.now())

    def pending(self):
        """Not used yet, expired or not."""
        return self.filter(used_at__isnull=True)


class EnrolmentInvitation(models.Model):
    """A one-time link that lets one named account set up an authenticator app.

    Issued by a superuser signed in with two factors (or by ``manage.py issue_enrolment_link``);
    only the token's hash is stored. It works once, only while signed in as its account, and
    only until it expires (``TWO_FACTOR_INVITATION_HOURS``). A newer link replaces an unused one.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="enrolment_invitations",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    objects = EnrolmentInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment link")
        verbose_name_plural = _("enrolment links")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(used_at__isnull=True),
                name="accounts_one_unused_invitation_per_user",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.expires_at > timezone.now()


class TwoFactorEvent(models.Model):
    """One line of the two-factor audit: who, by whom, what, when and from which address.

    Written with the same line to the ``accounts.two_factor`` logger. Names are kept as text too,
    so a line still says who once an account is deleted. Read-only in the admin, superusers only.
    """

    class Action(models.TextChoices):
        INVITATION_ISSUED = "invitation_issued", _("Enrolment link issued")
        ENROLLED = "enrolled", _("Authenticator app set up")
        AUTHENTICATOR_REPLACED = "authenticator_replaced", _("Authenticator app replaced")
        BACKUP_CODE_USED = "backup_code_used", _("Backup code used to sign in")
        BACKUP_CODES_REGENERATED = "backup_codes_regenerated", _("New backup codes generated")
        RESET = "reset", _("Two-factor authentication reset")

    action = models.CharField(_("what"), max_length=32, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="two_factor_events",
    )
    username = models.CharField(_("account name"), max_length=150)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_username = models.CharField(
        _("by (name)"),
        max_length=150,
        blank=True,
        help_text=_("Empty when it was done on the server's command line."),
    )
    ip_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("two-factor audit entry")
        verbose_name_plural = _("two-factor audit")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()}: {self.username}"


class StaffTwoFactor(get_user_model()):
    """Staff accounts as the admin's two-factor list shows them (a proxy: no table of its own),
    with the actions that issue enrolment links and reset two-factor authentication."""

    class Meta:
        proxy = True
        verbose_name = _("staff two-factor authentication")
        verbose_name_plural = _("staff two-factor authentication")

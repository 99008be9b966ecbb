"""Vacation house checks: a resident away from home asks patrol officers to look in on it.

A ``HouseCheck`` is reached by its reference alone (the status page asks for nothing else), so
the reference is random and long enough not to be guessed (``new_reference``). It is routed to
a district by its address (districts.lookup); one no district matches is "not routed" until a
superuser, or a patrol supervisor with the ``route_housecheck`` permission, gives it one.

Officers record each ``HouseCheckVisit``; every change is kept as a ``HouseCheckEvent``. The
resident gets a summary of the visits once they are home (``summary_sent_at``), and
`manage.py purge_house_checks` deletes everything some days after the return date.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import references
from core.forms import EMAIL_MAX_LENGTH
from core.languages import language_field
from districts.models import District

REFERENCE_PREFIX = "HC-"  # the rest: core/references.py (alphabet, length)


def new_reference() -> str:
    return references.new_reference(REFERENCE_PREFIX)


def today() -> date:
    """Today in the site's time zone (America/New_York)."""
    return timezone.localdate()


class HouseCheckQuerySet(models.QuerySet):
    def not_cancelled(self):
        return self.filter(cancelled_at__isnull=True)

    def active_on(self, day: date):
        """The checks whose away period covers ``day`` (leave and return days included)."""
        return self.not_cancelled().filter(leave_date__lte=day, return_date__gte=day)

    def due_for_summary(self, *, day: date):
        """Not summarised yet, and over: the return date passed, or cancelled by the resident."""
        return self.filter(summary_sent_at__isnull=True).filter(
            Q(return_date__lt=day) | Q(cancelled_at__isnull=False)
        )

    def due_for_purge(self, *, retention_days: int, day: date):
        cutoff = day - timedelta(days=retention_days)
        return self.filter(Q(return_date__lt=cutoff) | Q(cancelled_at__date__lt=cutoff))


class HouseCheck(models.Model):
    reference = models.CharField(_("reference"), max_length=20, editable=False)
    address = models.CharField(_("address"), max_length=200)
    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="house_checks",
        verbose_name=_("district"),
        help_text=_("Empty: not routed (no district matched the address)."),
    )
    leave_date = models.DateField(_("leaves on"))
    return_date = models.DateField(_("returns on"))

    resident_name = models.CharField(_("resident's name"), max_length=150)
    email = models.EmailField(_("email"), max_length=EMAIL_MAX_LENGTH)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = language_field()
    emergency_name = models.CharField(_("emergency contact"), max_length=150)
    emergency_phone = models.CharField(_("emergency contact's phone"), max_length=30)

    # Notes for the officers.
    has_alarm = models.BooleanField(_("alarm"), default=False)
    alarm_company = models.CharField(_("alarm company"), max_length=150, blank=True)
    vehicles = models.CharField(_("vehicles left at home"), max_length=300, blank=True)
    key_holder_name = models.CharField(_("key holder"), max_length=150, blank=True)
    key_holder_phone = models.CharField(_("key holder's phone"), max_length=30, blank=True)
    notes = models.TextField(_("other notes for officers"), blank=True)

    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    summary_sent_at = models.DateTimeField(_("summary sent"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = HouseCheckQuerySet.as_manager()

    class Meta:
        ordering = ["leave_date", "pk"]
        verbose_name = _("house check")
        verbose_name_plural = _("house checks")
        permissions = [("route_housecheck", "Can give a house check to a district")]
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="housecheck_reference_unique"),
            models.CheckConstraint(
                condition=Q(return_date__gt=models.F("leave_date")),
                name="housecheck_returns_after_leaving",
            ),
        ]
        indexes = [
            models.Index(
                fields=["district", "leave_date", "return_date"],
                name="housecheck_district_dates",
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    def state(self, day: date | None = None) -> str:
        day = day or today()
        if self.is_cancelled:
            return "cancelled"
        if day < self.leave_date:
            return "scheduled"
        if day <= self.return_date:
            return "active"
        return "finished"

    def get_state_display(self) -> str:
        return str(STATES[self.state()])

    @property
    def can_be_cancelled(self) -> bool:
        return not self.is_cancelled and today() <= self.return_date


STATES = {
    "scheduled": _("Booked: checks start on your leave date"),
    "active": _("Active: officers are looking in"),
    "finished": _("Finished: you are back home"),
    "cancelled": _("Cancelled"),
}


class HouseCheckVisit(models.Model):
    """One officer's look at the house: when, who, what they found."""

    class Outcome(models.TextChoices):
        ALL_SECURE = "all_secure", _("All secure")
        TO_REPORT = "to_report", _("Something to report")

    house_check = models.ForeignKey(
        HouseCheck, on_delete=models.CASCADE, related_name="visits", verbose_name=_("house check")
    )
    visited_at = models.DateTimeField(_("when"))
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("officer"),
    )
    outcome = models.CharField(_("what the officer found"), max_length=20, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    note_for_resident = models.BooleanField(
        _("the note may be sent to the resident"),
        default=False,
        help_text=_("Otherwise it stays internal: the resident's summary lists the outcome only."),
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["house_check", "visited_at", "pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")

    def __str__(self):
        return str(_("Visit to %(reference)s") % {"reference": self.house_check.reference})


class HouseCheckEvent(models.Model):
    """One change to a house check: who, when, what, and a note for staff."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Asked for by the resident")
        VISIT = "visit", _("Visit recorded")
        CANCELLED = "cancelled", _("Cancelled by the resident")
        ROUTED = "routed", _("District changed")
        SUMMARY = "summary", _("Summary emailed to the resident")

    house_check = models.ForeignKey(
        HouseCheck, on_delete=models.CASCADE, related_name="events", verbose_name=_("house check")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Empty: the resident or the system."),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["house_check", "created_at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self):
        return self.get_action_display()

"""Concerns and tips residents share with their district: not an emergency, not a crime report.

A ``Concern`` is reached by its reference alone (the status page asks for nothing else), so the
reference is random and long enough not to be guessed (``new_reference``). An anonymous tip
keeps no contact details at all (a check constraint), and no concern ever records the sender's
address or browser: rate limits count in the cache only (core/ratelimits.py).

Each concern is routed to a district by its location (concerns.operations, districts.lookup);
district staff work their own district's queue in the admin, and every change is kept as a
``ConcernEvent``. An optional photo takes the report's photo pipeline (reports/photos.py).
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import references
from core.forms import EMAIL_MAX_LENGTH
from core.languages import language_field
from districts.models import District
from reports.models import PhotoFields, photo_constraints

REFERENCE_PREFIX = "TIP-"  # the rest: core/references.py (alphabet, length)


def new_reference() -> str:
    return references.new_reference(REFERENCE_PREFIX)


class ConcernQuerySet(models.QuerySet):
    def for_district_staff(self, user):
        """The concerns of the districts ``user`` works (district.staff_members)."""
        return self.filter(district__staff_members=user)

    def recent(self, *, days: int = 90, now=None):
        return self.filter(created_at__gte=(now or timezone.now()) - timedelta(days=days))

    def agenda(self):
        """Questions staff put on a district's meeting agenda, with the agenda's wording."""
        return self.filter(kind=Concern.Kind.QUESTION, on_agenda=True).exclude(agenda_text="")

    def due_for_purge(self, *, retention_days: int, now=None):
        cutoff = (now or timezone.now()) - timedelta(days=retention_days)
        return self.filter(status_changed_at__lt=cutoff)


class Concern(models.Model):
    class Kind(models.TextChoices):
        TRAFFIC = "traffic", _("Speeding or dangerous driving")
        SUSPICIOUS = "suspicious", _("Suspicious activity that keeps happening")
        PROPERTY = "property", _("A problem property")
        DRUGS = "drugs", _("Drug activity")
        QUESTION = "question", _("A question for the next community meeting")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        SEEN = "seen", _("Seen by district staff")
        ACTED_ON = "acted_on", _("Acted on")
        PASSED_TO_TOWN = "passed_to_town", _("Passed to the Town of Cary")
        CLOSED = "closed", _("Closed")

    reference = models.CharField(_("reference"), max_length=20, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    location = models.CharField(_("where"), max_length=200)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    when_happens = models.CharField(_("when it happens"), max_length=200, blank=True)
    description = models.TextField(_("what is happening"))

    # The sender: nothing at all when anonymous (the check constraint below).
    anonymous = models.BooleanField(_("anonymous"), default=False)
    contact_name = models.CharField(_("name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("email"), max_length=EMAIL_MAX_LENGTH, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    language = language_field()

    district = models.ForeignKey(
        District,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns",
        verbose_name=_("district"),
        help_text=_("Empty: not routed (no district matched the location)."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    status_changed_at = models.DateTimeField(_("status last changed"), default=timezone.now)
    public_note = models.TextField(
        _("note for the resident"),
        blank=True,
        help_text=_("Shown on the status page, to anyone with the reference."),
    )
    on_agenda = models.BooleanField(_("on the meeting agenda"), default=False)
    agenda_text = models.TextField(
        _("agenda text"),
        blank=True,
        help_text=_(
            "Shown on the district page under the next community meeting. Write it yourself: "
            "the resident's words are not published."
        ),
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("concern or tip")
        verbose_name_plural = _("concerns and tips")
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="concern_reference_unique"),
            models.CheckConstraint(
                condition=models.Q(anonymous=False)
                | models.Q(contact_name="", contact_email="", contact_phone=""),
                name="concern_anonymous_keeps_no_contact",
            ),
        ]
        indexes = [
            models.Index(
                fields=["district", "kind", "created_at"], name="concern_district_kind_created"
            )
        ]

    def __str__(self):
        return self.reference

    @property
    def can_be_emailed(self) -> bool:
        return not self.anonymous and bool(self.contact_email)


class ConcernPhoto(PhotoFields):
    """The concern's one photo, checked and cleaned as a report's (reports/photos.py)."""

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="photos", verbose_name=_("concern")
    )

    class Meta:
        ordering = ["concern", "created_at"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = photo_constraints("concern", "concernphoto")

    def __str__(self):
        return str(_("Photo of %(reference)s") % {"reference": self.concern.reference})


class ConcernEvent(models.Model):
    """One change to a concern: who, when, from which status to which, and the note."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Shared by the resident")
        STATUS = "status", _("Status changed")
        ROUTED = "routed", _("District changed")
        AGENDA = "agenda", _("Put on the meeting agenda")
        OFF_AGENDA = "off_agenda", _("Taken off the meeting agenda")

    concern = models.ForeignKey(
        Concern, on_delete=models.CASCADE, related_name="events", verbose_name=_("concern")
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
    from_status = models.CharField(
        _("from status"), max_length=20, choices=Concern.Status.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=Concern.Status.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["concern", "created_at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self):
        return self.get_action_display()

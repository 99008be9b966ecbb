"""Compliments and complaints about an officer or the department.

A ``Feedback`` is reached by its reference alone (the status page asks for nothing else), so the
reference is random and long enough not to be guessed (``new_reference``). A compliment may come
without any contact details; a complaint may be anonymous, and an anonymous one keeps no contact
details at all (a check constraint). No feedback ever records the sender's address or browser:
rate limits count in the cache only (core/ratelimits.py).

The Professional standards group works them in the admin (with two-factor sign-in), and every
change is kept as a ``FeedbackEvent``. Once closed and past the retention period,
``manage.py purge_feedback`` blanks what the resident wrote and who they are, and keeps the row's
kind, outcome and dates, so the public yearly counts (feedback/counts.py) never change.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import references
from core.forms import EMAIL_MAX_LENGTH
from core.languages import language_field

REFERENCE_PREFIX = "PS-"  # the rest: core/references.py (alphabet, length)
DESCRIPTION_MAX_LENGTH = 3000
# The staff group that works compliments and complaints (feedback/migrations/0002).
PROFESSIONAL_STANDARDS = "Professional standards"
VALUE_MAX_LENGTH = 300  # a history entry's old and new values


def new_reference() -> str:
    return references.new_reference(REFERENCE_PREFIX)


class Kind(models.TextChoices):
    COMPLIMENT = "compliment", _("Compliment")
    COMPLAINT = "complaint", _("Complaint")


class Status(models.TextChoices):
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    UNDER_REVIEW = "under_review", _("Under review")
    CLOSED = "closed", _("Closed")


class Outcome(models.TextChoices):
    """How a closed item ended. The first group is for complaints (the dispositions most
    internal affairs units use), the second for compliments."""

    SUSTAINED = "sustained", _("Sustained")
    NOT_SUSTAINED = "not_sustained", _("Not sustained")
    EXONERATED = "exonerated", _("Exonerated")
    UNFOUNDED = "unfounded", _("Unfounded")
    POLICY = "policy", _("Policy or training issue")
    RESOLVED = "resolved", _("Resolved with the resident")
    WITHDRAWN = "withdrawn", _("Withdrawn by the resident")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    FORWARDED = "forwarded", _("Forwarded to the officer's supervisor")


# What each outcome means, for the public counts page and the staff's close form.
OUTCOME_MEANINGS = {
    Outcome.SUSTAINED: _("The officer's conduct broke a policy or the law."),
    Outcome.NOT_SUSTAINED: _("There was not enough evidence to prove or disprove it."),
    Outcome.EXONERATED: _("It happened, and it was lawful and within policy."),
    Outcome.UNFOUNDED: _("It did not happen as described."),
    Outcome.POLICY: _("The officer followed policy, and the policy or the training changes."),
    Outcome.RESOLVED: _(
        "Settled with the resident, for example by a conversation with a supervisor."
    ),
    Outcome.WITHDRAWN: _("The resident withdrew the complaint."),
    Outcome.ACKNOWLEDGED: _("Thanked, and shared with the officer."),
    Outcome.FORWARDED: _("Sent to the officer's supervisor, for the officer's record."),
}


COMPLAINT_OUTCOMES = [
    Outcome.SUSTAINED,
    Outcome.NOT_SUSTAINED,
    Outcome.EXONERATED,
    Outcome.UNFOUNDED,
    Outcome.POLICY,
    Outcome.RESOLVED,
    Outcome.WITHDRAWN,
]
COMPLIMENT_OUTCOMES = [Outcome.ACKNOWLEDGED, Outcome.FORWARDED]
OUTCOMES_BY_KIND = {Kind.COMPLAINT: COMPLAINT_OUTCOMES, Kind.COMPLIMENT: COMPLIMENT_OUTCOMES}


class FeedbackQuerySet(models.QuerySet):
    def due_for_purge(self, *, retention_days: int, now=None):
        """Closed items whose status last changed before the retention period and whose
        personal details are still there."""
        cutoff = (now or timezone.now()) - timedelta(days=retention_days)
        return self.filter(
            status=Status.CLOSED, status_changed_at__lt=cutoff, purged_at__isnull=True
        )


class Feedback(models.Model):
    Kind = Kind
    Status = Status
    Outcome = Outcome

    reference = models.CharField(_("reference"), max_length=20, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    officer = models.CharField(
        _("officer"),
        max_length=150,
        blank=True,
        help_text=_("The officer's name or badge number, as the resident gave it."),
    )
    description = models.TextField(_("what happened"), blank=True)
    occurred_on = models.DateField(_("date it happened"), null=True, blank=True)
    occurred_at_time = models.TimeField(_("time it happened"), null=True, blank=True)
    location = models.CharField(_("where"), max_length=200, blank=True)

    # The sender: nothing at all when anonymous (the check constraint below).
    anonymous = models.BooleanField(_("anonymous"), default=False)
    contact_name = models.CharField(_("name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("email"), max_length=EMAIL_MAX_LENGTH, blank=True)
    contact_phone = models.CharField(_("phone"), max_length=30, blank=True)
    share_name = models.BooleanField(
        _("may share the name with the officer"),
        default=False,
        help_text=_("Compliments only: the resident agreed that the officer may know their name."),
    )
    language = language_field()

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    status_changed_at = models.DateTimeField(_("status last changed"), default=timezone.now)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    public_note = models.TextField(
        _("note for the resident"),
        blank=True,
        help_text=_("Shown on the status page, to anyone with the reference."),
    )
    purged_at = models.DateTimeField(
        _("personal details deleted"),
        null=True,
        blank=True,
        help_text=_(
            "Set by the retention command: what the resident wrote and who they are is gone; "
            "the kind, outcome and dates stay for the yearly counts."
        ),
    )
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("compliment or complaint")
        verbose_name_plural = _("compliments and complaints")
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="feedback_reference_unique"),
            models.CheckConstraint(
                condition=models.Q(anonymous=False)
                | models.Q(contact_name="", contact_email="", contact_phone="", share_name=False),
                name="feedback_anonymous_keeps_no_contact",
            ),
            models.CheckConstraint(
                condition=models.Q(share_name=False) | models.Q(kind=Kind.COMPLIMENT),
                name="feedback_share_name_compliments_only",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=Status.CLOSED, kind=Kind.COMPLAINT)
                    & models.Q(outcome__in=COMPLAINT_OUTCOMES)
                )
                | (
                    models.Q(status=Status.CLOSED, kind=Kind.COMPLIMENT)
                    & models.Q(outcome__in=COMPLIMENT_OUTCOMES)
                )
                | (models.Q(outcome="") & ~models.Q(status=Status.CLOSED)),
                name="feedback_outcome_when_closed",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="feedback_status_created")]

    def __str__(self):
        return self.reference

    @property
    def can_be_emailed(self) -> bool:
        return not self.anonymous and bool(self.contact_email)

    @property
    def is_compliment(self) -> bool:
        return self.kind == Kind.COMPLIMENT

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED


class FeedbackEvent(models.Model):
    """One change to an item: who, when, what, from which value to which, and a note."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Sent by the resident")
        ASSIGNED = "assigned", _("Assigned")
        STATUS = "status", _("Status changed")
        CLOSED = "closed", _("Closed with an outcome")
        NOTE = "note", _("Internal note")
        FORWARDED = "forwarded", _("Forwarded to a supervisor")
        PURGED = "purged", _("Personal details deleted (retention)")

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="events", verbose_name=_("item")
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
    old_value = models.CharField(_("old value"), max_length=VALUE_MAX_LENGTH, blank=True)
    new_value = models.CharField(_("new value"), max_length=VALUE_MAX_LENGTH, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["feedback", "created_at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self):
        return self.get_action_display()

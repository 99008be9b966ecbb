"""A resident's request for a copy of a record (a crash report, an incident report...).

A ``RecordRequest`` is reached by its reference on the status page, so the reference is random
and long enough not to be guessed (``new_reference``). The requester's email address is
confirmed through a signed link (records/tokens.py) before any document can be downloaded.
The Records group works the queue in the admin; every change is a ``RecordRequestEvent``. The
document is a PDF in the private storage (no URL at all), served only through checked views.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import references
from core.forms import EMAIL_MAX_LENGTH
from core.languages import language_field
from core.storage import private_storage as core_private_storage

REFERENCE_PREFIX = "REC-"  # the rest: core/references.py (alphabet, length)


def new_reference() -> str:
    return references.new_reference(REFERENCE_PREFIX)


def new_key() -> str:
    return secrets.token_urlsafe(24)


def private_storage():
    """The documents' storage: the "private" one (settings.STORAGES), never the public media.
    A function, so that migrations name it rather than a storage instance."""
    return core_private_storage


class RecordRequestQuerySet(models.QuerySet):
    def due_for_purge(self, *, retention_days: int, now=None):
        """Finished requests (fulfilled or refused) whose status last changed before the
        retention period; open ones are kept, however old."""
        cutoff = (now or timezone.now()) - timedelta(days=retention_days)
        return self.filter(
            status__in=[RecordRequest.Status.FULFILLED, RecordRequest.Status.REFUSED],
            status_changed_at__lt=cutoff,
        )


class RecordRequest(models.Model):
    class Kind(models.TextChoices):
        CRASH = "crash", _("A crash report")
        INCIDENT = "incident", _("An incident report")
        OTHER = "other", _("Another record")

    class Relationship(models.TextChoices):
        DRIVER = "driver", _("A driver involved")
        INVOLVED = "involved", _("Another person involved (passenger, victim, owner)")
        INSURER = "insurer", _("An insurer")
        ATTORNEY = "attorney", _("An attorney")
        OTHER = "other", _("Someone else")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", _("In progress")
        READY = "ready", _("Ready to download")
        FULFILLED = "fulfilled", _("Fulfilled")
        REFUSED = "refused", _("Refused")

    reference = models.CharField(_("reference"), max_length=20, editable=False)
    key = models.CharField(_("link key"), max_length=64, default=new_key, editable=False)
    kind = models.CharField(_("record"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("what happened"))
    incident_date = models.DateField(_("date of the incident"))
    location = models.CharField(_("where"), max_length=200)
    case_number = models.CharField(_("case number"), max_length=40, blank=True)

    requester_name = models.CharField(_("name"), max_length=150)
    requester_email = models.EmailField(_("email"), max_length=EMAIL_MAX_LENGTH)
    requester_phone = models.CharField(_("phone"), max_length=30, blank=True)
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    reason = models.TextField(_("why it is needed"), blank=True)
    language = language_field()
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    status_changed_at = models.DateTimeField(_("status last changed"), default=timezone.now)
    refusal_reason = models.TextField(
        _("reason for the refusal"),
        blank=True,
        help_text=_("Shown on the status page, to anyone with the reference."),
    )

    document = models.FileField(
        _("document"), storage=private_storage, max_length=200, blank=True, editable=False
    )
    document_key = models.CharField(
        _("document key"),
        max_length=64,
        blank=True,
        editable=False,
        help_text=_("Part of the download link: a new document makes older links stop working."),
    )
    document_size = models.PositiveIntegerField(_("document size (bytes)"), default=0)
    document_pages = models.PositiveIntegerField(_("pages"), default=0)
    document_attached_at = models.DateTimeField(_("document attached"), null=True, blank=True)

    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = RecordRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("record request")
        verbose_name_plural = _("record requests")
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="record_request_reference_unique"),
            models.CheckConstraint(
                condition=~models.Q(status="refused") | ~models.Q(refusal_reason=""),
                name="record_request_refusal_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "status_changed_at"], name="record_request_status")
        ]

    def __str__(self):
        return self.reference

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def has_document(self) -> bool:
        return bool(self.document.name)

    @property
    def document_filename(self) -> str:
        return f"{self.reference}.pdf"


class RecordRequestEvent(models.Model):
    """One change to a request: who, when, from which status to which, and the note."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Sent by the resident")
        EMAIL_CONFIRMED = "email_confirmed", _("Email address confirmed")
        STARTED = "started", _("Work started")
        REFUSED = "refused", _("Refused")
        DOCUMENT_ATTACHED = "document", _("Document attached")
        LINK_SENT = "link_sent", _("Download link sent again")
        DOWNLOADED = "downloaded", _("Downloaded by the resident")
        STAFF_DOWNLOADED = "staff_downloaded", _("Downloaded by staff")

    record_request = models.ForeignKey(
        RecordRequest,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("record request"),
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
        _("from status"), max_length=20, choices=RecordRequest.Status.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=20, choices=RecordRequest.Status.choices
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["record_request", "created_at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self):
        return self.get_action_display()

"""Online non-emergency crime reports.

A resident's answers live in a server-side ``ReportDraft`` (the session holds only its random id)
until ``operations.report_submit`` turns the draft into a ``Report`` with its property items and
photos. Staff review reports in the admin; every change of status is kept as a ``ReportEvent``.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.languages import language_field
from core.models import PublishedQuerySet, SingletonModel
from core.search import SearchIndex, SearchVectors, search_indexes
from core.storage import private_storage as core_private_storage
from programs.models import Tip


def private_storage():
    """Evidence photos: the "private" storage (settings.STORAGES), never the public media.
    A function, so that migrations name it rather than a storage instance."""
    return core_private_storage


class ReportSettings(SingletonModel):
    """The one record of report settings staff may change."""

    CACHE_KEY = "report-settings:v1"

    expected_review_time = models.CharField(
        _("expected review time"),
        max_length=100,
        default="5 working days",
        help_text=_('Shown on the confirmation page and in the receipt, e.g. "5 working days".'),
    )
    info_request_valid_days = models.PositiveSmallIntegerField(
        _("days a request for more information stays open"),
        default=14,
        help_text=_("The emailed link lets the resident add information for this many days."),
    )
    retention_days = models.PositiveIntegerField(
        _("days closed reports are kept"),
        default=365,
        help_text=_(
            "After this many days, `manage.py purge_reports` deletes the photos and removes the "
            "personal data of approved and rejected reports."
        ),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")
        constraints = [
            models.CheckConstraint(condition=models.Q(pk=1), name="report_settings_singleton"),
        ]

    def __str__(self):
        return str(_("Settings for online crime reports"))


class IncidentTypeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def accepted_online(self):
        return self.active().filter(accepted_online=True)


class IncidentType(models.Model):
    name = models.CharField(_("name"), max_length=100, help_text=_('As residents say it: "Theft".'))
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.CharField(
        _("description"),
        max_length=250,
        blank=True,
        help_text=_("One sentence under the name on the question page."),
    )
    accepted_online = models.BooleanField(
        _("can be reported online"),
        default=True,
        help_text=_("Untick for incidents residents must report by phone or in person."),
    )
    not_online_message = models.TextField(
        _("message when not accepted online"),
        blank=True,
        help_text=_("Markdown. Shown on the page that tells the resident to call instead."),
    )
    tip_category = models.CharField(
        _("crime-prevention tips"),
        max_length=20,
        choices=Tip.Category.choices,
        blank=True,
        help_text=_("Tips of this category are shown on the confirmation page."),
    )
    display_order = models.PositiveSmallIntegerField(
        _("display order"), default=100, help_text=_("Lower numbers come first.")
    )
    is_active = models.BooleanField(_("shown to residents"), default=True)

    objects = IncidentTypeQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("incident type")
        verbose_name_plural = _("incident types")

    def __str__(self):
        return self.name


# What the site search finds a guide entry by, with PostgreSQL weights (the guide's search
# source and its migration's SearchVectorTriggers both read it: core/search.py).
REPORTING_GUIDE_SEARCH_FIELDS = {"title": "A", "body": "C"}


def guide_search_indexes() -> list[SearchIndex]:
    """``search_indexes()`` named ``reports_guide_search_<language>``: the model's own name
    would make them longer than the 30 characters an index name may have."""
    return [
        SearchIndex(
            fields=index.fields,
            name=index.name.replace("%(app_label)s_%(class)s", "reports_guide"),
        )
        for index in search_indexes()
    ]


class ReportingGuideEntry(SearchVectors):
    """One entry of the "Where do I report this?" guide."""

    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("body"), help_text=_("Markdown: lists, links, bold text."))
    display_order = models.PositiveSmallIntegerField(
        _("display order"), default=100, help_text=_("Lower numbers come first.")
    )
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "title"]
        verbose_name = _("reporting guide entry")
        verbose_name_plural = _('"Where do I report this?" guide')
        indexes = [
            *guide_search_indexes(),  # search_vector_en, _es...: core/search.py
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The entry on the guide's page (templates/reports/where.html): it has no page of its
        own."""
        return reverse("reports:where") + f"#guide-{self.pk}"


class RejectionReasonQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class RejectionReason(models.Model):
    title = models.CharField(_("reason"), max_length=150)
    explanation = models.TextField(
        _("explanation for the resident"),
        help_text=_("Sent to the resident with the reviewer's note."),
    )
    display_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    is_active = models.BooleanField(_("in use"), default=True)

    objects = RejectionReasonQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "title"]
        verbose_name = _("rejection reason")
        verbose_name_plural = _("rejection reasons")

    def __str__(self):
        return self.title


class ReferenceCounter(models.Model):
    """The last reference number given out in a year. Locked while a report takes the next."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class ReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Report.Status.open_values())

    def closed(self):
        return self.filter(status__in=[Report.Status.APPROVED, Report.Status.REJECTED])

    def due_for_purge(self, *, retention_days: int, now=None):
        cutoff = (now or timezone.now()) - timedelta(days=retention_days)
        return self.closed().filter(status_changed_at__lt=cutoff, anonymised_at__isnull=True)


class Report(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Received")
        IN_REVIEW = "in_review", _("Being reviewed")
        INFO_REQUESTED = "info_requested", _("More information needed")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not accepted")

        @classmethod
        def open_values(cls):
            return [cls.SUBMITTED, cls.IN_REVIEW, cls.INFO_REQUESTED]

    class ContactMethod(models.TextChoices):
        EMAIL = "email", _("Email")
        PHONE = "phone", _("Phone")

    reference = models.CharField(_("reference number"), max_length=20, editable=False)
    reference_year = models.PositiveSmallIntegerField(editable=False)
    reference_number = models.PositiveIntegerField(editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    status_changed_at = models.DateTimeField(_("status last changed"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now, db_index=True)
    incident_type = models.ForeignKey(
        IncidentType,
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("incident type"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_reports",
        verbose_name=_("assigned reviewer"),
    )

    # When and where
    occurred_from = models.DateTimeField(_("happened on or after"))
    occurred_until = models.DateTimeField(_("happened on or before"), null=True, blank=True)
    location_address = models.CharField(_("address in Cary"), max_length=200)
    location_details = models.CharField(_("more about the place"), max_length=300, blank=True)

    # What happened
    description = models.TextField(_("what happened"))
    vehicle_description = models.TextField(_("vehicle involved"), blank=True)
    suspect_description = models.TextField(_("description of the person"), blank=True)

    # The resident
    reporter_name = models.CharField(_("name"), max_length=150)
    reporter_email = models.EmailField(_("email"))
    reporter_phone = models.CharField(_("phone"), max_length=30, blank=True)
    reporter_address = models.CharField(_("address"), max_length=300, blank=True)
    preferred_language = models.CharField(_("preferred language"), max_length=60, blank=True)
    # The site's language when the report was sent (the free text above is what they asked for).
    language = language_field()
    contact_method = models.CharField(
        _("preferred contact"), max_length=10, choices=ContactMethod.choices
    )
    declared_at = models.DateTimeField(_("declaration accepted"))

    # The review
    case_number = models.CharField(_("case number"), max_length=40, blank=True)
    resident_message = models.TextField(
        _("message to the resident"),
        blank=True,
        help_text=_("Shown on the status page and sent by email."),
    )
    rejection_reason = models.ForeignKey(
        RejectionReason,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("rejection reason"),
    )
    anonymised_at = models.DateTimeField(_("personal data removed"), null=True, blank=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.UniqueConstraint(fields=["reference"], name="report_reference_unique"),
            models.UniqueConstraint(
                fields=["reference_year", "reference_number"], name="report_year_number_unique"
            ),
        ]
        indexes = [models.Index(fields=["status", "submitted_at"])]

    def __str__(self):
        return self.reference

    @staticmethod
    def format_reference(year: int, number: int) -> str:
        return f"CPD-{year}-{number:06d}"

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.APPROVED, self.Status.REJECTED)

    def timeline(self) -> list[dict]:
        """Where the report is, for its status page: received, in review (and each time more
        information was asked for and added), decided; with the dates of what has happened
        and the steps still to come. One query, the report's history."""
        Action = ReportEvent.Action
        shown = [Action.ASSIGNED, Action.INFO_REQUESTED, Action.INFO_ADDED]
        shown += [Action.APPROVED, Action.REJECTED]
        events = list(self.events.filter(action__in=shown).values_list("action", "created_at"))
        steps = [{"label": _("Received"), "when": self.submitted_at, "done": True}]
        reviewed = next((when for action, when in events if action == Action.ASSIGNED), None)
        if reviewed is None and self.status != self.Status.SUBMITTED:
            reviewed = min((when for _action, when in events), default=self.status_changed_at)
        steps.append({"label": _("Being reviewed"), "when": reviewed, "done": bool(reviewed)})
        labels = {
            Action.INFO_REQUESTED: _("More information asked for"),
            Action.INFO_ADDED: _("You added information"),
        }
        steps += [
            {"label": labels[action], "when": when, "done": True}
            for action, when in events
            if action in labels
        ]
        decided = next(
            (
                (action, when)
                for action, when in events
                if action in (Action.APPROVED, Action.REJECTED)
            ),
            None,
        )
        if decided is None:
            steps.append({"label": _("Decided"), "when": None, "done": False})
        else:
            label = _("Approved") if decided[0] == Action.APPROVED else _("Not accepted")
            steps.append({"label": label, "when": decided[1], "done": True})
        latest = max((index for index, step in enumerate(steps) if step["done"]), default=0)
        steps[latest]["current"] = True
        return steps


class PropertyItem(models.Model):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="property_items", verbose_name=_("report")
    )
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(_("description"), max_length=200)
    brand = models.CharField(_("brand or make"), max_length=100, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=100, blank=True)
    value = models.DecimalField(
        _("value (US$)"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["report", "position"]
        verbose_name = _("property item")
        verbose_name_plural = _("property items")

    def __str__(self):
        return self.description


class ReportAddition(models.Model):
    """Information a resident added through the emailed link after a reviewer asked for it."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="additions", verbose_name=_("report")
    )
    text = models.TextField(_("information added"), blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now)
    # The form's random key: the same form posted twice adds its information once.
    upload_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("added information")
        verbose_name_plural = _("added information")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "upload_key"],
                condition=~models.Q(upload_key=""),
                name="reportaddition_added_once_per_form",
            )
        ]

    def __str__(self):
        return str(
            _("Added %(date)s") % {"date": f"{timezone.localtime(self.created_at):%Y-%m-%d}"}
        )


class PhotoState(models.TextChoices):
    RECEIVED = "received", _("Received, being processed")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be processed")


class PhotoFailure(models.TextChoices):
    DAMAGED = "damaged", _("The file is damaged or is not a photo")
    TOO_MANY_PIXELS = "too_many_pixels", _("The photo has too many pixels")
    OUT_OF_MEMORY = "out_of_memory", _("Processing it needed too much memory")
    TIMED_OUT = "timed_out", _("Processing it took too long")
    STORAGE = "storage", _("The file could not be read or stored")
    GAVE_UP = "gave_up", _("Processing could not finish after several attempts")


class PhotoFields(models.Model):
    """An evidence photo, in one of three states (reports/photos.py):

    - received: the upload passed the cheap checks and waits in quarantine (``original``) for
      the tasks worker; ``width``, ``height`` and ``size`` are those of the upload;
    - ready: re-encoded without metadata into ``file``; the quarantine copy is gone;
    - failed: processing refused it (``failure`` says why); the quarantine copy is gone too.

    A stored file exists if and only if its row does (reports/operations.py), and the check
    constraint ties each state to its file.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    state = models.CharField(
        _("state"), max_length=10, choices=PhotoState.choices, default=PhotoState.RECEIVED
    )
    failure = models.CharField(
        _("why it could not be processed"), max_length=20, choices=PhotoFailure.choices, blank=True
    )
    original = models.FileField(
        _("upload in quarantine"), storage=private_storage, max_length=200, blank=True
    )
    file = models.FileField(_("file"), storage=private_storage, max_length=200, blank=True)
    content_type = models.CharField(max_length=30)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField(_("size in bytes"))
    # The upload form's random key and the file's place in that post: posting the same form
    # twice (a retry after a lost response) adds its photos once (a unique constraint).
    upload_key = models.CharField(max_length=64, blank=True, editable=False)
    upload_index = models.PositiveSmallIntegerField(default=0, editable=False)
    attempts = models.PositiveSmallIntegerField(_("processing attempts"), default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True

    @property
    def extension(self) -> str:
        return "png" if self.content_type == "image/png" else "jpg"

    @property
    def is_ready(self) -> bool:
        return self.state == PhotoState.READY

    @property
    def has_failed(self) -> bool:
        return self.state == PhotoState.FAILED

    def stored_names(self) -> list[str]:
        return [name for name in (self.original.name, self.file.name) if name]


def photo_constraints(owner: str, model: str) -> list:
    """Each state with its files, and a photo added once per upload form (``upload_key``)."""
    received = models.Q(state=PhotoState.RECEIVED, file="") & ~models.Q(original="")
    ready = models.Q(state=PhotoState.READY, original="") & ~models.Q(file="")
    failed = models.Q(state=PhotoState.FAILED, original="", file="")
    return [
        models.CheckConstraint(
            condition=received | ready | failed, name=f"{model}_state_matches_files"
        ),
        models.UniqueConstraint(
            fields=[owner, "upload_key", "upload_index"],
            condition=~models.Q(upload_key=""),
            name=f"{model}_added_once_per_upload",
        ),
    ]


class ReportPhoto(PhotoFields):
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="photos", verbose_name=_("report")
    )
    addition = models.ForeignKey(
        ReportAddition,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="photos",
        verbose_name=_("added later"),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["report", "created_at", "position"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        constraints = photo_constraints("report", "reportphoto")

    def __str__(self):
        return str(_("Photo %(number)s") % {"number": self.position + 1})


class ReportEvent(models.Model):
    """One change to a report: who, when, from which status to which, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted by the resident")
        ASSIGNED = "assigned", _("Assigned")
        INFO_REQUESTED = "info_requested", _("More information requested")
        INFO_ADDED = "info_added", _("Resident added information")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        ANONYMISED = "anonymised", _("Personal data removed")

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="events", verbose_name=_("report")
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
        _("from status"), max_length=20, choices=Report.Status.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=20, choices=Report.Status.choices)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["report", "created_at", "pk"]
        verbose_name = _("history entry")
        verbose_name_plural = _("history")

    def __str__(self):
        return self.get_action_display()


class ReportDraft(models.Model):
    """A report being written. The session holds only this random id; nothing is in the URL."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answers = models.JSONField(default=dict, blank=True)
    report = models.OneToOneField(
        Report, on_delete=models.SET_NULL, null=True, blank=True, related_name="draft"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("draft report")
        verbose_name_plural = _("draft reports")

    def __str__(self):
        return str(self.id)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class DraftPhoto(PhotoFields):
    draft = models.ForeignKey(ReportDraft, on_delete=models.CASCADE, related_name="photos")
    display_name = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("draft photo")
        verbose_name_plural = _("draft photos")
        constraints = photo_constraints("draft", "draftphoto")

    def __str__(self):
        return self.display_name or str(self.id)

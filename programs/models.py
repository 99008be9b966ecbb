from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core import http_cache
from core.images import ImageFields
from core.languages import language_field
from core.links import slug_url
from core.models import PublishedQuerySet
from core.search import SearchVectors, search_indexes
from core.text import MARKDOWN_HELP
from core.waitlists import Availability
from services.models import Service


class ProgramQuerySet(PublishedQuerySet):
    def with_places_taken(self):
        """Annotate ``places_taken`` (sign-ups that hold a place: new, contacted, enrolled) and
        ``waiting_count`` (sign-ups on the waiting list), in the same query."""
        return self.annotate(
            places_taken=Count(
                "signups", filter=Q(signups__status__in=SignUp.HOLDING_PLACE_STATUSES)
            ),
            waiting_count=Count("signups", filter=Q(signups__status=SignUp.Status.WAITING)),
        )


# What the site search finds a program by, with PostgreSQL weights (programs' search source
# and its migration's SearchVectorTriggers both read it: core/search.py).
PROGRAM_SEARCH_FIELDS = {"name": "A", "summary": "B", "audience": "C", "body": "C"}


class Program(ImageFields, SearchVectors):
    """A crime-prevention program residents can join: Neighborhood Watch, the academy, ..."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The last part of the page's address: watch for /programs/watch/."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One or two sentences, shown on the programs page and to search engines."),
    )
    body = models.TextField(_("body"), blank=True, help_text=MARKDOWN_HELP)
    audience = models.CharField(
        _("who it is for"),
        max_length=300,
        blank=True,
        help_text=_('For example "Cary residents aged 18 and over".'),
    )
    how_to_join = models.TextField(_("how to join"), blank=True, help_text=MARKDOWN_HELP)
    schedule = models.CharField(
        _("schedule"),
        max_length=300,
        blank=True,
        help_text=_('For example "12 weekly evening sessions".'),
    )
    contact_phone = models.CharField(
        _("phone for questions"),
        max_length=30,
        blank=True,
        help_text=_("Leave empty to show the non-emergency line."),
    )
    services = models.ManyToManyField(
        Service,
        blank=True,
        related_name="programs",
        verbose_name=_("related services"),
        help_text=_("This program is listed on these services' pages."),
    )
    signups_open = models.BooleanField(
        _("sign-ups open"),
        default=True,
        help_text=_("Residents can sign up on the program's page."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty for no limit. New, contacted and enrolled sign-ups hold a place; when "
            "all are taken, residents join a waiting list, and a place that becomes free goes "
            "to the first person on it."
        ),
    )
    has_watch_groups = models.BooleanField(
        _("has watch groups"),
        default=False,
        help_text=_(
            "Neighborhood Watch: residents can look up local groups and ask to join or start one."
        ),
    )
    display_order = models.PositiveSmallIntegerField(
        _("display order"), default=100, help_text=_("Lower numbers come first.")
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished programs are drafts: staff only.")
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        indexes = [
            *search_indexes(),  # search_vector_en, _es...: core/search.py
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("programs:detail", self.slug)

    def availability(self) -> Availability:
        """Places left (None without a capacity) and people waiting. From ``with_places_taken()``
        when annotated; otherwise counted once for this instance, in one query."""
        if self.capacity is None:
            return Availability(places_left=None, waiting=0)
        taken = getattr(self, "places_taken", None)
        waiting = getattr(self, "waiting_count", None)
        if taken is None or waiting is None:
            taken, waiting = self.places_taken, self.waiting_count = self.count_places()
        return Availability(places_left=self.capacity - taken, waiting=waiting)

    def count_places(self) -> tuple[int, int]:
        """(places taken, people waiting), counted now."""
        # Sign-ups purge their program's key (core/http_cache.py): a page part that shows
        # these counts is rendered again after each one.
        http_cache.depends_on(Program, self.pk)
        counts = self.signups.aggregate(
            taken=Count("pk", filter=Q(status__in=SignUp.HOLDING_PLACE_STATUSES)),
            waiting=Count("pk", filter=Q(status=SignUp.Status.WAITING)),
        )
        return counts["taken"], counts["waiting"]

    def places_left(self) -> int | None:
        """Free places; None for no limit."""
        if self.capacity is None:
            return None
        return max(self.availability().places_left, 0)

    def is_full(self) -> bool:
        """No place is free."""
        return self.capacity is not None and self.places_left() == 0

    def has_waiting_list(self) -> bool:
        """Full, or others already wait: a newcomer joins the waiting list."""
        return self.availability().is_full

    def accepts_signups(self) -> bool:
        """Sign-ups are taken online: a place, or a spot on the waiting list when full."""
        return self.is_published and self.signups_open


class WatchGroup(models.Model):
    """A Neighborhood Watch group. Public: its name and area. Never a coordinator's contact."""

    program = models.ForeignKey(
        Program,
        on_delete=models.CASCADE,
        related_name="watch_groups",
        verbose_name=_("program"),
        limit_choices_to={"has_watch_groups": True},
    )
    name = models.CharField(_("name"), max_length=150)
    area = models.CharField(
        _("area"),
        max_length=300,
        help_text=_(
            "Streets or neighborhood the group covers, as residents would search for them. "
            "No names, addresses or phone numbers of members."
        ),
    )
    is_sample = models.BooleanField(
        _("sample"),
        default=False,
        help_text=_("Demo data: the site marks it as a sample. Delete samples before launch."),
    )
    is_active = models.BooleanField(
        _("listed"), default=True, help_text=_("Only listed groups appear on the site.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("watch group")
        verbose_name_plural = _("watch groups")
        constraints = [
            models.UniqueConstraint(fields=["program", "name"], name="watch_group_unique_name")
        ]

    def __str__(self):
        return self.name


class SignUpQuerySet(models.QuerySet):
    def holding_place(self):
        return self.filter(status__in=SignUp.HOLDING_PLACE_STATUSES)

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status=SignUp.Status.WAITING).order_by("created_at", "pk")

    def for_email(self, email: str):
        return self.alias(email_lower=Lower("email")).filter(email_lower=email.strip().lower())


class SignUp(models.Model):
    """A resident's request to join a program. Personal data: see the admin permissions."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONTACTED = "contacted", _("Contacted")
        ENROLLED = "enrolled", _("Enrolled")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Declined")

    # A place is held by these; a waiting, cancelled or declined sign-up holds none.
    HOLDING_PLACE_STATUSES = (Status.NEW, Status.CONTACTED, Status.ENROLLED)

    class Intent(models.TextChoices):
        JOIN_GROUP = "join", _("Join an existing watch group")
        START_GROUP = "start", _("Start a watch group")
        NOT_SURE = "not_sure", _("Not sure yet: tell me more")

    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="signups", verbose_name=_("program")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), max_length=254)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    neighborhood = models.CharField(_("neighborhood or street"), max_length=200, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    consent = models.BooleanField(_("agreed to be contacted"), default=False)
    intent = models.CharField(
        _("watch group request"), max_length=10, choices=Intent.choices, blank=True
    )
    watch_group = models.ForeignKey(
        WatchGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signups",
        verbose_name=_("watch group"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    language = language_field()
    staff_notes = models.TextField(
        _("staff notes"), blank=True, help_text=_("Internal: never shown to the resident.")
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = SignUpQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sign-up")
        verbose_name_plural = _("sign-ups")
        constraints = [
            # One sign-up per person per program, whatever the capitalisation of the address.
            models.UniqueConstraint(
                "program", Lower("email"), name="signup_unique_email_per_program"
            ),
        ]

    def __str__(self):
        # No personal data: this string appears where editors without the permission may look
        # (for example the admin's "cannot delete this program" page).
        return str(_("Sign-up %(number)s") % {"number": self.pk})


# What the site search finds a tip by, with PostgreSQL weights (tips' search source
# and its migration's SearchVectorTriggers both read it: core/search.py).
TIP_SEARCH_FIELDS = {"title": "A", "summary": "B", "body": "C"}


class Tip(SearchVectors):
    """A short crime-prevention tip ("Lock your car and take your keys")."""

    class Category(models.TextChoices):
        HOME = "home", _("Home")
        VEHICLE = "vehicle", _("Vehicle")
        PERSONAL = "personal", _("Personal safety")
        ONLINE = "online", _("Online and fraud")
        NEIGHBORHOOD = "neighborhood", _("Neighborhood")

    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The last part of the page's address: lock-your-car for /tips/lock-your-car/."),
    )
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, db_index=True
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One sentence, shown in lists and to search engines."),
    )
    body = models.TextField(_("body"), blank=True, help_text=MARKDOWN_HELP)
    services = models.ManyToManyField(
        Service, blank=True, related_name="tips", verbose_name=_("related services")
    )
    programs = models.ManyToManyField(
        Program, blank=True, related_name="tips", verbose_name=_("related programs")
    )
    display_order = models.PositiveSmallIntegerField(
        _("display order"), default=100, help_text=_("Lower numbers come first.")
    )
    is_published = models.BooleanField(
        _("published"), default=True, help_text=_("Unpublished tips are drafts: staff only.")
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "title"]
        verbose_name = _("tip")
        verbose_name_plural = _("tips")
        indexes = [
            *search_indexes(),  # search_vector_en, _es...: core/search.py
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("tips:detail", self.slug)

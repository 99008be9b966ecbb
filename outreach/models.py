import uuid
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Min
from django.db.models.functions import Lower
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import http_cache
from core.images import ImageFields
from core.languages import language_field
from core.links import slug_url
from core.models import PublishedQuerySet
from core.search import SearchVectors, search_indexes
from core.waitlists import Availability

MARKDOWN_HELP = _(
    "Markdown: '## Heading', '- list item', '[link text](https://...)'. Raw HTML is removed."
)


def validate_pdf(value):
    """Accept a PDF by its content (the %PDF- signature), not by its name; at most 20 MB."""
    if getattr(value, "_committed", False):
        return
    if value.size > 20 * 1024 * 1024:
        raise ValidationError(_("The file is larger than 20 MB."), code="pdf_too_large")
    position = value.tell()
    value.seek(0)
    head = value.read(1024)
    value.seek(position)
    if b"%PDF-" not in head:
        raise ValidationError(_("The file is not a PDF."), code="not_a_pdf")


def minutes_upload_to(instance, filename):
    return f"outreach/minutes/{uuid.uuid4().hex}.pdf"


class EventQuerySet(PublishedQuerySet):
    def upcoming(self, now=None):
        """Events that have not ended yet, soonest first."""
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def for_cards(self):
        """Only the columns an event card shows (outreach_tags.event_card), not the texts."""
        return self.only(
            "slug",
            "title",
            "kind",
            "starts_at",
            "location_name",
            "registration_required",
            "is_cancelled",
        )


# What the site search finds a event by, with PostgreSQL weights (events' search source
# and its migration's SearchVectorTriggers both read it: core/search.py).
EVENT_SEARCH_FIELDS = {"title": "A", "summary": "B", "description": "C", "location_name": "C"}


class Event(ImageFields, SearchVectors):
    class Kind(models.TextChoices):
        COMMUNITY_MEETING = "community_meeting", _("Community meeting")
        SEMINAR = "seminar", _("Seminar")
        CLEAN_UP = "clean_up", _("Clean-up")
        K9_DEMONSTRATION = "k9_demonstration", _("K-9 demonstration")
        YOUTH_EVENT = "youth_event", _("Youth event")
        OTHER = "other", _("Other")

    # Changing these changes what a subscribed calendar shows, so they bump the iCal SEQUENCE.
    CALENDAR_FIELDS = (
        "title",
        "starts_at",
        "ends_at",
        "location_name",
        "address",
        "is_cancelled",
        "description",
    )

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts"), help_text=_("Cary time (Eastern)."))
    ends_at = models.DateTimeField(_("ends"), help_text=_("Cary time (Eastern)."))
    location_name = models.CharField(_("place"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    summary = models.CharField(
        _("summary"), max_length=300, help_text=_("One or two sentences for lists and search.")
    )
    description = models.TextField(_("description"), blank=True, help_text=MARKDOWN_HELP)
    capacity = models.PositiveIntegerField(
        _("capacity"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Places for people. Empty: no limit. When full, residents join a waiting list."
        ),
    )
    registration_required = models.BooleanField(_("registration required"), default=False)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    cancellation_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    related_program = models.ForeignKey(
        "programs.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("related program"),
    )
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("district"),
        help_text=_("For a district's community meeting: shown on the district's page."),
    )
    agenda = models.TextField(
        _("agenda"), blank=True, help_text=_("For community meetings. ") + MARKDOWN_HELP
    )
    minutes = models.TextField(
        _("minutes"), blank=True, help_text=_("For community meetings. ") + MARKDOWN_HELP
    )
    minutes_pdf = models.FileField(
        _("minutes (PDF)"),
        upload_to=minutes_upload_to,
        blank=True,
        validators=[validate_pdf],
    )
    is_published = models.BooleanField(_("published"), default=True)
    # Stable identity and revision for calendar subscribers (RFC 5545 UID and SEQUENCE).
    calendar_uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_it_starts",
            )
        ]
        indexes = [
            # Upcoming and past events in date order (lists, home page, calendar feed).
            models.Index(fields=["is_published", "starts_at", "id"], name="event_published_order"),
            *search_indexes(),  # search_vector_en, _es...: core/search.py
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.pk is not None:
            before = (
                Event.objects.filter(pk=self.pk).values(*self.CALENDAR_FIELDS, "sequence").first()
            )
            if before and any(before[name] != getattr(self, name) for name in self.CALENDAR_FIELDS):
                self.sequence = before["sequence"] + 1
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("outreach:event_detail", self.slug)

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The event must end after it starts.")})
        if self.is_cancelled and not self.cancellation_reason.strip():
            raise ValidationError(
                {"cancellation_reason": _("Tell residents why the event is cancelled.")}
            )

    @property
    def is_past(self):
        return self.ends_at < timezone.now()

    def availability(self) -> "Availability":
        """Places left (None without a capacity) and people waiting, in one query."""
        if not self.registration_required:
            return Availability(places_left=None, waiting=0)
        counts = self.registrations.aggregate(
            taken=models.Sum("party_size", filter=models.Q(status=Registration.Status.CONFIRMED)),
            waiting=models.Sum(
                "party_size", filter=models.Q(status=Registration.Status.WAITLISTED)
            ),
        )
        taken = counts["taken"] or 0
        places_left = None if self.capacity is None else self.capacity - taken
        return Availability(places_left=places_left, waiting=counts["waiting"] or 0)

    def places_taken(self) -> int:
        """People with a confirmed place (party sizes added up)."""
        return (
            self.registrations.confirmed().aggregate(total=models.Sum("party_size"))["total"] or 0
        )

    @property
    def takes_registrations(self):
        return self.registration_required and not self.is_cancelled and not self.is_past

    @property
    def map_url(self):
        from urllib.parse import quote_plus

        return f"https://www.openstreetmap.org/search?query={quote_plus(self.address)}"


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self):
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")

    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)


class Registration(models.Model):
    """A resident's place at an event, or on its waiting list. Personal data: staff with the
    registration permissions only."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    party_size = models.PositiveSmallIntegerField(
        _("number of people"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    language = language_field()
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed"), default=timezone.now)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            # One active registration per email and event; a cancelled one may be renewed.
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~models.Q(status="cancelled"),
                name="one_active_registration_per_email",
            ),
            models.CheckConstraint(
                condition=models.Q(party_size__gte=1, party_size__lte=10),
                name="registration_party_size_1_to_10",
            ),
        ]

    def __str__(self):
        return f"{self.name}: {self.event}"


# What the site search finds a officer by, with PostgreSQL weights (officers' search source
# and its migration's SearchVectorTriggers both read it: core/search.py).
OFFICER_SEARCH_FIELDS = {"name": "A", "rank": "B", "biography": "C", "interests": "C"}


class Officer(ImageFields, SearchVectors):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    rank = models.CharField(_("rank"), max_length=100)
    unit = models.ForeignKey(
        "services.Service",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="officers",
        verbose_name=_("unit"),
    )
    years_of_service = models.PositiveSmallIntegerField(_("years of service"), default=0)
    biography = models.TextField(_("biography"), blank=True, help_text=MARKDOWN_HELP)
    interests = models.CharField(_("interests"), max_length=300, blank=True)
    community_involvement = models.TextField(_("community involvement"), blank=True)
    is_sample = models.BooleanField(
        _("sample profile"),
        default=False,
        help_text=_("Demo content: shown with a 'sample profile' notice."),
    )
    display_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    is_published = models.BooleanField(_("published"), default=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("officer profile")
        verbose_name_plural = _("officer profiles")
        indexes = [
            *search_indexes(),  # search_vector_en, _es...: core/search.py
        ]

    def __str__(self):
        return f"{self.rank} {self.name}"

    def get_absolute_url(self):
        return slug_url("outreach:officer_detail", self.slug)


# What the site search finds a K-9 team by, with PostgreSQL weights (the K-9 teams' search
# source and its migration's SearchVectorTriggers both read it: core/search.py). The handler's
# name is another table's: a search vector holds only its own row's columns.
K9_TEAM_SEARCH_FIELDS = {"dog_name": "A", "breed": "B", "biography": "C"}


class K9Team(ImageFields, SearchVectors):
    dog_name = models.CharField(_("dog's name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    breed = models.CharField(_("breed"), max_length=100)
    handler = models.ForeignKey(
        Officer,
        on_delete=models.PROTECT,
        related_name="k9_teams",
        verbose_name=_("handler"),
    )
    biography = models.TextField(_("biography"), blank=True, help_text=MARKDOWN_HELP)
    is_sample = models.BooleanField(_("sample profile"), default=False)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    is_published = models.BooleanField(_("published"), default=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "dog_name"]
        verbose_name = _("K-9 team")
        verbose_name_plural = _("K-9 teams")
        indexes = [
            *search_indexes(),  # search_vector_en, _es...: core/search.py
        ]

    def __str__(self):
        return self.dog_name

    def get_absolute_url(self):
        """The team on the K-9 page (templates/outreach/includes/k9_teams.html): it has no
        page of its own."""
        return reverse("outreach:k9_list") + f"#k9-{self.slug}"


class Partner(ImageFields, models.Model):
    """A partnership. The image is the partner's logo."""

    class Kind(models.TextChoices):
        BUSINESS = "business", _("Business")
        GOVERNMENT = "government", _("Government")
        SCHOOLS = "schools", _("Schools")
        COMMUNITY_GROUP = "community_group", _("Community group")

    organisation = models.CharField(_("organization"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    description = models.TextField(_("description"), help_text=MARKDOWN_HELP)
    website = models.URLField(_("website"), blank=True)
    display_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    is_published = models.BooleanField(_("published"), default=True)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "organisation"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        return self.organisation


class NewsItemQuerySet(models.QuerySet):
    def published(self, now=None):
        """Published and due: a publish time in the future schedules the item."""
        return self.filter(is_published=True, published_at__lte=now or timezone.now())

    def urgent(self, now=None):
        now = now or timezone.now()
        return self.published(now).filter(is_urgent=True, urgent_until__gt=now)


# What the site search finds a newsitem by, with PostgreSQL weights (newsitems' search source
# and its migration's SearchVectorTriggers both read it: core/search.py).
NEWS_ITEM_SEARCH_FIELDS = {"title": "A", "summary": "B", "body": "C"}


class NewsItem(SearchVectors):
    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        CRIME_ALERT = "crime_alert", _("Crime alert")
        TRAFFIC_ADVISORY = "traffic_advisory", _("Traffic advisory")
        COMMUNITY = "community", _("Community")

    URGENT_CACHE_KEY = "outreach:urgent-alerts:v1"

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.NEWS)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("body"), blank=True, help_text=MARKDOWN_HELP)
    published_at = models.DateTimeField(
        _("publish time"),
        default=timezone.now,
        help_text=_("A time in the future schedules the item."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    is_urgent = models.BooleanField(
        _("urgent"),
        default=False,
        help_text=_("Show as a banner on every page until the expiry time."),
    )
    urgent_until = models.DateTimeField(_("banner expires"), null=True, blank=True)
    district = models.ForeignKey(
        "districts.District",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="news_items",
        verbose_name=_("district"),
        help_text=_("News of one district: shown on the district's page too."),
    )
    alert_topics = models.ManyToManyField(
        "alerts.Topic",
        blank=True,
        related_name="news_items",
        verbose_name=_("email alert topics"),
        help_text=_("Email this item to the subscribers of these topics when it is published."),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("news item or alert")
        verbose_name_plural = _("news and alerts")
        indexes = [
            # The latest published items and their count (home page, news pages, feeds).
            models.Index(
                fields=["is_published", "-published_at", "-id"], name="newsitem_published_order"
            ),
            *search_indexes(),  # search_vector_en, _es...: core/search.py
        ]

    def __str__(self):
        return self.title

    @property
    def is_scheduled(self) -> bool:
        """Published, with a publish time still to come: only staff see it until then."""
        return self.is_published and self.published_at > timezone.now()

    def get_absolute_url(self):
        return slug_url("outreach:news_detail", self.slug)

    def clean(self):
        super().clean()
        if self.is_urgent and not self.urgent_until:
            raise ValidationError({"urgent_until": _("An urgent banner needs an expiry time.")})

    @classmethod
    def urgent_banners(cls) -> list["NewsItem"]:
        """Urgent alerts to show on every page right now.

        The cache holds every urgent alert that may still show (expiry and publish time
        included) and is cleared on every save, so expiry needs no invalidation: it is
        checked against the clock on each request.
        """
        http_cache.depends_on(cls)  # every page shows the banner, cached or not
        candidates = cache.get(cls.URGENT_CACHE_KEY)
        if candidates is None:
            now = timezone.now()
            candidates = list(
                cls.objects.filter(is_published=True, is_urgent=True, urgent_until__gt=now)
                .only("title", "slug", "kind", "summary", "published_at", "urgent_until")
                .order_by("-published_at")
            )
            cache.set(cls.URGENT_CACHE_KEY, candidates, timeout=300)
        now = timezone.now()
        return [item for item in candidates if item.published_at <= now < item.urgent_until]


@receiver([post_save, post_delete], sender=NewsItem)
def _forget_urgent_banners(sender, **kwargs):
    # Signals, not save()/delete(): the admin's bulk delete bypasses the model methods.
    cache.delete(NewsItem.URGENT_CACHE_KEY)


def next_clock_change(now):
    """The next moment an outreach page changes by the clock alone: an upcoming event ends
    ("upcoming" means ends_at >= now, so just after), a scheduled news item is published, or
    an urgent banner expires. The page cache expires then (registered in apps.py)."""
    event_end = Event.objects.filter(is_published=True, ends_at__gte=now).aggregate(
        m=Min("ends_at")
    )["m"]
    moments = [
        event_end + timedelta(microseconds=1) if event_end is not None else None,
        NewsItem.objects.filter(is_published=True, published_at__gt=now).aggregate(
            m=Min("published_at")
        )["m"],
        NewsItem.objects.filter(is_published=True, is_urgent=True, urgent_until__gt=now).aggregate(
            m=Min("urgent_until")
        )["m"],
    ]
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None

"""Email alerts: the topics residents subscribe to, the subscribers, and what was mailed to them.

A ``Subscriber`` confirms their address (double opt-in) before anything is mailed; each link in
the emails is signed with their ``key`` (alerts/tokens.py). A ``Mailing`` is one item mailed to
the subscribers of its topics, at most once per item (``source_key``) and once per subscriber
(one ``Delivery`` each, unique): the task worker sends them in batches (alerts/tasks.py).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from core.forms import EMAIL_MAX_LENGTH
from core.languages import language_field


def new_key() -> str:
    return secrets.token_urlsafe(24)


class TopicQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Topic(models.Model):
    class Kind(models.TextChoices):
        CRIME_ALERTS = "crime_alerts", _("Crime alerts")
        TRAFFIC_ADVISORIES = "traffic_advisories", _("Traffic advisories")
        COMMUNITY_EVENTS = "community_events", _("Community events")
        DISTRICT = "district", _("District")

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    district = models.OneToOneField(
        "districts.District",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alert_topic",
        verbose_name=_("district"),
        help_text=_("Only for a district's topic: kept in step with the district."),
    )
    display_order = models.PositiveSmallIntegerField(_("display order"), default=100)
    is_active = models.BooleanField(
        _("offered"), default=True, help_text=_("Residents can subscribe to this topic.")
    )

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "name"]
        verbose_name = _("alert topic")
        verbose_name_plural = _("alert topics")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="district", district__isnull=False)
                | (~Q(kind="district") & Q(district__isnull=True)),
                name="alerts_topic_district_iff_kind_district",
            ),
        ]

    def __str__(self):
        return self.name


class SubscriberQuerySet(models.QuerySet):
    def subscribed(self):
        """Confirmed and not left: the addresses alerts are mailed to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscriber(models.Model):
    email = models.EmailField(_("email address"), max_length=EMAIL_MAX_LENGTH)
    language = language_field()
    key = models.CharField(
        _("signing key"),
        max_length=64,
        default=new_key,
        editable=False,
        help_text=_("Part of every link in the subscriber's emails."),
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="subscribers", verbose_name=_("topics")
    )
    created_at = models.DateTimeField(_("subscribed"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    emailed_at = models.DateTimeField(
        _("last link mailed"),
        null=True,
        blank=True,
        help_text=_("When a confirmation or manage link was last mailed to this address."),
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="alerts_subscriber_email_ci_unique"),
        ]

    def __str__(self):
        return _("Subscriber %(number)s") % {"number": self.pk}

    @property
    def is_subscribed(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class Mailing(models.Model):
    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        CANCELLED = "cancelled", _("Cancelled")

    source_key = models.CharField(
        _("source"),
        max_length=100,
        unique=True,
        help_text=_("What was mailed, e.g. outreach.newsitem:12: each item is mailed once."),
    )
    topics = models.ManyToManyField(Topic, related_name="mailings", verbose_name=_("topics"))
    # {"en": {"subject": ..., "body": ..., "url": ...}, "es": {...}}: rendered by the caller.
    messages = models.JSONField(_("messages"), default=dict)
    publish_at = models.DateTimeField(_("send at"))
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.SCHEDULED
    )
    recipient_count = models.PositiveIntegerField(
        _("recipients"), null=True, blank=True, help_text=_("Set once every delivery is queued.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("mailing")
        verbose_name_plural = _("send log")

    def __str__(self):
        return self.subject()

    def message(self, language: str) -> dict:
        """The subject, body and link in ``language``, or in the default language."""
        return self.messages.get(language) or self.messages.get(settings.LANGUAGE_CODE) or {}

    def subject(self, language: str | None = None) -> str:
        return self.message(language or settings.LANGUAGE_CODE).get("subject", self.source_key)


class Delivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    mailing = models.ForeignKey(
        Mailing, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("mailing")
    )
    subscriber = models.ForeignKey(
        Subscriber,
        on_delete=models.SET_NULL,  # the send log outlives a subscriber removed by retention
        null=True,
        related_name="deliveries",
        verbose_name=_("subscriber"),
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.CharField(
        _("last error"), max_length=100, blank=True, help_text=_("The kind of error only.")
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["mailing", "subscriber"], name="alerts_delivery_once_per_subscriber"
            ),
        ]
        indexes = [models.Index(fields=["mailing", "state"], name="alerts_delivery_state")]

    def __str__(self):
        return _("Delivery %(number)s") % {"number": self.pk}

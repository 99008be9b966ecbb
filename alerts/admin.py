"""Staff side of alerts: the topics (content editors name and order them), the send log (the
mailings and their deliveries, read-only) and the subscribers (superusers only).

Addresses are personal data: only superusers see them. Content editors read the send log with
each delivery named by its subscriber's number, which tells them what was sent and what failed.
"""

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from alerts.models import Delivery, Mailing, Subscriber, Topic
from core.admin import ContentTranslationAdmin, LocalTimeFieldsMixin

SUBSCRIBED = Q(subscribers__confirmed_at__isnull=False, subscribers__unsubscribed_at__isnull=True)


@admin.register(Topic)
class TopicAdmin(ContentTranslationAdmin):
    list_display = ("name", "kind", "district", "display_order", "is_active", "subscriber_count")
    list_filter = ("kind", "is_active")
    list_select_related = ("district",)
    search_fields = ("name",)
    fields = ("name", "slug", "kind", "district", "display_order", "is_active")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(subscribed=Count("subscribers", SUBSCRIBED))

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        # A district's topic follows its district (alerts/signals.py).
        return ("kind", "district", "slug") if obj.district_id else ("kind", "district")

    @admin.display(description=_("subscribers"), ordering="subscribed")
    def subscriber_count(self, topic):
        return topic.subscribed


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


DELIVERY_COUNTS = {
    "sent": Count("deliveries", Q(deliveries__state=Delivery.State.SENT)),
    "pending": Count("deliveries", Q(deliveries__state=Delivery.State.PENDING)),
    "failed": Count("deliveries", Q(deliveries__state=Delivery.State.FAILED)),
}


@admin.register(Mailing)
class MailingAdmin(ReadOnlyAdmin):
    list_display = (
        "subject", "source_key", "publish_at", "state", "recipient_count",
        "sent_count", "pending_count", "failed_count",
    )  # fmt: skip
    list_filter = ("state",)
    date_hierarchy = "publish_at"
    search_fields = ("source_key",)
    fields = (
        "source_key", "topic_names", "subjects", "publish_at", "state", "recipient_count",
        "sent_count", "pending_count", "failed_count", "deliveries_link", "created_at",
        "started_at", "finished_at",
    )  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(**DELIVERY_COUNTS)

    @admin.display(description=_("subject"))
    def subject(self, mailing):
        return mailing.subject()

    @admin.display(description=_("subject in each language"))
    def subjects(self, mailing):
        return format_html(
            "<br>".join(["{}: {}"] * len(mailing.messages)),
            *[
                part
                for code, message in mailing.messages.items()
                for part in (code, message.get("subject", ""))
            ],
        )

    @admin.display(description=_("topics"))
    def topic_names(self, mailing):
        return ", ".join(topic.name for topic in mailing.topics.all())

    @admin.display(description=_("sent"), ordering="sent")
    def sent_count(self, mailing):
        return mailing.sent

    @admin.display(description=_("waiting"), ordering="pending")
    def pending_count(self, mailing):
        return mailing.pending

    @admin.display(description=_("failed"), ordering="failed")
    def failed_count(self, mailing):
        return mailing.failed

    @admin.display(description=_("deliveries"))
    def deliveries_link(self, mailing):
        url = reverse("admin:alerts_delivery_changelist") + f"?mailing__id__exact={mailing.pk}"
        return format_html('<a href="{}">{}</a>', url, _("See each delivery"))


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ("pk", "mailing", "subscriber_number", "state", "attempts", "sent_at", "error")
    list_filter = ("state", "mailing")
    list_select_related = ("mailing", "subscriber")
    fields = ("mailing", "subscriber_number", "state", "attempts", "sent_at", "error")
    readonly_fields = (*fields, "subscriber_email")

    def _with_email(self, request, names):
        # Only superusers see addresses (personal data); others see the subscriber's number.
        if not request.user.is_superuser:
            return names
        return tuple("subscriber_email" if name == "subscriber_number" else name for name in names)

    def get_list_display(self, request):
        return self._with_email(request, self.list_display)

    def get_fields(self, request, obj=None):
        return self._with_email(request, self.fields)

    def get_search_fields(self, request):
        return ("subscriber__email",) if request.user.is_superuser else ()

    @admin.display(description=_("subscriber"))
    def subscriber_number(self, delivery):
        return str(delivery.subscriber) if delivery.subscriber else _("removed")

    @admin.display(description=_("email address"))
    def subscriber_email(self, delivery):
        return delivery.subscriber.email if delivery.subscriber else _("removed")


@admin.register(Subscriber)
class SubscriberAdmin(LocalTimeFieldsMixin, admin.ModelAdmin):
    """Superusers only (no group is granted these permissions): addresses are personal data."""

    list_display = ("email", "language", "created_at", "confirmed_at", "unsubscribed_at")
    list_filter = ("language", "topics", ("confirmed_at", admin.EmptyFieldListFilter))
    search_fields = ("email",)
    fields = ("email", "language", "topics", "created_at", "confirmed_at", "unsubscribed_at")
    readonly_fields = ("email", "created_at", "confirmed_at")
    filter_horizontal = ("topics",)

    def has_add_permission(self, request):
        return False  # an address is added by its owner confirming it (double opt-in)

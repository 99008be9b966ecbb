from django.contrib import admin, messages
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import ContentTranslationAdmin
from core.exports import csv_response
from outreach import operations
from outreach.models import Event, K9Team, NewsItem, Officer, Partner, Registration

REGISTRATION_CSV_HEADER = [
    "event",
    "event_starts",
    "name",
    "email",
    "party_size",
    "status",
    "registered",
    "status_changed",
]


def registrations_csv(registrations, filename: str) -> HttpResponse:
    rows = (
        (
            registration.event.title,
            timezone.localtime(registration.event.starts_at).isoformat(),
            registration.name,
            registration.email,
            registration.party_size,
            registration.get_status_display(),
            timezone.localtime(registration.created_at).isoformat(),
            timezone.localtime(registration.status_changed_at).isoformat(),
        )
        for registration in registrations.select_related("event")
    )
    return csv_response(filename, REGISTRATION_CSV_HEADER, rows)


class RegistrationInline(admin.TabularInline):
    """Registrations on the event page: only for staff allowed to see personal data."""

    model = Registration
    extra = 0
    fields = ("name", "email", "party_size", "status", "created_at")
    readonly_fields = ("name", "email", "party_size", "status", "created_at")
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(ContentTranslationAdmin):
    markdown_fields = ("description", "agenda", "minutes")
    list_display = (
        "title",
        "kind",
        "starts_at",
        "location_name",
        "registration_summary",
        "is_cancelled",
        "is_published",
    )
    list_filter = ("kind", "is_cancelled", "is_published", "registration_required", "district")
    date_hierarchy = "starts_at"
    search_fields = ("title", "summary", "location_name", "address")
    prepopulated_fields = {"slug": ("title_en",)}
    ordering = ("-starts_at",)
    list_select_related = ("related_program",)
    # A plain select, not an autocomplete box: select2's box has no accessible name (axe), and
    # the programs are a few dozen.
    readonly_fields = ("sequence", "calendar_uid", "updated_at")
    actions = ["export_registrations"]
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "summary", "description", "is_published")}),
        (
            _("When and where"),
            {"fields": ("starts_at", "ends_at", "location_name", "address", "district")},
        ),
        (
            _("Registration"),
            {"fields": ("registration_required", "capacity", "related_program")},
        ),
        (_("Cancellation"), {"fields": ("is_cancelled", "cancellation_reason")}),
        (_("Image"), {"fields": ("image", "image_alt")}),
        (
            _("Community meeting records"),
            {"fields": ("agenda", "minutes", "minutes_pdf"), "classes": ("collapse",)},
        ),
        (_("Calendar"), {"fields": ("sequence", "calendar_uid", "updated_at")}),
    )

    def get_fieldsets(self, request, obj=None):
        # The calendar's bookkeeping (its UID and sequence, read by calendar apps) helps a
        # superuser find a fault; it only distracts the coordinators who write events.
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, options)
            for name, options in fieldsets
            if "calendar_uid" not in options["fields"]
        ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                confirmed_people=Sum(
                    "registrations__party_size",
                    filter=Q(registrations__status=Registration.Status.CONFIRMED),
                ),
                waiting_count=Count(
                    "registrations",
                    filter=Q(registrations__status=Registration.Status.WAITLISTED),
                ),
            )
        )

    @admin.display(description=_("registrations"))
    def registration_summary(self, event):
        if not event.registration_required:
            return "—"
        taken = event.confirmed_people or 0
        capacity = event.capacity if event.capacity is not None else "∞"
        return _("%(taken)s of %(capacity)s, %(waiting)s waiting") % {
            "taken": taken,
            "capacity": capacity,
            "waiting": event.waiting_count,
        }

    def get_inlines(self, request, obj):
        if obj and request.user.has_perm("outreach.view_registration"):
            return [RegistrationInline]
        return []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            promoted = operations.waiting_list_promote(event=obj)
            if promoted:
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d person moved from the waiting list to a place.",
                        "%(count)d people moved from the waiting list to places.",
                        len(promoted),
                    )
                    % {"count": len(promoted)},
                    messages.SUCCESS,
                )

    @admin.action(description=_("Export registrations (CSV)"))
    def export_registrations(self, request, queryset):
        if not request.user.has_perm("outreach.view_registration"):
            self.message_user(
                request,
                _("You do not have permission to see registrations."),
                messages.ERROR,
            )
            return None
        registrations = Registration.objects.filter(event__in=queryset).order_by(
            "event__starts_at", "created_at"
        )
        return registrations_csv(registrations, "event-registrations.csv")


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("name", "event", "party_size", "status", "created_at")
    list_filter = ("status", "event__kind", ("event", admin.RelatedOnlyFieldListFilter))
    search_fields = ("name", "email", "event__title")
    list_select_related = ("event",)
    date_hierarchy = "created_at"
    readonly_fields = ("event", "created_at", "status_changed_at")
    fields = ("event", "name", "email", "party_size", "status", "created_at", "status_changed_at")
    actions = ["export_csv", "cancel_registrations"]

    def has_add_permission(self, request):
        return False  # residents register on the site, so capacity rules always apply

    @admin.action(description=_("Export selected registrations (CSV)"))
    def export_csv(self, request, queryset):
        return registrations_csv(
            queryset.order_by("event__starts_at", "created_at"), "registrations.csv"
        )

    @admin.action(
        description=_("Cancel selected registrations (frees places for the waiting list)"),
        permissions=["change"],
    )
    def cancel_registrations(self, request, queryset):
        promoted = []
        for registration in queryset.exclude(status=Registration.Status.CANCELLED):
            promoted += operations.registration_cancel(registration=registration)
        self.message_user(
            request,
            _("Registrations cancelled. %(count)d moved up from the waiting list.")
            % {"count": len(promoted)},
            messages.SUCCESS,
        )


@admin.register(Officer)
class OfficerAdmin(ContentTranslationAdmin):
    markdown_fields = ("biography", "community_involvement")
    list_display = ("name", "rank", "unit", "years_of_service", "is_sample", "is_published")
    list_filter = ("is_published", "is_sample", "unit")
    search_fields = ("name", "rank", "biography", "interests")
    prepopulated_fields = {"slug": ("name",)}
    list_select_related = ("unit",)
    ordering = ("display_order", "name")


@admin.register(K9Team)
class K9TeamAdmin(ContentTranslationAdmin):
    markdown_fields = ("biography",)
    list_display = ("dog_name", "breed", "handler", "is_sample", "is_published")
    list_filter = ("is_published", "is_sample")
    search_fields = ("dog_name", "breed", "handler__name")
    prepopulated_fields = {"slug": ("dog_name",)}
    list_select_related = ("handler",)


@admin.register(Partner)
class PartnerAdmin(ContentTranslationAdmin):
    markdown_fields = ("description",)
    list_display = ("organisation", "kind", "website", "is_published")
    list_filter = ("kind", "is_published")
    search_fields = ("organisation", "description")
    prepopulated_fields = {"slug": ("organisation",)}


@admin.register(NewsItem)
class NewsItemAdmin(ContentTranslationAdmin):
    markdown_fields = ("body",)
    list_display = ("title", "kind", "published_at", "is_published", "is_urgent", "urgent_until")
    list_filter = ("kind", "is_published", "is_urgent", "district")
    date_hierarchy = "published_at"
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title_en",)}
    ordering = ("-published_at",)
    filter_horizontal = ("alert_topics",)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        operations.news_item_send_alerts(item=form.instance)  # its topics are saved by now

    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "summary", "body")}),
        (_("Publishing"), {"fields": ("published_at", "is_published", "district")}),
        (
            _("Email alerts"),
            {
                "fields": ("alert_topics",),
                "description": _(
                    "Once published, the item is emailed to these topics' subscribers, once: "
                    "saving it again sends nothing more."
                ),
            },
        ),
        (
            _("Urgent banner"),
            {
                "fields": ("is_urgent", "urgent_until"),
                "description": _(
                    "An urgent alert shows as a banner on every page until it expires."
                ),
            },
        ),
    )

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.admin import IMAGE_FIELDSET, ContentTranslationAdmin
from core.exports import csv_response
from programs import operations
from programs.models import Program, SignUp, Tip, WatchGroup


def report_promoted(model_admin, request, promoted) -> None:
    if promoted:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d person moved up from the waiting list and was emailed.",
                "%(count)d people moved up from the waiting list and were emailed.",
                len(promoted),
            )
            % {"count": len(promoted)},
            messages.SUCCESS,
        )


class WatchGroupInline(admin.TabularInline):
    model = WatchGroup
    fields = ("name", "area", "is_active", "is_sample")
    extra = 0


@admin.register(Program)
class ProgramAdmin(ContentTranslationAdmin):
    markdown_fields = ("body", "how_to_join")
    list_display = (
        "name",
        "is_published",
        "signups_open",
        "places",
        "display_order",
        "updated_at",
    )
    list_filter = ("is_published", "signups_open", "has_watch_groups")
    list_editable = ("display_order",)
    search_fields = ("name", "summary", "body")
    ordering = ("display_order", "name")
    prepopulated_fields = {"slug": ("name_en",)}
    readonly_fields = ("updated_at",)
    autocomplete_fields = ("services",)
    save_on_top = True
    fieldsets = (
        (None, {"fields": ("name", "slug", "summary", "body")}),
        (
            _("Joining"),
            {"fields": ("audience", "schedule", "how_to_join", "contact_phone", "services")},
        ),
        (
            _("Online sign-up"),
            {"fields": ("signups_open", "capacity", "has_watch_groups")},
        ),
        IMAGE_FIELDSET,
        (_("Publishing"), {"fields": ("is_published", "display_order", "updated_at")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).with_places_taken()

    def get_inlines(self, request, obj):
        return [WatchGroupInline] if obj is not None and obj.has_watch_groups else []

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # More places, or sign-ups open again: the first people waiting move up.
        if change and {"capacity", "signups_open", "is_published"} & set(form.changed_data):
            report_promoted(self, request, operations.waiting_list_promote(program=obj))

    @admin.display(description=_("places taken"), ordering="places_taken")
    def places(self, program):
        taken = program.places_taken
        if program.capacity is not None:
            taken = f"{taken} / {program.capacity}"
        if program.waiting_count:
            return _("%(taken)s, %(waiting)d waiting") % {
                "taken": taken,
                "waiting": program.waiting_count,
            }
        return taken


@admin.register(WatchGroup)
class WatchGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "area", "program", "is_active", "is_sample")
    list_filter = ("is_active", "is_sample", "program")
    list_select_related = ("program",)
    search_fields = ("name", "area")
    ordering = ("name",)


@admin.register(Tip)
class TipAdmin(ContentTranslationAdmin):
    markdown_fields = ("body",)
    list_display = ("title", "category", "display_order", "is_published", "updated_at")
    list_filter = ("is_published", "category")
    list_editable = ("display_order",)
    search_fields = ("title", "summary", "body")
    ordering = ("category", "display_order", "title")
    prepopulated_fields = {"slug": ("title_en",)}
    readonly_fields = ("updated_at",)
    autocomplete_fields = ("services", "programs")
    fieldsets = (
        (None, {"fields": ("title", "slug", "category", "summary", "body")}),
        (_("Related"), {"fields": ("services", "programs")}),
        (_("Publishing"), {"fields": ("is_published", "display_order", "updated_at")}),
    )


@admin.register(SignUp)
class SignUpAdmin(admin.ModelAdmin):
    """Residents' personal data: only for users with the sign-up permissions."""

    list_display = ("name", "email", "program", "neighborhood", "status", "created_at")
    list_filter = ("status", "program", "intent", "created_at")
    list_select_related = ("program", "watch_group")
    list_editable = ("status",)
    search_fields = ("name", "email", "phone", "neighborhood")
    date_hierarchy = "created_at"
    ordering = ("-created_at",)
    actions = ["export_csv", "mark_contacted", "mark_enrolled", "mark_cancelled", "mark_declined"]
    readonly_fields = (
        "program",
        "name",
        "email",
        "phone",
        "neighborhood",
        "intent",
        "watch_group",
        "message",
        "consent",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (
            _("From the resident"),
            {
                "fields": (
                    "program",
                    "name",
                    "email",
                    "phone",
                    "neighborhood",
                    "intent",
                    "watch_group",
                    "message",
                    "consent",
                    "created_at",
                )
            },
        ),
        (_("Follow-up"), {"fields": ("status", "staff_notes", "updated_at")}),
    )

    def has_add_permission(self, request):
        return False  # sign-ups come from residents, through signup_create()

    def save_model(self, request, obj, form, change):
        # The change form and the list's status column: a place freed goes to the waiting list.
        report_promoted(self, request, operations.signup_save(signup=obj))

    @admin.action(description=_("Export selected sign-ups as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
        header = [
            _("Program"),
            _("Name"),
            _("Email"),
            _("Phone"),
            _("Neighborhood or street"),
            _("Watch group request"),
            _("Watch group"),
            _("Message"),
            _("Status"),
            _("Signed up"),
        ]
        signups = queryset.select_related("program", "watch_group").order_by("created_at")
        rows = (
            (
                signup.program.name,
                signup.name,
                signup.email,
                signup.phone,
                signup.neighborhood,
                signup.get_intent_display(),
                signup.watch_group or "",
                signup.message,
                signup.get_status_display(),
                timezone.localtime(signup.created_at).strftime("%Y-%m-%d %H:%M"),
            )
            for signup in signups
        )
        return csv_response(f"sign-ups-{stamp}.csv", header, rows)

    def _set_status(self, request, queryset, status):
        promoted = []
        updated = 0
        for signup in queryset.order_by("created_at", "pk"):
            if signup.status != status:
                updated += 1
            promoted += operations.signup_set_status(signup=signup, status=status)
        self.message_user(
            request,
            ngettext(
                "%(count)d sign-up marked “%(status)s”.",
                "%(count)d sign-ups marked “%(status)s”.",
                updated,
            )
            % {"count": updated, "status": SignUp.Status(status).label},
            messages.SUCCESS,
        )
        report_promoted(self, request, promoted)

    @admin.action(description=_("Mark selected as contacted"), permissions=["change"])
    def mark_contacted(self, request, queryset):
        self._set_status(request, queryset, SignUp.Status.CONTACTED)

    @admin.action(description=_("Mark selected as enrolled"), permissions=["change"])
    def mark_enrolled(self, request, queryset):
        self._set_status(request, queryset, SignUp.Status.ENROLLED)

    @admin.action(description=_("Mark selected as cancelled"), permissions=["change"])
    def mark_cancelled(self, request, queryset):
        self._set_status(request, queryset, SignUp.Status.CANCELLED)

    @admin.action(description=_("Mark selected as declined"), permissions=["change"])
    def mark_declined(self, request, queryset):
        self._set_status(request, queryset, SignUp.Status.DECLINED)

"""The staff side of online reports.

Reports, their photos, property items, added information and history hold residents' personal
data: only users with the reports permissions (the "Report reviewers" group, and superusers)
who signed in with two-factor authentication see them. Every change goes through a named
function in reports.operations, which records it in the report's history. Nobody deletes a
report here: `manage.py purge_reports` anonymises closed ones after the retention period.
"""

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.admin import (
    ActionPagesMixin,
    ContentTranslationAdmin,
    HistoryInline,
    PrivateRowsMixin,
    SingletonModelAdmin,
    has_verified_permission,
)
from core.exports import csv_response
from reports import operations
from reports.forms import ApproveForm, RejectForm, RequestInfoForm
from reports.models import (
    IncidentType,
    PhotoState,
    PropertyItem,
    RejectionReason,
    Report,
    ReportAddition,
    ReportEvent,
    ReportingGuideEntry,
    ReportPhoto,
    ReportSettings,
)

THUMBNAIL_WIDTH = 240


class PersonalDataMixin(PrivateRowsMixin):
    """Read-only, and only for reviewers who passed two-factor authentication."""

    view_permission = "reports.view_report"


class PropertyItemInline(PersonalDataMixin, admin.TabularInline):
    model = PropertyItem
    fields = ("description", "brand", "serial_number", "value")
    readonly_fields = fields
    extra = 0


def photo_url(photo) -> str:
    return reverse("admin:reports_report_photo", args=[photo.pk])


class ReportPhotoInline(PersonalDataMixin, admin.TabularInline):
    model = ReportPhoto
    fields = ("thumbnail", "details", "addition")
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("photos (stored without any location or camera data)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("report")

    @admin.display(description=_("photo"))
    def thumbnail(self, photo):
        # Staff see a photo only once it is processed: never the quarantined upload.
        if photo.has_failed:
            return format_html(
                "<strong>{}</strong><br>{}",
                _("Could not be processed"),
                photo.get_failure_display(),
            )
        if not photo.is_ready:
            return _("Received, being processed. Reload the page in a minute.")
        width = min(THUMBNAIL_WIDTH, photo.width)
        height = max(1, round(photo.height * width / photo.width))
        return format_html(
            '<a href="{url}"><img src="{url}" alt="{alt}" width="{w}" height="{h}" '
            'class="report-photo-thumb"></a>',
            url=photo_url(photo),
            alt=_("Photo %(n)s of report %(ref)s (opens full size)")
            % {"n": photo.position + 1, "ref": photo.report.reference},
            w=width,
            h=height,
        )

    @admin.display(description=_("details"))
    def details(self, photo):
        if not photo.is_ready:
            return _("%(size)s KB uploaded") % {"size": photo.size // 1024}
        return f"{photo.width} x {photo.height} px, {photo.size // 1024} KB"


class ReportAdditionInline(PersonalDataMixin, admin.TabularInline):
    model = ReportAddition
    fields = ("created_at", "text")
    readonly_fields = fields
    extra = 0


class ReportEventInline(PersonalDataMixin, HistoryInline):
    model = ReportEvent
    fields = ("created_at", "action", "actor", "from_status", "to_status", "note")
    readonly_fields = fields


CSV_COLUMNS = [
    (_("Reference"), lambda r: r.reference),
    (_("Submitted"), lambda r: timezone.localtime(r.submitted_at).strftime("%Y-%m-%d %H:%M")),
    (_("Status"), lambda r: r.get_status_display()),
    (_("Incident type"), lambda r: r.incident_type.name),
    (_("Assigned reviewer"), lambda r: r.assigned_to.get_username() if r.assigned_to else ""),
    (_("Happened from"), lambda r: timezone.localtime(r.occurred_from).strftime("%Y-%m-%d %H:%M")),
    (
        _("Happened until"),
        lambda r: (
            timezone.localtime(r.occurred_until).strftime("%Y-%m-%d %H:%M")
            if r.occurred_until
            else ""
        ),
    ),
    (_("Address"), lambda r: r.location_address),
    (_("Name"), lambda r: r.reporter_name),
    (_("Email"), lambda r: r.reporter_email),
    (_("Phone"), lambda r: r.reporter_phone),
    (_("Preferred contact"), lambda r: r.get_contact_method_display()),
    (_("Preferred language"), lambda r: r.preferred_language),
    (_("Photos"), lambda r: r.photo_count),
    (_("Case number"), lambda r: r.case_number),
    (_("Status last changed"), lambda r: timezone.localtime(r.status_changed_at).isoformat()),
]


@admin.register(Report)
class ReportAdmin(PersonalDataMixin, ActionPagesMixin, admin.ModelAdmin):
    list_display = (
        "reference",
        "submitted_at",
        "incident_type",
        "status",
        "assigned_to",
        "reporter_name",
        "language",
        "photo_count",
    )
    list_filter = (
        "status",
        "incident_type",
        "language",
        "submitted_at",
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("reference", "reporter_name", "reporter_email")
    search_help_text = _("Search by reference number, name or email.")
    list_select_related = ("incident_type", "assigned_to")
    date_hierarchy = "submitted_at"
    list_per_page = 50
    actions = ["assign_to_me", "export_selected"]
    inlines = [PropertyItemInline, ReportPhotoInline, ReportAdditionInline, ReportEventInline]
    change_form_template = "reports/admin/report_change_form.html"
    change_list_template = "reports/admin/report_change_list.html"
    fieldsets = (
        (
            _("Review"),
            {
                "fields": (
                    "reference",
                    "status",
                    "status_changed_at",
                    "assigned_to",
                    "case_number",
                    "rejection_reason",
                    "resident_message",
                )
            },
        ),
        (
            _("What happened"),
            {
                "fields": (
                    "incident_type",
                    "occurred_from",
                    "occurred_until",
                    "location_address",
                    "location_details",
                    "description",
                    "suspect_description",
                    "vehicle_description",
                )
            },
        ),
        (
            _("The resident"),
            {
                "fields": (
                    "reporter_name",
                    "reporter_email",
                    "reporter_phone",
                    "reporter_address",
                    "preferred_language",
                    "contact_method",
                    "submitted_at",
                    "declared_at",
                    "anonymised_at",
                )
            },
        ),
    )

    action_template = "reports/admin/report_action.html"
    operation_error = operations.ReportError
    operation_argument = "report"

    class Media:
        css = {"all": ["reports/admin.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(photo_count=Count("photos"))

    @admin.display(description=_("photos"), ordering="photo_count")
    def photo_count(self, report):
        return report.photo_count

    def has_review_permission(self, request):
        return has_verified_permission(request, "reports.change_report")

    # --- Bulk actions ----------------------------------------------------------------------

    @admin.action(description=_("Assign selected reports to me"), permissions=["review"])
    def assign_to_me(self, request, queryset):
        done = 0
        for report in queryset.open():
            operations.report_assign(report=report, reviewer=request.user, actor=request.user)
            done += 1
        self.message_user(
            request, _("%(count)s report(s) assigned to you.") % {"count": done}, messages.SUCCESS
        )

    @admin.action(description=_("Export selected reports to CSV (no photos)"))
    def export_selected(self, request, queryset):
        return self._csv_response(queryset)

    # --- Extra pages -----------------------------------------------------------------------

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path("export.csv", wrap(self.export_view), name="reports_report_export"),
            path("photo/<uuid:photo_id>/", wrap(self.photo_view), name="reports_report_photo"),
            path("<int:object_id>/assign/", wrap(self.assign_view), name="reports_report_assign"),
            path(
                "<int:object_id>/approve/", wrap(self.approve_view), name="reports_report_approve"
            ),
            path(
                "<int:object_id>/request-information/",
                wrap(self.request_info_view),
                name="reports_report_request_info",
            ),
            path("<int:object_id>/reject/", wrap(self.reject_view), name="reports_report_reject"),
            *super().get_urls(),
        ]

    def _csv_response(self, queryset):
        queryset = queryset.select_related("incident_type", "assigned_to")
        if "photo_count" not in queryset.query.annotations:
            queryset = queryset.annotate(photo_count=Count("photos"))
        rows = ([value(report) for _label, value in CSV_COLUMNS] for report in queryset)
        return csv_response(
            f"reports-{timezone.localdate():%Y-%m-%d}.csv",
            [label for label, _value in CSV_COLUMNS],
            rows,
        )

    def export_view(self, request):
        """The queue as CSV, with the filters and search of the list page it is linked from."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
            queryset = changelist.get_queryset(request)
            # A value a lookup cannot take (?submitted_at__year=abc) fails only when the query
            # is built: here, not halfway through the file.
            queryset.exists()
        except (IncorrectLookupParameters, ValidationError, ValueError, TypeError):
            messages.error(
                request,
                _("The export's filters were not valid. Choose them again on this list."),
            )
            return redirect("admin:reports_report_changelist")
        return self._csv_response(queryset)

    def photo_view(self, request, photo_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        photo = get_object_or_404(
            ReportPhoto.objects.filter(state=PhotoState.READY).select_related("report"), pk=photo_id
        )
        try:
            file = photo.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(file, content_type=photo.content_type)
        response["Content-Disposition"] = content_disposition_header(
            False, f"{photo.report.reference}-photo-{photo.position + 1}.{photo.extension}"
        )
        response["Cache-Control"] = "private, no-store"
        return response

    def _report_for_review(self, request, object_id) -> Report:
        if not self.has_review_permission(request):
            raise PermissionDenied
        return get_object_or_404(Report.objects.select_related("incident_type"), pk=object_id)

    def assign_view(self, request, object_id):
        return require_POST(self._assign)(request, object_id)

    def _assign(self, request, object_id):
        report = self._report_for_review(request, object_id)
        return self.run_operation(
            request,
            report,
            operations.report_assign,
            _("The report is assigned to you."),
            reviewer=request.user,
        )

    def approve_view(self, request, object_id):
        report = self._report_for_review(request, object_id)
        return self.action_page(
            request,
            report,
            self.page_form(request, ApproveForm),
            operation=operations.report_approve,
            fields=("case_number", "message"),
            success=_("Approved. The resident has been emailed the case number."),
            title=_("Approve report"),
            button=_("Approve and email the resident"),
        )

    def request_info_view(self, request, object_id):
        report = self._report_for_review(request, object_id)
        days = ReportSettings.load().info_request_valid_days
        return self.action_page(
            request,
            report,
            self.page_form(request, RequestInfoForm),
            operation=operations.report_request_info,
            fields=("note",),
            success=_("The resident has been emailed your question and a link to answer it."),
            title=_("Ask the resident for more information"),
            button=_("Send the request"),
            intro=_(
                "The resident gets your note by email with a link to add information and "
                "photos to this report. The link works for %(days)s days."
            )
            % {"days": days},
        )

    def reject_view(self, request, object_id):
        report = self._report_for_review(request, object_id)
        return self.action_page(
            request,
            report,
            self.page_form(request, RejectForm),
            operation=operations.report_reject,
            fields=("reason", "note"),
            success=_("Rejected. The resident has been emailed the reason."),
            title=_("Reject report"),
            button=_("Reject and email the resident"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_review": self.has_review_permission(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "export_query": request.GET.urlencode()}
        return super().changelist_view(request, extra_context)


# --- Settings and lists staff manage (no personal data: no two-factor needed) --------------------


@admin.register(IncidentType)
class IncidentTypeAdmin(ContentTranslationAdmin):
    markdown_fields = ("not_online_message",)
    list_display = ("name", "accepted_online", "tip_category", "display_order", "is_active")
    list_filter = ("accepted_online", "is_active", "tip_category")
    search_fields = ("name", "description")
    prepopulated_fields = {"slug": ("name_en",)}
    fields = (
        "name",
        "slug",
        "description",
        "accepted_online",
        "not_online_message",
        "tip_category",
        "display_order",
        "is_active",
    )

    def has_delete_permission(self, request, obj=None):
        # Reports keep their type; untick "shown to residents" instead.
        if obj is not None and obj.reports.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ReportingGuideEntry)
class ReportingGuideEntryAdmin(ContentTranslationAdmin):
    markdown_fields = ("body",)
    list_display = ("title", "display_order", "is_published", "updated_at")
    list_filter = ("is_published",)
    search_fields = ("title", "body")
    fields = ("title", "body", "display_order", "is_published", "updated_at")
    readonly_fields = ("updated_at",)


@admin.register(RejectionReason)
class RejectionReasonAdmin(ContentTranslationAdmin):
    list_display = ("title", "display_order", "is_active")
    list_filter = ("is_active",)
    search_fields = ("title", "explanation")

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.reports.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(ReportSettings)
class ReportSettingsAdmin(SingletonModelAdmin, ContentTranslationAdmin):
    fields = ("expected_review_time", "info_request_valid_days", "retention_days", "updated_at")
    readonly_fields = ("updated_at",)

"""The district staff's queue of concerns and tips.

Concerns can hold a resident's contact details, so the queue takes what crime reports take: the
concerns permissions (the "District staff" group, and superusers) and a session that passed
two-factor authentication (``core.admin.is_verified``, django-otp). Beyond that, each member
of district staff sees only the concerns of the districts they work (``District.staff_members``).
Concerns no district matched ("not routed") are shown to superusers only, who give them a
district: district staff never see another district's residents.

Every change goes through concerns.operations, which records it in the concern's history.
Nobody deletes a concern here: `manage.py purge_concerns` does after the retention period.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from concerns import operations
from concerns.forms import AgendaForm, RouteForm, StatusChangeForm
from concerns.models import Concern, ConcernEvent, ConcernPhoto
from core.admin import (
    ActionPagesMixin,
    HistoryInline,
    PrivateRowsMixin,
    has_verified_permission,
)
from reports.models import PhotoState

THUMBNAIL_WIDTH = 240


def visible_concerns(request):
    """The concerns this member of staff may see: all for a superuser, else their districts'."""
    concerns = Concern.objects.all()
    if request.user.is_superuser:
        return concerns
    return concerns.for_district_staff(request.user).distinct()


class QueueMixin(PrivateRowsMixin):
    """Read-only rows, for district staff who passed two-factor authentication."""

    view_permission = "concerns.view_concern"


class ConcernPhotoInline(QueueMixin, admin.TabularInline):
    model = ConcernPhoto
    fields = ("thumbnail", "details")
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("photo (stored without any location or camera data)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("concern")

    @admin.display(description=_("photo"))
    def thumbnail(self, photo):
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
        url = reverse("admin:concerns_concern_photo", args=[photo.pk])
        return format_html(
            '<a href="{url}"><img src="{url}" alt="{alt}" width="{w}" height="{h}"></a>',
            url=url,
            alt=_("Photo of %(reference)s (opens full size)")
            % {"reference": photo.concern.reference},
            w=width,
            h=height,
        )

    @admin.display(description=_("details"))
    def details(self, photo):
        if not photo.is_ready:
            return _("%(size)s KB uploaded") % {"size": photo.size // 1024}
        return f"{photo.width} x {photo.height} px, {photo.size // 1024} KB"


class ConcernEventInline(QueueMixin, HistoryInline):
    model = ConcernEvent
    fields = ("created_at", "action", "actor", "from_status", "to_status", "note")
    readonly_fields = fields


@admin.register(Concern)
class ConcernAdmin(QueueMixin, ActionPagesMixin, admin.ModelAdmin):
    list_display = (
        "reference",
        "created_at",
        "kind",
        "district",
        "status",
        "on_agenda",
        "anonymous",
        "location",
    )
    list_filter = ("status", "kind", "on_agenda", "anonymous", "district", "created_at")
    search_fields = ("reference",)
    search_help_text = _("Search by reference number.")
    list_select_related = ("district",)
    date_hierarchy = "created_at"
    list_per_page = 50
    actions = ["mark_seen"]
    inlines = [ConcernPhotoInline, ConcernEventInline]
    change_form_template = "concerns/admin/concern_change_form.html"
    action_template = "concerns/admin/concern_action.html"
    operation_error = operations.ConcernError
    operation_argument = "concern"
    fieldsets = (
        (
            _("Queue"),
            {
                "fields": (
                    "reference",
                    "district",
                    "status",
                    "status_changed_at",
                    "public_note",
                    "on_agenda",
                    "agenda_text",
                )
            },
        ),
        (
            _("The concern"),
            {
                "fields": (
                    "kind",
                    "location",
                    "latitude",
                    "longitude",
                    "when_happens",
                    "description",
                )
            },
        ),
        (
            _("The resident"),
            {
                "fields": (
                    "anonymous",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "language",
                    "created_at",
                )
            },
        ),
    )

    def get_queryset(self, request):
        concerns = super().get_queryset(request)
        if request.user.is_superuser:
            return concerns
        return concerns.filter(pk__in=visible_concerns(request).values("pk"))

    def has_work_permission(self, request):
        return has_verified_permission(request, "concerns.change_concern")

    @admin.action(description=_("Mark selected concerns as seen"), permissions=["work"])
    def mark_seen(self, request, queryset):
        done = operations.concerns_mark_seen(concerns=queryset, actor=request.user)
        self.message_user(
            request, _("%(count)s concern(s) marked as seen.") % {"count": done}, messages.SUCCESS
        )

    # --- Extra pages -----------------------------------------------------------------------

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path("photo/<uuid:photo_id>/", wrap(self.photo_view), name="concerns_concern_photo"),
            path("<int:object_id>/status/", wrap(self.status_view), name="concerns_concern_status"),
            path("<int:object_id>/agenda/", wrap(self.agenda_view), name="concerns_concern_agenda"),
            path("<int:object_id>/route/", wrap(self.route_view), name="concerns_concern_route"),
            *super().get_urls(),
        ]

    def photo_view(self, request, photo_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        photo = get_object_or_404(
            ConcernPhoto.objects.filter(
                state=PhotoState.READY, concern__in=visible_concerns(request)
            ).select_related("concern"),
            pk=photo_id,
        )
        try:
            file = photo.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(file, content_type=photo.content_type)
        response["Content-Disposition"] = content_disposition_header(
            False, f"{photo.concern.reference}-photo.{photo.extension}"
        )
        response["Cache-Control"] = "private, no-store"
        return response

    def _concern_to_work(self, request, object_id) -> Concern:
        if not self.has_work_permission(request):
            raise PermissionDenied
        return get_object_or_404(visible_concerns(request), pk=object_id)

    def status_view(self, request, object_id):
        concern = self._concern_to_work(request, object_id)
        return self.action_page(
            request,
            concern,
            self.page_form(request, StatusChangeForm, initial={"public_note": concern.public_note}),
            operation=operations.concern_change_status,
            fields=("status", "public_note"),
            success=_("Status changed. The resident sees it on the status page."),
            title=_("Change the status"),
            button=_("Change the status"),
            intro=_("The resident sees the status and the note with their reference number."),
        )

    def agenda_view(self, request, object_id):
        concern = self._concern_to_work(request, object_id)
        initial = {"on_agenda": True, "agenda_text": concern.agenda_text}
        return self.action_page(
            request,
            concern,
            self.page_form(request, AgendaForm, initial=initial),
            operation=operations.concern_put_on_agenda,
            fields=("on_agenda", "agenda_text"),
            success=_("Agenda updated."),
            title=_("Meeting agenda"),
            button=_("Save the agenda"),
            intro=_(
                "The district page lists the question under the next community meeting, in the "
                "words you write here."
            ),
        )

    def route_view(self, request, object_id):
        if not request.user.is_superuser:
            raise PermissionDenied
        concern = self._concern_to_work(request, object_id)
        return self.action_page(
            request,
            concern,
            self.page_form(request, RouteForm, initial={"district": concern.district_id}),
            operation=operations.concern_route,
            fields=("district",),
            success=_("District changed."),
            title=_("Route to a district"),
            button=_("Save"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_work": self.has_work_permission(request),
            "can_route": request.user.is_superuser and self.has_work_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

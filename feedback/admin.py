"""The Professional standards group's queue of compliments and complaints.

Items can hold a resident's contact details and accusations against a named officer, so the
queue takes what crime reports take: the feedback permissions (the "Professional standards"
group, and superusers) and a session that passed two-factor authentication
(``core.admin.is_verified``, django-otp). Nobody else sees any of it, in the list, the
change page or the action pages.

Every change goes through feedback.operations, which records it in the item's history.
Nobody deletes an item here: `manage.py purge_feedback` blanks its personal details after the
retention period.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext_lazy as _

from core.admin import (
    ActionPagesMixin,
    HistoryInline,
    PrivateRowsMixin,
    has_verified_permission,
)
from feedback import operations
from feedback.forms import AssignForm, CloseForm, ForwardForm, NoteForm, StatusChangeForm
from feedback.models import Feedback, FeedbackEvent


class QueueMixin(PrivateRowsMixin):
    """Read-only rows, for Professional standards who passed two-factor authentication. Not
    even the queue's name on the admin's index for anyone else."""

    view_permission = "feedback.view_feedback"

    def has_module_permission(self, request):
        return self.has_view_permission(request)


class FeedbackEventInline(QueueMixin, HistoryInline):
    model = FeedbackEvent
    fields = ("created_at", "action", "actor", "old_value", "new_value", "note")
    readonly_fields = fields


@admin.register(Feedback)
class FeedbackAdmin(QueueMixin, ActionPagesMixin, admin.ModelAdmin):
    list_display = (
        "reference",
        "created_at",
        "kind",
        "status",
        "outcome",
        "assigned_to",
        "officer",
        "anonymous",
    )
    list_filter = ("kind", "status", "outcome", "anonymous", "created_at")
    search_fields = ("reference",)
    search_help_text = _("Search by reference number.")
    list_select_related = ("assigned_to",)
    date_hierarchy = "created_at"
    list_per_page = 50
    inlines = [FeedbackEventInline]
    change_form_template = "feedback/admin/feedback_change_form.html"
    action_template = "feedback/admin/feedback_action.html"
    operation_error = operations.FeedbackError
    operation_argument = "feedback"
    fieldsets = (
        (
            _("Queue"),
            {
                "fields": (
                    "reference",
                    "kind",
                    "status",
                    "status_changed_at",
                    "assigned_to",
                    "outcome",
                    "public_note",
                    "purged_at",
                )
            },
        ),
        (
            _("What happened"),
            {"fields": ("officer", "description", "occurred_on", "occurred_at_time", "location")},
        ),
        (
            _("The resident"),
            {
                "fields": (
                    "anonymous",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "share_name",
                    "language",
                    "created_at",
                )
            },
        ),
    )

    def has_work_permission(self, request):
        return has_verified_permission(request, "feedback.change_feedback")

    # --- Extra pages -----------------------------------------------------------------------

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        pages = [
            ("assign", self.assign_view),
            ("status", self.status_view),
            ("close", self.close_view),
            ("note", self.note_view),
            ("forward", self.forward_view),
        ]
        return [
            *(
                path(f"<int:object_id>/{name}/", wrap(view), name=f"feedback_feedback_{name}")
                for name, view in pages
            ),
            *super().get_urls(),
        ]

    def _feedback_to_work(self, request, object_id) -> Feedback:
        if not self.has_work_permission(request):
            raise PermissionDenied
        return get_object_or_404(Feedback, pk=object_id)

    def assign_view(self, request, object_id):
        feedback = self._feedback_to_work(request, object_id)
        return self.action_page(
            request,
            feedback,
            self.page_form(request, AssignForm, initial={"assignee": feedback.assigned_to_id}),
            operation=operations.feedback_assign,
            fields=("assignee",),
            success=_("Assigned."),
            title=_("Assign"),
            button=_("Assign"),
            intro=_("Only members of Professional standards can be assigned."),
        )

    def status_view(self, request, object_id):
        feedback = self._feedback_to_work(request, object_id)
        initial = {"status": feedback.status, "public_note": feedback.public_note}
        return self.action_page(
            request,
            feedback,
            self.page_form(request, StatusChangeForm, initial=initial),
            operation=operations.feedback_change_status,
            fields=("status", "public_note"),
            success=_("Status changed. The resident sees it on the status page."),
            title=_("Change the status"),
            button=_("Change the status"),
            intro=_("The resident sees the status and the note with their reference number."),
        )

    def close_view(self, request, object_id):
        feedback = self._feedback_to_work(request, object_id)
        initial = {"public_note": feedback.public_note}
        return self.action_page(
            request,
            feedback,
            self.page_form(request, CloseForm, kind=feedback.kind, initial=initial),
            operation=operations.feedback_close,
            fields=("outcome", "public_note"),
            success=_("Closed. The resident sees the outcome on the status page."),
            title=_("Close with an outcome"),
            button=_("Close"),
            intro=_("The status page shows the outcome and the note; the yearly counts count it."),
        )

    def note_view(self, request, object_id):
        feedback = self._feedback_to_work(request, object_id)
        return self.action_page(
            request,
            feedback,
            self.page_form(request, NoteForm),
            operation=operations.feedback_add_note,
            fields=("note",),
            success=_("Note added to the history."),
            title=_("Add an internal note"),
            button=_("Add the note"),
        )

    def forward_view(self, request, object_id):
        feedback = self._feedback_to_work(request, object_id)
        if not feedback.is_compliment:
            raise PermissionDenied
        if feedback.share_name:
            intro = _(
                "The email holds what the resident wrote, and their name: they agreed to share "
                "it. Never their email address or phone number."
            )
        else:
            intro = _(
                "The email holds what the resident wrote, without their name or any contact "
                "details: they did not agree to share them."
            )
        return self.action_page(
            request,
            feedback,
            self.page_form(request, ForwardForm),
            operation=operations.feedback_forward,
            fields=("supervisor_email", "message"),
            success=_("The compliment is on its way to the supervisor."),
            title=_("Forward to the officer's supervisor"),
            button=_("Send"),
            intro=intro,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_work": self.has_work_permission(request)}
        return super().change_view(request, object_id, form_url, extra_context)

"""The Professional standards group's queue of compliments and complaints.

Items can hold a resident's contact details and accusations against a named officer, so the
queue takes what crime reports take: the feedback permissions (the "Professional standards"
group, and superusers) and a session that passed two-factor authentication
(``reports.admin.is_verified``, django-otp). Nobody else sees any of it, in the list, the
change page or the action pages.

Every change goes through feedback.operations, which records it in the item's history.
Nobody deletes an item here: `manage.py purge_feedback` blanks its personal details after the
retention period.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from feedback import operations
from feedback.forms import AssignForm, CloseForm, ForwardForm, NoteForm, StatusChangeForm
from feedback.models import Feedback, FeedbackEvent
from reports.admin import is_verified


def can_see_feedback(request) -> bool:
    return is_verified(request) and request.user.has_perm("feedback.view_feedback")


def can_work_feedback(request) -> bool:
    return is_verified(request) and request.user.has_perm("feedback.change_feedback")


class QueueMixin:
    """Read-only rows, for Professional standards who passed two-factor authentication."""

    def has_module_permission(self, request):
        return can_see_feedback(request)

    def has_view_permission(self, request, obj=None):
        return can_see_feedback(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class FeedbackEventInline(QueueMixin, admin.TabularInline):
    model = FeedbackEvent
    fields = ("created_at", "action", "actor", "old_value", "new_value", "note")
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(Feedback)
class FeedbackAdmin(QueueMixin, admin.ModelAdmin):
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

    def get_readonly_fields(self, request, obj=None):
        return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]

    def has_work_permission(self, request):
        return can_work_feedback(request)

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

    def _change_url(self, feedback):
        return reverse("admin:feedback_feedback_change", args=[feedback.pk])

    def _page(self, request, feedback, form, *, title, button, intro=""):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "subtitle": feedback.reference,
            "feedback": feedback,
            "form": form,
            "button": button,
            "intro": intro,
            "change_url": self._change_url(feedback),
        }
        return TemplateResponse(request, "feedback/admin/feedback_action.html", context)

    def _run(self, request, feedback, operation, success, **kwargs):
        try:
            operation(feedback=feedback, actor=request.user, **kwargs)
        except operations.FeedbackError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, success, messages.SUCCESS)
        return redirect(self._change_url(feedback))

    def _form(self, request, form_class, **kwargs):
        return form_class(request.POST if request.method == "POST" else None, **kwargs)

    def assign_view(self, request, object_id):
        feedback = self._feedback_to_work(request, object_id)
        form = self._form(request, AssignForm, initial={"assignee": feedback.assigned_to_id})
        if request.method == "POST" and form.is_valid():
            return self._run(
                request,
                feedback,
                operations.feedback_assign,
                _("Assigned."),
                assignee=form.cleaned_data["assignee"],
            )
        return self._page(
            request,
            feedback,
            form,
            title=_("Assign"),
            button=_("Assign"),
            intro=_("Only members of Professional standards can be assigned."),
        )

    def status_view(self, request, object_id):
        feedback = self._feedback_to_work(request, object_id)
        form = self._form(
            request,
            StatusChangeForm,
            initial={"status": feedback.status, "public_note": feedback.public_note},
        )
        if request.method == "POST" and form.is_valid():
            return self._run(
                request,
                feedback,
                operations.feedback_change_status,
                _("Status changed. The resident sees it on the status page."),
                status=form.cleaned_data["status"],
                public_note=form.cleaned_data["public_note"],
            )
        return self._page(
            request,
            feedback,
            form,
            title=_("Change the status"),
            button=_("Change the status"),
            intro=_("The resident sees the status and the note with their reference number."),
        )

    def close_view(self, request, object_id):
        feedback = self._feedback_to_work(request, object_id)
        form = self._form(
            request, CloseForm, kind=feedback.kind, initial={"public_note": feedback.public_note}
        )
        if request.method == "POST" and form.is_valid():
            return self._run(
                request,
                feedback,
                operations.feedback_close,
                _("Closed. The resident sees the outcome on the status page."),
                outcome=form.cleaned_data["outcome"],
                public_note=form.cleaned_data["public_note"],
            )
        return self._page(
            request,
            feedback,
            form,
            title=_("Close with an outcome"),
            button=_("Close"),
            intro=_("The status page shows the outcome and the note; the yearly counts count it."),
        )

    def note_view(self, request, object_id):
        feedback = self._feedback_to_work(request, object_id)
        form = self._form(request, NoteForm)
        if request.method == "POST" and form.is_valid():
            return self._run(
                request,
                feedback,
                operations.feedback_add_note,
                _("Note added to the history."),
                note=form.cleaned_data["note"],
            )
        return self._page(
            request, feedback, form, title=_("Add an internal note"), button=_("Add the note")
        )

    def forward_view(self, request, object_id):
        feedback = self._feedback_to_work(request, object_id)
        if not feedback.is_compliment:
            raise PermissionDenied
        form = self._form(request, ForwardForm)
        if request.method == "POST" and form.is_valid():
            return self._run(
                request,
                feedback,
                operations.feedback_forward,
                _("The compliment is on its way to the supervisor."),
                supervisor_email=form.cleaned_data["supervisor_email"],
                message=form.cleaned_data["message"],
            )
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
        return self._page(
            request,
            feedback,
            form,
            title=_("Forward to the officer's supervisor"),
            button=_("Send"),
            intro=intro,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_work": self.has_work_permission(request)}
        return super().change_view(request, object_id, form_url, extra_context)

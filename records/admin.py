"""The Records group's queue of requests for copies of records.

Requests hold a resident's contact details and, once fulfilled, a copy of a police record, so
the queue takes what crime reports take: the records permissions (the "Records" group, and
superusers) and a session that passed two-factor authentication (``core.admin.is_verified``,
django-otp). Every change goes through records.operations, which records it in the request's
history. Nobody deletes a request here: `manage.py purge_records` does after the retention
period. The document is streamed by ``document_view`` only, after the same checks.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.admin import (
    ActionPagesMixin,
    HistoryInline,
    PrivateRowsMixin,
    has_verified_permission,
)
from records import documents, operations, views
from records.forms import DocumentForm, RefuseForm
from records.models import RecordRequest, RecordRequestEvent

Status = RecordRequest.Status


class QueueMixin(PrivateRowsMixin):
    """Read-only rows, for the Records group once they passed two-factor authentication."""

    view_permission = "records.view_recordrequest"


class RecordRequestEventInline(QueueMixin, HistoryInline):
    model = RecordRequestEvent
    fields = ("created_at", "action", "actor", "from_status", "to_status", "note")
    readonly_fields = fields


@admin.register(RecordRequest)
class RecordRequestAdmin(QueueMixin, ActionPagesMixin, admin.ModelAdmin):
    list_display = (
        "reference",
        "created_at",
        "kind",
        "incident_date",
        "status",
        "relationship",
        "email_is_confirmed",
    )
    list_filter = ("status", "kind", "relationship", "created_at")
    search_fields = ("reference", "case_number")
    search_help_text = _("Search by reference number or case number.")
    date_hierarchy = "created_at"
    list_per_page = 50
    inlines = [RecordRequestEventInline]
    change_form_template = "records/admin/recordrequest_change_form.html"
    action_template = "records/admin/recordrequest_action.html"
    operation_error = operations.RecordRequestError
    operation_argument = "record_request"
    fieldsets = (
        (
            _("Queue"),
            {
                "fields": (
                    "reference",
                    "status",
                    "status_changed_at",
                    "refusal_reason",
                    "document_link",
                    "document_attached_at",
                )
            },
        ),
        (
            _("The record"),
            {"fields": ("kind", "incident_date", "location", "case_number", "description")},
        ),
        (
            _("The requester"),
            {
                "fields": (
                    "requester_name",
                    "requester_email",
                    "email_confirmed_at",
                    "requester_phone",
                    "relationship",
                    "reason",
                    "language",
                    "created_at",
                )
            },
        ),
    )

    @admin.display(description=_("email confirmed"), boolean=True)
    def email_is_confirmed(self, record_request):
        return record_request.email_confirmed

    @admin.display(description=_("document"))
    def document_link(self, record_request):
        if not record_request.has_document:
            return "-"
        return format_html(
            '<a href="{}">{}</a> ({})',
            reverse("admin:records_recordrequest_document", args=[record_request.pk]),
            _("Download the PDF"),
            _("%(pages)s page(s), %(size)s KB")
            % {
                "pages": record_request.document_pages,
                "size": max(1, record_request.document_size // 1024),
            },
        )

    def has_work_permission(self, request):
        return has_verified_permission(request, "records.change_recordrequest")

    # --- Extra pages -----------------------------------------------------------------------

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path(
                "<int:object_id>/document/",
                wrap(self.document_view),
                name="records_recordrequest_document",
            ),
            path(
                "<int:object_id>/start/", wrap(self.start_view), name="records_recordrequest_start"
            ),
            path(
                "<int:object_id>/refuse/",
                wrap(self.refuse_view),
                name="records_recordrequest_refuse",
            ),
            path(
                "<int:object_id>/attach/",
                wrap(self.attach_view),
                name="records_recordrequest_attach",
            ),
            path(
                "<int:object_id>/send-link/",
                wrap(self.send_link_view),
                name="records_recordrequest_send_link",
            ),
            *super().get_urls(),
        ]

    def document_view(self, request, object_id):
        if not self.has_view_permission(request):
            raise PermissionDenied
        record_request = get_object_or_404(RecordRequest, pk=object_id)
        if not record_request.has_document:
            raise Http404
        try:
            file = record_request.document.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        operations.record_request_staff_download(record_request=record_request, actor=request.user)
        return views.document_response(file, record_request)

    def _to_work(self, request, object_id) -> RecordRequest:
        if not self.has_work_permission(request):
            raise PermissionDenied
        return get_object_or_404(RecordRequest, pk=object_id)

    def start_view(self, request, object_id):
        record_request = self._to_work(request, object_id)
        return self.action_page(
            request,
            record_request,
            None,
            operation=operations.record_request_start,
            success=_("Marked in progress. The resident sees it on the status page."),
            title=_("Start work on this request"),
            button=_("Mark in progress"),
            intro=_("The status page then tells the resident that we are looking for it."),
        )

    def refuse_view(self, request, object_id):
        record_request = self._to_work(request, object_id)
        return self.action_page(
            request,
            record_request,
            self.page_form(request, RefuseForm),
            operation=operations.record_request_refuse,
            fields=("reason",),
            success=_("Request refused. The resident is emailed the reason."),
            title=_("Refuse the request"),
            button=_("Refuse"),
            intro=_("A document already attached is deleted, and its download link stops working."),
        )

    def attach_view(self, request, object_id):
        record_request = self._to_work(request, object_id)
        form = self.page_form(request, DocumentForm, files=True)
        page = {
            "title": _("Attach the record"),
            "button": _("Attach and email the link"),
            "intro": _(
                "A PDF with at least one page and no password. A document attached before is "
                "replaced, and its download link stops working."
            ),
            "files": True,
        }
        try:
            return self.action_page(
                request,
                record_request,
                form,
                operation=operations.record_request_attach_document,
                fields=("document",),
                success=_("Document attached. The resident is emailed a download link."),
                **page,
            )
        except documents.DocumentNotStored:
            # The storage did not take the file (no message): the page again, the reason on it.
            form.add_error(
                "document", _("The file could not be stored. Try again in a few minutes.")
            )
        return self.render_action_page(request, record_request, form, **page)

    def send_link_view(self, request, object_id):
        record_request = self._to_work(request, object_id)
        return self.action_page(
            request,
            record_request,
            None,
            operation=operations.record_request_send_link,
            success=_("The download link was emailed again."),
            title=_("Email the download link again"),
            button=_("Email the link"),
            intro=_("A new link, with a new expiry date. Earlier links keep working until theirs."),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_work": self.has_work_permission(request),
        }
        return super().change_view(request, object_id, form_url, extra_context)

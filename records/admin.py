"""The Records group's queue of requests for copies of records.

Requests hold a resident's contact details and, once fulfilled, a copy of a police record, so
the queue takes what crime reports take: the records permissions (the "Records" group, and
superusers) and a session that passed two-factor authentication (``reports.admin.is_verified``,
django-otp). Every change goes through records.operations, which records it in the request's
history. Nobody deletes a request here: `manage.py purge_records` does after the retention
period. The document is streamed by ``document_view`` only, after the same checks.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from records import documents, operations, views
from records.forms import DocumentForm, RefuseForm
from records.models import RecordRequest, RecordRequestEvent
from reports.admin import is_verified

Status = RecordRequest.Status


def can_see_records(request) -> bool:
    return is_verified(request) and request.user.has_perm("records.view_recordrequest")


def can_work_records(request) -> bool:
    return is_verified(request) and request.user.has_perm("records.change_recordrequest")


class QueueMixin:
    """Read-only rows, for the Records group once they passed two-factor authentication."""

    def has_view_permission(self, request, obj=None):
        return can_see_records(request)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RecordRequestEventInline(QueueMixin, admin.TabularInline):
    model = RecordRequestEvent
    fields = ("created_at", "action", "actor", "from_status", "to_status", "note")
    readonly_fields = fields
    extra = 0
    verbose_name_plural = _("history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


@admin.register(RecordRequest)
class RecordRequestAdmin(QueueMixin, admin.ModelAdmin):
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

    def get_readonly_fields(self, request, obj=None):
        return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]

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
        return can_work_records(request)

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

    def _change_url(self, record_request):
        return reverse("admin:records_recordrequest_change", args=[record_request.pk])

    def _action_page(self, request, record_request, *, form, title, button, intro="", files=False):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "subtitle": record_request.reference,
            "record_request": record_request,
            "form": form,
            "button": button,
            "intro": intro,
            "files": files,
            "change_url": self._change_url(record_request),
        }
        return TemplateResponse(request, "records/admin/recordrequest_action.html", context)

    def _run(self, request, record_request, operation, success, **kwargs):
        try:
            operation(record_request=record_request, actor=request.user, **kwargs)
        except operations.RecordRequestError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(request, success, messages.SUCCESS)
        return redirect(self._change_url(record_request))

    def start_view(self, request, object_id):
        record_request = self._to_work(request, object_id)
        if request.method == "POST":
            return self._run(
                request,
                record_request,
                operations.record_request_start,
                _("Marked in progress. The resident sees it on the status page."),
            )
        return self._action_page(
            request,
            record_request,
            form=None,
            title=_("Start work on this request"),
            button=_("Mark in progress"),
            intro=_("The status page then tells the resident that we are looking for it."),
        )

    def refuse_view(self, request, object_id):
        record_request = self._to_work(request, object_id)
        form = RefuseForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            return self._run(
                request,
                record_request,
                operations.record_request_refuse,
                _("Request refused. The resident is emailed the reason."),
                reason=form.cleaned_data["reason"],
            )
        return self._action_page(
            request,
            record_request,
            form=form,
            title=_("Refuse the request"),
            button=_("Refuse"),
            intro=_("A document already attached is deleted, and its download link stops working."),
        )

    def attach_view(self, request, object_id):
        record_request = self._to_work(request, object_id)
        form = DocumentForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
        )
        if request.method == "POST" and form.is_valid():
            try:
                return self._run(
                    request,
                    record_request,
                    operations.record_request_attach_document,
                    _("Document attached. The resident is emailed a download link."),
                    document=form.cleaned_data["document"],
                )
            except documents.DocumentNotStored:
                form.add_error(
                    "document", _("The file could not be stored. Try again in a few minutes.")
                )
        return self._action_page(
            request,
            record_request,
            form=form,
            title=_("Attach the record"),
            button=_("Attach and email the link"),
            intro=_(
                "A PDF with at least one page and no password. A document attached before is "
                "replaced, and its download link stops working."
            ),
            files=True,
        )

    def send_link_view(self, request, object_id):
        record_request = self._to_work(request, object_id)
        if request.method == "POST":
            return self._run(
                request,
                record_request,
                operations.record_request_send_link,
                _("The download link was emailed again."),
            )
        return self._action_page(
            request,
            record_request,
            form=None,
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

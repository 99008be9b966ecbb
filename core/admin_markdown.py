"""The admin's Markdown boxes: a "Preview" button and the Markdown basics the site allows.

An admin lists its Markdown fields (``markdown_fields = ("body",)``, the field's name: each
language's box is covered). Each box then has a short help (a <details>, which works without
JavaScript) and a "Preview" button (static/js/admin-markdown-preview.js, shown only when the
script runs): it posts the box's text, with the form's CSRF token, to the admin's
``markdown-preview/`` URL, which answers with the HTML the public page would show, made by
the same function (core.text.render_markdown: Markdown, then sanitised by nh3). The script
puts it in a region under the box that screen readers announce (aria-live="polite").
"""

from django.contrib.admin.widgets import AdminTextareaWidget
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from modeltranslation.utils import get_translation_fields

from core.text import render_markdown

# The longest text a preview renders: well above any page's body (a few thousand characters).
PREVIEW_MAX_CHARS = 50_000


class MarkdownTextarea(AdminTextareaWidget):
    """The admin's textarea, with the Markdown help, a "Preview" button and its region."""

    template_name = "admin/widgets/markdown_textarea.html"

    class Media:
        js = ["js/admin-markdown-preview.js"]

    def __init__(self, attrs=None, *, preview_url=""):
        super().__init__(attrs)
        self.preview_url = preview_url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["preview_url"] = self.preview_url
        context["widget"]["preview_max_chars"] = PREVIEW_MAX_CHARS
        return context


class MarkdownPreviewMixin:
    """For a ModelAdmin whose model has Markdown fields (``markdown_fields``, by name)."""

    markdown_fields: tuple[str, ...] = ()

    def markdown_columns(self) -> set[str]:
        """The form's boxes for those fields: "body", or "body_en" and "body_es"."""
        # A name that is not translated has no such columns: nothing matches them.
        return {
            column
            for name in self.markdown_fields
            for column in (name, *get_translation_fields(name))
        }

    def markdown_preview_url(self) -> str:
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_markdown_preview"
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.markdown_columns():
            kwargs["widget"] = MarkdownTextarea(preview_url=self.markdown_preview_url())
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_urls(self):
        if not self.markdown_fields:
            return super().get_urls()
        opts = self.model._meta
        preview = path(
            "markdown-preview/",
            # admin_view: signed-in staff only, CSRF-protected, never cached.
            self.admin_site.admin_view(self.markdown_preview_view),
            name=f"{opts.app_label}_{opts.model_name}_markdown_preview",
        )
        # Before the admin's own "<object_id>/", which would take the path for a row's.
        return [preview, *super().get_urls()]

    def markdown_preview_view(self, request):
        return markdown_preview(request, self)


@never_cache
@require_POST
def markdown_preview(request, model_admin):
    """The posted ``text`` as the public page shows it: {"html": "..."}. Only for staff who
    may add or change the admin's rows; 413 for a text over PREVIEW_MAX_CHARS."""
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    text = request.POST.get("text", "")
    if len(text) > PREVIEW_MAX_CHARS:
        message = _("The text is too long to preview (more than %(count)s characters).") % {
            "count": f"{PREVIEW_MAX_CHARS:,}"
        }
        return JsonResponse({"error": message}, status=413)
    return JsonResponse({"html": render_markdown(text)})

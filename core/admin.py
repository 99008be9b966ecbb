from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import (
    display_for_field,
    display_for_value,
    label_for_field,
    lookup_field,
    unquote,
)
from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import build_localized_fieldname, get_translation_fields

from core.admin_markdown import MarkdownPreviewMixin
from core.forms import ClockSplitDateTimeField, ClockTimeField
from core.languages import default_language, missing_translation, other_languages
from core.models import DepartmentSettings

# The photo fields of core.images.ImageFields, as one fieldset for any content admin.
IMAGE_FIELDSET = (
    _("Image (optional)"),
    {
        "fields": ("image", "image_alt"),
        "description": _("Pages look complete without an image."),
    },
)


class MissingTranslationFilter(admin.SimpleListFilter):
    """The change list's "Spanish translation: missing / complete": "missing" lists the rows
    where a translated field has English text and none in ``language`` (so their pages show
    that field in English), "complete" the others."""

    language = ""
    fields: tuple[str, ...] = ()

    @property
    def title(self):
        # A property: the language's name in the language of the staff member's request.
        name = get_language_info(self.language)["name_translated"]
        return _("%(language)s translation") % {"language": name}

    def lookups(self, request, model_admin):
        return (("missing", _("Missing")), ("complete", _("Complete")))

    def queryset(self, request, queryset):
        lacking = missing_translation(self.language, self.fields)
        if self.value() == "missing":
            return queryset.filter(lacking)
        if self.value() == "complete":
            return queryset.exclude(lacking)
        return queryset


def missing_translation_filters(fields: tuple[str, ...]) -> list[type[MissingTranslationFilter]]:
    """One filter per language content is translated into (a new language needs no code)."""
    return [
        type(
            f"Missing{language.title().replace('-', '')}TranslationFilter",
            (MissingTranslationFilter,),
            {"language": language, "fields": fields, "parameter_name": f"translation_{language}"},
        )
        for language in other_languages()
    ]


class ContentTranslationForm(forms.ModelForm):
    """A model's clean() names a translated field ("image_alt", "cancellation_reason"), which the
    form shows as one box per language: its error goes on the English box, rather than on a
    field the form does not have (a server error)."""

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            error = error.error_dict
        if field is None and isinstance(error, dict):
            error = {self.column_for(name): messages for name, messages in error.items()}
        elif field is not None:
            field = self.column_for(field)
        super().add_error(field, error)

    def column_for(self, name: str) -> str:
        column = build_localized_fieldname(name, default_language())
        return column if name not in self.fields and column in self.fields else name


class LabelledFileInput(AdminFileWidget):
    """The admin's file input named by the field's own <label for>, not by a fieldset's legend,
    which does not name the input itself (axe's "label" rule; a screen reader reads "file")."""

    use_fieldset = False


class EditableListLabelsMixin:
    """Each box of a change list's ``list_editable`` columns named after its field and its row
    ("Display order: Patrol"): the column heading is not the box's label."""

    def get_changelist_form(self, request, **kwargs):
        form_class = super().get_changelist_form(request, **kwargs)
        editable = tuple(self.list_editable)

        class LabelledRowForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name in editable:
                    if name in self.fields:
                        label = capfirst(self.fields[name].label)
                        self.fields[name].widget.attrs["aria-label"] = f"{label}: {self.instance}"

        return LabelledRowForm


# The names staff know the site's time zone by; another zone is named by its tz name alone.
TIME_ZONE_NAMES = {"America/New_York": _("Eastern time")}


def time_zone_help() -> str:
    """ "Eastern time (America/New_York)": what the admin's date and time boxes are in."""
    name = TIME_ZONE_NAMES.get(settings.TIME_ZONE)
    return f"{name} ({settings.TIME_ZONE})" if name else settings.TIME_ZONE


class LocalTimeFieldsMixin:
    """Each date-and-time or time box takes a.m. and p.m. as people write them (core.forms's
    ClockTimeField) and names the site's time zone in its help text, since
    admin.css hides Django's note about the browser's offset from the server's (a member of
    staff on a laptop set to another zone still types Cary's time)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateTimeField):
            kwargs.setdefault("form_class", ClockSplitDateTimeField)
        elif isinstance(db_field, models.TimeField):
            kwargs.setdefault("form_class", ClockTimeField)
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(db_field, models.DateTimeField | models.TimeField):
            help_text, zone = formfield.help_text, time_zone_help()
            formfield.help_text = f"{help_text} {zone}" if help_text else zone
        return formfield


class ContentTranslationAdmin(
    EditableListLabelsMixin, MarkdownPreviewMixin, LocalTimeFieldsMixin, TranslationAdmin
):
    """An admin for content registered in a translation.py: each translated field shows as one
    row with a box per language (English, then Spanish), side by side where the screen is wide
    enough. The English box is required where the field is; the others may stay empty, and the
    page then shows the English text. Search looks in every language; the change list can be
    filtered to the rows that still lack a translation. Slugs are shared by every language, so
    an admin prepopulates them from the English column (``{"slug": ("name_en",)}``). Its
    Markdown fields, listed in ``markdown_fields``, have a preview (core.admin_markdown)."""

    form = ContentTranslationForm
    formfield_overrides = {models.ImageField: {"widget": LabelledFileInput}}

    def get_fieldsets(self, request, obj=None):
        return [
            (name, {**options, "fields": self.language_rows(options["fields"])})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def language_rows(self, fields) -> list:
        """["name_en", "name_es", "slug"] -> [("name_en", "name_es"), "slug"]."""
        columns = {
            column: tuple(get_translation_fields(original))
            for original in self.trans_opts.all_fields
            for column in get_translation_fields(original)
        }
        rows = []
        for field in fields:
            row = columns.get(field) if isinstance(field, str) else None
            if row is None or not set(row) <= set(fields):
                rows.append(field)
            elif field == row[0]:
                rows.append(row)
        return rows

    def get_search_fields(self, request):
        return self.replace_orig_field(super().get_search_fields(request))

    def get_list_filter(self, request):
        return [
            *super().get_list_filter(request),
            *missing_translation_filters(tuple(self.trans_opts.all_fields)),
        ]


# --- Private queues (reports, concerns, records, house checks, feedback) ------------------------


def is_verified(request) -> bool:
    """Whether this session passed two-factor authentication (django_otp's OTPMiddleware)."""
    check = getattr(request.user, "is_verified", None)
    return bool(check and check())


def has_verified_permission(request, permission: str) -> bool:
    """The permission, in a session that passed two-factor authentication: what residents'
    personal data takes (a password alone is not enough)."""
    return is_verified(request) and request.user.has_perm(permission)


class PrivateRowsMixin:
    """For the admin and the inlines of a private queue: read-only, and only for staff with
    ``view_permission`` (their group's, and superusers) signed in with two factors. Nobody
    adds, changes or deletes a row here: every change is an action page (ActionPagesMixin)
    calling the app's operations, which record it in the row's history."""

    # No default: an admin that forgets it fails at once rather than opens the rows.
    view_permission: str

    def has_view_permission(self, request, obj=None):
        return has_verified_permission(request, self.view_permission)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        # Every field of the fieldsets shows as text, the admin's own columns (methods such
        # as "photo_count") too: a form could not show those.
        if self.fieldsets:
            return [field for fieldset in self.fieldsets for field in fieldset[1]["fields"]]
        return super().get_readonly_fields(request, obj)


class HistoryInline(PrivateRowsMixin, admin.TabularInline):
    """A private row's history (the app's event model, each event with an ``actor``): read-only
    like the row. The app's subclass names the model, its fields and ``view_permission``."""

    extra = 0
    verbose_name_plural = _("history")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class OwnHistoryMixin:
    """The change page's "History" button shows the row's own history (its HistoryInline's
    events, which the app's operations record), not Django's log of admin edits: nobody edits
    these rows in the admin, so that log is always empty."""

    history_template = "admin/own_history.html"

    def history_inline(self):
        """The admin's HistoryInline, or None (then Django's own history page)."""
        return next(
            (
                inline_class(self.model, self.admin_site)
                for inline_class in self.inlines
                if issubclass(inline_class, HistoryInline)
            ),
            None,
        )

    def history_view(self, request, object_id, extra_context=None):
        inline = self.history_inline()
        if inline is None:
            return super().history_view(request, object_id, extra_context)
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        link = next(
            field.name
            for field in inline.model._meta.get_fields()
            if field.many_to_one and field.related_model is self.model
        )
        events = inline.get_queryset(request).filter(**{link: obj}).order_by("created_at", "pk")
        columns = [label_for_field(name, inline.model, inline) for name in inline.fields]
        rows = [
            [self.history_cell(inline, event, name) for name in inline.fields] for event in events
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": _("History: %(row)s") % {"row": obj},
            "subtitle": None,
            "module_name": capfirst(self.opts.verbose_name_plural),
            "object": obj,
            "opts": self.opts,
            "columns": columns,
            "rows": rows,
            **(extra_context or {}),
        }
        return TemplateResponse(request, self.history_template, context)

    def history_cell(self, inline, event, name):
        """The event's value as the inline shows it (a choice's label, a date in local time)."""
        empty = inline.get_empty_value_display()
        try:
            field, _attr, value = lookup_field(name, event, inline)
        except (AttributeError, FieldDoesNotExist):
            return empty
        if field is None:
            return display_for_value(value, empty)
        return display_for_field(value, field, empty)


class ActionPagesMixin(OwnHistoryMixin):
    """For the admin of a private queue: each change staff make to a row is a page of its own
    (a form, or a button alone) at a URL the admin's get_urls adds. Posted (and valid), it
    calls one operations function with the row and the signed-in member of staff, shows the
    operation's refusal (``operation_error``, worded for staff) or ``success`` as a message,
    and goes back to the row. The app keeps its views, operations calls and wording; its
    ``action_template`` extends admin/action_page.html with a line that sums up the row."""

    action_template = "admin/action_page.html"
    # No defaults: the app's operations error, and the keyword its operations take the row by.
    operation_error: type[Exception]
    operation_argument: str

    def change_url(self, obj) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])

    def success_url(self, request, obj) -> str:
        return self.change_url(obj)

    def refused_response(self, request, obj):
        """After the operation refused (its message is shown): back to the row. ``None``
        shows the page again instead."""
        return redirect(self.change_url(obj))

    def page_form(self, request, form_class, *, files=False, **kwargs):
        """The page's form: bound to what was posted, else unbound (showing ``initial``)."""
        posted = request.method == "POST"
        if files:
            kwargs["files"] = request.FILES if posted else None
        return form_class(request.POST if posted else None, **kwargs)

    def render_action_page(self, request, obj, form, *, title, button, intro="", **extra):
        # Every private queue's rows have a reference number: the subtitle and the breadcrumb.
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "subtitle": obj.reference,
            "original": obj,
            "form": form,
            "button": button,
            "intro": intro,
            "change_url": self.change_url(obj),
            **extra,
        }
        return TemplateResponse(request, self.action_template, context)

    def run_operation(self, request, obj, operation, success, **arguments):
        """``operation(<row>=obj, actor=request.user, **arguments)``, then its message."""
        try:
            operation(**{self.operation_argument: obj}, actor=request.user, **arguments)
        except self.operation_error as error:
            self.message_user(request, str(error), messages.ERROR)
            return self.refused_response(request, obj)
        self.message_user(request, success, messages.SUCCESS)
        return redirect(self.success_url(request, obj))

    def action_page(self, request, obj, form, *, operation, success, fields=(), **page):
        """The page (``page``: title, button, intro...) until it is posted valid, then the
        operation, given the form's ``fields`` by name. ``form`` None: a button alone."""
        if request.method == "POST" and (form is None or form.is_valid()):
            arguments = {name: form.cleaned_data[name] for name in fields}
            response = self.run_operation(request, obj, operation, success, **arguments)
            if response is not None:
                return response
        return self.render_action_page(request, obj, form, **page)


class SingletonModelAdmin(admin.ModelAdmin):
    """For a SingletonModel: staff edit the one record, never add a second or delete it."""

    def has_add_permission(self, request):
        return not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(DepartmentSettings)
class DepartmentSettingsAdmin(SingletonModelAdmin, ContentTranslationAdmin):
    readonly_fields = ("updated_at",)
    fieldsets = (
        (_("Department"), {"fields": ("name", "street_address", "locality", "email")}),
        (
            _("Phone numbers"),
            {
                "fields": (
                    "emergency_phone",
                    "non_emergency_phone",
                    "neighborhood_watch_phone",
                    "town_services_phone",
                )
            },
        ),
        (_("Online resources"), {"fields": ("website_url", "facebook_url", "twitter_url")}),
        (_("Search"), {"fields": ("search_synonyms",)}),
        (None, {"fields": ("updated_at",)}),
    )

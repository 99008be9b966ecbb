from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import build_localized_fieldname, get_translation_fields

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


class ContentTranslationAdmin(TranslationAdmin):
    """An admin for content registered in a translation.py: each translated field shows as one
    row with a box per language (English, then Spanish), side by side where the screen is wide
    enough. The English box is required where the field is; the others may stay empty, and the
    page then shows the English text. Search looks in every language; the change list can be
    filtered to the rows that still lack a translation. Slugs are shared by every language, so
    an admin prepopulates them from the English column (``{"slug": ("name_en",)}``)."""

    form = ContentTranslationForm

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
        (None, {"fields": ("updated_at",)}),
    )

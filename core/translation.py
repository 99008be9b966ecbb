"""The department record's text in every language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from core.models import DepartmentSettings


@register(DepartmentSettings)
class DepartmentSettingsTranslation(TranslationOptions):
    fields = ("name", "search_synonyms")

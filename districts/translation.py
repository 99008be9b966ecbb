"""Districts' text in every language (django-modeltranslation); captains' names, phone numbers
and street names stay as they are."""

from modeltranslation.translator import TranslationOptions, register

from districts.models import District


@register(District)
class DistrictTranslation(TranslationOptions):
    fields = ("name", "description")

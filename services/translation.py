"""The catalogue's text in every language (django-modeltranslation); slugs stay shared."""

from modeltranslation.translator import TranslationOptions, register

from services.models import Service, ServiceCategory


@register(ServiceCategory)
class ServiceCategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "summary", "body", "hours", "image_alt")

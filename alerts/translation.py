"""Alert topics' names in every language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from alerts.models import Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name",)

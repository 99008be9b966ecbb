"""Programs' and tips' text in every language (django-modeltranslation); slugs stay shared."""

from modeltranslation.translator import TranslationOptions, register

from programs.models import Program, Tip


@register(Program)
class ProgramTranslation(TranslationOptions):
    fields = ("name", "summary", "body", "audience", "how_to_join", "schedule", "image_alt")


@register(Tip)
class TipTranslation(TranslationOptions):
    fields = ("title", "summary", "body")

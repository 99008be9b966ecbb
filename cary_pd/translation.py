"""Staff-edited pages in every language (django-modeltranslation); slugs stay shared."""

from modeltranslation.translator import TranslationOptions, register

from cary_pd.models import Page


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "summary", "body")

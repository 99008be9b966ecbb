"""Events', officers', partners' and news text in every language (django-modeltranslation);
slugs, names of people and places stay as they are."""

from modeltranslation.translator import TranslationOptions, register

from outreach.models import Event, K9Team, NewsItem, Officer, Partner


@register(Event)
class EventTranslation(TranslationOptions):
    fields = (
        "title", "summary", "description", "cancellation_reason", "agenda", "minutes", "image_alt",
    )  # fmt: skip


@register(Officer)
class OfficerTranslation(TranslationOptions):
    fields = ("rank", "biography", "interests", "community_involvement", "image_alt")


@register(K9Team)
class K9TeamTranslation(TranslationOptions):
    fields = ("breed", "biography", "image_alt")


@register(Partner)
class PartnerTranslation(TranslationOptions):
    fields = ("description", "image_alt")


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "summary", "body")

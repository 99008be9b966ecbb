"""The report journey's staff-edited text in every language (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from reports.models import IncidentType, RejectionReason, ReportingGuideEntry, ReportSettings


@register(ReportSettings)
class ReportSettingsTranslation(TranslationOptions):
    fields = ("expected_review_time",)


@register(IncidentType)
class IncidentTypeTranslation(TranslationOptions):
    fields = ("name", "description", "not_online_message")


@register(ReportingGuideEntry)
class ReportingGuideEntryTranslation(TranslationOptions):
    fields = ("title", "body")


@register(RejectionReason)
class RejectionReasonTranslation(TranslationOptions):
    fields = ("title", "explanation")

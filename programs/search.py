from django.utils.translation import gettext_lazy as _

from core.search import ModelSearchSource
from programs.models import PROGRAM_SEARCH_FIELDS, TIP_SEARCH_FIELDS, Program, Tip


class ProgramSearch(ModelSearchSource):
    kind = "programs"
    label = _("Crime prevention programs")
    title_field = "name"
    search_fields = PROGRAM_SEARCH_FIELDS

    def get_queryset(self, now=None):
        return Program.objects.published()


class TipSearch(ModelSearchSource):
    kind = "tips"
    label = _("Safety tips")
    title_field = "title"
    search_fields = TIP_SEARCH_FIELDS

    def get_queryset(self, now=None):
        return Tip.objects.published()

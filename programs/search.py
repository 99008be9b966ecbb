from django.utils.translation import gettext_lazy as _

from cary_pd.search import ModelSearchSource
from programs.models import Program, Tip


class ProgramSearch(ModelSearchSource):
    kind = "programs"
    label = _("Crime prevention programs")
    title_field = "name"
    search_fields = {"name": "A", "summary": "B", "audience": "C", "body": "C"}

    def get_queryset(self):
        return Program.objects.published()


class TipSearch(ModelSearchSource):
    kind = "tips"
    label = _("Safety tips")
    title_field = "title"
    search_fields = {"title": "A", "summary": "B", "body": "C"}

    def get_queryset(self):
        return Tip.objects.published()

from django.utils.translation import gettext_lazy as _

from core.search import ModelSearchSource
from districts.models import DISTRICT_SEARCH_FIELDS, District


class DistrictSearch(ModelSearchSource):
    kind = "districts"
    label = _("Police districts")
    title_field = "name"
    summary_field = "captain_name"
    search_fields = DISTRICT_SEARCH_FIELDS

    def get_queryset(self, now=None):
        return District.objects.all()

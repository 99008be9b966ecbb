from django.utils.translation import gettext_lazy as _

from cary_pd.search import ModelSearchSource
from services.models import Service


class ServiceSearch(ModelSearchSource):
    kind = "services"
    label = _("Services")
    title_field = "name"
    search_fields = {"name": "A", "summary": "B", "body": "C"}

    def get_queryset(self):
        return Service.objects.published()

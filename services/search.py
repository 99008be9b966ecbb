from django.utils.translation import gettext_lazy as _

from core.search import ModelSearchSource
from services.models import SERVICE_SEARCH_FIELDS, Service


class ServiceSearch(ModelSearchSource):
    kind = "services"
    label = _("Services")
    title_field = "name"
    search_fields = SERVICE_SEARCH_FIELDS

    def get_queryset(self, now=None):
        return Service.objects.published()

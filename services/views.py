from django.shortcuts import render
from django.utils.functional import SimpleLazyObject

from core.drafts import published_or_preview
from services.models import Service


def service_list(request):
    services = Service.objects.published().select_related("category").in_catalogue_order()
    return render(request, "services/service_list.html", {"services": services})


def service_detail(request, slug: str):
    service = published_or_preview(request, Service.objects.select_related("category"), slug=slug)

    def k9_teams():
        # The K-9 unit's page shows its teams: dogs whose handler works in this unit.
        officer_model = Service._meta.get_field("officers").related_model
        k9_team_model = officer_model._meta.get_field("k9_teams").related_model
        teams = k9_team_model.objects.published().filter(handler__unit=service)
        return teams.select_related("handler")

    # Lazy, not even built: the template reads them inside a fragment (core/fragments.py), that
    # is only when the page's content has changed since it was last rendered.
    context = {
        "service": service,
        "related_programs": SimpleLazyObject(lambda: service.programs.published()),
        "related_tips": SimpleLazyObject(lambda: service.tips.published()),
        "unit_officers": SimpleLazyObject(lambda: service.officers.published()),
        "k9_teams": SimpleLazyObject(k9_teams),
    }
    return render(request, "services/service_detail.html", context)

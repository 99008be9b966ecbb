from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from services.models import Service


def _published(relation: str):
    """Published rows of a model in another app that links to services (programs, tips,
    officers). The relation names the model, so this app imports none of the apps above it."""
    return Service._meta.get_field(relation).related_model.objects.published()


def service_list(request):
    services = Service.objects.published().select_related("category").in_catalogue_order()
    return render(request, "services/service_list.html", {"services": services})


def service_detail(request, slug: str):
    services = Service.objects.select_related("category")
    if not request.user.is_staff:  # drafts are for staff only ("View on site" in the admin)
        services = services.published()
    services = services.prefetch_related(
        Prefetch("programs", queryset=_published("programs")),
        Prefetch("tips", queryset=_published("tips")),
        Prefetch("officers", queryset=_published("officers")),
    )
    service = get_object_or_404(services, slug=slug)
    # The K-9 unit's page shows its teams: dogs whose handler works in this unit.
    officer_model = Service._meta.get_field("officers").related_model
    k9_team_model = officer_model._meta.get_field("k9_teams").related_model
    k9_teams = (
        k9_team_model.objects.published().filter(handler__unit=service).select_related("handler")
    )
    return render(
        request, "services/service_detail.html", {"service": service, "k9_teams": k9_teams}
    )

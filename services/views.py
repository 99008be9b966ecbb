from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from outreach.models import K9Team, Officer
from programs.models import Program, Tip
from services.models import Service


def service_list(request):
    services = Service.objects.published().select_related("category").in_catalogue_order()
    return render(request, "services/service_list.html", {"services": services})


def service_detail(request, slug: str):
    services = Service.objects.select_related("category")
    if not request.user.is_staff:  # drafts are for staff only ("View on site" in the admin)
        services = services.published()
    services = services.prefetch_related(
        Prefetch("programs", queryset=Program.objects.published()),
        Prefetch("tips", queryset=Tip.objects.published()),
        Prefetch("officers", queryset=Officer.objects.published()),
    )
    service = get_object_or_404(services, slug=slug)
    # The K-9 unit's page shows its teams: dogs whose handler works in this unit.
    k9_teams = K9Team.objects.published().filter(handler__unit=service).select_related("handler")
    return render(
        request, "services/service_detail.html", {"service": service, "k9_teams": k9_teams}
    )

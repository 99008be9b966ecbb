from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

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
    )
    service = get_object_or_404(services, slug=slug)
    return render(request, "services/service_detail.html", {"service": service})

"""The districts' pages: the map and list with "Find your district", the lookup, and each
district's page (its captain and contact, then what other apps show there: its meetings, its
news, the concerns raised in it; core.registry.page_sections)."""

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from districts.forms import FindDistrictForm
from districts.lookup import district_for_address, district_for_point, parse_address
from districts.maps import district_map
from districts.models import District


def _index_context(form) -> dict:
    districts = list(District.objects.order_by("display_order", "number"))
    return {
        "form": form,
        "districts": districts,
        "map": district_map(districts),
        "has_samples": any(district.is_sample for district in districts),
    }


@require_GET
def index(request):
    return render(request, "districts/index.html", _index_context(FindDistrictForm()))


@require_GET
def find(request):
    """A match goes to the district's page; otherwise the index again, with the entry kept and
    the problem in the error summary (400 for input that cannot be read, 200 for an address
    or place in no district)."""
    if not request.GET:
        return redirect("districts:index")
    form = FindDistrictForm(request.GET)
    if not form.is_valid():
        return render(request, "districts/index.html", _index_context(form), status=400)
    data = form.cleaned_data
    outside = False
    if data["address"]:
        if parse_address(data["address"]) is None:
            form.add_error(
                "address",
                _("Enter the house number and the street, for example 316 N Academy St."),
            )
            return render(request, "districts/index.html", _index_context(form), status=400)
        district = district_for_address(data["address"])
        if district is None:
            outside = True
            form.add_error(
                "address",
                _(
                    "We could not find this address in a Cary police district. Check the house "
                    "number and the street name."
                ),
            )
    else:
        district = district_for_point(data["latitude"], data["longitude"])
        if district is None:
            outside = True
            form.add_error(
                "address",
                _(
                    "Your location is not in a Cary police district. Enter your street address "
                    "instead."
                ),
            )
    if district is not None:
        return redirect(district)
    context = {**_index_context(form), "outside": outside}
    return render(request, "districts/index.html", context)


@require_GET
def detail(request, slug):
    district = get_object_or_404(District, slug=slug)
    context = {"district": district, "outline": district_map([district], width=240)}
    return render(request, "districts/detail.html", context)

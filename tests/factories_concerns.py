"""Factories for concerns and the districts they are routed to (issue 14, item 2).

``two_districts()`` makes two small districts on either side of a boundary: the line of
longitude -78.78 (west: "Westside", east: "Eastside"), and Boundary St in the street index,
numbers 1 to 99 in Westside, 100 to 199 in Eastside.
"""

import factory

from concerns.models import Concern
from districts.models import District, StreetRange

BOUNDARY_LONGITUDE = -78.78
WEST_POINT = (35.79, -78.80)  # (latitude, longitude)
EAST_POINT = (35.79, -78.76)
WEST_ADDRESS = "42 Boundary St, Cary, NC 27511"
EAST_ADDRESS = "142 Boundary Street"


def rectangle(west: float, east: float, south: float = 35.70, north: float = 35.88) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"District {n + 10}")
    slug = factory.Sequence(lambda n: f"district-{n + 10}")
    number = factory.Sequence(lambda n: n + 10)
    captain_name = "Captain Sample"


class ConcernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Concern

    reference = factory.Sequence(lambda n: f"TIP-FACTRY{n:04d}")
    kind = Concern.Kind.TRAFFIC
    location = "100 Main St"
    description = "Cars race down the street at night."
    anonymous = True


def two_districts() -> tuple[District, District]:
    from districts.lookup import forget_shapes

    west = DistrictFactory(
        name="Westside",
        slug="westside",
        number=91,
        boundary=rectangle(-78.90, BOUNDARY_LONGITUDE),
    )
    east = DistrictFactory(
        name="Eastside",
        slug="eastside",
        number=92,
        boundary=rectangle(BOUNDARY_LONGITUDE, -78.65),
    )
    StreetRange.objects.create(street="Boundary St", from_number=1, to_number=99, district=west)
    StreetRange.objects.create(street="Boundary St", from_number=100, to_number=199, district=east)
    forget_shapes()
    return west, east

"""Factories for districts (issue 14): districts, their boundaries and the street index."""

import factory


def square(west: float, south: float, east: float, north: float) -> dict:
    """A GeoJSON Polygon: the box between these longitudes and latitudes."""
    return {
        "type": "Polygon",
        "coordinates": [
            [[west, south], [east, south], [east, north], [west, north], [west, south]]
        ],
    }


# Two districts side by side, their shared edge at longitude -78.80 (as the demo's Kildaire
# Farm Rd): west of it District 1, east of it District 2.
WEST_HALF = square(-78.90, 35.73, -78.80, 35.83)
EAST_HALF = square(-78.80, 35.73, -78.73, 35.83)


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "districts.District"
        django_get_or_create = ("slug",)

    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda district: f"District {district.number}")
    slug = factory.LazyAttribute(lambda district: f"district-{district.number}")
    captain_name = factory.LazyAttribute(lambda district: f"Captain {district.number} Smith")
    phone = "(919) 469-4012"
    email = factory.LazyAttribute(lambda district: f"district{district.number}@carync.gov")
    description = "Officers who know the neighborhoods."
    boundary = None


class StreetRangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "districts.StreetRange"

    street = "KILDAIRE FARM RD"
    from_number = 1
    to_number = 999
    parity = "all"
    district = factory.SubFactory(DistrictFactory)

"""Demo districts: the department's three patrol districts, each led by a captain, with sample
captains, emails, boundaries and streets (all marked as samples: invented, not the
department's real districts). The boundaries cover Cary roughly and share their edges; the
sample street "Kildaire Farm Rd" is a boundary street, its odd numbers in District 1 and its
even numbers in District 2 (north) or 3 (south).

Loading only creates what is missing (a district by slug, a street range by its values), so
staff edits and uploaded boundaries are never overwritten and a second run changes nothing.
"""

from core.demo import get_or_create_translated
from districts.models import District, StreetRange

NON_EMERGENCY = "(919) 469-4012"

# The shared corners: Kildaire Farm Rd (sample) runs north-south at longitude -78.80, and
# the line between District 2 (north) and District 3 (south) at latitude 35.78.
WEST, MIDDLE, EAST = -78.90, -78.80, -78.73
SOUTH, CENTRE, NORTH = 35.73, 35.78, 35.83

BOUNDARIES = {
    "district-1": {
        "type": "Polygon",
        "coordinates": [
            [
                [MIDDLE, SOUTH],
                [MIDDLE, CENTRE],
                [MIDDLE, NORTH],
                [-78.88, NORTH],
                [WEST, 35.80],
                [WEST, 35.75],
                [-78.87, SOUTH],
                [MIDDLE, SOUTH],
            ]
        ],
    },
    "district-2": {
        "type": "Polygon",
        "coordinates": [
            [
                [MIDDLE, CENTRE],
                [EAST, CENTRE],
                [EAST, 35.815],
                [-78.75, NORTH],
                [MIDDLE, NORTH],
                [MIDDLE, CENTRE],
            ]
        ],
    },
    "district-3": {
        "type": "Polygon",
        "coordinates": [
            [
                [MIDDLE, SOUTH],
                [-78.75, SOUTH],
                [EAST, 35.745],
                [EAST, CENTRE],
                [MIDDLE, CENTRE],
                [MIDDLE, SOUTH],
            ]
        ],
    },
}

DISTRICTS = [
    {
        "slug": "district-1",
        "number": 1,
        "name": "District 1",
        "captain_name": "Captain Dana Whitfield (sample)",
        "email": "district1.sample@carync.gov",
        "description": "District 1 covers western Cary (sample boundary), from High House "
        "Road to the neighborhoods west of Kildaire Farm Road. Its officers keep permanent "
        "sectors and meet residents at regular community meetings.",
        "name_es": "Distrito 1",
        "description_es": (
            "El Distrito 1 abarca el oeste de Cary (límite de muestra), desde High House Road "
            "hasta los vecindarios al oeste de Kildaire Farm Road. Sus agentes trabajan en "
            "sectores fijos y se reúnen con los residentes en reuniones comunitarias "
            "periódicas."
        ),
    },
    {
        "slug": "district-2",
        "number": 2,
        "name": "District 2",
        "captain_name": "Captain Luis Ortega (sample)",
        "email": "district2.sample@carync.gov",
        "description": "District 2 covers downtown and northeastern Cary (sample boundary), "
        "including Academy Street and the police headquarters on Wilkinson Avenue.",
        "name_es": "Distrito 2",
        "description_es": (
            "El Distrito 2 abarca el centro y el noreste de Cary (límite de muestra), incluidas "
            "Academy Street y la sede de la policía en Wilkinson Avenue."
        ),
    },
    {
        "slug": "district-3",
        "number": 3,
        "name": "District 3",
        "captain_name": "Captain Renee Holloway (sample)",
        "email": "district3.sample@carync.gov",
        "description": "District 3 covers southeastern Cary (sample boundary), along Tryon "
        "Road and SE Maynard Road.",
        "name_es": "Distrito 3",
        "description_es": (
            "El Distrito 3 abarca el sureste de Cary (límite de muestra), a lo largo de Tryon "
            "Road y SE Maynard Road."
        ),
    },
]

# (street, from, to, parity, district slug)
STREETS = [
    ("KILDAIRE FARM RD", 1, 1999, "odd", "district-1"),
    ("KILDAIRE FARM RD", 2, 1998, "even", "district-2"),
    ("KILDAIRE FARM RD", 2001, 3999, "odd", "district-1"),
    ("KILDAIRE FARM RD", 2000, 3998, "even", "district-3"),
    ("HIGH HOUSE RD", 1, 2999, "all", "district-1"),
    ("W CHATHAM ST", 1, 1499, "all", "district-1"),
    ("N ACADEMY ST", 1, 999, "all", "district-2"),
    ("S ACADEMY ST", 1, 999, "all", "district-2"),
    ("E CHATHAM ST", 1, 1999, "all", "district-2"),
    ("WILKINSON AVE", 1, 499, "all", "district-2"),
    ("N HARRISON AVE", 1, 1499, "all", "district-2"),
    ("TRYON RD", 1, 2999, "all", "district-3"),
    ("SE MAYNARD RD", 1, 1999, "all", "district-3"),
    ("WALNUT ST", 1, 1999, "all", "district-3"),
]


def load() -> int:
    created_count = 0
    districts = {}
    for order, fields in enumerate(DISTRICTS):
        district, created = get_or_create_translated(
            District,
            {"slug": fields["slug"]},
            {
                **fields,
                "phone": NON_EMERGENCY,
                "display_order": (order + 1) * 10,
                "boundary": BOUNDARIES[fields["slug"]],
                "is_sample": True,
            },
        )
        districts[district.slug] = district
        created_count += created
    for street, start, end, parity, slug in STREETS:
        _range, created = StreetRange.objects.get_or_create(
            street=street,
            from_number=start,
            to_number=end,
            parity=parity,
            district=districts[slug],
            defaults={"is_sample": True},
        )
        created_count += created
    return created_count

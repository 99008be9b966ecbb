"""Which district an address or a point lies in.

- ``district_for_address("1234 Kildaire Farm Road, Cary, NC 27511")``: the house number and
  street, normalised (``normalise_street``), matched against the street index (StreetRange:
  same street, number in the range, parity).
- ``district_for_point(latitude, longitude)``: the district whose boundary holds the point
  (shapely). The prepared geometries are kept per process and rebuilt when a district changes
  (keyed on the districts' latest ``updated_at`` and their count).

Both return a District or None, and never raise on odd input.
"""

import re
import threading
from dataclasses import dataclass

from django.db.models import Count, Max
from shapely import prepare
from shapely.geometry import Point, shape

from districts.models import District, StreetRange

# Street types and directions, as the street index writes them (USPS abbreviations).
SUFFIXES = {
    "ROAD": "RD",
    "STREET": "ST",
    "DRIVE": "DR",
    "AVENUE": "AVE",
    "AV": "AVE",
    "LANE": "LN",
    "COURT": "CT",
    "PARKWAY": "PKWY",
    "PKY": "PKWY",
    "BOULEVARD": "BLVD",
    "CIRCLE": "CIR",
    "WAY": "WAY",
    "PLACE": "PL",
    "TRAIL": "TRL",
    "TERRACE": "TER",
    "HIGHWAY": "HWY",
    "EXPRESSWAY": "EXPY",
    "EXTENSION": "EXT",
    "SQUARE": "SQ",
    "LOOP": "LOOP",
    "CROSSING": "XING",
}
DIRECTIONS = {
    "NORTH": "N",
    "SOUTH": "S",
    "EAST": "E",
    "WEST": "W",
    "NORTHEAST": "NE",
    "NORTHWEST": "NW",
    "SOUTHEAST": "SE",
    "SOUTHWEST": "SW",
}
# A unit after the street: "Apt 4B", "Suite 200", "Unit 3", "# 12", "Ste. 5".
UNIT = re.compile(
    r"\s*(?:\b(?:APT|APARTMENT|SUITE|STE|UNIT|BLDG|BUILDING|FL|FLOOR|RM|ROOM|LOT)\b\.?|#)"
    r"\s*[\w-]*\s*$"
)
# The town, state and ZIP tail: ", Cary, NC 27511", " Cary NC", ", NC 27519-1234", "27513".
TAIL = re.compile(
    r"(?:[\s,]+(?:CARY|MORRISVILLE|APEX|RALEIGH))?(?:[\s,]+(?:NC|N\.C\.|NORTH CAROLINA))?"
    r"(?:[\s,]+\d{5}(?:-\d{4})?)?\s*$"
)
HOUSE_NUMBER = re.compile(r"^\s*(\d{1,6})[A-Z]?(?:-\d+)?\s+(.+)$")
MAX_ADDRESS = 200


def normalise_street(text: str) -> str:
    """'Kildaire Farm Road' -> 'KILDAIRE FARM RD', 'north academy st.' -> 'N ACADEMY ST':
    upper case, punctuation dropped, street types and directions abbreviated."""
    text = (text or "").upper().replace("&", " AND ")
    text = re.sub(r"[^\w\s#-]", " ", text).replace("_", " ")
    words = text.split()
    out = []
    for index, word in enumerate(words):
        last = index == len(words) - 1
        if word in DIRECTIONS and (index == 0 or last):
            out.append(DIRECTIONS[word])
        elif word in SUFFIXES and index > 0:
            out.append(SUFFIXES[word])
        else:
            out.append(word)
    return " ".join(out)[:100]


@dataclass(frozen=True)
class ParsedAddress:
    number: int
    street: str


def parse_address(address: str) -> ParsedAddress | None:
    """The house number and normalised street of a one-line address, or None."""
    if not address or len(address) > MAX_ADDRESS:
        return None
    text = address.upper().strip()
    # The first line only: "123 Main St, Cary, NC" -> "123 Main St"; an apartment after a comma.
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts:
        return None
    text = parts[0]
    text = TAIL.sub("", text)
    text = UNIT.sub("", text)
    text = re.sub(r"[.]", " ", text).strip()
    match = HOUSE_NUMBER.match(text)
    if not match:
        return None
    street = normalise_street(match.group(2))
    if not street:
        return None
    return ParsedAddress(number=int(match.group(1)), street=street)


def district_for_address(address: str) -> District | None:
    """The district of a street address (house number and street, "Cary, NC" and a unit
    ignored), from the street index; None when the address cannot be read or is not indexed."""
    parsed = parse_address(address)
    if parsed is None:
        return None
    parity = StreetRange.Parity.EVEN if parsed.number % 2 == 0 else StreetRange.Parity.ODD
    found = (
        StreetRange.objects.filter(
            street=parsed.street,
            from_number__lte=parsed.number,
            to_number__gte=parsed.number,
            parity__in=[StreetRange.Parity.ALL, parity],
        )
        .select_related("district")
        # A range for odd or even numbers is more precise than one for all ("odd" and "even"
        # sort before "all", descending); then the first one entered.
        .order_by("-parity", "pk")
        .first()
    )
    return found.district if found else None


# --- Point in polygon -------------------------------------------------------------------------

_lock = threading.Lock()
_cache: dict = {"key": None, "shapes": []}


def _version():
    stats = District.objects.filter(boundary__isnull=False).aggregate(
        latest=Max("updated_at"), count=Count("pk")
    )
    return stats["latest"], stats["count"]


def _shapes(key) -> list[tuple[int, object]]:
    with _lock:
        if _cache["key"] == key:
            return _cache["shapes"]
    shapes = []
    for pk, boundary in (
        District.objects.filter(boundary__isnull=False)
        .order_by("display_order", "number")
        .values_list("pk", "boundary")
    ):
        try:
            geometry = shape(boundary)
        except (AttributeError, KeyError, TypeError, ValueError, IndexError):
            continue
        if geometry.is_empty:
            continue
        prepare(geometry)
        shapes.append((pk, geometry))
    with _lock:
        _cache["key"] = key
        _cache["shapes"] = shapes
    return shapes


def forget_shapes() -> None:
    """Drop this process's prepared boundaries (a district was saved or deleted)."""
    with _lock:
        _cache["key"] = None
        _cache["shapes"] = []


def district_for_point(latitude: float, longitude: float) -> District | None:
    """The district whose boundary holds the point (on its edge counts), or None."""
    try:
        latitude, longitude = float(latitude), float(longitude)
    except (TypeError, ValueError):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    point = Point(longitude, latitude)
    for pk, geometry in _shapes(_version()):
        if geometry.covers(point):
            return District.objects.filter(pk=pk).first()
    return None

"""The writes of the districts app, with their rules: staff replace the districts' boundaries
from a GeoJSON file and the street index from a CSV file, all or nothing.

Each checks the whole file first and raises ``UploadRefused`` with every problem it found
(naming the feature or the line), changing nothing; a file that passes is written in one
transaction.
"""

import csv
import io
import json
import math
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from shapely.geometry import shape
from shapely.validation import explain_validity

from core import http_cache
from districts.lookup import forget_shapes, normalise_street
from districts.models import District, StreetRange

MAX_BOUNDARY_BYTES = 2 * 1024 * 1024
MAX_STREET_BYTES = 2 * 1024 * 1024
MAX_STREET_ROWS = 20_000
MAX_PROBLEMS = 50  # the messages shown for one file; the rest are counted
STREET_COLUMNS = ["street", "from", "to", "parity", "district"]


class UploadRefused(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class BoundaryResult:
    updated: int
    cleared: int


@dataclass(frozen=True)
class StreetResult:
    created: int
    deleted: int
    districts: int


def _districts_by_key() -> dict[str, District]:
    """A district by its slug and by its number (as text)."""
    found = {}
    for district in District.objects.all():
        found[district.slug.lower()] = district
        found[str(district.number)] = district
    return found


def _district_for(value, districts) -> District | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return districts.get(str(value).strip().lower())


def _refuse(problems: list[str]) -> None:
    if len(problems) > MAX_PROBLEMS:
        more = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], _("…and %(count)d more problems.") % {"count": more}]
    raise UploadRefused(problems)


def _positions(coordinates):
    """Every [lon, lat] position of a Polygon's or MultiPolygon's coordinates."""
    if (
        isinstance(coordinates, list | tuple)
        and len(coordinates) >= 2
        and all(
            isinstance(value, int | float) and not isinstance(value, bool) for value in coordinates
        )
    ):
        yield coordinates
        return
    if not isinstance(coordinates, list | tuple):
        raise TypeError("not a position")
    for item in coordinates:
        yield from _positions(item)


def _check_feature(index: int, feature, districts) -> tuple[District | None, dict | None, list]:
    label = _("Feature %(number)d") % {"number": index}
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        return None, None, [_("%(feature)s is not a GeoJSON Feature.") % {"feature": label}]
    properties = feature.get("properties")
    value = properties.get("district") if isinstance(properties, dict) else None
    if value is not None and not isinstance(value, dict | list):
        label = _('Feature %(number)d (district "%(district)s")') % {
            "number": index,
            "district": str(value)[:50],
        }
    district = _district_for(value, districts) if not isinstance(value, dict | list) else None
    problems = []
    if value is None:
        problems.append(
            _('%(feature)s has no "district" property: give the slug or the number of a district.')
            % {"feature": label}
        )
    elif district is None:
        problems.append(
            _("%(feature)s names no district on the site: use a district's slug or number.")
            % {"feature": label}
        )
    geometry = feature.get("geometry")
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in ("Polygon", "MultiPolygon"):
        problems.append(_("%(feature)s is not a Polygon or MultiPolygon.") % {"feature": label})
        return district, None, problems
    try:
        positions = list(_positions(geometry.get("coordinates")))
        if not positions:
            raise ValueError("no positions")
        if not all(
            math.isfinite(p[0])
            and math.isfinite(p[1])
            and -180 <= p[0] <= 180
            and -90 <= p[1] <= 90
            for p in positions
        ):
            problems.append(
                _(
                    "%(feature)s has coordinates outside longitude -180 to 180 and latitude -90 "
                    "to 90: the file must be in longitude, latitude (WGS 84)."
                )
                % {"feature": label}
            )
            return district, None, problems
        polygon = shape(geometry)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError, OverflowError):
        problems.append(
            _("%(feature)s has coordinates that do not make a polygon.") % {"feature": label}
        )
        return district, None, problems
    if polygon.is_empty:
        problems.append(_("%(feature)s is an empty polygon.") % {"feature": label})
    elif not polygon.is_valid:
        problems.append(
            _("%(feature)s is not a valid polygon (%(reason)s).")
            % {"feature": label, "reason": explain_validity(polygon)}
        )
    clean = {"type": kind, "coordinates": geometry["coordinates"]}
    return district, clean, problems


def check_boundaries(data: bytes) -> dict[int, tuple[District, dict]]:
    """District pk -> (district, geometry) of a GeoJSON FeatureCollection file, or
    ``UploadRefused`` with every problem found."""
    if len(data) > MAX_BOUNDARY_BYTES:
        _refuse([_("The file is larger than 2 MB.")])
    try:
        collection = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        _refuse([_("The file is not JSON: save the boundaries as GeoJSON.")])
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        _refuse(
            [
                _(
                    'The file is not a GeoJSON FeatureCollection (its "type" must be '
                    '"FeatureCollection").'
                )
            ]
        )
    features = collection.get("features")
    if not isinstance(features, list) or not features:
        _refuse([_("The FeatureCollection has no features.")])
    districts = _districts_by_key()
    problems, found = [], {}
    for index, feature in enumerate(features, start=1):
        district, geometry, feature_problems = _check_feature(index, feature, districts)
        problems += feature_problems
        if district is None:
            continue
        if district.pk in found:
            problems.append(
                _("Feature %(number)d: %(district)s is in the file twice.")
                % {"number": index, "district": district.name}
            )
        elif geometry is not None:
            found[district.pk] = (district, geometry)
    if problems:
        _refuse(problems)
    return found


@transaction.atomic
def replace_boundaries(*, data: bytes) -> BoundaryResult:
    """Every district's boundary from a GeoJSON FeatureCollection (``data``, the file's bytes):
    one Polygon or MultiPolygon feature per district, named by its ``district`` property (slug
    or number). Districts the file does not list lose their boundary. All or nothing."""
    found = check_boundaries(data)
    now = timezone.now()
    updated = cleared = 0
    for district in District.objects.select_for_update().order_by("pk"):
        if district.pk in found:
            district.boundary = found[district.pk][1]
            updated += 1
        elif district.boundary is not None:
            district.boundary = None
            cleared += 1
        else:
            continue
        district.updated_at = now
        district.save(update_fields=["boundary", "updated_at"])
    transaction.on_commit(forget_shapes)
    return BoundaryResult(updated=updated, cleared=cleared)


def check_streets(data: bytes) -> tuple[list[StreetRange], set[int]]:
    """The street ranges of a CSV file (columns street,from,to,parity,district with a header)
    and the districts it lists, or ``UploadRefused`` with a message for every bad line."""
    if len(data) > MAX_STREET_BYTES:
        _refuse([_("The file is larger than 2 MB.")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        _refuse([_("The file is not text in UTF-8: save it as CSV (UTF-8).")])
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        _refuse([_("The file is empty.")])
    if [column.strip().lower() for column in header] != STREET_COLUMNS:
        _refuse([_("Line 1 must be the header: street,from,to,parity,district.")])
    districts = _districts_by_key()
    parities = {choice.value for choice in StreetRange.Parity}
    ranges, listed, problems = [], set(), []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(ranges) + len(problems) >= MAX_STREET_ROWS:
                _refuse([_("The file has more than %(count)d lines.") % {"count": MAX_STREET_ROWS}])
            row_problems = _check_street_row(line, row, districts, parities)
            if row_problems:
                problems += row_problems
                continue
            street, start, end, parity, district = _street_row(row, districts)
            ranges.append(
                StreetRange(
                    street=street,
                    from_number=start,
                    to_number=end,
                    parity=parity,
                    district=district,
                )
            )
            listed.add(district.pk)
    except csv.Error:
        problems.append(_("Line %(line)d is not valid CSV.") % {"line": reader.line_num})
    if problems:
        _refuse(problems)
    if not ranges:
        _refuse([_("The file has no streets after its header.")])
    return ranges, listed


def _street_row(row, districts):
    street, start, end, parity, district = (cell.strip() for cell in row)
    return (
        normalise_street(street),
        int(start),
        int(end),
        parity.lower() or StreetRange.Parity.ALL,
        _district_for(district, districts),
    )


def _check_street_row(line: int, row: list[str], districts, parities) -> list[str]:
    if len(row) != len(STREET_COLUMNS):
        return [
            _("Line %(line)d has %(found)d fields; it needs 5: street,from,to,parity,district.")
            % {"line": line, "found": len(row)}
        ]
    street, start, end, parity, district = (cell.strip() for cell in row)
    problems = []
    names = {"street": street, "from": start, "to": end, "district": district}
    for column, value in names.items():
        if not value:
            problems.append(
                _("Line %(line)d: the %(column)s field is empty.")
                % {"line": line, "column": column}
            )
    if street and len(normalise_street(street)) > 100:
        problems.append(_("Line %(line)d: the street name is too long.") % {"line": line})
    numbers = {}
    for column, value in (("from", start), ("to", end)):
        if value and not (value.isdigit() and len(value) <= 7):
            problems.append(
                _("Line %(line)d: %(column)s is not a whole number (%(value)s).")
                % {"line": line, "column": column, "value": value[:20]}
            )
        elif value:
            numbers[column] = int(value)
    if len(numbers) == 2 and numbers["from"] > numbers["to"]:
        problems.append(
            _("Line %(line)d: from (%(start)d) is greater than to (%(end)d).")
            % {"line": line, "start": numbers["from"], "end": numbers["to"]}
        )
    if parity and parity.lower() not in parities:
        problems.append(
            _("Line %(line)d: parity must be all, odd or even (not %(value)s).")
            % {"line": line, "value": parity[:20]}
        )
    if district and _district_for(district, districts) is None:
        problems.append(
            _("Line %(line)d: no district %(value)s (use a district's slug or number).")
            % {"line": line, "value": district[:50]}
        )
    return problems


@transaction.atomic
def replace_streets(*, data: bytes) -> StreetResult:
    """The street index of the districts a CSV file lists, from the file (``data``): their old
    street ranges are deleted and the file's created; other districts' streets stay. All or
    nothing."""
    ranges, listed = check_streets(data)
    # Lock the districts so two imports of the same districts run one after the other.
    list(District.objects.select_for_update().filter(pk__in=listed).values_list("pk", flat=True))
    deleted, _by_model = StreetRange.objects.filter(district__in=listed).delete()
    StreetRange.objects.bulk_create(ranges, batch_size=1000)
    transaction.on_commit(lambda: http_cache.purge_model(StreetRange))
    return StreetResult(created=len(ranges), deleted=deleted, districts=len(listed))

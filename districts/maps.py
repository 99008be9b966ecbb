"""The districts' map, drawn on the server as SVG from their boundaries: no tiles, nothing from
another host, no script.

Longitude and latitude are projected equirectangularly, longitude scaled by the cosine of the
map's middle latitude (so Cary is not stretched sideways), into a viewBox ``WIDTH`` wide with
north up. Each district is one SVG path (its polygons' rings; holes by the even-odd rule).
"""

import math
from dataclasses import dataclass

from shapely.geometry import MultiPolygon, Polygon, shape

WIDTH = 600
PADDING = 8
COLOURS = 6  # CSS classes district-area--0 .. --5 (static/districts/districts.css)


@dataclass(frozen=True)
class MapArea:
    district: object
    path: str
    label_x: float
    label_y: float
    colour: int


@dataclass(frozen=True)
class DistrictMap:
    width: int
    height: int
    areas: list[MapArea]

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def _geometry(boundary):
    try:
        geometry = shape(boundary)
    except (AttributeError, KeyError, TypeError, ValueError, IndexError):
        return None
    if geometry.is_empty or not isinstance(geometry, Polygon | MultiPolygon):
        return None
    return geometry


class Projection:
    def __init__(self, bounds, width=WIDTH, padding=PADDING):
        west, south, east, north = bounds
        self.west, self.north = west, north
        self.x_scale = math.cos(math.radians((south + north) / 2))
        span_x = max((east - west) * self.x_scale, 1e-9)
        span_y = max(north - south, 1e-9)
        self.scale = (width - 2 * padding) / span_x
        self.padding = padding
        self.width = width
        self.height = round(span_y * self.scale + 2 * padding)

    def point(self, lon, lat) -> tuple[float, float]:
        x = (lon - self.west) * self.x_scale * self.scale + self.padding
        y = (self.north - lat) * self.scale + self.padding
        return round(x, 1), round(y, 1)

    def path(self, geometry) -> str:
        polygons = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
        parts = []
        for polygon in polygons:
            for ring in (polygon.exterior, *polygon.interiors):
                points = [self.point(lon, lat) for lon, lat, *_z in ring.coords[:-1]]
                if points:
                    head, *rest = points
                    line = " ".join(f"{x:g},{y:g}" for x, y in rest)
                    parts.append(f"M{head[0]:g},{head[1]:g} L{line} Z")
        return " ".join(parts)


def district_map(districts, *, width=WIDTH) -> DistrictMap | None:
    """The map of ``districts`` (those with a boundary), or None when none has one; each in
    its colour (``District.colour``)."""
    shapes = []
    for district in districts:
        geometry = _geometry(district.boundary) if district.boundary else None
        if geometry is not None:
            shapes.append((district, geometry))
    if not shapes:
        return None
    bounds = [geometry.bounds for _district, geometry in shapes]
    projection = Projection(
        (
            min(b[0] for b in bounds),
            min(b[1] for b in bounds),
            max(b[2] for b in bounds),
            max(b[3] for b in bounds),
        ),
        width=width,
    )
    areas = []
    for district, geometry in shapes:
        label = geometry.representative_point()
        x, y = projection.point(label.x, label.y)
        areas.append(
            MapArea(
                district=district,
                path=projection.path(geometry),
                label_x=x,
                label_y=y,
                colour=district.colour % COLOURS,
            )
        )
    return DistrictMap(width=projection.width, height=projection.height, areas=areas)

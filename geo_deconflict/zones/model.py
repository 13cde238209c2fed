"""A zone: an id, names, a kind, a geometry in EPSG:4326, the parties and rules, the dates it was
in force and its sources."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
from shapely.geometry.base import BaseGeometry

from geo_deconflict.geo.geodesy import geodesic_area_m2

__all__ = ["Source", "Zone", "zones_frame"]


@dataclass(frozen=True, slots=True)
class Source:
    """Where a zone is described: outlet and date (ISO, possibly partial), optional URL."""

    outlet: str
    date: str | None = None
    url: str | None = None
    title: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        return ", ".join(p for p in (self.outlet, self.date) if p)


@dataclass(frozen=True, slots=True)
class Zone:
    """A built zone: geometry in EPSG:4326 plus who operates there, when, and on whose word.

    For a zone whose recipe is a plain ``buffer``, `centre` and `radius_m` are kept so that
    point checks can use the exact geodesic distance rather than the polygon. A version of a
    zone (``versions`` in the spec) has the id ``<zone>.<version>`` and `version_of` the zone.
    """

    id: str
    name_en: str
    geometry: BaseGeometry
    name_ar: str | None = None
    kind: str = "zone"
    parties: tuple[str, ...] = ()
    rules: Mapping[str, Any] = field(default_factory=dict)
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    sources: tuple[Source, ...] = ()
    notes: str | None = None
    approximate: bool = False
    recipe: Mapping[str, Any] = field(default_factory=dict)
    centre: tuple[float, float] | None = None
    radius_m: float | None = None
    version_of: str | None = None

    @property
    def mapped(self) -> bool:
        """False for a zone listed without a geometry (``geometry: none`` in the spec)."""
        return not self.geometry.is_empty

    @property
    def area_km2(self) -> float:
        """Geodesic area in square kilometres."""
        return geodesic_area_m2(self.geometry) / 1e6

    def valid_at(self, day: dt.date) -> bool:
        """True if the zone is in force on `day` (both ends inclusive; a missing end is open)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_to is not None and day > self.valid_to)


def zones_frame(zones: Sequence[Zone]) -> gpd.GeoDataFrame:
    """Zones as a GeoDataFrame (EPSG:4326), one row each, with flat columns for any file format.

    Examples
    --------
    >>> from geo_deconflict.zones import build_zones
    >>> frame = zones_frame(build_zones())
    >>> list(frame.columns[:4])
    ['id', 'name_en', 'name_ar', 'kind']
    """
    rows = []
    for z in zones:
        rows.append({
            "id": z.id, "name_en": z.name_en, "name_ar": z.name_ar, "kind": z.kind,
            "parties": "; ".join(z.parties),
            "valid_from": z.valid_from.isoformat() if z.valid_from else None,
            "valid_to": z.valid_to.isoformat() if z.valid_to else None,
            "source": "; ".join(str(s) for s in z.sources),
            "source_url": "; ".join(s.url for s in z.sources if s.url) or None,
            "notes": z.notes, "approximate": z.approximate,
            "area_km2": round(z.area_km2, 1),
            "centre_lon": z.centre[0] if z.centre else None,
            "centre_lat": z.centre[1] if z.centre else None,
            "radius_m": z.radius_m,
            "rules": json.dumps(dict(z.rules), ensure_ascii=False) if z.rules else None,
            "recipe": json.dumps(z.recipe, ensure_ascii=False, default=str),
            "geometry": z.geometry,
        })
    columns = ["id", "name_en", "name_ar", "kind", "parties", "valid_from", "valid_to", "source",
               "source_url", "notes", "approximate", "area_km2", "centre_lon", "centre_lat",
               "radius_m", "rules", "recipe", "geometry"]
    return gpd.GeoDataFrame(rows, columns=columns, geometry="geometry", crs="EPSG:4326")


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of a recipe (dates to ISO strings, tuples to lists)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    return value

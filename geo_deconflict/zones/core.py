"""Zone specs -> dated, sourced zone geometries.

A spec is YAML (read with ``yaml.safe_load``) or an already-parsed mapping::

    version: 1
    zones:
      - id: tanf_55km
        name_en: al-Tanf 55 km deconfliction zone
        name_ar: منطقة منع الاشتباك حول التنف
        kind: deconfliction_zone
        geometry:
          buffer: {centre: al_tanf_garrison, radius_m: 55000}
        parties: [US-led coalition, Maghawir al-Thawra]
        valid_from: 2017-05
        source: [{outlet: CNN Arabic, date: 2018-01-08}]

``geometry`` holds exactly one recipe (`RECIPES`):

``buffer``        ``centre`` (a place name resolved through the layers, ``[lon, lat]`` or
                  ``{lon:, lat:}``) and ``radius_m`` (or ``radius_km``); built geodesically.
``side_of_line``  ``area`` (a zone id, a country or governorate name, or an inline recipe),
                  ``line`` (a river of the layers or ``[[lon, lat], ...]``) and ``side``
                  (``left`` or ``right`` of the line's direction). The line must cross the area
                  from border to border. The Euphrates runs downstream, so ``left`` is its
                  east/north bank in Syria.
``admin``         one governorate name or a list of them.
``polygon``       ``coordinates: [[lon, lat], ...]`` or ``file: PATH`` (relative to the spec).
``union`` / ``intersection`` / ``difference``
                  a list of zone ids or inline recipes; ``difference`` takes the first minus
                  the others.

Dates may be ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``: ``valid_from`` starts on the first day of
the period and ``valid_to`` ends on its last day (inclusive). Either may be omitted (open).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
import yaml
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo_deconflict.errors import (
    GeoDeconflictError,
    InputFileError,
    InvalidZoneError,
    SpecError,
    UnknownPlaceError,
)
from geo_deconflict.geo import layers
from geo_deconflict.geo.geodesy import geodesic_area_m2, geodesic_circle
from geo_deconflict.geo.split import polygonal, split_by_line

__all__ = ["RECIPES", "Source", "Zone", "build_zones", "default_spec_path", "load_spec",
           "zones_frame"]

RECIPES = ("buffer", "side_of_line", "admin", "polygon", "union", "intersection", "difference")
SIDES = ("left", "right")

_ZONE_FIELDS = ("id", "name_en", "name_ar", "kind", "geometry", "parties", "rules", "valid_from",
                "valid_to", "source", "notes", "approximate")
_REQUIRED = ("id", "name_en", "geometry")
_RECIPE_PARAMS = {
    "buffer": ("centre", "radius_m", "radius_km", "n_points"),
    "side_of_line": ("area", "line", "side"),
    "polygon": ("coordinates", "file"),
}
_SOURCE_FIELDS = ("outlet", "date", "url", "title", "note")
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


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
    point checks can use the exact geodesic distance rather than the polygon.
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

    @property
    def area_km2(self) -> float:
        """Geodesic area in square kilometres."""
        return geodesic_area_m2(self.geometry) / 1e6

    def valid_at(self, day: dt.date) -> bool:
        """True if the zone is in force on `day` (both ends inclusive; a missing end is open)."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return not (self.valid_to is not None and day > self.valid_to)


# ---------------------------------------------------------------------------------- public API


def default_spec_path() -> Path:
    """The bundled zone spec (``layers/zones.yaml``)."""
    return layers.get_path("zones")


def load_spec(path: str | Path | None = None) -> dict[str, Any]:
    """Read a YAML zone spec (the bundled one if `path` is None) with ``yaml.safe_load``.

    Examples
    --------
    >>> [z["id"] for z in load_spec()["zones"]][:2]
    ['tanf_55km', 'euphrates_west']
    """
    path = Path(path) if path is not None else default_spec_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        msg = f"zone spec not found: {path}"
        raise InputFileError(msg) from None
    except (OSError, UnicodeDecodeError) as err:
        msg = f"cannot read zone spec {path}: {err}"
        raise InputFileError(msg) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or "malformed YAML"
        msg = f"zone spec {path} is not valid YAML{where}: {problem}"
        raise SpecError(msg) from None
    if not isinstance(data, dict):
        msg = f"zone spec {path} must be a mapping with a 'zones' list, got {type(data).__name__}"
        raise SpecError(msg)
    data.setdefault("_base_dir", str(path.resolve().parent))
    return data


def build_zones(spec: Mapping[str, Any] | str | Path | None = None) -> list[Zone]:
    """Build every zone of a spec (a parsed mapping, a YAML path, or None for the bundled one).

    The whole spec is validated before it is returned: an error names the zone id and the
    field, and no partial result is produced.

    Examples
    --------
    >>> zones = {z.id: z for z in build_zones()}
    >>> round(zones["tanf_55km"].radius_m)
    55000
    >>> zones["euphrates_east"].parties[:2]
    ('United States', 'US-led coalition')
    """
    if spec is None or isinstance(spec, (str, Path)):
        spec = load_spec(spec)
    entries = _check_spec(spec)
    builder = _Builder(entries, Path(spec.get("_base_dir", ".")))
    return [builder.zone(zid) for zid in entries]


def zones_frame(zones: Sequence[Zone]) -> gpd.GeoDataFrame:
    """Zones as a GeoDataFrame (EPSG:4326), one row each, with flat columns for any file format.

    Examples
    --------
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


# ------------------------------------------------------------------------------------ helpers

def _parse_date(value: Any, *, end: bool, zone_id: str, field_name: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE_RE.match(str(value).strip()) if isinstance(value, (str, int)) else None
    if not match:
        msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}"
        raise SpecError(msg, zone_id=zone_id, field=field_name)
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day:
            return dt.date(year, int(month), int(day))
        if month:
            m = int(month)
            return dt.date(year, m, calendar.monthrange(year, m)[1] if end else 1)
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    except ValueError:
        msg = f"not a calendar date: {value!r}"
        raise SpecError(msg, zone_id=zone_id, field=field_name) from None


def _check_spec(spec: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Validate the spec's structure; return the raw zone entries by id, in order."""
    if not isinstance(spec, Mapping):
        msg = f"a zone spec must be a mapping with a 'zones' list, got {type(spec).__name__}"
        raise SpecError(msg)
    version = spec.get("version", 1)
    if version != 1:
        msg = f"unsupported spec version {version!r}; this release reads version 1"
        raise SpecError(msg, field="version")
    raw_zones = spec.get("zones")
    if not isinstance(raw_zones, list) or not raw_zones:
        msg = "the spec needs a non-empty 'zones' list"
        raise SpecError(msg, field="zones")
    entries: dict[str, dict[str, Any]] = {}
    for i, entry in enumerate(raw_zones):
        if not isinstance(entry, Mapping):
            msg = f"each zone must be a mapping, got {type(entry).__name__}"
            raise SpecError(msg, field=f"zones[{i}]")
        zid = entry.get("id")
        if not isinstance(zid, str) or not _ID_RE.match(zid):
            msg = (f"every zone needs an 'id' of letters, digits, '_', '-' or '.', got {zid!r}"
                   f" (zone #{i + 1})")
            raise SpecError(msg, field="id")
        if zid in entries:
            raise SpecError("duplicate zone id", zone_id=zid, field="id")
        unknown = [k for k in entry if k not in _ZONE_FIELDS]
        if unknown:
            msg = f"unknown field {unknown[0]!r}; expected one of {', '.join(_ZONE_FIELDS)}"
            raise SpecError(msg, zone_id=zid, field=str(unknown[0]))
        for key in _REQUIRED:
            if entry.get(key) in (None, ""):
                raise SpecError("missing required field", zone_id=zid, field=key)
        for key in ("name_en", "name_ar", "kind", "notes"):
            if entry.get(key) is not None and not isinstance(entry[key], str):
                msg = f"must be text, got {entry[key]!r}"
                raise SpecError(msg, zone_id=zid, field=key)
        entries[zid] = dict(entry)
    return entries


def _sources(value: Any, zone_id: str) -> tuple[Source, ...]:
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    out = []
    for i, item in enumerate(items):
        where = f"source[{i}]" if isinstance(value, list) else "source"
        if isinstance(item, str):
            item = {"outlet": item}
        if not isinstance(item, Mapping) or not item.get("outlet"):
            msg = "a source is an outlet name or a mapping with at least 'outlet' (and 'date')"
            raise SpecError(msg, zone_id=zone_id, field=where)
        unknown = [k for k in item if k not in _SOURCE_FIELDS]
        if unknown:
            msg = f"unknown key {unknown[0]!r}; expected {', '.join(_SOURCE_FIELDS)}"
            raise SpecError(msg, zone_id=zone_id, field=where)
        date = item.get("date")
        if date is not None:
            _parse_date(date, end=False, zone_id=zone_id, field_name=f"{where}.date")  # validates
            date = date.isoformat() if isinstance(date, dt.date) else str(date)
        out.append(Source(outlet=str(item["outlet"]), date=date,
                          url=item.get("url"), title=item.get("title"), note=item.get("note")))
    return tuple(out)


def _parties(value: Any, zone_id: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(p, str) and p for p in value):
        msg = f"expected a list of party names, got {value!r}"
        raise SpecError(msg, zone_id=zone_id, field="parties")
    return tuple(value)


def _number(value: Any, *, zone_id: str, field_name: str, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        msg = f"{what} must be a number, got {value!r}"
        raise SpecError(msg, zone_id=zone_id, field=field_name)
    return float(value)


def _lonlat(value: Any, *, zone_id: str, field_name: str) -> tuple[float, float]:
    if isinstance(value, Mapping) and set(value) >= {"lon", "lat"}:
        lon, lat = value["lon"], value["lat"]
    elif isinstance(value, (list, tuple)) and len(value) == 2:
        lon, lat = value
    else:
        msg = f"expected [lon, lat] or {{lon:, lat:}}, got {value!r}"
        raise SpecError(msg, zone_id=zone_id, field=field_name)
    lon = _number(lon, zone_id=zone_id, field_name=field_name, what="longitude")
    lat = _number(lat, zone_id=zone_id, field_name=field_name, what="latitude")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        msg = f"coordinates out of range (lon must be -180..180, lat -90..90): lon={lon}, lat={lat}"
        raise SpecError(msg, zone_id=zone_id, field=field_name)
    return lon, lat


class _Builder:
    """Builds zones on demand, in dependency order, detecting unknown ids and cycles."""

    def __init__(self, entries: dict[str, dict[str, Any]], base_dir: Path):
        self.entries = entries
        self.base_dir = base_dir
        self.geoms: dict[str, BaseGeometry] = {}
        self.zones: dict[str, Zone] = {}
        self.stack: list[str] = []

    # -- zones ----------------------------------------------------------------------------
    def zone(self, zid: str) -> Zone:
        if zid in self.zones:
            return self.zones[zid]
        entry = self.entries[zid]
        geom = self.geometry_of(zid, referrer=zid, field_name="geometry")
        valid_from = _parse_date(entry.get("valid_from"), end=False, zone_id=zid,
                                 field_name="valid_from")
        valid_to = _parse_date(entry.get("valid_to"), end=True, zone_id=zid, field_name="valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            msg = f"valid_to ({valid_to}) is before valid_from ({valid_from})"
            raise SpecError(msg, zone_id=zid, field="valid_to")
        rules = entry.get("rules") or {}
        if not isinstance(rules, Mapping):
            raise SpecError(f"expected a mapping, got {rules!r}", zone_id=zid, field="rules")
        approximate = entry.get("approximate", False)
        if not isinstance(approximate, bool):
            msg = f"expected true or false, got {approximate!r}"
            raise SpecError(msg, zone_id=zid, field="approximate")
        recipe = entry["geometry"]
        centre = radius = None
        if isinstance(recipe, Mapping) and set(recipe) == {"buffer"}:
            centre, radius = self._buffer_params(recipe["buffer"], zid, "geometry.buffer")
        zone = Zone(
            id=zid, name_en=entry["name_en"], name_ar=entry.get("name_ar"),
            kind=entry.get("kind") or "zone", geometry=geom,
            parties=_parties(entry.get("parties"), zid), rules=dict(rules),
            valid_from=valid_from, valid_to=valid_to, sources=_sources(entry.get("source"), zid),
            notes=entry.get("notes"), approximate=approximate,
            recipe=_plain(recipe), centre=centre, radius_m=radius,
        )
        self.zones[zid] = zone
        return zone

    def geometry_of(self, zid: str, *, referrer: str, field_name: str) -> BaseGeometry:
        if zid in self.geoms:
            return self.geoms[zid]
        if zid not in self.entries:
            msg = f"unknown zone {zid!r}; zones in this spec: {', '.join(self.entries)}"
            raise SpecError(msg, zone_id=referrer, field=field_name)
        if zid in self.stack:
            cycle = " -> ".join([*self.stack[self.stack.index(zid):], zid])
            msg = f"cycle of references: {cycle}"
            raise SpecError(msg, zone_id=zid, field="geometry")
        self.stack.append(zid)
        geom = self.recipe(self.entries[zid]["geometry"], zid, "geometry")
        self.stack.pop()
        self.geoms[zid] = geom
        return geom

    # -- recipes --------------------------------------------------------------------------
    def recipe(self, recipe: Any, zid: str, where: str) -> BaseGeometry:
        if not isinstance(recipe, Mapping) or len(recipe) != 1:
            got = ", ".join(map(str, recipe)) if isinstance(recipe, Mapping) else repr(recipe)
            msg = f"expected exactly one recipe of {', '.join(RECIPES)}; got {got or 'none'}"
            raise SpecError(msg, zone_id=zid, field=where)
        (name, params), = recipe.items()
        if name not in RECIPES:
            msg = f"unknown recipe {name!r}; expected one of {', '.join(RECIPES)}"
            raise SpecError(msg, zone_id=zid, field=where)
        where = f"{where}.{name}"
        if name in _RECIPE_PARAMS:
            if not isinstance(params, Mapping):
                msg = f"expected a mapping of {', '.join(_RECIPE_PARAMS[name])}, got {params!r}"
                raise SpecError(msg, zone_id=zid, field=where)
            unknown = [k for k in params if k not in _RECIPE_PARAMS[name]]
            if unknown:
                msg = f"unknown parameter {unknown[0]!r}; expected {', '.join(_RECIPE_PARAMS[name])}"
                raise SpecError(msg, zone_id=zid, field=f"{where}.{unknown[0]}")
        geom = getattr(self, f"_{name}")(params, zid, where)
        geom = polygonal(geom)
        if geom.is_empty:
            msg = f"the {name} recipe gives an empty area"
            raise InvalidZoneError(msg, zone_id=zid, field=where)
        return geom

    def _buffer_params(self, params: Mapping[str, Any], zid: str,
                       where: str) -> tuple[tuple[float, float], float]:
        if "centre" not in params:
            raise SpecError("missing 'centre'", zone_id=zid, field=f"{where}.centre")
        centre = self._point(params["centre"], zid, f"{where}.centre")
        if ("radius_m" in params) == ("radius_km" in params):
            msg = "give exactly one of radius_m and radius_km"
            raise SpecError(msg, zone_id=zid, field=f"{where}.radius_m")
        key = "radius_m" if "radius_m" in params else "radius_km"
        radius = _number(params[key], zone_id=zid, field_name=f"{where}.{key}", what="radius")
        if radius <= 0:
            msg = f"radius must be positive, got {params[key]!r}"
            raise SpecError(msg, zone_id=zid, field=f"{where}.{key}")
        return centre, radius * (1000.0 if key == "radius_km" else 1.0)

    def _buffer(self, params: Mapping[str, Any], zid: str, where: str) -> BaseGeometry:
        (lon, lat), radius_m = self._buffer_params(params, zid, where)
        n_points = params.get("n_points", 256)
        if isinstance(n_points, bool) or not isinstance(n_points, int) or n_points < 16:
            msg = f"n_points must be a whole number >= 16, got {n_points!r}"
            raise SpecError(msg, zone_id=zid, field=f"{where}.n_points")
        if radius_m > 5_000_000:
            msg = f"radius {radius_m:.0f} m is larger than this tool handles (5,000 km)"
            raise SpecError(msg, zone_id=zid, field=f"{where}.radius_m")
        return geodesic_circle(lon, lat, radius_m, n_points=n_points)

    def _point(self, value: Any, zid: str, where: str) -> tuple[float, float]:
        if isinstance(value, str):
            try:
                feature = layers.find_feature(value)
            except UnknownPlaceError:
                msg = f"unknown place {value!r} (not a site, town, governorate, country or river)"
                raise SpecError(msg, zone_id=zid, field=where) from None
            point = feature.geometry if isinstance(feature.geometry, Point) else \
                feature.geometry.representative_point()
            return float(point.x), float(point.y)
        return _lonlat(value, zone_id=zid, field_name=where)

    def _side_of_line(self, params: Mapping[str, Any], zid: str, where: str) -> BaseGeometry:
        for key in ("area", "line", "side"):
            if key not in params:
                raise SpecError(f"missing {key!r}", zone_id=zid, field=f"{where}.{key}")
        side = params["side"]
        if side not in SIDES:
            msg = f"side must be one of {', '.join(SIDES)} (of the line's direction), got {side!r}"
            raise SpecError(msg, zone_id=zid, field=f"{where}.side")
        area = self._area(params["area"], zid, f"{where}.area")
        line = self._line(params["line"], zid, f"{where}.line")
        try:
            left, right = split_by_line(area, line)
        except InvalidZoneError as err:
            raise InvalidZoneError(str(err), zone_id=zid, field=f"{where}.line") from None
        return left if side == "left" else right

    def _area(self, ref: Any, zid: str, where: str) -> BaseGeometry:
        if isinstance(ref, Mapping):
            return self.recipe(ref, zid, where)
        if not isinstance(ref, str):
            msg = f"expected a zone id, a country or governorate name, or a recipe; got {ref!r}"
            raise SpecError(msg, zone_id=zid, field=where)
        if ref in self.entries:
            return self.geometry_of(ref, referrer=zid, field_name=where)
        try:
            return layers.find_feature(ref, layers=("countries", "governorates")).geometry
        except UnknownPlaceError:
            msg = f"unknown area {ref!r} (not a zone of this spec, a country or a governorate)"
            raise SpecError(msg, zone_id=zid, field=where) from None

    def _line(self, ref: Any, zid: str, where: str) -> LineString:
        if isinstance(ref, str):
            try:
                return layers.river_line(ref)
            except UnknownPlaceError:
                rivers = ", ".join(layers.load_layer("rivers")["name_en"])
                msg = f"unknown line {ref!r}; rivers in the layers: {rivers}"
                raise SpecError(msg, zone_id=zid, field=where) from None
        if isinstance(ref, list) and len(ref) >= 2:
            coords = [_lonlat(p, zone_id=zid, field_name=f"{where}[{i}]") for i, p in enumerate(ref)]
            return LineString(coords)
        msg = f"expected a river name or a list of at least two [lon, lat] points, got {ref!r}"
        raise SpecError(msg, zone_id=zid, field=where)

    def _admin(self, params: Any, zid: str, where: str) -> BaseGeometry:
        names = [params] if isinstance(params, str) else params
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            msg = f"expected a governorate name or a list of them, got {params!r}"
            raise SpecError(msg, zone_id=zid, field=where)
        geoms = []
        for i, name in enumerate(names):
            try:
                geoms.append(layers.find_feature(name, layers=("governorates",)).geometry)
            except UnknownPlaceError:
                known = ", ".join(layers.load_layer("governorates")["name_en"])
                msg = f"unknown governorate {name!r}; governorates: {known}"
                raise SpecError(msg, zone_id=zid, field=f"{where}[{i}]") from None
        return shapely.union_all(geoms)

    def _polygon(self, params: Mapping[str, Any], zid: str, where: str) -> BaseGeometry:
        if ("coordinates" in params) == ("file" in params):
            raise SpecError("give exactly one of coordinates and file", zone_id=zid, field=where)
        if "file" in params:
            return self._polygon_file(params["file"], zid, f"{where}.file")
        coords = params["coordinates"]
        if not isinstance(coords, list) or len(coords) < 3:
            msg = "expected a list of at least three [lon, lat] points"
            raise SpecError(msg, zone_id=zid, field=f"{where}.coordinates")
        ring = [_lonlat(p, zone_id=zid, field_name=f"{where}.coordinates[{i}]")
                for i, p in enumerate(coords)]
        poly = Polygon(ring)
        if not poly.is_valid:
            reason = shapely.is_valid_reason(poly)
            msg = f"the polygon is not valid ({reason})"
            raise InvalidZoneError(msg, zone_id=zid, field=f"{where}.coordinates")
        return shapely.geometry.polygon.orient(poly)

    def _polygon_file(self, ref: Any, zid: str, where: str) -> BaseGeometry:
        path = Path(str(ref))
        if not path.is_absolute():
            path = self.base_dir / path
        from geo_deconflict.geo.io import read_vector  # io imports zones: keep the cycle lazy

        try:
            frame = read_vector(path)
        except GeoDeconflictError as err:
            raise SpecError(str(err), zone_id=zid, field=where) from None
        if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
            frame = frame.to_crs(4326)
        geom = polygonal(shapely.union_all(frame.geometry.values))
        if geom.is_empty:
            msg = f"{path} holds no polygons"
            raise SpecError(msg, zone_id=zid, field=where)
        return geom

    def _set_items(self, params: Any, zid: str, where: str, op: str) -> list[BaseGeometry]:
        if not isinstance(params, list) or len(params) < 2:
            msg = f"{op} needs a list of at least two zone ids or recipes, got {params!r}"
            raise SpecError(msg, zone_id=zid, field=where)
        geoms = []
        for i, ref in enumerate(params):
            item_where = f"{where}[{i}]"
            if isinstance(ref, str):
                geoms.append(self.geometry_of(ref, referrer=zid, field_name=item_where))
            elif isinstance(ref, Mapping):
                geoms.append(self.recipe(ref, zid, item_where))
            else:
                msg = f"expected a zone id or a recipe, got {ref!r}"
                raise SpecError(msg, zone_id=zid, field=item_where)
        return geoms

    def _union(self, params: Any, zid: str, where: str) -> BaseGeometry:
        return shapely.union_all(self._set_items(params, zid, where, "union"))

    def _intersection(self, params: Any, zid: str, where: str) -> BaseGeometry:
        return shapely.intersection_all(self._set_items(params, zid, where, "intersection"))

    def _difference(self, params: Any, zid: str, where: str) -> BaseGeometry:
        first, *rest = self._set_items(params, zid, where, "difference")
        return shapely.difference(first, shapely.union_all(rest))


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

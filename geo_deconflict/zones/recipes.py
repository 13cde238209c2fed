"""The geometry recipes: buffers, sides of a line, governorates, polygons and set operations,
each built geodesically in EPSG:4326."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo_deconflict.errors import (
    GeoDeconflictError,
    InvalidZoneError,
    SpecError,
    UnknownPlaceError,
)
from geo_deconflict.geo import layers
from geo_deconflict.geo.geodesy import geodesic_circle
from geo_deconflict.geo.split import polygonal, split_by_line
from geo_deconflict.zones.model import Zone, _plain
from geo_deconflict.zones.spec import (
    _RECIPE_PARAMS,
    MAX_N_POINTS,
    RECIPES,
    SIDES,
    _check_ring,
    _lonlat,
    _number,
    _parse_date,
    _parties,
    _sources,
)

__all__ = []


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
        if isinstance(n_points, bool) or not isinstance(n_points, int) \
                or not 16 <= n_points <= MAX_N_POINTS:
            msg = f"n_points must be a whole number from 16 to {MAX_N_POINTS:,}, got {n_points!r}"
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
        _check_ring(ring, zone_id=zid, field_name=f"{where}.coordinates")
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

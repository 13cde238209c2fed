"""The geometry recipes: buffers, sides of a line, governorates, polygons and set operations,
each built geodesically in EPSG:4326."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import LineString, MultiLineString, Point, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge, nearest_points

from geo_deconflict.errors import (
    GeoDeconflictError,
    InvalidZoneError,
    SpecError,
    UnknownPlaceError,
)
from geo_deconflict.geo import layers
from geo_deconflict.geo.geodesy import buffer_m, geodesic_circle, offset_point
from geo_deconflict.geo.split import polygonal, split_by_line
from geo_deconflict.zones.lines import border_line, hull_of, stretch_between, strip_along
from geo_deconflict.zones.model import Zone, _plain
from geo_deconflict.zones.rules import prohibitions
from geo_deconflict.zones.spec import (
    _RECIPE_PARAMS,
    ENDS,
    LINE_FORMS,
    MAX_N_POINTS,
    RECIPES,
    SIDES,
    UNMAPPED,
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
        unmapped = entry["geometry"] == UNMAPPED
        geom = Polygon() if unmapped else self.geometry_of(zid, referrer=zid, field_name="geometry")
        valid_from = _parse_date(entry.get("valid_from"), end=False, zone_id=zid,
                                 field_name="valid_from")
        valid_to = _parse_date(entry.get("valid_to"), end=True, zone_id=zid, field_name="valid_to")
        if valid_from and valid_to and valid_to < valid_from:
            msg = f"valid_to ({valid_to}) is before valid_from ({valid_from})"
            raise SpecError(msg, zone_id=zid, field="valid_to")
        rules = entry.get("rules") or {}
        if not isinstance(rules, Mapping):
            raise SpecError(f"expected a mapping, got {rules!r}", zone_id=zid, field="rules")
        prohibitions(rules, zid)  # validates rules.forbidden
        approximate = entry.get("approximate", False)
        if not isinstance(approximate, bool):
            msg = f"expected true or false, got {approximate!r}"
            raise SpecError(msg, zone_id=zid, field="approximate")
        recipe = entry["geometry"]
        centre = radius = None
        if isinstance(recipe, Mapping) and set(recipe) == {"buffer"} \
                and "centre" in recipe["buffer"]:
            centre, radius = self._buffer_params(recipe["buffer"], zid, "geometry.buffer")
        zone = Zone(
            id=zid, name_en=entry["name_en"], name_ar=entry.get("name_ar"),
            kind=entry.get("kind") or "zone", geometry=geom,
            parties=_parties(entry.get("parties"), zid), rules=dict(rules),
            valid_from=valid_from, valid_to=valid_to, sources=_sources(entry.get("source"), zid),
            notes=entry.get("notes"), approximate=approximate,
            recipe=_plain(recipe), centre=centre, radius_m=radius,
            version_of=entry.get("_version_of"),
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
        if self.entries[zid]["geometry"] == UNMAPPED:
            msg = f"zone {zid!r} has no geometry (geometry: {UNMAPPED}): nothing to refer to"
            raise SpecError(msg, zone_id=referrer, field=field_name)
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
        if isinstance(value, Mapping) and "from" in value:
            return self._offset(value, zid, where)
        return _lonlat(value, zone_id=zid, field_name=where)

    def _offset(self, value: Mapping[str, Any], zid: str, where: str) -> tuple[float, float]:
        """``{from: PLACE, azimuth_deg: 270, distance_km: 2}``: a point 2 km west of PLACE."""
        unknown = [k for k in value if k not in _OFFSET_KEYS]
        if unknown:
            msg = f"unknown parameter {unknown[0]!r}; expected {', '.join(_OFFSET_KEYS)}"
            raise SpecError(msg, zone_id=zid, field=f"{where}.{unknown[0]}")
        lon, lat = self._point(value["from"], zid, f"{where}.from")
        if "azimuth_deg" not in value:
            raise SpecError("missing 'azimuth_deg'", zone_id=zid, field=f"{where}.azimuth_deg")
        azimuth = _number(value["azimuth_deg"], zone_id=zid, field_name=f"{where}.azimuth_deg",
                          what="azimuth")
        distance = self._metres(value, "distance", zid, where)
        return offset_point(lon, lat, azimuth, distance)

    def _metres(self, params: Mapping[str, Any], base: str, zid: str, where: str, *,
                required: bool = True, positive: bool = True) -> float:
        """The value of ``<base>_m`` or ``<base>_km`` in metres (exactly one of them)."""
        keys = [k for k in (f"{base}_m", f"{base}_km") if k in params]
        if not keys:
            if required:
                msg = f"give one of {base}_m and {base}_km"
                raise SpecError(msg, zone_id=zid, field=f"{where}.{base}_m")
            return 0.0
        if len(keys) > 1:
            msg = f"give only one of {base}_m and {base}_km"
            raise SpecError(msg, zone_id=zid, field=f"{where}.{base}_m")
        key = keys[0]
        value = _number(params[key], zone_id=zid, field_name=f"{where}.{key}", what=base)
        if value < 0 or (positive and value == 0):
            msg = f"{base} must be {'positive' if positive else 'zero or more'}, got {params[key]!r}"
            raise SpecError(msg, zone_id=zid, field=f"{where}.{key}")
        value *= 1000.0 if key.endswith("_km") else 1.0
        if value > 2_000_000:
            msg = f"{base} {value:.0f} m is larger than this recipe handles (2,000 km)"
            raise SpecError(msg, zone_id=zid, field=f"{where}.{key}")
        return value

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

    def _line(self, ref: Any, zid: str, where: str) -> BaseGeometry:
        if isinstance(ref, str):
            try:
                return layers.river_line(ref)
            except UnknownPlaceError:
                rivers = ", ".join(layers.load_layer("rivers")["name_en"])
                msg = f"unknown line {ref!r}; rivers in the layers: {rivers}"
                raise SpecError(msg, zone_id=zid, field=where) from None
        if isinstance(ref, list):
            return self._through(ref, zid, where)
        if isinstance(ref, Mapping) and len(ref) == 1 and next(iter(ref)) in LINE_FORMS:
            (form, value), = ref.items()
            where = f"{where}.{form}"
            if form == "through":
                return self._through(value, zid, where)
            if form == "file":
                return self._line_file(value, zid, where)
            return self._border(value, zid, where)
        msg = (f"expected a river name, a list of places or [lon, lat] points, or one of "
               f"{', '.join(LINE_FORMS)}; got {ref!r}")
        raise SpecError(msg, zone_id=zid, field=where)

    def _through(self, ref: Any, zid: str, where: str) -> LineString:
        if not isinstance(ref, list) or len(ref) < 2:
            msg = f"expected a list of at least two places or [lon, lat] points, got {ref!r}"
            raise SpecError(msg, zone_id=zid, field=where)
        coords = [self._point(p, zid, f"{where}[{i}]") for i, p in enumerate(ref)]
        if len(set(coords)) < 2:
            raise SpecError("the line's points are all the same", zone_id=zid, field=where)
        return LineString(coords)

    def _line_file(self, ref: Any, zid: str, where: str) -> BaseGeometry:
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
        lines = [g for geom in frame.geometry.values if geom is not None
                 for g in getattr(geom, "geoms", [geom]) if isinstance(g, LineString)]
        if not lines:
            raise SpecError(f"{path} holds no lines", zone_id=zid, field=where)
        merged = linemerge(MultiLineString(lines))
        return merged

    def _border(self, params: Any, zid: str, where: str) -> BaseGeometry:
        if not isinstance(params, Mapping):
            msg = f"expected a mapping of {', '.join(_BORDER_KEYS)}, got {params!r}"
            raise SpecError(msg, zone_id=zid, field=where)
        unknown = [k for k in params if k not in _BORDER_KEYS]
        if unknown:
            msg = f"unknown parameter {unknown[0]!r}; expected {', '.join(_BORDER_KEYS)}"
            raise SpecError(msg, zone_id=zid, field=f"{where}.{unknown[0]}")
        for key in ("area", "against"):
            if key not in params:
                raise SpecError(f"missing {key!r}", zone_id=zid, field=f"{where}.{key}")
        area = self._area(params["area"], zid, f"{where}.area")
        against = self._area(params["against"], zid, f"{where}.against")
        tolerance = params.get("tolerance_m", 5_000)
        tolerance = _number(tolerance, zone_id=zid, field_name=f"{where}.tolerance_m",
                            what="tolerance")
        if not 0 < tolerance <= 50_000:
            msg = f"tolerance must be between 0 and 50,000 m, got {tolerance!r}"
            raise SpecError(msg, zone_id=zid, field=f"{where}.tolerance_m")
        try:
            line = border_line(area, against, tolerance_m=tolerance)
        except InvalidZoneError as err:
            raise InvalidZoneError(str(err), zone_id=zid, field=where) from None
        if ("from" in params) != ("to" in params):
            raise SpecError("give both 'from' and 'to' (or neither)", zone_id=zid, field=where)
        if "from" not in params:
            return line
        start = self._anchor(params["from"], line, zid, f"{where}.from")
        end = self._anchor(params["to"], line, zid, f"{where}.to")
        extend = self._metres(params, "extend", zid, where, required=False, positive=False)
        try:
            return stretch_between(line, start, end, extend_m=extend)
        except InvalidZoneError as err:
            raise InvalidZoneError(str(err), zone_id=zid, field=where) from None

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
                geoms.append(self._area(ref, zid, item_where))
            elif isinstance(ref, Mapping):
                geoms.append(self.recipe(ref, zid, item_where))
            else:
                msg = f"expected a zone id or a recipe, got {ref!r}"
                raise SpecError(msg, zone_id=zid, field=item_where)
        return geoms

    def _union(self, params: Any, zid: str, where: str) -> BaseGeometry:
        return _clean(shapely.union_all(self._set_items(params, zid, where, "union")))

    def _intersection(self, params: Any, zid: str, where: str) -> BaseGeometry:
        return _clean(shapely.intersection_all(self._set_items(params, zid, where, "intersection")))

    def _difference(self, params: Any, zid: str, where: str) -> BaseGeometry:
        first, *rest = self._set_items(params, zid, where, "difference")
        return _clean(shapely.difference(first, shapely.union_all(rest)))

    def _anchor(self, value: Any, line: BaseGeometry, zid: str, where: str) -> tuple[float, float]:
        """Where a stretch of `line` starts or ends: a place or point, or, for the name of a
        country or governorate, the point of the line nearest it (a border's tripoint)."""
        if isinstance(value, str):
            try:
                feature = layers.find_feature(value)
            except UnknownPlaceError:
                msg = f"unknown place {value!r} (not a site, town, governorate, country or river)"
                raise SpecError(msg, zone_id=zid, field=where) from None
            if feature.geometry.geom_type in ("Polygon", "MultiPolygon"):
                point = nearest_points(line, feature.geometry)[0]
                return float(point.x), float(point.y)
        return self._point(value, zid, where)

    # -- line recipes ---------------------------------------------------------------------
    def _line_buffer(self, params: Mapping[str, Any], zid: str, where: str) -> BaseGeometry:
        if "line" not in params:
            raise SpecError("missing 'line'", zone_id=zid, field=f"{where}.line")
        line = self._line(params["line"], zid, f"{where}.line")
        distance = self._metres(params, "distance", zid, where)
        ends = params.get("ends", "round")
        if ends not in ENDS:
            msg = f"ends must be one of {', '.join(ENDS)}, got {ends!r}"
            raise SpecError(msg, zone_id=zid, field=f"{where}.ends")
        side = params.get("side")
        if side is not None and side not in SIDES:
            msg = f"side must be one of {', '.join(SIDES)} (of the line's direction), got {side!r}"
            raise SpecError(msg, zone_id=zid, field=f"{where}.side")
        parts = getattr(line, "geoms", [line])
        if (ends == "flat" or side) and len(parts) > 1:
            msg = "flat ends and one side need a single continuous line; this one is in pieces"
            raise InvalidZoneError(msg, zone_id=zid, field=f"{where}.line")
        geom = shapely.union_all([strip_along(p, distance, ends=ends, side=side) for p in parts])
        if "inside" in params:
            geom = geom.intersection(self._area(params["inside"], zid, f"{where}.inside"))
        return geom

    def _border_strip(self, params: Mapping[str, Any], zid: str, where: str) -> BaseGeometry:
        for key in ("area", "against", "from", "to"):
            if key not in params:
                raise SpecError(f"missing {key!r}", zone_id=zid, field=f"{where}.{key}")
        border = {k: params[k] for k in _BORDER_KEYS if k in params}
        line = self._border(border, zid, where)
        depth = self._metres(params, "depth", zid, where)
        strip = strip_along(line, depth, ends="flat")
        inside = strip.intersection(self._area(params["area"], zid, f"{where}.area"))
        across = self._metres(params, "across", zid, where, required=False, positive=False)
        if not across:
            return inside
        if across > 5_000:
            msg = f"across is a margin for disagreeing border lines: at most 5 km, got {across:.0f} m"
            raise SpecError(msg, zone_id=zid, field=f"{where}.across_m")
        return shapely.union_all([inside, strip.intersection(strip_along(line, across, ends="flat"))])

    def _place(self, params: Mapping[str, Any], zid: str, where: str) -> BaseGeometry:
        if "name" not in params:
            raise SpecError("missing 'name'", zone_id=zid, field=f"{where}.name")
        name = params["name"]
        radius = self._metres(params, "radius", zid, where, required=False)
        if isinstance(name, str):
            try:
                geom = layers.find_feature(name).geometry
            except UnknownPlaceError:
                msg = f"unknown place {name!r} (not a site, town, governorate, country or river)"
                raise SpecError(msg, zone_id=zid, field=f"{where}.name") from None
        else:
            geom = Point(self._point(name, zid, f"{where}.name"))
        if (isinstance(geom, Point) or geom.geom_type == "LineString") and not radius:
            msg = f"{name!r} is a point or a line: give radius_m or radius_km for its area"
            raise SpecError(msg, zone_id=zid, field=f"{where}.radius_m")
        return buffer_m(geom, radius) if radius else geom

    def _hull(self, params: Mapping[str, Any], zid: str, where: str) -> BaseGeometry:
        places = params.get("places")
        if not isinstance(places, list) or not places:
            msg = f"expected a list of places or [lon, lat] points, got {places!r}"
            raise SpecError(msg, zone_id=zid, field=f"{where}.places")
        points = [self._point(p, zid, f"{where}.places[{i}]") for i, p in enumerate(places)]
        margin = self._metres(params, "margin", zid, where)
        return hull_of(points, margin)

    def _zone(self, params: Any, zid: str, where: str) -> BaseGeometry:
        if not isinstance(params, str):
            msg = f"expected the id of another zone of this spec, got {params!r}"
            raise SpecError(msg, zone_id=zid, field=where)
        return self.geometry_of(params, referrer=zid, field_name=where)


def _clean(geom: BaseGeometry) -> BaseGeometry:
    """Snap to a 1e-9 degree (0.1 mm) grid: drops the zero-width spikes that set operations
    leave where two boundaries run along each other (they change on a file round trip)."""
    return shapely.set_precision(geom, 1e-9)


_OFFSET_KEYS = ("from", "azimuth_deg", "distance_m", "distance_km")
_BORDER_KEYS = ("area", "against", "from", "to", "extend_m", "extend_km", "tolerance_m")

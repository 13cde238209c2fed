"""Zone specs: reading the YAML (safe constructors only) and checking every field before
anything is built. Errors name the zone and the field.

The YAML is read with a `yaml.SafeLoader` that also refuses duplicate keys and leaves dates as
text, so that a bad date (``valid_from: 2017-02-30``) is reported with its zone and field.
Unknown top-level keys are refused as zone-level ones are, and recipes may nest at most
`MAX_DEPTH` levels."""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from geo_deconflict.errors import (
    InputFileError,
    InvalidZoneError,
    SpecError,
    brief,
)
from geo_deconflict.geo import layers
from geo_deconflict.zones.model import Source

__all__ = ["MAX_DEPTH", "MAX_N_POINTS", "RECIPES", "SIDES", "UNMAPPED", "default_spec_path", "load_spec"]

MAX_DEPTH = 64  # nesting of mappings and lists inside one zone's geometry
MAX_N_POINTS = 100_000  # vertices of a buffer's circle
_TOP_FIELDS = ("version", "zones", "_base_dir")  # _base_dir: added by load_spec


RECIPES = ("buffer", "side_of_line", "admin", "polygon", "union", "intersection", "difference",
           "line_buffer", "border_strip", "place", "hull", "zone")
SIDES = ("left", "right")

# ``geometry: none``: a zone whose boundary the shipped data cannot give (listed, not mapped).
UNMAPPED = "none"


_ZONE_FIELDS = ("id", "name_en", "name_ar", "kind", "geometry", "parties", "rules", "valid_from",
                "valid_to", "source", "notes", "approximate", "versions")

# A version overrides any of these fields of its zone; its id is ``<zone id>.<version>``.
_VERSION_FIELDS = ("version", "name_en", "name_ar", "kind", "geometry", "parties", "rules",
                   "valid_from", "valid_to", "source", "notes", "approximate")


_REQUIRED = ("id", "name_en", "geometry")


_RECIPE_PARAMS = {
    "buffer": ("centre", "radius_m", "radius_km", "n_points"),
    "side_of_line": ("area", "line", "side"),
    "polygon": ("coordinates", "file"),
    "line_buffer": ("line", "distance_m", "distance_km", "ends", "side", "inside"),
    "border_strip": ("area", "against", "from", "to", "depth_m", "depth_km", "extend_m",
                     "extend_km", "across_m", "across_km", "tolerance_m"),
    "place": ("name", "radius_m", "radius_km"),
    "hull": ("places", "margin_m", "margin_km"),
}

# The keys a line may be given by, besides a river name or a list of places.
LINE_FORMS = ("through", "border", "file")
ENDS = ("round", "flat")


_SOURCE_FIELDS = ("outlet", "date", "url", "title", "note")


_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


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
    limit = sys.getrecursionlimit()
    try:  # deep nesting is reported by _check_spec, with the zone named, if it can be read
        sys.setrecursionlimit(max(limit, 10_000))
        data = yaml.load(text, Loader=_SpecLoader)  # a SafeLoader: see _SpecLoader
    except RecursionError:
        msg = f"zone spec {path} is nested too deeply to read"
        raise SpecError(msg) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(err, "problem", None) or "malformed YAML"
        msg = f"zone spec {path} is not valid YAML{where}: {problem}"
        raise SpecError(msg) from None
    finally:
        sys.setrecursionlimit(limit)
    if not isinstance(data, dict):
        msg = f"zone spec {path} must be a mapping with a 'zones' list, got {type(data).__name__}"
        raise SpecError(msg)
    data.setdefault("_base_dir", str(path.resolve().parent))
    return data


class _SpecLoader(yaml.SafeLoader):
    """`yaml.SafeLoader` that refuses duplicate keys and keeps dates as text (checked later,
    with the zone and field named)."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key_node, _ in node.value:
                if not isinstance(key_node, yaml.ScalarNode) or key_node.value == "<<":
                    continue
                if key_node.value in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key {brief(key_node.value)}",
                        key_node.start_mark)
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node):
        return self.construct_scalar(node)


_SpecLoader.add_constructor("tag:yaml.org,2002:timestamp", _SpecLoader.construct_yaml_timestamp)
_SpecLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def _depth(value: Any, limit: int, seen: dict[int, int] | None = None) -> int:
    """Nesting depth of mappings and lists, counted up to `limit` (shared YAML aliases are
    measured once, so an alias bomb costs no more than its distinct nodes)."""
    if not isinstance(value, (Mapping, list)) or limit <= 0:
        return 0
    seen = {} if seen is None else seen
    if id(value) in seen:
        return seen[id(value)]
    items = value.values() if isinstance(value, Mapping) else value
    depth = 1 + max((_depth(v, limit - 1, seen) for v in items), default=0)
    seen[id(value)] = depth
    return depth


def _check_ring(ring: list[tuple[float, float]], *, zone_id: str, field_name: str) -> None:
    """Refuse a polygon whose edges cross the antimeridian: straight in lon/lat, they would
    go the long way round the globe."""
    for i, ((x0, _), (x1, _)) in enumerate(zip(ring, ring[1:] + ring[:1])):
        if abs(x1 - x0) > 180:
            msg = (f"the edge from point {i} to point {(i + 1) % len(ring)} crosses the "
                   "antimeridian (180° longitude), which is not supported; split the polygon "
                   "at 180° into two")
            raise InvalidZoneError(msg, zone_id=zone_id, field=field_name)


def _parse_date(value: Any, *, end: bool, zone_id: str, field_name: str) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = _DATE_RE.match(str(value).strip()) if isinstance(value, (str, int)) else None
    if not match:
        msg = f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {brief(value)}"
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
        msg = f"not a calendar date: {brief(value)}"
        raise SpecError(msg, zone_id=zone_id, field=field_name) from None


def _check_spec(spec: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Validate the spec's structure; return the raw zone entries by id, in order."""
    if not isinstance(spec, Mapping):
        msg = f"a zone spec must be a mapping with a 'zones' list, got {type(spec).__name__}"
        raise SpecError(msg)
    unknown = [k for k in spec if k not in _TOP_FIELDS]
    if unknown:
        msg = (f"unknown top-level key {brief(unknown[0])}; expected "
               f"{', '.join(_TOP_FIELDS[:-1])}")
        raise SpecError(msg, field=str(unknown[0])[:80])
    version = spec.get("version", 1)
    if version != 1:
        msg = f"unsupported spec version {brief(version)}; this release reads version 1"
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
            msg = (f"every zone needs an 'id' of letters, digits, '_', '-' or '.', got {brief(zid)}"
                   f" (zone #{i + 1})")
            raise SpecError(msg, field="id")
        if zid in entries:
            raise SpecError("duplicate zone id", zone_id=zid, field="id")
        unknown = [k for k in entry if k not in _ZONE_FIELDS]
        if unknown:
            msg = f"unknown field {brief(unknown[0])}; expected one of {', '.join(_ZONE_FIELDS)}"
            raise SpecError(msg, zone_id=zid, field=str(unknown[0])[:80])
        for key in _REQUIRED:
            if key == "geometry" and "versions" in entry:
                continue  # each version may give its own (checked in _expand_versions)
            if entry.get(key) in (None, ""):
                raise SpecError("missing required field", zone_id=zid, field=key)
        for key in ("name_en", "name_ar", "kind", "notes"):
            if entry.get(key) is not None and not isinstance(entry[key], str):
                msg = f"must be text, got {brief(entry[key])}"
                raise SpecError(msg, zone_id=zid, field=key)
        if _depth(entry.get("geometry"), MAX_DEPTH + 1) > MAX_DEPTH:
            msg = f"recipes nested more than {MAX_DEPTH} levels deep"
            raise SpecError(msg, zone_id=zid, field="geometry")
        entries[zid] = dict(entry)
    return _expand_versions(entries)


def _expand_versions(entries: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Replace each zone with ``versions`` by one entry per version, ``<id>.<version>``, each
    the zone's fields overridden by the version's. The zone itself stays as a template (key
    ``_template``) so that recipes can still refer to its geometry by its id."""
    out: dict[str, dict[str, Any]] = {}
    for zid, entry in entries.items():
        versions = entry.get("versions")
        if versions is None:
            out[zid] = entry
            continue
        if not isinstance(versions, list) or not versions:
            msg = "expected a non-empty list of versions (mappings with a 'version' label)"
            raise SpecError(msg, zone_id=zid, field="versions")
        base = {k: v for k, v in entry.items() if k != "versions"}
        out[zid] = {**base, "_template": True}
        for i, version in enumerate(versions):
            where = f"versions[{i}]"
            if not isinstance(version, Mapping):
                msg = f"each version must be a mapping, got {type(version).__name__}"
                raise SpecError(msg, zone_id=zid, field=where)
            label = version.get("version")
            if not isinstance(label, str) or not _ID_RE.match(label):
                msg = f"a version needs a 'version' label of letters, digits, '_', '-' or '.', got {label!r}"
                raise SpecError(msg, zone_id=zid, field=f"{where}.version")
            unknown = [k for k in version if k not in _VERSION_FIELDS]
            if unknown:
                msg = f"unknown field {unknown[0]!r}; expected one of {', '.join(_VERSION_FIELDS)}"
                raise SpecError(msg, zone_id=zid, field=f"{where}.{unknown[0]}")
            vid = f"{zid}.{label}"
            if vid in entries or vid in out:
                raise SpecError(f"duplicate zone id {vid!r}", zone_id=zid, field=f"{where}.version")
            merged = {**base, **{k: v for k, v in version.items() if k != "version"}, "id": vid,
                      "_version_of": zid}
            if merged.get("geometry") in (None, ""):
                raise SpecError("missing required field", zone_id=vid, field="geometry")
            for key in ("name_en", "name_ar", "kind", "notes"):
                if merged.get(key) is not None and not isinstance(merged[key], str):
                    raise SpecError(f"must be text, got {merged[key]!r}", zone_id=vid, field=key)
            out[vid] = merged
    return out


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
        msg = f"expected a list of party names, got {brief(value)}"
        raise SpecError(msg, zone_id=zone_id, field="parties")
    return tuple(value)


def _number(value: Any, *, zone_id: str, field_name: str, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        msg = f"{what} must be a number, got {brief(value)}"
        raise SpecError(msg, zone_id=zone_id, field=field_name)
    return float(value)


def _lonlat(value: Any, *, zone_id: str, field_name: str) -> tuple[float, float]:
    if isinstance(value, Mapping) and set(value) >= {"lon", "lat"}:
        lon, lat = value["lon"], value["lat"]
    elif isinstance(value, (list, tuple)) and len(value) == 2:
        lon, lat = value
    else:
        msg = f"expected [lon, lat] or {{lon:, lat:}}, got {brief(value)}"
        raise SpecError(msg, zone_id=zone_id, field=field_name)
    lon = _number(lon, zone_id=zone_id, field_name=field_name, what="longitude")
    lat = _number(lat, zone_id=zone_id, field_name=field_name, what="latitude")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        msg = f"coordinates out of range (lon must be -180..180, lat -90..90): lon={lon}, lat={lat}"
        raise SpecError(msg, zone_id=zone_id, field=field_name)
    return lon, lat

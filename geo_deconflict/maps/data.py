"""The data a map page carries: zones, basemap, sites and incidents as one compact payload.

Everything from a report or an input file travels as JSON data, never as HTML: the page's own
script (``assets/map.js``) puts it into the DOM with ``textContent``. `embed` writes the
payload into a ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` as
``\\u`` escapes (so no ``</script>`` can close it), or, for large payloads, deflated and
base64-encoded (decoded in the browser with ``DecompressionStream``).

Incidents are stored by column, with a shared string table for the values that repeat
(actors, types, places, dates, sources), so that 100,000 records stay a few megabytes.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
import zlib
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

import shapely
from shapely.geometry import mapping

from geo_deconflict.geo import layers
from geo_deconflict.incidents.model import Incident
from geo_deconflict.incidents.records import display_precision, uncertainty_m
from geo_deconflict.zones.model import Zone

# Display label of each incident kind (and ACLED type for records without a kind), with colour.
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "airstrike": ("Air/drone strike", "#d7301f"),
    "shelling": ("Shelling/artillery", "#b30000"),
    "exchange_of_fire": ("Exchange of fire", "#fc8d59"),
    "attack": ("Attack", "#ef6548"),
    "ground_offensive": ("Ground offensive", "#e34a33"),
    "capture": ("Capture of territory", "#990000"),
    "protest": ("Protest", "#f768a1"),
    "agreement": ("Agreement", "#1a9850"),
    "military_presence": ("Military presence", "#8c6d31"),
    "movement": ("Movement of forces", "#bf812d"),
    "request_refused": ("Request refused", "#000000"),
    "hotline_contact": ("Hotline contact", "#01665e"),
    "accusation": ("Accusation", "#762a83"),
    "meeting": ("Meeting", "#2166ac"),
    "statement": ("Statement", "#67a9cf"),
    "proposal": ("Proposal", "#5aae61"),
    "Battles": ("Battles", "#e34a33"),
    "Explosions/Remote violence": ("Explosions/Remote violence", "#d7301f"),
    "Violence against civilians": ("Violence against civilians", "#7a0177"),
    "Protests": ("Protests", "#f768a1"),
    "Riots": ("Riots", "#ae017e"),
    "Strategic developments": ("Strategic developments", "#4d4d4d"),
}
_SPARE_COLOURS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
                  "#666666")
_EPOCH = dt.date(1970, 1, 1)
COMPRESS_ABOVE = 256_000  # bytes of JSON above which the payload is deflated


def type_of(inc: Incident) -> tuple[str, str]:
    """(label, colour) of an incident's display type."""
    key = inc.kind or inc.event_type or "Unknown"
    if key in TYPE_STYLES:
        return TYPE_STYLES[key]
    label = inc.kind or inc.event_type or "Unknown type"  # shown as given
    return label, ""


class _Strings:
    """A string table: each distinct string once, referred to by index."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.index: dict[str, int] = {}

    def __call__(self, value: str | None) -> int:
        if not isinstance(value, str) or value == "":
            return -1
        pos = self.index.get(value)
        if pos is None:
            pos = self.index[value] = len(self.items)
            self.items.append(value)
        return pos


def incidents_payload(incidents: Sequence[Incident]) -> tuple[dict[str, Any], list[dict]]:
    """Column-wise incident data for the page, and the areas that area-level reports refer to."""
    s = _Strings()
    types: dict[str, int] = {}
    type_rows: list[list[str]] = []
    areas: dict[str, int] = {}
    area_rows: list[dict[str, Any]] = []
    cols: dict[str, list[Any]] = {k: [] for k in (
        "id", "lon", "lat", "prec", "unc", "d0", "d1", "date", "type", "acled", "actors",
        "place", "placeAr", "summary", "src", "fat", "cas", "area", "prov", "notes")}
    spare = iter(_SPARE_COLOURS * 1000)
    for inc in incidents:
        if not inc.located:
            continue
        label, colour = type_of(inc)
        if label not in types:
            types[label] = len(type_rows)
            type_rows.append([label, colour or next(spare)])
        cols["id"].append(inc.id)
        cols["lon"].append(round(inc.longitude * 1e5))
        cols["lat"].append(round(inc.latitude * 1e5))
        precision = display_precision(inc)
        cols["prec"].append(precision)
        unc = uncertainty_m(inc)
        cols["unc"].append(round(unc))
        cols["d0"].append((inc.event_date - _EPOCH).days if inc.event_date else None)
        cols["d1"].append((inc.date_end - _EPOCH).days if inc.date_end else None)
        cols["date"].append(s(inc.date_label))
        cols["type"].append(types[label])
        cols["acled"].append(s(" / ".join(p for p in (inc.event_type, inc.sub_event_type) if p)))
        cols["actors"].append([s(a) for a in inc.actors])
        cols["place"].append(s(inc.place))
        cols["placeAr"].append(s(inc.place_ar))
        cols["summary"].append(inc.summary)
        cols["src"].append([[s(str(src)), s(src.url)] for src in inc.sources])
        cols["fat"].append(inc.fatalities)
        cols["cas"].append(inc.casualties)
        cols["prov"].append(s(str(inc.provenance) if inc.provenance else None))
        cols["notes"].append(s(_notes(inc)))
        if precision == 3:
            key, area = _area_for(inc, unc)
            if key not in areas:
                areas[key] = len(area_rows)
                area_rows.append(area)
            cols["area"].append(areas[key])
        else:
            cols["area"].append(-1)
    cols["strings"] = s.items
    cols["types"] = type_rows
    cols["n"] = len(cols["id"])
    return cols, area_rows


def _notes(inc: Incident) -> str | None:
    parts = [inc.notes] if inc.notes else []
    if inc.metonymic:
        parts.append("the place name stands for a government, not the event's location")
    return "; ".join(parts) or None


def _area_for(inc: Incident, radius_m: float) -> tuple[str, dict[str, Any]]:
    """The area an area-level report is drawn as: a governorate or country, else a circle."""
    for name, layer_names in ((inc.admin1 if inc.place and "governorate" in inc.place.lower()
                               else None, ("governorates",)),
                              (inc.place, ("governorates", "countries"))):
        if name:
            found = _area_geometry(name, layer_names)
            if found is not None:
                key, title, geometry = found
                return key, {"name": title, "geometry": geometry}
    # Reports placed at the same named region share one circle (that of the first of them).
    key = (f"circle:{inc.place}:{radius_m:.0f}" if inc.place else
           f"circle:{inc.longitude:.1f}:{inc.latitude:.1f}:{radius_m:.0f}")
    return key, {"name": inc.place or "approximate area", "lon": inc.longitude,
                 "lat": inc.latitude, "radius_m": radius_m}


@cache
def _area_geometry(name: str, layer_names: tuple[str, ...]):
    from geo_deconflict.errors import UnknownPlaceError

    cleaned = name.lower().replace("governorate", "").replace("(implicit)", "").strip()
    try:
        feature = layers.find_feature(cleaned, layers=layer_names)
    except UnknownPlaceError:
        return None
    geom = feature.geometry.simplify(0.005, preserve_topology=True)
    title = feature.name_en + (" Governorate" if feature.layer == "governorates" else "")
    return f"{feature.layer}:{feature.id}", title, _rounded(geom, 4)


def zones_payload(zones: Sequence[Zone], colour_of) -> dict[str, Any]:
    """Zones as a GeoJSON FeatureCollection with the properties their popups show."""
    features = []
    for z in zones:
        features.append({"type": "Feature", "geometry": _rounded(z.geometry, 5), "properties": {
            "id": z.id, "name_en": z.name_en, "name_ar": z.name_ar, "kind": z.kind,
            "parties": list(z.parties), "colour": colour_of(z),
            "valid_from": z.valid_from.isoformat() if z.valid_from else None,
            "valid_to": z.valid_to.isoformat() if z.valid_to else None,
            "d0": (z.valid_from - _EPOCH).days if z.valid_from else None,
            "d1": (z.valid_to - _EPOCH).days if z.valid_to else None,
            "area_km2": round(z.area_km2), "approximate": z.approximate,
            "sources": [str(s) + (f" ({s.note})" if s.note else "") for s in z.sources],
            "urls": [s.url for s in z.sources if s.url],
            "notes": z.notes}})
    return {"type": "FeatureCollection", "features": features}


@lru_cache(maxsize=1)
def basemap_payload() -> dict[str, Any]:
    """Countries, governorates, rivers, towns and key sites from the shipped layers."""
    def collection(name: str, props: tuple[str, ...], tolerance: float, digits: int,
                   where=None) -> dict[str, Any]:
        frame = layers.load_layer(name)
        if where is not None:
            frame = frame[where(frame)]
        feats = []
        for row in frame.itertuples(index=False):
            geom = row.geometry.simplify(tolerance, preserve_topology=True) if tolerance \
                else row.geometry
            feats.append({"type": "Feature", "geometry": _rounded(geom, digits),
                          "properties": {p: _plain(getattr(row, p, None)) for p in props}})
        return {"type": "FeatureCollection", "features": feats}

    return {
        "countries": collection("countries", ("id", "name_en", "name_ar"), 0.003, 3),
        "governorates": collection("governorates", ("id", "name_en", "name_ar"), 0.002, 3),
        "rivers": collection("rivers", ("id", "name_en", "name_ar"), 0.0005, 4),
        "towns": collection("towns", ("name_en", "name_ar", "population"), 0, 4,
                            where=lambda f: f["population"] >= 100_000),
        "sites": collection("sites", ("id", "name_en", "name_ar", "kind", "approximate",
                                      "source"), 0, 5),
    }


def _plain(value: Any) -> Any:
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _rounded(geom, digits: int) -> dict[str, Any]:
    return mapping(shapely.set_precision(geom, 10 ** -digits)) if digits else mapping(geom)


def embed(payload: Any, element_id: str, *, compress: bool | None = None) -> str:
    """The payload as a script block the page's code reads; see the module docstring.

    Examples
    --------
    >>> embed({"t": "</script><b>"}, "d", compress=False)
    '<script type="application/json" id="d">{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}</script>'
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    if compress is None:
        compress = len(text) > COMPRESS_ABOVE
    if compress:
        packed = base64.b64encode(zlib.compress(text.encode("utf-8"), 6)).decode("ascii")
        return f'<script type="application/x-deflate-base64" id="{element_id}">{packed}</script>'
    safe = (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    return f'<script type="application/json" id="{element_id}">{safe}</script>'

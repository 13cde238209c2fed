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
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping

from geo_deconflict.geo import layers
from geo_deconflict.geo.geodesy import geodesic_distance_m
from geo_deconflict.incidents.actors import canonical_actor, side_of
from geo_deconflict.incidents.model import PLACE_UNCERTAIN, Incident
from geo_deconflict.incidents.records import display_precision, uncertainty_m
from geo_deconflict.zones.model import Zone

# The palette (colour-blind safe). Event types take the Okabe-Ito colours; zones take Paul Tol's
# wine, indigo and olive (`geo_deconflict.maps.render.PARTY_COLOURS`); location precision is
# drawn in greys (dashed uncertainty circles, dotted area outlines): the three never share a
# colour. Kinds that are not operations (statements, meetings ...) are drawn hollow, so that
# kinds sharing a colour still differ on the map.
OKABE_ITO = {"orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000"}
_O = OKABE_ITO
PRECISION_COLOURS = {"uncertainty": "#6b6b6b", "area": "#8c8c8c"}
# Display label of each incident kind (and ACLED type for records without a kind): colour, and
# whether the marker is hollow (not an operation). Eight colours, filled or hollow, make sixteen
# symbols, so close kinds share a label (and its legend toggle): every kind of
# `incidents.KINDS` has one.
TYPE_STYLES: dict[str, tuple[str, str, bool]] = {
    "airstrike": ("Air/drone strike", _O["orange"], False),
    "shelling": ("Shelling/artillery", _O["vermillion"], False),
    "clash": ("Clash / exchange of fire", _O["purple"], False),
    "exchange_of_fire": ("Clash / exchange of fire", _O["purple"], False),
    "attack": ("Attack", _O["black"], False),
    "ground_offensive": ("Ground offensive", _O["blue"], False),
    "capture": ("Capture of territory", _O["sky"], False),
    "military_presence": ("Presence, deployment, patrol", _O["green"], False),
    "deployment": ("Presence, deployment, patrol", _O["green"], False),
    "patrol": ("Presence, deployment, patrol", _O["green"], False),
    "movement": ("Movement of forces", _O["yellow"], False),
    "convoy_movement": ("Movement of forces", _O["yellow"], False),
    "advance": ("Movement of forces", _O["yellow"], False),
    "withdrawal": ("Movement of forces", _O["yellow"], False),
    "agreement": ("Agreement", _O["green"], True),
    "request_refused": ("Request refused", _O["black"], True),
    "hotline_contact": ("Hotline contact", _O["sky"], True),
    "accusation": ("Accusation", _O["vermillion"], True),
    "meeting": ("Meeting", _O["blue"], True),
    "statement": ("Statement or denial", _O["orange"], True),
    "denial": ("Statement or denial", _O["orange"], True),
    "proposal": ("Proposal", _O["yellow"], True),
    "protest": ("Protest, displacement, casualty report", _O["purple"], True),
    "displacement": ("Protest, displacement, casualty report", _O["purple"], True),
    "casualties_report": ("Protest, displacement, casualty report", _O["purple"], True),
    "Battles": ("Battles", _O["vermillion"], False),
    "Explosions/Remote violence": ("Explosions/Remote violence", _O["orange"], False),
    "Violence against civilians": ("Violence against civilians", _O["purple"], False),
    "Protests": ("Protests", _O["yellow"], True),
    "Riots": ("Riots", _O["blue"], True),
    "Strategic developments": ("Strategic developments", _O["green"], True),
}
_SPARE_COLOURS = (_O["sky"], _O["blue"], _O["green"], _O["yellow"], _O["purple"], _O["orange"])
_EPOCH = dt.date(1970, 1, 1)
COMPRESS_ABOVE = 256_000  # bytes of JSON above which the payload is deflated


def type_of(inc: Incident) -> tuple[str, str, bool]:
    """(label, colour, hollow) of an incident's display type ("" colour: a spare one)."""
    key = inc.kind or inc.event_type or "Unknown"
    if key in TYPE_STYLES:
        return TYPE_STYLES[key]
    label = inc.kind or inc.event_type or "Unknown type"  # shown as given
    return label, "", True


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


def incidents_payload(incidents: Sequence[Incident], texts: Mapping[str, str] | None = None
                      ) -> tuple[dict[str, Any], list[dict]]:
    """Column-wise incident data for the page, and the areas that area-level reports refer to.

    `texts` maps a report id (a draft's ``provenance.doc``) to the report's text: a draft's
    popup then shows its sentence with the evidence marked."""
    s = _Strings()
    types: dict[str, int] = {}
    type_rows: list[list[str]] = []
    areas: dict[str, int] = {}
    area_rows: list[dict[str, Any]] = []
    cols: dict[str, list[Any]] = {k: [] for k in (
        "id", "lon", "lat", "prec", "unc", "d0", "d1", "date", "type", "acled", "actors",
        "place", "placeAr", "summary", "src", "fat", "cas", "area", "prov", "notes", "sent")}
    actor_rows: dict[int, list] = {}
    spare = iter(_SPARE_COLOURS * 1000)
    for inc in incidents:
        if not inc.located:
            continue
        label, colour, hollow = type_of(inc)
        if label not in types:
            types[label] = len(type_rows)
            type_rows.append([label, colour or next(spare), hollow])
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
        for actor in inc.actors:
            _actor_entry(actor, s, actor_rows)
        cols["sent"].append(_sentence(inc, texts))
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
    # the records whose place may be a namesake (their popup says "place uncertain")
    cols["doubt"] = [k for k, inc in enumerate(i for i in incidents if i.located)
                     if PLACE_UNCERTAIN in (inc.notes or "")]
    cols["actorInfo"] = actor_rows   # string index -> [canonical name index, side]
    cols["strings"] = s.items
    cols["types"] = type_rows
    cols["n"] = len(cols["id"])
    return cols, area_rows


def _actor_entry(actor: str, s: _Strings, rows: dict[int, list]) -> None:
    key = s(actor)
    if key in rows:
        return
    canon = canonical_actor(actor)
    rows[key] = [s(canon or actor), side_of(canon) if canon else "non_party"]


def _sentence(inc: Incident, texts: Mapping[str, str] | None) -> list | None:
    """[sentence, [[role, start, end], ...]] with offsets into the sentence, or None."""
    prov = inc.provenance
    if not texts or prov is None or prov.start is None or prov.end is None:
        return None
    text = texts.get(prov.doc)
    if text is None or prov.end > len(text):
        return None
    spans = sorted((e.start - prov.start, e.end - prov.start, e.role) for e in prov.evidence
                   if prov.start <= e.start < e.end <= prov.end)
    kept, last = [], 0
    for start, end, role in spans:  # no overlaps: the first span wins
        if start >= last:
            kept.append([role, start, end])
            last = end
    return [text[prov.start:prov.end], kept]


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

    towns = collection("towns", ("name_en", "name_ar", "population"), 0, 4,
                       where=lambda f: f["population"] >= 100_000)
    # largest first (labels are placed in this order); one label per name (GeoNames lists some
    # cities twice, as a city and as its seat)
    towns["features"].sort(key=lambda f: -(f["properties"]["population"] or 0))
    seen: set[str] = set()
    towns["features"] = [f for f in towns["features"] if not (
        f["properties"]["name_en"] in seen or seen.add(f["properties"]["name_en"]))]
    return {
        "villages": villages_payload(),
        "countries": collection("countries", ("id", "name_en", "name_ar"), 0.003, 3),
        "governorates": collection("governorates", ("id", "name_en", "name_ar"), 0.002, 3),
        "rivers": collection("rivers", ("id", "name_en", "name_ar"), 0.0005, 4),
        "towns": towns,
        "sites": collection("sites", ("id", "name_en", "name_ar", "kind", "approximate",
                                      "source"), 0, 5),
    }


VILLAGE_LIMIT = 12_000   # ~30 bytes each, deflated with the rest: the default map stays < 1 MB
TOWN_LABEL_POPULATION = 100_000   # towns this size are labelled at every zoom (basemap towns)
_KIND_RANK = {"PPLA": 0, "PPLA2": 1, "PPLA3": 2, "locality": 3, "PPL": 4, "PPLF": 5, "STLMT": 5,
              "PPLL": 6}   # then the rest (abandoned, historical, destroyed)


def villages_payload() -> list[list]:
    """Small places of Syria shown from zoom 9: ``[lon*1e4, lat*1e4, name_en, name_ar]``.

    From the shipped ``villages`` layer (Who's On First localities): current places only,
    the larger and the district centres first (labels are placed in this order), leaving out
    the towns the basemap labels at every zoom. Without that layer, the Syrian places of the
    towns layer below that size.
    """
    from geo_deconflict.geo.names import name_key

    towns = layers.load_layer("towns")
    big = towns[(towns["country"] == "SY") & (towns["population"] >= TOWN_LABEL_POPULATION)]
    try:
        frame = layers.load_layer("villages")
    except (ValueError, OSError):
        frame = towns[(towns["country"] == "SY") & (towns["population"] < TOWN_LABEL_POPULATION)]
    else:
        frame = frame[frame["current"] & (frame["population"] < TOWN_LABEL_POPULATION)]
        rank = frame["kind"].map(_KIND_RANK).fillna(9)
        frame = frame.assign(_rank=rank).sort_values(["population", "_rank", "id"],
                                                      ascending=[False, True, True])
        drawn: dict[str, list] = {}   # name key -> points of the basemap's labelled towns
        for row in big.itertuples(index=False):
            for name in (row.name_en, row.name_ar):
                if isinstance(name, str) and name_key(name):
                    drawn.setdefault(name_key(name), []).append(row.geometry)
        twice = [any(geodesic_distance_m(g.x, g.y, t.x, t.y) < 10_000
                     for name in (en, ar) if isinstance(name, str)
                     for t in drawn.get(name_key(name), ()))
                 for en, ar, g in zip(frame["name_en"], frame["name_ar"], frame.geometry)]
        frame = frame[~np.array(twice, dtype=bool)]   # the basemap's own town label
    if "population" in frame and "_rank" not in frame:
        frame = frame.sort_values("population", ascending=False)
    out = []
    for row in frame.head(VILLAGE_LIMIT).itertuples(index=False):
        point = row.geometry if row.geometry.geom_type == "Point" else \
            row.geometry.representative_point()
        name_ar = getattr(row, "name_ar", None)
        out.append([round(point.x * 1e4), round(point.y * 1e4), row.name_en,
                    name_ar if isinstance(name_ar, str) else ""])
    return out


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

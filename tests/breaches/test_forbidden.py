"""Breaches of the forbidden-operation rules of the 2017-2020 arrangements (layers/zones.yaml).

Points are gazetteer places; each case is decided with the same care as the US-Russia line:
undecided where the uncertainty circle crosses the zone's boundary or the dates straddle it.
"""

import datetime as dt

import pytest

from geo_deconflict.breaches.core import find_breaches
from geo_deconflict.breaches.forbidden import matches
from geo_deconflict.errors import SpecError
from geo_deconflict.gazetteer import resolve
from geo_deconflict.geo.geodesy import offset_point
from geo_deconflict.incidents.model import Incident
from geo_deconflict.zones.core import build_zones


@pytest.fixture(scope="module")
def zones():
    return build_zones()


def town(name):
    place = resolve(name, prefer_town=True, country="SY")
    return place.lon, place.lat


def event(at, day, actors, kind="military_presence", **kw):
    return Incident(id=kw.pop("ident", "t"), event_date=day, kind=kind, actors=actors,
                    longitude=at[0], latitude=at[1], **kw)


def outcome(report, zone_id):
    """'breach', the undecided reason, or None, for one incident and one zone."""
    if any(b.zone.id == zone_id for b in report.breaches):
        return "breach"
    return next((u.reason for u in report.undecided if u.zone and u.zone.id == zone_id), None)


# ------------------------------------------------------- YPG inside the 30 km strip (Sochi)

def test_ypg_in_the_30_km_strip_after_the_deadline_is_a_breach(zones):
    report = find_breaches([event(town("Kobani"), dt.date(2019, 11, 5), ("YPG",))], zones)
    (breach,) = [b for b in report.breaches if b.zone.id == "sochi_withdrawal_30km"]
    assert breach.operators == ("YPG",) and breach.km_inside > 0
    assert "YPG" in breach.rule and "2019-10-29T18:00:00+03:00" in breach.rule


def test_acled_style_actor_names_match(zones):
    inc = event(town("Amuda"), dt.date(2019, 12, 1), ("SDF: Syrian Democratic Forces", "Turkey"),
                kind="exchange_of_fire")
    assert outcome(find_breaches([inc], zones), "sochi_withdrawal_30km") == "breach"


def test_ypg_before_or_on_the_deadline_day(zones):
    before = find_breaches([event(town("Kobani"), dt.date(2019, 10, 25), ("YPG",))], zones)
    assert outcome(before, "sochi_withdrawal_30km") is None
    on_the_day = find_breaches([event(town("Kobani"), dt.date(2019, 10, 29), ("YPG",))], zones)
    assert "straddles the rule's start" in outcome(on_the_day, "sochi_withdrawal_30km")


def test_ypg_near_the_strip_edge_with_a_wide_circle_is_undecided(zones):
    # 31 km south of the border at Amuda: 1 km outside the strip, known to within 5 km
    lon, lat = offset_point(*town("Amuda"), 180, 31_000)
    inc = event((lon, lat), dt.date(2019, 11, 5), ("YPG",), uncertainty_m=5_000)
    reason = outcome(find_breaches([inc], zones), "sochi_withdrawal_30km")
    assert reason and "crosses the boundary" in reason
    exact = event((lon, lat), dt.date(2019, 11, 5), ("YPG",))
    assert outcome(find_breaches([exact], zones), "sochi_withdrawal_30km") is None


def test_ypg_in_the_peace_spring_area_is_not_judged_by_the_30_km_rule(zones):
    inc = event(town("Tell Abyad"), dt.date(2019, 11, 5), ("YPG",), kind="attack")
    assert outcome(find_breaches([inc], zones), "sochi_withdrawal_30km") is None


# ----------------------------------------------------- Iran-backed forces near the Golan

def test_iran_backed_militia_near_the_golan(zones):
    damascus = town("Damascus")
    after = find_breaches([event(damascus, dt.date(2018, 9, 1), ("Hezbollah (Lebanon)",))], zones)
    assert outcome(after, "golan_85km_2018") == "breach"
    before = find_breaches([event(damascus, dt.date(2018, 7, 1), ("Hezbollah",))], zones)
    assert outcome(before, "golan_85km_2018") is None
    homs = find_breaches([event(town("Homs"), dt.date(2018, 9, 1), ("IRGC",))], zones)
    assert outcome(homs, "golan_85km_2018") is None
    arabic = find_breaches([event(damascus, dt.date(2019, 1, 1), ("الميليشيات الإيرانية",))], zones)
    assert outcome(arabic, "golan_85km_2018") == "breach"
    # the Syrian army is not an Iran-backed militia
    army = find_breaches([event(damascus, dt.date(2019, 1, 1), ("Syrian army",))], zones)
    assert outcome(army, "golan_85km_2018") is None


def test_iran_backed_militia_at_85_km_with_uncertainty(zones):
    from geo_deconflict.check.core import check_points

    # east of Damascus the 85 km line is ~45 km away: 40 km is inside, 50 km outside
    for metres, inside in ((40_000, True), (50_000, False)):
        lon, lat = offset_point(*town("Damascus"), 90, metres)
        edge_m = abs(float(check_points([lon], [lat])["dist_golan_85km_2018_m"].iloc[0]))
        assert 3_000 < edge_m < 10_000
        exact = find_breaches([event((lon, lat), dt.date(2019, 1, 1), ("Hezbollah",))], zones)
        assert outcome(exact, "golan_85km_2018") == ("breach" if inside else None)
        wide = event((lon, lat), dt.date(2019, 1, 1), ("Hezbollah",), uncertainty_m=edge_m + 2_000)
        assert "crosses the boundary" in outcome(find_breaches([wide], zones), "golan_85km_2018")


# ----------------------------------------------------- airstrikes in de-escalation areas

def test_russian_airstrike_in_eastern_ghouta_while_in_force(zones):
    douma = town("Douma")
    hit = find_breaches([event(douma, dt.date(2018, 2, 20), ("Russia", "Civilians (Syria)"),
                               kind="airstrike")], zones)
    assert outcome(hit, "astana_eastern_ghouta") == "breach"
    after = find_breaches([event(douma, dt.date(2018, 5, 1), ("Russia", "Civilians (Syria)"),
                                 kind="airstrike")], zones)
    assert outcome(after, "astana_eastern_ghouta") is None        # the area was retaken


def test_airstrikes_against_hts_or_by_non_signatories(zones):
    idlib = town("Idlib")
    on_hts = find_breaches([event(idlib, dt.date(2018, 1, 10), ("Russia", "HTS"),
                                  kind="airstrike")], zones)
    assert outcome(on_hts, "astana_idlib") is None                # the memorandum excluded HTS
    unknown = find_breaches([event(idlib, dt.date(2018, 1, 10), ("Russia",), kind="airstrike")],
                            zones)
    assert "target not stated" in outcome(unknown, "astana_idlib")
    mixed = find_breaches([event(idlib, dt.date(2018, 1, 10), ("Russia", "HTS", "Civilians"),
                                 kind="airstrike")], zones)
    assert "mix" in outcome(mixed, "astana_idlib")
    shelling = find_breaches([event(idlib, dt.date(2018, 1, 10), ("Russia", "Civilians"),
                                    kind="shelling")], zones)
    assert outcome(shelling, "astana_idlib") is None              # the rule is on airstrikes
    syrian = find_breaches([event(idlib, dt.date(2018, 1, 10), ("Syrian government", "Civilians"),
                                  kind="airstrike")], zones)
    assert outcome(syrian, "astana_idlib") is None                # did not sign the memorandum


def test_acled_airstrike_without_a_kind(zones):
    inc = Incident(id="a", event_date=dt.date(2017, 12, 1), event_type="Explosions/Remote violence",
                   sub_event_type="Air/drone strike", longitude=town("Idlib")[0],
                   latitude=town("Idlib")[1],
                   actors=("Military Forces of Russia (2000-)", "Civilians (Syria)"))
    assert outcome(find_breaches([inc], zones), "astana_idlib") == "breach"


def test_name_matching():
    assert matches("Lebanese Hezbollah", ["Hezbollah"])
    assert matches("YPG: People's Protection Units", ["YPG"])
    assert not matches("Syrian Arab Army", ["Iran", "Hezbollah"])
    assert not matches("Islamic State", ["Iran"]) and matches("Islamic State (Syria)", ["ISIS"])


# -------------------------------------------------------------------- rule validation

@pytest.mark.parametrize(("forbidden", "words"), [
    ([{"by": []}], "non-empty list"),
    ([{"by": ["Iran"], "after": "2019-10-29T18:00"}], "UTC offset"),
    ([{"by": ["Iran"], "after": "yesterday"}], "yesterday"),
    ([{"by": ["Iran"], "when": "x"}], "unknown key 'when'"),
    ("Iran", "expected a list"),
])
def test_bad_forbidden_rules_name_the_field(forbidden, words):
    spec = {"zones": [{"id": "z", "name_en": "Z", "rules": {"forbidden": forbidden},
                       "geometry": {"buffer": {"centre": [38.6, 33.5], "radius_km": 5}}}]}
    with pytest.raises(SpecError, match=words) as err:
        build_zones(spec)
    assert "zone 'z'" in str(err.value) and "rules.forbidden" in str(err.value)


def test_unknown_kind_is_reported_when_judging():
    spec = {"zones": [{"id": "z", "name_en": "Z", "rules": {"forbidden": [
        {"by": ["Iran"], "kinds": ["picnic"]}]},
        "geometry": {"buffer": {"centre": [38.6, 33.5], "radius_km": 5}}}]}
    with pytest.raises(SpecError, match="picnic"):
        find_breaches([], build_zones(spec))

"""Syria-first resolution: bare governorate names, filters, document prior, spelling variants."""

from __future__ import annotations

import json

import pytest

from geo_deconflict.gazetteer.api import load_gazetteer
from geo_deconflict.geo.names import translit_key


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer(db=False)


@pytest.mark.parametrize(("name", "gov"), [
    ("دير الزور", "SY-DY"), ("Deir ez-Zor", "SY-DY"), ("Dayr az Zawr", "SY-DY"),
    ("Deir al-Zour", "SY-DY"), ("ديرالزور", "SY-DY"), ("Aleppo", "SY-HL"), ("حلب", "SY-HL"),
    ("Damascus", "SY-DI"), ("الحسكة", "SY-HA"), ("حماة", "SY-HM"), ("درعا", "SY-DR"),
    ("Raqa", "SY-RA"), ("Idlib", "SY-ID"),
    # a coastal capital whose point lies just off the generalised outline
    ("طرطوس", "SY-TA"), ("Tartus", "SY-TA"), ("اللاذقية", "SY-LA"),
])
def test_a_bare_governorate_name_means_its_capital(gaz, name, gov):
    top = gaz.lookup(name, limit=2)
    assert top[0].place.feature_class == "P" and top[0].place.admin1 == gov
    assert top[1].place.id == f"gov:{gov}"       # the governorate is the runner-up


@pytest.mark.parametrize("name", ["محافظة دير الزور", "Deir ez-Zor province",
                                  "Deir ez-Zor Governorate", "محافظة إدلب"])
def test_the_governorate_needs_its_head(gaz, name):
    assert gaz.lookup(name, limit=1)[0].place.feature_code == "ADM1"


def test_a_syrian_village_beats_a_foreign_town_spelled_alike(gaz):
    top = gaz.lookup("Sousa", limit=3)
    assert top[0].place.country == "SY" and top[0].place.admin1 == "SY-DY"
    assert any(c.place.country == "TN" for c in top[1:])   # Sousse is still a candidate


def test_vowel_marks_pick_the_place_they_spell(gaz):
    assert gaz.lookup("عمّان", limit=1)[0].place.country == "JO"   # Amman, not Oman


def test_country_and_admin1_columns_are_hard_filters(gaz):
    shaafa = gaz.lookup("Al Shaafa", country="Syria", admin1="Deir ez-Zor")
    assert shaafa and all(c.place.admin1 == "SY-DY" for c in shaafa)
    busayrah = gaz.lookup("Al Busayrah", country="Syria")
    assert busayrah and all(c.place.country == "SY" for c in busayrah)
    assert gaz.lookup("Al Busayrah", admin1="دير الزور")[0].place.admin1 == "SY-DY"
    assert gaz.resolve("Al Shaafa", country="SYR", admin1="SY-DY").admin1 == "SY-DY"
    with pytest.raises(ValueError, match="'Atlantis'"):
        gaz.lookup("Al Shaafa", admin1="Atlantis")


def test_an_admin1_that_holds_no_such_place_is_dropped(gaz):
    # ACLED's admin1 can be wrong: a place that exists only elsewhere is still found
    assert gaz.lookup("Manbij", admin1="Daraa", limit=1)[0].place.id == "gn:167357"


def test_the_document_prior_prefers_the_namesake_near_the_text(gaz):
    deir = (40.14, 35.34)
    near = gaz.lookup("الجنينة", near=deir, limit=1)[0].place
    assert near.country == "SY" and near.distance_m(*deir) < 25_000
    far = gaz.lookup("الجنينة", limit=3)
    assert all(c.place.country == "SY" for c in far)   # never Sudan's al-Junaynah


@pytest.mark.parametrize(("name", "other"), [
    ("الشحيل", "شحيل"), ("تنف", "التنف"), ("كفرنبودة", "كفر نبودة"),
])
def test_arabic_article_and_spacing_variants(gaz, name, other):
    assert gaz.lookup(name, limit=1)[0].place.id == gaz.lookup(other, limit=1)[0].place.id


@pytest.mark.parametrize(("name", "expected"), [
    ("Shajla", "Ash Shajilah"), ("Sousa", "As Sūsah"), ("Baghouz", "al-Baghuz Fawqani"),
    ("Kafr Nboudeh", "Kafr Nabudah"), ("Ain al-Hawr", "`Ayn al Hawr"),
])
def test_news_spellings_find_the_romanised_names(gaz, name, expected):
    top = gaz.lookup(name, limit=1)[0]
    assert top.place.name_en == expected and top.match != "fuzzy"


def test_variants_score_below_exact_spellings(gaz):
    variant = gaz.lookup("Ain al-Hawr", limit=1)[0]
    exact = gaz.lookup("`Ayn al Hawr", limit=1)[0]
    assert variant.match == "variant" and exact.match == "exact"
    assert translit_key("Ain al-Hawr") == translit_key("`Ayn al Hawr")


def test_candidates_come_best_first(gaz):
    for name in ("Mhemideh", "Tripoli", "الجنينة", "Sousa"):
        scores = [c.score for c in gaz.lookup(name, limit=5)]
        assert scores == sorted(scores, reverse=True), name


@pytest.mark.parametrize(("name", "place_id"), [
    ("سد البعث", "site:baath_dam"), ("Baath Dam", "site:baath_dam"),
    ("جسر قره قوزاق", "site:qara_qozak_bridge"), ("حقل كونيكو", "site:conoco_gas_plant"),
    ("Conoco", "site:conoco_gas_plant"), ("معبر حسرات", "site:hasrat_crossing"),
    ("Tabqa dam", "site:tabqa_dam"), ("سد تشرين", "site:tishrin_dam"),
    ("T4", "site:tiyas_air_base"), ("T-4", "site:tiyas_air_base"),
    ("تي فور", "site:tiyas_air_base"), ("Sajur river", "river:sajur"),
])
def test_features_with_a_head_noun_are_in_the_curated_table(gaz, name, place_id):
    assert gaz.lookup(name, limit=1)[0].place.id == place_id


def test_incident_records_pass_their_country_and_admin1(tmp_path):
    from geo_deconflict.incidents.read import load_incidents

    path = tmp_path / "acled.jsonl"
    lines = [{"id": "a", "place": "Al Shaafa", "country": "Syria", "admin1": "Deir ez-Zor"},
             {"id": "b", "place": "Al Busayrah", "country": "Syria", "admin1": "Deir ez-Zor"}]
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    located = {i.id: i for i in load_incidents(path).incidents}
    gov = load_gazetteer(db=False).get("gov:SY-DY")
    for rec in located.values():   # inside Deir ez-Zor governorate, not Saudi Arabia or Jordan
        assert gov.distance_m(rec.longitude, rec.latitude) == 0, rec.id


def test_cli_lookup_with_country_and_admin1(runner):
    from geo_deconflict.cli import cli

    result = runner.invoke(cli, ["gazetteer", "lookup", "Al Shaafa", "--country", "Syria",
                                 "--admin1", "Deir ez-Zor", "--json"])
    assert result.exit_code == 0, result.output
    assert {c["admin1"] for c in json.loads(result.output)} == {"SY-DY"}
    result = runner.invoke(cli, ["gazetteer", "lookup", "Al Shaafa", "--admin1", "Narnia"])
    assert result.exit_code == 1 and "'Narnia'" in result.output


@pytest.mark.parametrize(("place_id", "arabic"), [
    ("gn:170654", "دمشق"), ("gn:170905", "درعا"), ("gn:163345", "طرطوس"),
])
def test_capitals_show_their_arabic_names(gaz, place_id, arabic):
    """GeoNames shows «د مشق», «أذرعات» and «ترطوس»; the curated table puts them right."""
    place = gaz.get(place_id)
    assert place.name_ar == arabic
    assert gaz.lookup(arabic, limit=1)[0].place.id == place_id

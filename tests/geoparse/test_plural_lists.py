"""Lists of villages and towns after a plural head («قرى X وY وZ», "the villages of X, Y and
Z"): every item is a place, even past an item the gazetteer lacks, with the article or spelt
loosely; and a city the gazetteer ranks first, named as a village far from the report's other
places, is doubted."""

from __future__ import annotations

import pytest

from geo_deconflict.geoparse import geoparse


def _names(text: str) -> dict[str, str]:
    return {m.surface: m.place.names[0] for m in geoparse(text)
            if m.kind == "toponym" and m.place is not None}


def test_the_list_goes_on_past_a_village_the_gazetteer_lacks():
    # «منغ» is not in the gazetteer: the two villages after it are still read
    found = _names("قصفت المدفعية التركية مواقع الوحدات في قرى منغ ومرعناز وعين دقنة بريف "
                   "حلب الشمالي.")
    assert found.get("مرعناز") == "Mar`anaz"
    assert found.get("عين دقنة") == "`Ayn Daqnah"
    assert "منغ" not in found


def test_items_with_the_article_or_a_looser_spelling_are_read():
    # the gazetteer spells them «فطيرة» and «سفوهون»; «وسفوهن» keeps its conjunction out
    found = _names("قصفت قوات النظام قرى كنصفرة والفطيرة وسفوهن في جبل الزاوية.")
    assert {"كنصفرة", "الفطيرة", "سفوهن"} <= set(found)
    assert found["الفطيرة"] == "Fatirah" and found["سفوهن"] == "Safuhun"


def test_a_list_after_the_outskirts_of_villages():
    ms = [m for m in geoparse("قصفت قوات النظام أطراف قرى كنصفرة والفطيرة وسفوهن.")]
    assert any(m.kind == "relative" and m.relation == "near" for m in ms)
    assert {"الفطيرة", "سفوهن"} <= {m.surface for m in ms if m.kind == "toponym"}


def test_an_english_list_of_villages():
    found = _names("Turkish artillery shelled the villages of Menagh, Maranaz and Ain Daqnah "
                   "north of Aleppo.")
    assert found.get("Maranaz") == "Mar`anaz" and found.get("Ain Daqnah") == "`Ayn Daqnah"


@pytest.mark.parametrize("text", [
    "قصفت قوات النظام القرى المحيطة بمدينة معرة النعمان.",   # a description, no list
    "نزح الأهالي من قرى ريفية عدة في المنطقة.",
    "قصفت القوات قرى ووصلت إلى المدينة.",                      # a verb after «و»
])
def test_no_list_no_new_places(text):
    found = _names(text)
    assert set(found) <= {"معرة النعمان"}


def test_items_far_from_the_rest_of_the_list_are_left_out():
    # a loose reading is kept only near another item of its list
    ms = geoparse("قرى مرعناز وعين دقنة")
    assert {m.surface for m in ms} == {"مرعناز", "عين دقنة"}
    assert all(m.place.country == "SY" for m in ms)


def test_a_city_named_as_a_village_far_from_the_report_is_doubted():
    # the Sayda near Ain Issa is not in the gazetteer; the look-up ranks Lebanon's Sidon first
    text = ("دكّ الجيش التركي مساء الأحد قرى صيدا والمعلق والهوشان في ريف ناحية عين عيسى "
            "بعشرات القذائف.")
    sidon = next(m for m in geoparse(text) if m.surface == "صيدا")
    assert sidon.place.country == "LB" and sidon.doubtful
    # named as a city, the same Sidon is not doubted
    city = next(m for m in geoparse("وصل الوفد إلى مدينة صيدا اللبنانية.") if m.surface == "صيدا")
    assert not city.doubtful


def test_the_governorate_s_countryside_named_by_an_anaphor():
    # «ريف المحافظة الشرقي» after a town: its governorate's eastern countryside, not the
    # countryside of a village named «الشرقي»
    ms = geoparse("قصفت الطائرات مدينة الميادين في ريف المحافظة الشرقي.")
    rel = [m for m in ms if m.kind == "relative"]
    assert [(m.relation, m.anchor_name) for m in rel] == [("east_countryside",
                                                          "Deir ez-Zor Governorate")]
    assert [m.surface for m in ms if m.kind == "toponym"] == ["الميادين"]
    city = [m for m in geoparse("سيطرت القوات على مدينة منبج وريف المدينة الشمالي.")
            if m.kind == "relative"]
    assert [(m.relation, m.anchor_name) for m in city] == [("north_countryside", "Manbij")]


def test_a_flag_is_no_village_but_the_village_of_that_name_is():
    assert not geoparse("عربات مدرعة ترفع العلم الروسي خرجت من قاعدتها.")
    named = [m.surface for m in geoparse("قصفت القوات قرية العلم في ريف حمص.")
             if m.kind == "toponym"]
    assert "العلم" in named


def test_the_countryside_alone_is_the_governorate_or_town_told_before():
    ms = geoparse("دير الزور 24. وعلى ضفتي الفرات في الريف الشرقي، قُتل عنصر من قسد.")
    rel = [m for m in ms if m.kind == "relative"]
    assert [(m.relation, m.anchor_name) for m in rel] == [("east_countryside",
                                                          "Deir ez-Zor Governorate")]
    assert "الشرقي" not in [m.surface for m in ms if m.kind == "toponym"]
    town = [m for m in geoparse("سيّرت دورية في مدينة المالكية، ثم جالت في الريف الغربي للمدينة.")
            if m.kind == "relative"]
    assert [(m.relation, m.anchor_name) for m in town] == [("west_countryside", "Al Mālikīyah")]

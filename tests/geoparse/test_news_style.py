"""English news style, Arabic lists, head nouns, the document prior and what is not a place."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

from geo_deconflict.geoparse import geoparse


def _tops(text):
    return [m for m in geoparse(text) if m.kind == "toponym"]


def _found(text):
    return [(m.surface, m.place.id, m.metonymic) for m in _tops(text)]


# -- English news style ---------------------------------------------------------------------
def test_us_and_uk_are_metonymic_country_mentions():
    ms = _found("Turkish and U.S. troops met as US officials and the UK said they would stay.")
    assert ("U.S.", "country:US", True) in ms and ("US", "country:US", True) in ms
    assert ("UK", "country:GB", True) in ms
    assert not _tops("Let us know, he told us.")   # the pronoun is no country


def test_acronyms_are_not_places():
    assert not _tops("the state news agency TASS reported, citing SANA and NATO")


@pytest.mark.parametrize(("text", "place_id"), [
    ("GENEVA (AsiaNews/Agencies) - The talks resumed.", "gn:2660646"),
    ("ISTANBUL (Reuters) - Turkey said the patrols began.", "gn:745044"),
    ("BEIRUT — Officials said the road was closed.", "gn:276781"),
])
def test_upper_case_datelines(text, place_id):
    first = _tops(text)[0]
    assert first.place.id == place_id and first.start == 0 and not first.metonymic


def test_hyphenated_compounds():
    ms = _found("Iran-backed militias and Turkish-backed factions moved along the "
                "Baghdad-Damascus highway, the Aleppo-Latakia road and the Qamishli-Derik sector.")
    assert ("Iran", "country:IR", True) in ms                  # the state that backs them
    assert ("Baghdad", "gn:98182", False) in ms and ("Damascus", "gn:170654", False) in ms
    assert ("Aleppo", "gn:170063", False) in ms and ("Latakia", "gn:173576", False) in ms
    assert ("Qamishli", "gn:173377", False) in ms and ("Derik", "gn:173530", False) in ms
    assert not [m for m in geoparse("They clashed near Iran-backed militias.")
                if m.kind == "relative"]                       # the militias are near, not Iran


@pytest.mark.parametrize("text", ["Israeli jets struck the T4 airbase.",
                                  "Missiles hit the T-4 base in Homs.",
                                  "قصفت طائرات مطار تي فور في ريف حمص"])
def test_spelled_out_alphanumerics(text):
    assert _tops(text)[0].place.id == "site:tiyas_air_base"


def test_the_m4_highway():
    ms = _found("The patrol on the M-4 Highway ran along the M4 between Saraqib and Ariha.")
    assert [m[1] for m in ms[:2]] == ["site:m4_highway", "site:m4_highway"]


# -- head nouns -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "surface", "place_id"), [
    ("قصفت المدفعية سد البعث غرب الرقة", "سد البعث", "site:baath_dam"),
    ("فجر التنظيم جسر قره قوزاق على الفرات", "جسر قره قوزاق", "site:qara_qozak_bridge"),
    ("سيطرت القوات على حقل كونيكو شرق دير الزور", "حقل كونيكو", "site:conoco_gas_plant"),
    ("عبرت الشاحنات معبر حسرات قرب البوكمال", "حسرات", "site:hasrat_crossing"),
    ("US jets struck near the Baath dam at dawn.", "Baath dam", "site:baath_dam"),
    ("Forces reached the Tabqa dam on Sunday.", "Tabqa dam", "site:tabqa_dam"),
])
def test_features_with_a_head_noun(text, surface, place_id):
    m = next(m for m in _tops(text) if m.place.id == place_id)
    assert text[m.start:m.end] == surface


def test_a_feature_missing_from_the_table_takes_its_namesakes_point():
    m = _tops("وصلت التعزيزات إلى سد منبج شرق حلب")[0]
    assert m.surface == "سد منبج" and m.place.id == "gn:167357"


# -- Arabic lists ----------------------------------------------------------------------------
def test_names_in_a_list_with_wa_are_places_when_their_neighbours_are():
    ms = _found("سيطرت القوات على القورية والعشارة والبوكمال")
    assert [m[0] for m in ms] == ["القورية", "العشارة", "البوكمال"]
    assert not _tops("قال إن الباب مفتوح والحرية مطلب")          # words, not a list of places


def test_a_plural_head_governs_its_list():
    ms = _found("في أجزاء من محافظات حماة وحمص واللاذقية")
    assert [m[1] for m in ms] == ["gov:SY-HM", "gov:SY-HI", "gov:SY-LA"]


# -- what is not a place ---------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "أصيب أفراد الطاقم بجروح طفيفة",          # بجروح: wounded, not a village «جروح»
    "على أن تنجز بحلول منتصف الشهر",           # بحلول: by, not «حلول»
    "والرابعة في أجزاء من البلاد",              # an ordinal
    "ينتج الحقل ثلاثين ألف برميل يومياً",       # a barrel
    "وبحسب مجلس مدينة سراقب فإن القصف استمر",   # a council named after its town
    "said an official of the Manbij Military Council",
    "في تشرين الأول الماضي",                    # a month
])
def test_words_that_are_also_village_names(text):
    assert not _tops(text)


def test_nisba_after_a_broken_plural_is_an_adjective():
    assert not _tops("قصفت الطائرات مواقع سورية أخرى")


# -- relative expressions ----------------------------------------------------------------------
@pytest.mark.parametrize("text", ["تأمين محيط المدينة بعمق 3 كلم",
                                  "باتت القوات على بعد 3 كيلومترات منه",
                                  "مسار طوله 38 كم وعمقه 9 كم",
                                  "منطقة بعمق 15 – 20 كلم"])
def test_lengths_depths_and_pronoun_anchors_are_not_places(text):
    assert not [m for m in geoparse(text) if m.kind == "relative"]


def test_a_compass_bank_and_a_direction_before_the_countryside():
    rel = next(m for m in geoparse("على الضفة الشرقية لنهر الفرات") if m.kind == "relative")
    assert rel.relation == "east_bank" and rel.place.id == "river:euphrates"
    rel = next(m for m in geoparse("ومناطق شمال شرقي ريف اللاذقية") if m.kind == "relative")
    assert rel.relation == "northeast_countryside" and rel.place.id == "gov:SY-LA"
    assert not [m for m in geoparse("في مدينة إدلب شمالي البلاد") if m.kind == "relative"]


# -- the document prior ------------------------------------------------------------------------
def test_a_village_resolves_towards_the_reports_area():
    text = ("تقدمت القوات من دير الزور وسيطرت على قرية الجنينة المقابلة للمدينة، "
            "بعد اشتباكات في حطلة ومراط.")
    m = next(m for m in _tops(text) if m.surface == "الجنينة")
    assert m.place.country == "SY" and m.place.admin1 == "SY-DY" and not m.doubtful


def test_a_small_place_far_from_the_report_is_doubtful():
    text = "قصفت الطائرات مدينة دير الزور والميادين والبوكمال، ثم قصفت قرية عين البيضا."
    far = [m for m in _tops(text) if m.doubtful]
    assert far and all(m.place.population < 15_000 for m in far)
    assert all("doubtful" in m.to_dict() for m in _tops(text))


def test_a_weak_village_far_from_everything_is_dropped():
    # «وجاءت» (and it came) is also a village «جاءت» far from al-Tanf: a verb here
    text = "قالت المصادر إن الضربة وقعت قرب بلدة التنف وجاءت بعد طلقات تحذيرية"
    assert [m.surface for m in _tops(text)] == ["التنف"]


@pytest.mark.parametrize(("text", "surface", "metonymic"), [
    # a partner in talks is a government, even a Syrian capital
    ("The Kurdish-led force reached a deal with Damascus on Sunday", "Damascus", True),
    ("وأبرمت الإدارة الذاتية اتفاقاً مع دمشق برعاية روسية", "دمشق", True),
    ("Shells fell on a road near Damascus", "Damascus", False),
    # a state named before what it fields, or with a possessive
    ("Witnesses saw Russia jets over the valley", "Russia", True),
    ("after the withdrawal of U.S. troops from the base", "U.S.", True),
    ("the first stage of Turkey's offensive east of the river", "Turkey", True),
    ("the oil fields of Syria's east", "Syria", False),
    # a state that receives arms
    ("وقررت موسكو تزويد سوريا بصواريخ جديدة", "سوريا", True),
])
def test_metonymy_from_partners_modifiers_and_recipients(text, surface, metonymic):
    hits = [m for m in geoparse(text) if m.surface == surface and m.kind == "toponym"]
    assert len(hits) == 1, [(m.surface, m.kind) for m in geoparse(text)]
    assert hits[0].metonymic is metonymic


@pytest.mark.parametrize(("text", "surface", "name"), [
    ("Al-Hol camp holds thousands of families", "Al-Hol", "Al Ḩawl"),
    ("Sukkariyah village was shelled overnight", "Sukkariyah", "Sukkariyah"),
    ("Hajin area saw heavy fighting", "Hajin", "Hajīn"),
])
def test_a_head_after_an_english_name_is_a_place_cue(text, surface, name):
    hits = [m for m in geoparse(text) if m.kind == "toponym"]
    assert [(m.surface, m.place.name_en) for m in hits] == [(surface, name)]
    assert hits[0].place.country == "SY"


def test_compass_words_as_adjectives_name_a_part():
    ms = geoparse("The first joint patrol in northeast Syria passed without incident")
    rel = next(m for m in ms if m.kind == "relative")
    assert (rel.surface, rel.relation) == ("northeast Syria", "northeast_part")
    assert rel.geometry.contains(Point(41.2, 37.0))          # Qamishli is in it
    assert not rel.geometry.contains(Point(36.3, 33.5))      # Damascus is not


@pytest.mark.parametrize(("text", "surface", "relation"), [
    ("تواصل القوات عملياتها في أقصى شرقي سوريا قرب الحدود", "أقصى شرقي سوريا", "east_part"),
    ("Patrols resumed in the far northeast of Syria on Monday", "far northeast of Syria",
     "northeast_part"),
])
def test_the_far_part_of_a_country_is_the_outer_part_of_that_part(text, surface, relation):
    far = next(m for m in geoparse(text) if m.kind == "relative")
    assert (far.surface, far.relation) == (surface, relation)
    plain = next(m for m in geoparse(text.replace("أقصى ", "").replace("far ", ""))
                 if m.kind == "relative")
    assert far.geometry.area < 0.6 * plain.geometry.area
    assert far.geometry.difference(plain.geometry).area < 1e-6 * far.geometry.area   # inside
    assert far.lon > plain.lon


def test_a_known_city_far_away_is_not_doubtful():
    sochi = next(m for m in geoparse("Kurdish fighters were shelled near Kobani after a deal "
                                     "reached in Sochi") if m.surface == "Sochi")
    assert sochi.place.country == "RU" and not sochi.doubtful

"""Geoparser tests on sentences written for them (Arabic and English), one construction each."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from shapely.geometry import Point

from geo_deconflict.cli import cli
from geo_deconflict.geo import layers
from geo_deconflict.geo.geodesy import GEOD
from geo_deconflict.geoparse.core import RELATIONS, Mention, geoparse


def _tops(text):
    return [m for m in geoparse(text) if m.kind == "toponym"]


def _rels(text):
    return [m for m in geoparse(text) if m.kind == "relative"]


def _one(text, surface):
    hits = [m for m in geoparse(text) if m.surface == surface]
    assert len(hits) == 1, [(m.surface, m.kind) for m in geoparse(text)]
    return hits[0]


# -- spans: offsets into the unmodified text, clitics and heads left out -------------------------
@pytest.mark.parametrize(("text", "surface", "name"), [
    ("تقدمت القوات وبالرقة اشتباكات", "الرقة", "Raqqa"),
    ("دارت معارك عنيفة وبدير الزور", "دير الزور", "Deir ez-Zor"),
    ("تتدفق مياه للفرات من تركيا", "لفرات", "Euphrates"),  # ل + ال: only the ل is cut
    ("وصلت التعزيزات إلى مدينة منبج صباحاً", "منبج", "Manbij"),
    ("أعلنت السلطات حظر التجول في محافظة دير الزور", "دير الزور", "Deir ez-Zor Governorate"),
    ("عبرت القوات نهر الفرات ليلاً", "الفرات", "Euphrates"),
    ("قصفت الطائرات بلدة جرابلس", "جرابلس", "Jarabulus"),
    ("Shelling hit the city of Manbij overnight", "Manbij", "Manbij"),
    ("Troops moved into al-Tanf on Monday", "al-Tanf", "al-Tanf"),
])
def test_span_excludes_clitics_and_generic_heads(text, surface, name):
    m = _one(text, surface)
    assert text[m.start:m.end] == m.surface == surface
    assert m.place.name_en == name


def test_offsets_survive_diacritics_and_tatweel():
    text = "وَبِالرَّقَّة قُتل ثلاثة، وفي حـلـب اثنان"
    for m in _tops(text):
        assert text[m.start:m.end] == m.surface
    names = [m.place.name_en for m in _tops(text)]
    assert names == ["Raqqa", "Aleppo"]


def test_every_offset_matches_on_a_long_mixed_text():
    text = ("قالت موسكو إن طائراتها قصفت مواقع شرق الفرات، على بعد ٢٠ كم من البوكمال. "
            "Washington said its forces near Manbij were not hit.\n"
            "وفي ريف إدلب الجنوبي تجددت الاشتباكات قرب مدينة سراقب.")
    ms = geoparse(text)
    assert len(ms) >= 8
    assert all(text[m.start:m.end] == m.surface for m in ms)
    assert [m.start for m in ms] == sorted(m.start for m in ms)


# -- what is not a toponym ---------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "اتهمت قوات سوريا الديمقراطية الطيران الروسي بقصف مواقعها",
    "أطلقت قوات النخبة عملية غضب الفرات بدعم من التحالف",
    "تسيطر هيئة تحرير الشام على الطريق الدولي",
    "عقد حلف شمال الأطلسي اجتماعاً طارئاً",
    "دعت الأمم المتحدة إلى هدنة إنسانية",
    "قال البنتاغون إن البيت الأبيض لم يقرر بعد",
    "نقلت وكالة الأناضول عن مصادر محلية",
    "قال المسؤول السوري إن الجنود الروس والأتراك انسحبوا",
    "هاجمت قوات حكومية سورية مواقع المعارضة",
    "قدم وفد روسيًّا مقترحاً جديداً",
    "قال الرئيس فلاديمير بوتين إن الدولة لن تتراجع وكان البيان واضحاً",
    "دعا المبعوث إلى وقف فوري لإطلاق النار",
    "The Syrian Democratic Forces and the Pentagon said the White House was briefed.",
    "The Kremlin said Hayat Tahrir al-Sham fighters attacked army posts.",
])
def test_organisations_adjectives_and_common_words_are_not_toponyms(text):
    assert _tops(text) == []


def test_sdf_inside_a_sentence_leaves_the_real_toponym():
    tops = _tops("هاجمت قوات سوريا الديموقراطية مواقع التنظيم في سوريا")
    assert [m.surface for m in tops] == ["سوريا"]
    assert tops[0].start > 30


# -- city vs governorate ----------------------------------------------------------------------------------
def test_bare_name_is_the_town_and_province_words_give_the_governorate():
    assert _one("اشتباكات في حماة", "حماة").place.feature_class == "P"
    assert _one("اشتباكات في محافظة حماة", "حماة").place.feature_code == "ADM1"
    assert _one("Clashes in Hama province", "Hama").place.feature_code == "ADM1"
    rural = _one("غارات على ريف حماة", "حماة")
    assert rural.place.feature_code == "ADM1" and rural.relation == "countryside"
    town = _one("Shelling in Hama", "Hama")
    assert town.place.feature_class == "P"
    assert any(c.place.feature_code == "ADM1" for c in town.candidates)  # runner-up kept


def test_small_places_need_context_but_big_ones_do_not():
    assert _tops("ذكرت مصادر أن الصور التي نشرت تظهر الدمار") == []
    assert [m.place.name_en for m in _tops("دارت اشتباكات في الميادين")] == ["Al Mayādīn"]
    assert _tops("الباب مفتوح أمام المفاوضات") == []
    assert [m.place.name_en for m in _tops("دخلت القوات مدينة الباب")] == ["Al Bāb"]


def test_fuzzy_spelling_after_a_generic_head():
    # "Ain Issa" itself is a curated name of Ayn Issa; "Ain Essa" is a misspelling of it
    m = _one("The convoy was hit near the village of Ain Essa.", "Ain Essa")
    assert m.place.country == "SY" and m.score < 0.9


# -- bases and towns of the deconfliction story ---------------------------------------------------
def test_air_base_and_border_town_in_one_sentence():
    text = "أقلعت الطائرات من قاعدة حميميم وقصفت مواقع قرب الباغوز على الحدود العراقية"
    tops = _tops(text)
    assert [(m.surface, m.place.id) for m in tops] == [
        ("حميميم", "site:hmeimim_air_base"), ("الباغوز", "site:baghuz_fawqani")]
    assert all(text[m.start:m.end] == m.surface for m in tops)
    near = _one(text, "قرب الباغوز")
    assert near.relation == "near" and near.place.id == "site:baghuz_fawqani"
    assert near.geometry.contains(Point(40.95, 34.46))


def test_air_bases_named_in_english():
    text = ("Russian jets flew from Hmeimim to strike Jabal al-Zawiya, while US troops left "
            "the Tabqa Air Base and Kuweires.")
    assert [m.place.id for m in _tops(text)] == [
        "site:hmeimim_air_base", "site:jabal_al_zawiya", "country:US", "site:tabqa_air_base",
        "site:kuweires_air_base"]


@pytest.mark.parametrize(("text", "surface", "place_id"), [
    # a place whose own name includes the head is what the whole name means ...
    ("وصلت تعزيزات إلى مطار دير الزور", "دير الزور", "site:deir_ez_zor_air_base"),
    ("غارة على مطار الطبقة فجراً", "الطبقة", "site:tabqa_air_base"),
    ("رست سفن حربية في قاعدة طرطوس", "طرطوس", "site:tartus_naval_facility"),
    ("عاد النازحون عبر معبر التنف", "التنف", "site:al_tanf_crossing"),
    ("اشتباكات في بلدة الصور شرق الخابور", "الصور", "site:al_suwar"),
    ("استهدفت صواريخ مطار الشعيرات ومطار التيفور", "التيفور", "site:tiyas_air_base"),
    # ... while a head that is not part of a name still only says what kind of place it is
    ("وصلت تعزيزات إلى مدينة دير الزور", "دير الزور", "gn:170794"),
    ("دخلت القوات مدينة الطبقة", "الطبقة", "gn:172374"),
    ("وصلت التعزيزات إلى قاعدة التنف", "التنف", "site:al_tanf_garrison"),
])
def test_a_head_that_is_part_of_the_name_picks_that_place(text, surface, place_id):
    m = _one(text, surface)
    assert text[m.start:m.end] == surface       # the span still leaves the head out
    assert m.place.id == place_id


@pytest.mark.parametrize(("text", "surface", "place_id"), [
    ("حطت طائرة شحن في مطار دير الزور العسكري", "مطار دير الزور العسكري",
     "site:deir_ez_zor_air_base"),
    # «الشعيرات» and «أبو حجر» are also villages (Who's On First): the head leaves the span,
    # as for «مطار دير الزور», and the whole name still picks the airfield
    ("استهدفت صواريخ مطار الشعيرات ومطار التيفور", "الشعيرات", "site:shayrat_air_base"),
    ("وصلت التعزيزات إلى مطار أبو حجر قرب رميلان", "أبو حجر", "site:abu_hajar_airfield"),
])
def test_a_name_only_known_with_its_head_keeps_the_head_in_its_span(text, surface, place_id):
    # «مطار دير الزور العسكري» is longer than the city's name inside it
    m = _one(text, surface)
    assert text[m.start:m.end] == surface and m.place.id == place_id


@pytest.mark.parametrize("text", [
    "أظهرت الصور التي نشرها الناشطون حجم الدمار",     # الصور: pictures, not al-Suwar
    "قال أبو حجر إن المفاوضات توقفت",                 # a kunya, not the Abu Hajar airfield
    "تتضرر الشعيرات الدموية في الرئتين",               # capillaries, not Shayrat
])
def test_story_names_that_are_also_words_are_not_places(text):
    assert _tops(text) == []


# -- metonymy ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "surface", "metonymic"), [
    ("قالت موسكو إنها طلبت من واشنطن وقف الغارات", "موسكو", True),
    ("قالت موسكو إنها طلبت من واشنطن وقف الغارات", "واشنطن", True),
    ("اتهمت أنقرة الفصائل بخرق الهدنة", "أنقرة", True),
    ("التحالف الذي تقوده الولايات المتحدة", "الولايات المتحدة", True),
    ("قوات مدعومة من روسيا", "روسيا", True),
    ("وصل الوفد إلى موسكو مساء أمس", "موسكو", False),
    ("عقد الاجتماع في أنقرة", "أنقرة", False),
    ("تظاهر المئات بالعاصمة بيروت", "بيروت", False),
    ("قصفت الطائرات مواقع في سوريا", "سوريا", False),
    ("أعادت البوكمال فتح المعبر الحدودي مع العراق", "العراق", False),
    ("Moscow said the strikes hit only militants", "Moscow", True),
    ("The talks were held in Moscow last week", "Moscow", False),
    ("Turkey and Russia agreed a ceasefire", "Turkey", True),
])
def test_metonymy(text, surface, metonymic):
    m = _one(text, surface)
    assert m.metonymic is metonymic
    assert m.place is not None and m.lon is not None  # metonymic mentions are still resolved
    assert m.is_event_location is (not metonymic)


def test_coordinated_actors_share_the_reading():
    tops = _tops("تتنافس الولايات المتحدة وإيران وروسيا على النفوذ")
    assert [m.metonymic for m in tops] == [True, True, True]
    tops = _tops("يقع المعبر قرب حدود سوريا والأردن والعراق")
    assert [m.metonymic for m in tops] == [False, False, False]


def test_dateline_is_literal():
    tops = _tops("واشنطن، الولايات المتحدة (رويترز) -- قالت واشنطن إن ...")
    assert [m.metonymic for m in tops] == [False, False, True]


# -- relative expressions ------------------------------------------------------------------------------
def _east_bank():
    return layers.find_feature("Raqqa", layers=("towns",)).geometry  # Raqqa is on the left bank


@pytest.mark.parametrize(("text", "surface", "relation", "anchor"), [
    ("تنتشر القوات شرق نهر الفرات", "شرق نهر الفرات", "east_of", "Euphrates"),
    ("وتعمل القوات الروسية غربي الفرات", "غربي الفرات", "west_of", "Euphrates"),
    ("على طول الضفة اليسرى لنهر الفرات", "الضفة اليسرى لنهر الفرات", "left_bank", "Euphrates"),
    ("عبرت إلى الضفة الشرقية للفرات", "الضفة الشرقية للفرات", "east_bank", "Euphrates"),
    ("هجوم في ريف حماة الشمالي الشرقي", "ريف حماة الشمالي الشرقي", "northeast_countryside",
     "Hama Governorate"),
    ("معارك في الريف الجنوبي لإدلب", "الريف الجنوبي لإدلب", "south_countryside",
     "Idlib Governorate"),
    ("غارات بريف دير الزور", "ريف دير الزور", "countryside", "Deir ez-Zor Governorate"),
    ("تقدم في شمال سوريا", "شمال سوريا", "north_part", "Syria"),
    ("معارك جنوب شرق سوريا", "جنوب شرق سوريا", "southeast_part", "Syria"),
    ("وصلت تعزيزات قرب مدينة منبج", "قرب مدينة منبج", "near", "Manbij"),
    ("انفجار بالقرب من جرابلس", "بالقرب من جرابلس", "near", "Jarabulus"),
    ("تمركزت على مقربة من التنف", "على مقربة من التنف", "near", "al-Tanf"),
    ("اشتباكات في محيط تدمر", "محيط تدمر", "near", "Palmyra"),
    ("سقطت قذيفة على بعد ٣٠ كم جنوب الرقة", "على بعد ٣٠ كم جنوب الرقة", "south_of", "Raqqa"),
    ("تبعد البلدة نحو 20 كيلومتراً شمال غربي حماة", "نحو 20 كيلومتراً شمال غربي حماة",
     "northwest_of", "Hama"),
    ("كمين على بعد 12 كيلومترا من القامشلي", "على بعد 12 كيلومترا من القامشلي", "within_km",
     "Qamishli"),
    ("US troops deployed north of Manbij", "north of Manbij", "north_of", "Manbij"),
    ("SDF positions east of the Euphrates River", "east of the Euphrates River", "east_of",
     "Euphrates"),
    ("a convoy 30 km south of Raqqa", "30 km south of Raqqa", "south_of", "Raqqa"),
    ("within 55 km of al-Tanf", "within 55 km of al-Tanf", "within_km", "al-Tanf"),
    ("fighting in the northern Hama countryside", "northern Hama countryside",
     "north_countryside", "Hama Governorate"),
    ("on the left bank of the Euphrates", "left bank of the Euphrates", "left_bank",
     "Euphrates"),
    ("clashes near Jarabulus", "near Jarabulus", "near", "Jarabulus"),
    ("air strikes in northern Syria", "northern Syria", "north_part", "Syria"),
])
def test_relative_expressions(text, surface, relation, anchor):
    rel = _one(text, surface)
    assert rel.kind == "relative" and rel.relation == relation and rel.relation in RELATIONS
    assert rel.place.name_en == anchor and rel.anchor_name
    assert rel.geometry is not None and rel.geometry.geom_type in ("Polygon", "MultiPolygon")
    if relation == "within_km":   # a ring: its point is the centre it is measured from
        assert (rel.lon, rel.lat) == (rel.place.lon, rel.place.lat)
    else:                         # else the point stands inside its area
        assert rel.geometry.covers(Point(rel.lon, rel.lat))
    assert rel.precision in (2, 3)
    # the anchor is a toponym of its own, inside the expression, carrying the relation
    inner = [m for m in geoparse(text) if m.kind == "toponym" and m.relation == relation]
    assert inner and rel.start <= inner[0].start and inner[0].end <= rel.end


def test_banks_and_sides_are_the_right_halves():
    raqqa = _east_bank()
    deir = layers.find_feature("Deir ez-Zor", layers=("towns",)).geometry
    left = _one("على الضفة اليسرى لنهر الفرات", "الضفة اليسرى لنهر الفرات").geometry
    west = _one("القوات غرب الفرات", "غرب الفرات").geometry
    assert left.contains(raqqa) and not left.contains(deir)
    assert west.contains(deir) and not west.contains(raqqa)


def test_countryside_direction_and_distance_geometries():
    north = _one("في ريف دير الزور الشمالي", "ريف دير الزور الشمالي").geometry
    assert north.contains(Point(40.3, 35.6)) and not north.contains(Point(40.6, 34.8))
    ring = _one("على بعد 55 كم من التنف", "على بعد 55 كم من التنف")
    tanf = layers.find_feature("al_tanf_garrison").geometry
    assert not ring.geometry.contains(tanf) and ring.distance_m == 55_000
    south = _one("a convoy 30 km south of Raqqa", "30 km south of Raqqa")
    assert south.lat < 35.8 and abs(south.lon - 39.0) < 0.05


def test_implicit_anchors():
    text = ("تعمل القوات الروسية غرب نهر الفرات، بينما تعمل القوات الأمريكية شرقاً، "
            "ويجري التنسيق قبل العمل على الجانب الآخر من النهر.")
    rels = _rels(text)
    assert [(r.surface, r.relation, r.place.name_en) for r in rels] == [
        ("غرب نهر الفرات", "west_of", "Euphrates"), ("شرقاً", "east_of", "Euphrates"),
        ("الجانب الآخر من النهر", "other_side", "Euphrates")]
    # "the other side": across from the side named last (east), so the west bank
    deir = layers.find_feature("Deir ez-Zor", layers=("towns",)).geometry
    assert rels[2].geometry.contains(deir) and not rels[2].geometry.contains(_east_bank())
    text = "تقاتل القوات في مدينة دير الزور، فيما تتقدم الفصائل في شرق المحافظة."
    rel = _one(text, "شرق المحافظة")
    assert rel.relation == "east_part" and rel.place.name_en == "Deir ez-Zor Governorate"
    text = "تقع قاعدة التنف قرب الحدود، وتمتد المنطقة على بعد 55 كم من القاعدة."
    rel = _one(text, "على بعد 55 كم")
    assert rel.relation == "within_km" and rel.place.name_en == "al-Tanf"
    text = "قصفت الطائرات شرق الفرات، لكن بعض الضربات أصابت مناطق قريبة."
    rel = _one(text, "مناطق قريبة")
    assert rel.relation == "near" and "Euphrates" in rel.anchor_name


def test_border_of_countries_named_by_nisba_or_by_name():
    a = _one("تقع القاعدة بالقرب من الحدود السورية الأردنية العراقية",
             "بالقرب من الحدود السورية الأردنية العراقية")
    b = _one("تقع القاعدة بالقرب من حدود سوريا والأردن والعراق",
             "بالقرب من حدود سوريا والأردن والعراق")
    for rel in (a, b):
        assert rel.relation == "near" and "Jordan" in rel.anchor_name
        assert rel.geometry.contains(Point(38.7745, 33.3717))  # the tripoint
    c = _one("Clashes near the Syrian-Turkish border", "near the Syrian-Turkish border")
    assert c.anchor_name == "Syria–Turkey border"


def test_a_relative_without_an_anchor_abstains_alone():
    ms = geoparse("تقدمت القوات شرقاً نحو مناطق جديدة في سوريا")
    assert [m.surface for m in ms] == ["سوريا"]  # no earlier direction: شرقاً is not a place
    ms = geoparse("سقطت القذائف على بعد 5 كم")   # no antecedent: nothing, and no error
    assert ms == []


def test_precision_codes():
    ms = {m.surface: m for m in geoparse("قصف قرب منبج وفي حلب وفي محافظة إدلب وفي شرق سوريا")}
    assert ms["منبج"].precision == 1 and ms["قرب منبج"].precision == 2
    assert ms["إدلب"].precision == 3 and ms["شرق سوريا"].precision == 3


# -- value object, errors, CLI --------------------------------------------------------------------
def test_mention_validates_and_serialises():
    with pytest.raises(ValueError, match="kind"):
        Mention(start=0, end=1, surface="x", kind="place")
    with pytest.raises(ValueError, match="span"):
        Mention(start=5, end=1, surface="x", kind="toponym")
    m = _one("قرب منبج", "قرب منبج")
    d = m.to_dict(doc="a")
    assert d["relation"] == "near" and d["anchor_id"] == "gn:167357" and d["doc"] == "a"
    assert json.loads(json.dumps(m.to_feature()))["geometry"]["type"] == "Polygon"
    with pytest.raises(TypeError, match="str"):
        geoparse(b"bytes")
    assert geoparse("") == [] and geoparse("لا شيء هنا") == []


def test_cli_jsonl_and_geojson(runner, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("غارات شرق نهر الفرات قرب دير الزور", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Moscow said jets struck targets north of Manbij.", encoding="utf-8")
    result = runner.invoke(cli, ["geoparse", str(a), str(b)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    needed = {"doc", "start", "end", "surface", "name", "lat", "lon", "feature_class",
              "precision", "score", "metonymic", "relation"}
    assert all(needed <= set(r) for r in rows)
    assert {r["doc"] for r in rows} == {"a", "b"}
    text = a.read_text(encoding="utf-8")
    assert all(text[r["start"]:r["end"]] == r["surface"] for r in rows if r["doc"] == "a")
    out = tmp_path / "m.geojson"
    result = runner.invoke(cli, ["geoparse", str(a), "--format", "geojson", "-o", str(out)])
    assert result.exit_code == 0, result.output
    fc = json.loads(out.read_text(encoding="utf-8"))
    kinds = {f["properties"]["kind"]: f["geometry"]["type"] for f in fc["features"]}
    assert kinds["relative"] == "Polygon" and kinds["toponym"] == "Point"
    again = runner.invoke(cli, ["geoparse", str(a), "-o", str(out)])
    assert again.exit_code == 1 and "--force" in again.output


def test_cli_stdin_and_errors(runner, tmp_path):
    result = runner.invoke(cli, ["geoparse", "-"], input="اشتباكات في منبج")
    assert result.exit_code == 0 and '"doc": "stdin"' in result.output
    missing = tmp_path / "nope.txt"
    result = runner.invoke(cli, ["geoparse", str(missing)])
    assert result.exit_code == 1 and "nope.txt" in result.output
    assert "Traceback" not in result.output
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("caf\xe9".encode("latin-1"))
    result = runner.invoke(cli, ["geoparse", str(bad)])
    assert result.exit_code == 1 and "UTF-8" in result.output
    out = tmp_path / "never.jsonl"
    result = runner.invoke(cli, ["geoparse", str(missing), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()


@pytest.mark.parametrize(("text", "surface", "relation", "anchor_words"), [
    # a part of a town named by a noun and a direction adjective
    ("تقدمت القوات نحو الأطراف الشرقية لمدينة الميادين", "الأطراف الشرقية لمدينة الميادين",
     "east_part", {"mayadin"}),
    ("اشتباكات عند المدخل الجنوبي لبلدة هجين", "المدخل الجنوبي لبلدة هجين", "south_part",
     {"hajin"}),
    ("fighting on the northern outskirts of Raqqa", "the northern outskirts of Raqqa",
     "north_part", {"raqqa"}),
    ("a checkpoint at the western entrance to Palmyra", "the western entrance to Palmyra",
     "west_part", {"palmyra"}),
    # English "X of Y" lies beyond Y; "the X of Y" is a part of it
    ("troops massed east of the Golan", "east of the Golan", "east_of", {"golan"}),
    ("rebels in the north of Syria", "north of Syria", "north_part", {"syria"}),
    ("an outpost five km to the west of Manbij", "five km to the west of Manbij", "west_of",
     {"manbij"}),
    # a distance from a border, and a distance verb
    ("انسحبت الوحدات إلى عمق 20 كم عن الحدود السورية مع تركيا",
     "عمق 20 كم عن الحدود السورية مع تركيا", "within_km", {"syria", "turkey"}),
    ("قصفت موقعاً يبعد 25 كيلومتراً عن الحدود مع الأردن",
     "يبعد 25 كيلومتراً عن الحدود مع الأردن", "distance_from", {"syria", "jordan"}),
    # where three countries' borders meet
    ("غارة قرب المثلث الحدودي مع الأردن والعراق", "المثلث الحدودي مع الأردن والعراق",
     "tri_border", {"syria", "iraq", "jordan"}),
    ("patrols in the tri-border area with Turkey and Iraq",
     "the tri-border area with Turkey and Iraq", "tri_border", {"syria", "turkey", "iraq"}),
])
def test_parts_borders_and_tripoints(text, surface, relation, anchor_words):
    rel = _one(text, surface)
    assert rel.kind == "relative" and rel.relation == relation and relation in RELATIONS
    folded = unicodedata.normalize("NFKD", rel.anchor_name.replace("–", " ")).encode("ascii", "ignore").decode()
    words = set(re.split(r"[^a-z]+", folded.lower()))
    assert anchor_words <= words, rel.anchor_name
    assert rel.geometry is not None and not rel.geometry.is_empty


def test_a_tripoint_is_where_the_three_borders_meet():
    """The Syria–Iraq–Jordan tripoint is computed from the country outlines, not looked up:
    about (38.79 E, 33.37 N), beside al-Tanf."""
    rel = _one("غارة قرب المثلث الحدودي مع الأردن والعراق", "المثلث الحدودي مع الأردن والعراق")
    tanf = Point(38.6182, 33.5044)           # 20.7 km from the tripoint
    assert rel.geometry.distance(Point(38.7745, 33.3717)) == 0
    assert not rel.geometry.contains(tanf)   # the area reaches 15 km (NEAR_M["border"])
    assert rel.geometry.contains(Point(*GEOD.fwd(38.7745, 33.3717, 315, 12_000)[:2]))
    north = _one("عند المثلث الحدودي السوري التركي العراقي", "المثلث الحدودي السوري التركي العراقي")
    assert 42.0 < north.lon < 42.6 and 36.9 < north.lat < 37.3   # near Faysh Khabur


def test_a_border_with_one_neighbour_is_its_border_with_syria():
    near = _one("تعزيزات قرب الحدود مع العراق", "قرب الحدود مع العراق")
    assert near.anchor_name == "Syria–Iraq border"
    band = near.geometry
    assert band.contains(Point(41.0, 34.45))       # al-Qaim crossing, on the border
    assert not band.contains(Point(44.36, 33.31))  # Baghdad: on no border with Syria
    turkish = _one("clashes near the Turkish border", "near the Turkish border")
    assert turkish.anchor_name == "Syria–Turkey border"


def test_the_article_comes_and_goes_towards_the_reports_area():
    """Only an Aleppo village is spelled «الجفرة» in the gazetteer, and the Deir ez-Zor one
    «جفرة»: in a report about Deir ez-Zor the nearby one is meant, whichever the spelling."""
    text = "قصفت الطائرات بلدة خشام وقرية الجفرة شرق مدينة دير الزور"
    jafra = _one(text, "الجفرة")
    assert jafra.place.name_en == "Jafrah" and jafra.place.admin1 == "SY-DY"
    assert not jafra.doubtful
    assert any(c.place.name_en == "Al Jafrah" for c in jafra.candidates)  # kept as runner-up
    alone = _one("وصلت تعزيزات إلى قرية الجفرة في ريف حلب الشرقي", "الجفرة")
    assert alone.place.admin1 == "SY-HL"    # the Aleppo one where the report is about Aleppo


def test_a_two_letter_first_word_after_a_proclitic():
    """«لتل أبيض» is ل + «تل أبيض»: the first word is two letters once ل is off."""
    ms = geoparse("وصلت التعزيزات لتل أبيض وبتل تمر")
    assert [m.place.name_en for m in ms if m.kind == "toponym"] == ["Tall Abyaḑ", "Tell Tamer"]
    assert [m.surface for m in ms] == ["تل أبيض", "تل تمر"]
    assert geoparse("ضربة بتل") == []   # a two-letter word alone names nothing


def test_adjectives_and_people_are_not_places():
    # «سورية» spells Syria, and the adjective "Syrian" after an indefinite noun
    assert [m.surface for m in geoparse("وتمدد الاتفاق إلى مناطق سورية أخرى")] == []
    assert [m.surface for m in geoparse("انسحبت من مدينة منبج السورية")] == ["منبج"]
    # a minister's surname is not Dakar by a looser key; a real foreign city still is
    assert geoparse("وقع وزير الدفاع خلوصي أكار المذكرة") == []
    assert [m.place.name_en for m in geoparse("وصل الوفد إلى داكار")] == ["Dakar"]


def test_a_name_after_a_head_by_a_looser_key():
    """After a head noun, a name that no exact key holds is looked up by its transliteration
    key or fuzzily among the region's towns; a common first word («قصر», palace) is taken only
    with the word after it."""
    trumba = _one("Shelling hit the hamlet of Trumba on Tuesday", "Trumba")
    assert trumba.place.name_en == "Turumbah" and trumba.place.country == "SY"
    qasr = _one("داهمت الدورية قرية قصر ديب فجراً", "قصر ديب")
    assert qasr.place.name_en == "Qasr ad Dib"
    assert geoparse("زار الوفد قصر الضيافة") == []   # a palace, with no head: no place


def test_a_verb_of_attack_or_entry_is_a_place_cue():
    """A small place needs a cue; "shelled X", «دخلت X» are as good as a preposition."""
    assert [m.place.name_en for m in geoparse("Rebels shelled Tal Tamr at dawn")] == \
        ["Tell Tamer"]
    assert [m.place.name_en for m in geoparse("القوات دخلت تل تمر فجراً")] == ["Tell Tamer"]
    # "took X", "strikes on X"; not "pressure on" a man
    for text in ("The SDF took al-Susah on Monday", "Damascus condemned the strikes on al-Susah"):
        assert [m.place.name_en for m in geoparse(text) if not m.metonymic] == ["As Sūsah"]
    assert geoparse("Pressure on Erdogan grew") == []


def test_a_latin_name_does_not_end_in_a_link_word():
    """"al-Susah as an act": the name is al-Susah, not a longer key its letters happen to
    spell with "as an" ("Susan")."""
    assert [m.surface for m in geoparse("Fighters withdrew to al-Susah as an escort")] == \
        ["al-Susah"]


def test_a_bare_border_is_the_one_with_the_neighbour_named_last():
    text = "Turkish troops massed on Monday. Rebels shelled a village 35 km south of the border."
    rel = _one(text, "35 km south of the border")
    assert rel.relation == "south_of" and rel.anchor_name == "Syria–Turkey border"
    band = _one("Jordan closed its crossing. A camp lies 20 km from the border.",
                "20 km from the border")
    assert band.anchor_name == "Syria–Jordan border"
    assert band.geometry.contains(Point(38.79, 33.30))       # Rukban, on that border
    assert [m for m in geoparse("وصلت تعزيزات قرب الحدود") if m.kind == "relative"] == []


def test_dual_heads_strike_nouns_and_bank_words():
    """«بلدتي X وY» heads a list; «غارات على X» places X; «الضفة» alone is a bank."""
    names = [m.place.name_en for m in geoparse("تقدمت القوات نحو بلدتي الباغوز والسوسة")
             if m.kind == "toponym"]
    assert names == ["al-Baghuz Fawqani", "As Sūsah"]
    assert [m.surface for m in geoparse("شنت الطائرات غارات على الباغوز والسوسة")] == \
        ["الباغوز", "السوسة"]
    assert geoparse("وفي الضفة المقابلة تمركزت القوات") == []


def test_a_name_opener_alone_is_not_the_town_it_may_name():
    """"Tal Shenan", "Umm al-Keif" (not in the gazetteer): no "Tal" (At Tall, near Damascus)
    nor a fuzzy "Umm"; the opener alone, or a known name it opens, still counts."""
    assert geoparse("Artillery pounded the villages of Umm al-Keif and Tal Shenan") == []
    assert [m.surface for m in geoparse("They reached Tal Tamr and Ain Issa")] == \
        ["Tal Tamr", "Ain Issa"]
    assert [m.surface for m in geoparse("Shells fell in the town of Tal on Monday")] == ["Tal"]


def test_a_name_before_a_two_word_head_after_the_takes_the_locative():
    """"at the Taftanaz air base": "at" cues the name across "the" and the head after it."""
    assert [m.surface for m in geoparse("Shells hit a post at the Taftanaz air base")] == \
        ["Taftanaz"]


def test_a_verb_that_opens_with_kaf_is_no_foreign_city():
    """«كسرت» (they broke) is no «ك» + «سرت» (Sirte, Libya)."""
    assert [m.surface for m in geoparse("وكسرت القوات حصار مدينة دير الزور")] == ["دير الزور"]


def test_a_town_whose_name_ends_like_a_demonym_is_read_after_its_head():
    """«بليون» ends like «السوريون», but after «بلدة» it is the town of Jabal al-Zawiya."""
    assert [m.surface for m in _tops("قصفت الطائرات أطراف بلدة بليون أمس")] == ["بليون"]
    assert _tops("قال مقاتلون سوريون إنهم انسحبوا") == []


def test_both_ends_of_a_span_from_one_place_to_another():
    """«المنطقة الممتدة من الشولا حتى السخنة»: two small towns named as a stretch's ends."""
    text = "نفذت القوات عمليات تمشيط في المنطقة الممتدة من الشولا حتى السخنة بحثًا عن الخلايا"
    assert [m.surface for m in _tops(text)] == ["الشولا", "السخنة"]
    assert _tops("أفاد مصدر عسكري سوري بأن الجيش تقدم حتى الفجر") == []


def test_a_village_with_many_namesakes_is_the_one_in_the_reports_area():
    """Some twenty villages are called «مشيرفة»; in a report about Ain Issa the one 3 km from
    it is meant, though it is not among the eight the plain look-up ranks first."""
    text = ("هاجمت الفصائل قرية مشيرفة شمال شرقي بلدة عين عيسى، فيما قصفت المدفعية محيط عين "
            "عيسى وقرية فاطسة في ريف الرقة الشمالي.")
    village = _one(text, "مشيرفة")
    ain_issa = next(m for m in _tops(text) if m.surface == "عين عيسى")
    assert GEOD.inv(village.lon, village.lat, ain_issa.lon, ain_issa.lat)[2] < 10_000


def test_the_autonomous_administration_is_no_village():
    text = "وفق حصيلة أعلنتها الإدارة الذاتية في مدينة الحسكة"
    assert [m.surface for m in _tops(text)] == ["الحسكة"]


def test_a_bare_name_far_away_is_the_qualified_village_near_the_report():
    """«تل الورد» names a village near Homs; by Ras al-Ain the report means «تل الورد شرقي»,
    one of a pair told apart by a qualifier."""
    text = ("اشتبكت قوات سوريا الديمقراطية مع الفصائل قرب قرية تل الورد شرق رأس العين، فيما "
            "قصفت المدفعية التركية بلدة تل تمر.")
    village, ras = _one(text, "تل الورد"), _one(text, "رأس العين")
    assert GEOD.inv(village.lon, village.lat, ras.lon, ras.lat)[2] < 30_000
    homs = _one("قصفت الطائرات قرية تل الورد في ريف حمص الشرقي", "تل الورد")
    assert homs.lat < 35.5   # with no report around it, the bare name's own village

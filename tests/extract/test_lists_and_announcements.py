"""Wording met in the thirteenth set of new reports, each in new sentences: an act near the
first of a list of places, lists that repeat the preposition, a capture announced by a noun, a
place described by «الواقعة», a source that spoke to an outlet, coordination over the line."""

from __future__ import annotations

import datetime as dt

from geo_deconflict.extract.core import extract
from geo_deconflict.geoparse.core import geoparse

PUBLISHED = dt.date(2019, 10, 15)   # a Tuesday


def _drafts(text: str) -> list:
    return [d.incident for d in extract(text, published=PUBLISHED, doc="t")]


def _places(drafts) -> list[str]:
    return [d.place_ar or d.place for d in drafts]


def test_an_act_near_the_first_of_a_list_is_drafted_at_each():
    drafts = _drafts("شنت طائرات مجهولة غارات مساء أمس على مواقع قرب بلدة الهري ومعبر القائم "
                     "الحدودي.")
    strikes = [d for d in drafts if d.kind == "airstrike"]
    assert len(strikes) == 2
    assert "الهري" in _places(strikes)[0] and _places(strikes)[1] == "القائم"


def test_a_list_that_repeats_its_preposition_or_adds_a_place():
    drafts = _drafts("وكانت قوات النظام قد انتشرت أمس في بلدة عين عيسى وفي مدينة الطبقة، "
                     "إضافة إلى بلدة تل تمر في ريف الحسكة.")
    assert [d.kind for d in drafts] == ["deployment"] * 3
    assert _places(drafts) == ["عين عيسى", "الطبقة", "تل تمر"]
    assert all(list(d.actors) == ["Syrian government"] for d in drafts)


def test_a_capture_announced_by_a_noun_is_done_by_who_announces_it():
    drafts = _drafts("وأعلنت أنقرة، أمس الاثنين، السيطرة الكاملة على مدينة تل أبيض بعد معارك "
                     "عنيفة مع مقاتلي قوات سوريا الديمقراطية.")
    capture = [d for d in drafts if d.kind == "capture"]
    assert capture and list(capture[0].actors[:2]) == ["Turkey", "SDF"]
    assert capture[0].place_ar == "تل أبيض" and capture[0].event_date == dt.date(2019, 10, 14)
    assert not [d for d in drafts if d.kind == "military_presence"]


def test_a_place_described_by_where_it_lies_is_the_place():
    # «الواقعة على بعد ...» describes Suluk; the capture is at Suluk, not 25 km from Tal Abyad
    drafts = _drafts("وتقدمت الفصائل المدعومة تركياً، صباح اليوم، نحو بلدة سلوك الواقعة على بعد "
                     "نحو 25 كيلومتراً جنوب شرقي تل أبيض، وفرضت سيطرتها عليها بعد اشتباكات.")
    capture = [d for d in drafts if d.kind == "capture"]
    assert capture and capture[0].place_ar == "سلوك"


def test_a_source_that_spoke_to_an_outlet_is_no_meeting():
    said = _drafts("وبحسب مصادر ميدانية تحدثت إلى \"المدن\"، فإن الفصائل المدعومة تركياً "
                   "قصفت اليوم بلدة تل تمر.")
    assert "meeting" not in [d.kind for d in said]
    assert "shelling" in [d.kind for d in said]


def test_coordination_over_the_channels_is_a_contact_on_the_line():
    drafts = _drafts("عبرت وحدات الجيش نهر الفرات أمس قرب دير الزور، وجرى التنسيق بشأن العبور "
                     "مع الجانب الأمريكي عبر قنوات الاتصال القائمة بين العسكريين.")
    contact = [d for d in drafts if d.kind == "hotline_contact"]
    assert contact and "United States" in contact[0].actors


def test_a_map_of_control_is_no_village():
    # «خريطة» (a map) folds like the village Khurayta: a common word, never a place alone
    assert [m.surface for m in geoparse("وسط تحولات متسارعة في خريطة السيطرة شمال الرقة")
            if m.kind == "toponym"] == ["الرقة"]
    assert [m.surface for m in geoparse("قصفت الطائرات قرية خريتا شرق الرقة")
            if m.kind == "toponym"] == ["خريتا", "الرقة"]


def test_an_ambush_and_the_largest_are_no_villages():
    text = ("قتل سبعة جنود في كمين نصبته خلايا التنظيم قرب السخنة، بعد سيطرة قسد على هجين، "
            "كبرى البلدات على الضفة الشرقية")
    assert [m.surface for m in geoparse(text) if m.kind == "toponym"] == ["السخنة", "هجين"]


def test_the_strikes_named_again_keep_who_made_them():
    # «الغارات طاولت كذلك ...»: the raids told before; «المتاخمة للحدود العراقية» names ground,
    # not Iraq
    text = ("قُتل 18 عنصراً من المليشيات الموالية لإيران جراء غارات جوية نفذتها طائرات "
            "إسرائيلية ليل الأحد على مواقع في محيط مدينة البوكمال. وأوضح المرصد أن الغارات "
            "طاولت كذلك نقاطاً في قرية الهري المتاخمة للحدود العراقية.")
    strikes = [d for d in _drafts(text) if d.kind == "airstrike"]
    assert strikes and all(d.actors[0] == "Israel" for d in strikes)
    assert not any("Iraq" in d.actors for d in strikes)


def test_no_comment_from_tel_aviv_is_israel_not_a_place():
    tops = geoparse("ولم يصدر أي تعليق رسمي من تل أبيب على الغارات")
    assert [(m.surface, m.metonymic) for m in tops] == [("تل أبيب", True)]
    assert [(m.surface, m.metonymic) for m in geoparse("وصل الوفد إلى تل أبيب أمس")] == \
        [("تل أبيب", False)]


def test_datelines_with_a_colon_or_a_region_are_never_event_places():
    from geo_deconflict.extract._segment import dateline

    for text, line in [(("AMMAN: A suicide car bomb hit a Jordanian army post near the Rukban "
                        "crossing on Tuesday."), "AMMAN: "),
                       (("ERBIL, Kurdistan Region – Russian military police entered Kobani on "
                        "Wednesday."), "ERBIL, Kurdistan Region – ")]:
        start, end = dateline(text)
        assert text[start:end] == line
        drafts = [d for d in extract(text, published=dt.date(2019, 10, 24), doc="t")]
        assert drafts and all(d.incident.place not in ("Amman", "Erbil") for d in drafts)
    assert dateline("Note: the figures are provisional.") == (0, 0)


def test_troops_described_on_the_way_that_left_withdrew():
    text = ("Meanwhile, the last US troops stationed near Kobani left on Monday, joining a convoy "
            "that headed east.")
    kinds = [d.kind for d in _drafts(text)]
    assert kinds[0] == "withdrawal"
    assert "withdrawal" not in [d.kind for d in _drafts(
        "Turkish-backed forces on the left bank of the river shelled Tal Tamr on Monday.")]


def test_a_named_bridge_is_a_place():
    tops = [m.surface for m in geoparse("Residents filmed the convoy as it crossed the Qarah "
                                        "Qawzak bridge over the Euphrates") if m.kind == "toponym"]
    assert tops == ["Qarah Qawzak", "Euphrates"]


def test_a_country_abbreviation_after_a_head_is_the_country():
    # "a town U.S. troops left": the United States' forces, not a town called "U.S."
    found = [(m.surface, m.metonymic, m.place.id if m.place else None)
             for m in geoparse("northwest of Manbij, a town U.S. troops left earlier")
             if m.kind == "toponym"]
    assert found[-1] == ("U.S.", True, "country:US")


def test_the_city_named_again_is_the_town_not_a_bearing_from_it():
    text = ("Russian military police began patrolling the line of contact northwest of Manbij "
            "on October 15, a day after regime units entered the city under a deal brokered "
            "by Moscow.")
    entry = [d for d in extract(text, published=dt.date(2019, 10, 16), doc="t")
             if d.incident.kind == "deployment"]
    assert entry and entry[0].incident.place == "Manbij"
    assert entry[0].incident.event_date == dt.date(2019, 10, 14)


def test_a_push_to_within_and_a_capture_told_as_a_gerund():
    text = ("The clash came as Syrian troops, backed by Russian air power, pushed to within about "
            "5 km of Saraqib, after capturing Maarat al-Numan last week.")
    kinds = {d.kind: d for d in _drafts(text)}
    assert "ground_offensive" in kinds and "capture" in kinds
    capture = kinds["capture"]   # Maarat al-Numan (35.64 N, 36.67 E)
    assert abs(capture.latitude - 35.64) < 0.05 and abs(capture.longitude - 36.67) < 0.05
    assert capture.actors[0] == "Syrian government"


def test_a_capture_announced_right_after_the_verb_is_the_capture():
    drafts = _drafts("وأعلنت وزارة الدفاع التركية أمس السيطرة على قرية اليابسة غرب تل أبيض.")
    assert [d.kind for d in drafts] == ["capture"]
    assert drafts[0].actors[0] == "Turkey" and drafts[0].place_ar == "اليابسة"
    # the start of a campaign, announced, stays the announcement
    assert [d.kind for d in _drafts("وأعلنت رئاسة الأركان التركية أمس انطلاق العملية العسكرية "
                                    "في عفرين.")] == ["statement"]


def test_nearby_areas_after_a_place_are_no_place_of_their_own():
    # «ومناطق قريبة من كباجب»: near the place before (the village is unknown), not a second
    # place of the list
    drafts = _drafts("ونفذت طائرات حربية روسية اليوم أكثر من 30 غارة استهدفت مواقع في بادية السخنة "
                     "بريف حمص الشرقي، ومناطق قريبة من كباجب.")
    strikes = [d for d in drafts if d.kind == "airstrike"]
    assert len(strikes) == 1 and strikes[0].actors[0] == "Russia"

"""Wording met in reports written after the development sets, each in new sentences: a deal
named after «لل» or with its signing in a relative clause, events that only frame it, a
force's post, an advance with its subject and time before the goal, a place followed by
"where", and compound nouns that only look like acts."""

from __future__ import annotations

import datetime as dt

import pytest

from geo_deconflict.extract.core import extract
from geo_deconflict.geoparse.core import geoparse

PUBLISHED = dt.date(2019, 11, 15)   # a Friday


def _drafts(text: str) -> list:
    return [d.incident for d in extract(text, published=PUBLISHED, doc="t")]


@pytest.mark.parametrize("text", [
    # the deal after «لل» (ل + ال), signed in a relative clause; the patrols only follow from it
    "وتأتي هذه الدوريات تطبيقاً للاتفاق الذي وقّعه الرئيسان الروسي والتركي في سوتشي يوم 22 تشرين الأول الماضي.",
    "وتجري الدوريات تنفيذاً لمذكرة التفاهم التي وقعها الرئيسان الروسي والتركي في سوتشي في 22 تشرين الأول.",
])
def test_a_deal_signed_in_a_relative_clause_is_the_agreement(text):
    drafts = _drafts(text)
    deal = [d for d in drafts if d.kind == "agreement"]
    assert deal and deal[0].event_date == dt.date(2019, 10, 22)
    assert set(deal[0].actors) == {"Russia", "Turkey"}
    if "تأتي" in text:   # what «تأتي» frames was told before: no event of its own
        assert len(drafts) == 1


def test_an_aim_after_lam_is_not_an_act():
    # «للسيطرة على»: what they went for, not a control already held
    kinds = [d.kind for d in _drafts(
        "ودفعت قوات النظام بتعزيزات إلى ريف إدلب الجنوبي للسيطرة على بلدة معرة النعمان.")]
    assert "military_presence" not in kinds


@pytest.mark.parametrize(("text", "place"), [
    (("With the advance, the Turkish observation post at Morek is now surrounded by "
      "government troops."), "Morek"),
    ("وباتت نقطة المراقبة التركية في بلدة مورك محاصرة من قوات النظام.", "مورك"),
    (("The convoy drove through al-Shaddadi, where U.S. forces maintain a base, before "
      "reaching the al-Omar field on the eastern bank of the Euphrates."), "al-Shaddadi"),
])
def test_a_force_s_post_or_base_is_a_presence_where_it_stands(text, place):
    presence = [d for d in _drafts(text) if d.kind == "military_presence"]
    assert presence, [d.kind for d in _drafts(text)]
    assert place in (presence[0].place_ar or presence[0].place)


def test_a_place_before_where_is_the_head_of_its_phrase():
    # «قرية العريمة غربي منبج، حيث تنتشر»: the village, not the bearing that locates it
    drafts = _drafts("وشوهدت عربات أمريكية في قرية العريمة غربي منبج، حيث تنتشر نقاط للشرطة "
                     "العسكرية الروسية منذ أشهر.")
    presence = [d for d in drafts if d.kind == "military_presence"]
    assert presence and presence[0].place_ar == "العريمة"


def test_an_advance_with_its_subject_and_time_before_the_goal():
    drafts = _drafts("وتقدمت وحدات الجيش السوري صباح الخميس إلى بلدة اللطامنة دون مقاومة تذكر.")
    advance = [d for d in drafts if d.kind == "ground_offensive"]
    assert advance and advance[0].place_ar == "اللطامنة"
    assert advance[0].event_date == dt.date(2019, 11, 14)   # the time is the event's date
    assert "Syrian government" in advance[0].actors


def test_fighting_vehicles_are_no_fight():
    from geo_deconflict.extract._fold import fold
    from geo_deconflict.extract._matcher import find_triggers

    for text, fight in (("a column of Bradley fighting vehicles", False),
                        ("heavy fighting near the dam", True)):
        folded = fold(text)[0]
        kinds = [entry.kind for _, _, entry in find_triggers(folded, 0, len(folded))]
        assert ("clash" in kinds) == fight, text


@pytest.mark.parametrize(("text", "speaker"), [
    # blame with a long subject and object between the verb and «المسؤولية»
    ("وحمّلت وزارة الخارجية التركية الحكومة السورية المسؤولية الكاملة عن قصف رتل قرب معرحطاط.",
     "Turkey"),
    # calling an act a crime
    ("ووصفت دمشق الغارات على بلدة هجين بأنها \"عدوان سافر\".", "Syrian government"),
    ('The Syrian foreign ministry called the coalition raid near Hajin a "massacre".',
     "Syrian government"),
    ("Damascus described the strike on al-Susah as an act of aggression.", "Syrian government"),
])
def test_blaming_and_calling_an_act_a_crime_are_accusations(text, speaker):
    drafts = _drafts(text)
    accusation = [d for d in drafts if d.kind == "accusation"]
    assert accusation, [d.kind for d in drafts]
    assert accusation[0].actors[0] == speaker


def test_people_who_arrive_are_displaced_not_deployed():
    drafts = _drafts("ووصل أكثر من ألفي شخص، معظمهم من النساء والأطفال، إلى مخيم الهول "
                     "يوم الأربعاء.")
    assert [d.kind for d in drafts] == ["displacement"]


def test_a_patrol_that_trades_fire_is_one_clash_with_both_sides():
    drafts = _drafts("A U.S. patrol traded fire with pro-government gunmen at a checkpoint in "
                     "Tal Tamr on Wednesday.")
    assert [d.kind for d in drafts] == ["clash"]
    assert {"United States", "Syrian government"} <= set(drafts[0].actors)


def test_what_an_act_follows_is_not_the_act():
    # «وعقب الهجوم، شنّت ...»: after the attack (told before), the strikes are the news; the
    # subject after «شنّت» is who struck, and the mountain is a place
    drafts = _drafts("وعقب الهجوم، شنّت الطائرات الحربية الروسية أكثر من 30 غارة على مواقع "
                     "لخلايا التنظيم في جبل البشري.")
    assert [d.kind for d in drafts] == ["airstrike"]
    assert drafts[0].actors[0] == "Russia" and drafts[0].place_ar == "جبل البشري"


def test_an_indefinite_strike_and_its_relative_verb_are_one_strike():
    # «غارات جوية استهدفت ...»: no relative pronoun in Arabic; "airstrikes hit" in English
    for text in (("قُتل عشرة عناصر من الميليشيات الموالية لإيران في غارات جوية استهدفت ليل "
                  "السبت مواقع لها في محيط مدينة البوكمال قرب الحدود السورية – العراقية."),
                 "Russian airstrikes hit a market in Ariha on Thursday, killing five civilians."):
        drafts = _drafts(text)
        assert [d.kind for d in drafts] == ["airstrike"], text
        assert "Iraq" not in drafts[0].actors   # «الحدود السورية – العراقية»: ground


def test_night_is_no_place():
    # «ليل الأحد»: Sunday night, not Lille
    drafts = _drafts("واستهدفت طائرات مجهولة ليل الأحد مواقع للميليشيات الإيرانية في بلدة الهري.")
    assert all(d.place_ar != "ليل" for d in drafts)
    assert drafts and drafts[0].place_ar == "الهري"
    assert [m.surface for m in geoparse("غارات استهدفت ليل الأحد مواقع قرب الميادين")] == \
        ["قرب الميادين", "الميادين"]


def test_whom_a_deployment_faces_is_not_who_deployed():
    # «كما انتشرت ... لمواجهة العدوان التركي»: the army deployed, to face Turkey
    drafts = _drafts("ودخلت وحدات من الجيش العربي السوري اليوم بلدة الطبقة، كما انتشرت في بلدة "
                     "عين عيسى، وذلك لمواجهة العدوان التركي على الأراضي السورية.")
    deployed = [d for d in drafts if d.kind == "deployment"]
    assert len(deployed) == 2
    assert all(d.actors == ("Syrian government",) for d in deployed)


def test_taking_control_of_a_town_is_a_capture():
    drafts = _drafts("Turkey said its forces had taken full control of Tal Abyad on Sunday.")
    assert [d.kind for d in drafts] == ["capture"]
    assert drafts[0].actors[0] == "Turkey"


def test_strikes_that_went_with_an_assault_are_their_own_act():
    drafts = _drafts("واستأنفت قوات سوريا الديمقراطية مساء أمس هجومها على بلدة الباغوز. وترافق "
                     "الهجوم مع غارات مكثفة شنتها طائرات التحالف الدولي على مواقع التنظيم في "
                     "بلدة السوسة.")
    kinds = {d.kind: d for d in drafts}
    assert "ground_offensive" in kinds and "airstrike" in kinds   # resumed: an offensive
    assert kinds["airstrike"].actors[0] == "US-led coalition"
    assert kinds["ground_offensive"].actors[0] == "SDF"


def test_the_pocket_is_no_village():
    assert [m.surface for m in geoparse("استأنفت القوات هجومها على الجيب الأخير للتنظيم قرب هجين")] == \
        ["قرب هجين", "هجين"]


def test_a_threat_with_its_subject_and_time_before_the_act_is_no_event():
    drafts = _drafts("في غضون ذلك، هدد الرئيس التركي رجب طيب أردوغان الأربعاء بإطلاق عملية "
                     "عسكرية شرق الفرات خلال أيام.")
    assert "ground_offensive" not in [d.kind for d in drafts]


def test_an_assault_on_people_or_a_place_is_an_attack_not_what_forces_face():
    drafts = _drafts("أصيب شابان إثر اعتداء قوات الاحتلال الأمريكي أمس على أهالي قرية خربة عمو "
                     "شرق مدينة القامشلي.")
    attack = [d for d in drafts if d.kind == "attack"]
    assert attack and attack[0].actors[0] == "United States"
    assert attack[0].place_ar != "خربة"   # the unknown village is not a village «خربة»
    drafts = _drafts("وانتشرت وحدات الجيش السوري في بلدة عين عيسى لمواجهة العدوان التركي على "
                     "الأراضي السورية.")
    assert [d.kind for d in drafts] == ["deployment"]


def test_then_opens_a_clause_of_its_own():
    # «ثم شنّوا هجوماً على ... في بلدة البحرة»: a second act, at its own place
    drafts = _drafts("وانسحب عناصر التنظيم نحو بلدة الشعفة، ثم شنّوا فجر اليوم هجوماً معاكساً على "
                     "مواقع قسد في بلدة البحرة.")
    attack = [d for d in drafts if d.kind == "attack"]
    assert attack and attack[0].place_ar == "البحرة"


def test_calling_a_move_a_violation_is_an_accusation():
    drafts = _drafts("U.S. officials said a Russian vehicle rammed a U.S. patrol near Derik on "
                     "Tuesday, calling the move a deliberate violation of the protocols.")
    assert "accusation" in [d.kind for d in drafts]


def test_sentences_end_after_a_date_but_not_after_an_abbreviation():
    from geo_deconflict.extract._segment import sentences

    text = ("The patrols are part of a deal reached on Oct. 22 in Sochi. Col. Myles Caggins "
            "confirmed it on June 4. Jets then struck near al-Hari.")
    assert [text[s.start:s.end] for s in sentences(text)] == [
        "The patrols are part of a deal reached on Oct. 22 in Sochi.",
        "Col. Myles Caggins confirmed it on June 4.", "Jets then struck near al-Hari."]


def test_an_act_named_again_as_a_subject_is_no_new_act():
    drafts = _drafts("Russian and Turkish troops patrolled villages west of Darbasiyah on Friday. "
                     "The patrols are part of the deal reached in Sochi last month.")
    assert [d.kind for d in drafts].count("patrol") == 1
    # an ordinal names another one
    drafts = _drafts("Russian and Turkish troops patrolled villages west of Darbasiyah on Friday. "
                     "The second patrol was held near Kobani on Tuesday.")
    assert [d.kind for d in drafts].count("patrol") == 2


def test_a_participle_is_no_family():
    # «كاسرةً» (breaking) holds the letters of «أسرة» (a family) after «ك»
    drafts = _drafts("وصلت وحدات من الجيش العربي السوري اليوم إلى مدينة دير الزور، كاسرةً الحصار "
                     "الذي فرضه تنظيم داعش على المدينة.")
    assert drafts and all("civilians" not in d.actors for d in drafts)


@pytest.mark.parametrize(("text", "actor"), [
    ("استعادت ميليشيات إيران السيطرة على مدينة البوكمال يوم أمس.", "Iran-backed militias"),
    ("Iranian militias retook Abu Kamal on Thursday.", "Iran-backed militias"),
])
def test_iran_s_militias_are_the_iran_backed_militias(text, actor):
    drafts = _drafts(text)
    assert drafts and drafts[0].actors[0] == actor


def test_firing_on_a_post_is_an_attack_and_anti_x_is_not_x():
    drafts = _drafts("U.S. helicopters fired on a Syrian army checkpoint near Tal al-Dhahab on "
                     "Monday. The troops were on an anti-Islamic State patrol near Tal al-Dhahab.")
    attack = [d for d in drafts if d.kind == "attack"]
    assert attack and {"United States", "Syrian government"} <= set(attack[0].actors)
    assert all("ISIS" not in d.actors for d in drafts)


def test_retreating_fighters_withdraw():
    drafts = _drafts("Islamic State fighters are retreating toward al-Mayadin, the ministry said.")
    assert "withdrawal" in [d.kind for d in drafts]


def test_the_towns_that_name_a_road_are_not_where_on_it_the_act_was():
    drafts = _drafts("استهدف الطيران الحربي اليوم محيط رتل عسكري تركي على الطريق الدولي حلب - دمشق "
                     "قرب بلدة معرحطاط جنوبي إدلب.")
    strike = [d for d in drafts if d.kind == "airstrike"]
    assert strike and "معرحطاط" in strike[0].place_ar
    drafts = _drafts("A Turkish drone struck a car on the Zirgan-Tal Tamr road near the village "
                     "of Umm al-Kayf on Tuesday.")
    assert all(d.place_ar not in ("Zirgan", "Tal Tamr") for d in drafts)


def test_repelling_an_attack_is_one_clash_with_both_sides():
    drafts = _drafts("Turkish troops and the Syrian National Army (SNA) repelled several YPG "
                     "infiltration attempts on villages south of Ras al-Ain on Saturday.")
    assert [d.kind for d in drafts] == ["clash"]
    assert {"Turkey", "Turkish-backed factions", "YPG"} <= set(drafts[0].actors)
    drafts = _drafts("وصدّت قوات سوريا الديمقراطية هجوماً للفصائل الموالية لتركيا على قرية صيدا "
                     "شرق عين عيسى فجر اليوم.")
    assert [d.kind for d in drafts] == ["clash"]


def test_a_deal_that_was_struck_is_no_strike():
    drafts = _drafts("Turkish and Russian troops carried out their first joint patrol around "
                     "Darbasiyah on Friday, under the deal the two countries struck last month.")
    assert all(d.kind not in ("airstrike", "shelling", "attack") for d in drafts)


def test_a_statement_that_only_counts_the_dead_is_a_casualties_report():
    drafts = _drafts("The Syrian Observatory for Human Rights said 52 fighters were killed near "
                     "Abu Kamal.")
    assert [d.kind for d in drafts] == ["casualties_report"]


def test_a_request_refused_later_in_its_sentence_is_a_refusal():
    drafts = _drafts("وقال مصدر كردي إن الجانب الروسي طلب من قسد تسليم إدارة عين عيسى إلى دمشق، "
                     "وهو ما رفضته قيادتها.")
    assert [d.kind for d in drafts] == ["request_refused"]


def test_where_who_tells_sits_is_not_where_it_happened():
    drafts = _drafts("Five Turkish soldiers were killed on Monday when Syrian regime forces "
                     "shelled a Turkish position at the Taftanaz air base, the defence ministry "
                     "in Ankara said.")
    shelling = [d for d in drafts if d.kind == "shelling"]
    assert shelling and shelling[0].place_ar == "Taftanaz"


def test_forces_that_moved_into_a_town_within_hours_deployed():
    drafts = _drafts("Russian military police and Syrian regime forces moved within hours into "
                     "Manbij on October 15.")
    assert [d.kind for d in drafts] == ["deployment"]


def test_a_convoy_is_placed_where_it_went_not_where_it_came_from():
    drafts = _drafts("Russian forces sent a convoy of eight armoured vehicles from their base at "
                     "Qamishli airport to their post in Tal Tamr on Tuesday.")
    moved = [d for d in drafts if d.kind in ("convoy_movement", "deployment")]
    assert moved and moved[0].place_ar == "Tal Tamr"


def test_the_wounded_evacuated_for_treatment_are_not_displaced():
    drafts = _drafts("Two Russian servicemen were wounded near Deir ez-Zor on Tuesday and were "
                     "promptly evacuated for medical treatment, the ministry said.")
    assert not {"displacement", "withdrawal"} & {d.kind for d in drafts}


def test_a_party_to_an_arrangement_and_a_border_s_far_side_are_not_places_or_parties():
    drafts = _drafts("Regime units entered Manbij on Monday under an SDF–Damascus arrangement "
                     "brokered by Moscow.")
    assert drafts and drafts[0].place_ar == "Manbij" and "Syrian government" in drafts[0].actors
    drafts = _drafts("Syrian government forces reached the border with Iraq northeast of Al Tanf "
                     "on Friday.")
    assert drafts and "Iraq" not in drafts[0].actors


def test_an_assault_by_aircraft_is_an_air_strike():
    drafts = _drafts("اعتدى طيران التحالف الدولي الذي تقوده واشنطن فجر اليوم على أحد المواقع "
                     "العسكرية في بلدة الهري جنوب شرق مدينة البوكمال.")
    assert [d.kind for d in drafts] == ["airstrike"]
    assert drafts[0].place_ar == "الهري"


@pytest.mark.parametrize(("text", "actor"), [
    ("US-backed forces on Friday seized the town of Hajin from the Islamic State group.", "SDF"),
    ("Kurdish-led fighters counter-attacked Turkish forces in Ras al-Ain on Tuesday.", "SDF"),
    ("US-backed rebels advanced northeast of Al Tanf on Friday.", "Maghawir al-Thawra"),
])
def test_the_groups_the_coalition_backs(text, actor):
    drafts = _drafts(text)
    assert drafts and drafts[0].actors[0] == actor


def test_the_syrian_air_force_in_arabic_and_a_fate_unknown_is_no_presence():
    drafts = _drafts("أسقطت مقاتلة تابعة للتحالف الدولي طائرة تابعة لسلاح الجو السوري مساء أمس في "
                     "ريف الرقة الجنوبي، وما زال مصير الطيار مجهولاً، في حين قال التحالف إن الطائرة "
                     "ألقت قنابل قرب مواقع لقوات سوريا الديمقراطية.")
    downing = [d for d in drafts if d.kind == "attack"]
    assert downing and "Syrian government" in downing[0].actors
    assert "military_presence" not in [d.kind for d in drafts]


def test_a_shelling_told_outright_stays_a_shelling_when_told_again_beside_a_drone():
    drafts = _drafts("وشنّت القوات التركية اليوم قصفاً مدفعياً وصاروخياً على مدينة تل رفعت، ما أدى "
                     "إلى مقتل عشرة مدنيين. ورصد المرصد تحليق طائرة استطلاع تركية في أجواء المنطقة "
                     "بالتزامن مع القصف.")
    assert [d.kind for d in drafts] == ["shelling"]


def test_the_same_day_is_not_today():
    drafts = _drafts("أعلن وزير الدفاع التركي الأحد إطلاق عملية عسكرية في إدلب. وأوضح أن المقاتلات "
                     "التركية أسقطت في اليوم نفسه طائرتين حربيتين للنظام في أجواء إدلب.")
    downing = [d for d in drafts if d.kind == "attack"]
    assert downing and downing[0].event_date != PUBLISHED


def test_a_denying_participle_makes_no_act_of_what_it_denies():
    drafts = _drafts("وزعمت وزارة الدفاع الروسية أن الجنود الأتراك كانوا ضمن تشكيلات إرهابية قرب "
                     "بليون، نافية أن تكون طائراتها قد نفذت غارات في تلك المنطقة.")
    assert "airstrike" not in [d.kind for d in drafts]


def test_an_aggression_launched_by_aircraft_is_an_air_strike_and_a_repelled_infiltration_one_clash():
    drafts = _drafts("شنّ طيران التحالف الدولي الذي تقوده الولايات المتحدة ليل أمس عدواناً جديداً على "
                     "قوات شعبية في محيط بلدة خشام.")
    assert [d.kind for d in drafts] == ["airstrike"]
    drafts = _drafts("وتصدّت قوات سوريا الديمقراطية اليوم لمحاولات تسلل على قرية تل حلف.")
    assert [d.kind for d in drafts] == ["clash"]


def test_the_understanding_reached_by_two_presidents_is_an_agreement():
    drafts = _drafts("انطلقت اليوم أولى الدوريات التركية الروسية المشتركة شرق نهر الفرات، بموجب التفاهم "
                     "الذي توصل إليه الرئيسان التركي والروسي في مدينة سوتشي.")
    kinds = [d.kind for d in drafts]
    assert "agreement" in kinds and "patrol" in kinds


def test_government_shelling_is_the_government_s():
    drafts = _drafts("The Syrian Observatory reported sporadic government shelling of villages in "
                     "Jabal al-Zawiya on Sunday.")
    shelling = [d for d in drafts if d.kind == "shelling"]
    assert shelling and "Syrian government" in shelling[0].actors


def test_a_withdrawal_a_speaker_confirms_its_forces_completed_is_the_speaker_s():
    drafts = _drafts("The US-led coalition confirmed that its forces had completed a 'deliberate "
                     "withdrawal' from Manbij on Tuesday.")
    assert [(d.kind, d.actors[0]) for d in drafts] == [("withdrawal", "US-led coalition")]


def test_firing_told_as_a_verbal_noun_with_its_subject_is_an_attack():
    drafts = _drafts("قُتل شاب جراء إطلاق قوات الاحتلال الأمريكي النار على أهالي قرية تل الذهب "
                     "اليوم.")
    assert [d.kind for d in drafts] == ["attack"]


@pytest.mark.parametrize("text", [
    "Government forces broke the ISIS siege of Deir ez-Zor city on Tuesday.",
    "وكسرت قوات النظام اليوم حصار تنظيم داعش على مدينة دير الزور.",
])
def test_breaking_a_siege_is_an_offensive(text):
    assert [d.kind for d in _drafts(text)] == ["ground_offensive"]


def test_with_no_other_town_an_act_on_a_road_is_placed_at_its_ends():
    drafts = _drafts("تتواصل الاحتجاجات في بلدات ذيبان والحوايج بريف دير الزور الشرقي. وقُتل الشيخ "
                     "متأثراً بجراحه جراء استهداف سيارته من قبل مسلحين مجهولين على طريق الحوايج – "
                     "ذيبان يوم الأحد.")
    shot = [d for d in drafts if d.kind in ("shelling", "attack", "airstrike")]
    assert shot and shot[0].place_ar in ("الحوايج", "ذيبان")
    assert shot[0].kind == "attack"   # gunmen who target a car: an attack, not a shelling

"""Wording from reports written after the development sets: a strike on a list of villages,
«دكّ», a deal named again or as the frame of an act, a trigger word inside a group's name, a
time of day with no day of its own, and a place the geoparser doubts."""

from __future__ import annotations

import datetime as dt

import pytest

from geo_deconflict.extract.core import extract

PUBLISHED = dt.date(2019, 5, 5)   # a Sunday


def _drafts(text: str, published: dt.date = PUBLISHED) -> list:
    return [d.incident for d in extract(text, published=published, doc="t")]


def test_shelling_of_a_list_of_villages_is_one_draft_per_village():
    drafts = _drafts("قصفت المدفعية التركية، صباح اليوم الأحد، مواقع الوحدات الكردية في قرى منغ "
                     "ومرعناز وعين دقنة بريف حلب الشمالي.")
    shelling = [d for d in drafts if d.kind == "shelling"]
    assert [d.place_ar for d in shelling] == ["مرعناز", "عين دقنة"]
    assert all(d.actor1 == "Turkey" and d.event_date == PUBLISHED for d in shelling)


def test_pounded_is_a_strike():
    drafts = _drafts("دكّت المدفعية التركية مواقع لقوات النظام في محيط مدينة سراقب.")
    assert [(d.kind, d.actor1) for d in drafts] == [("shelling", "Turkey")]


def test_despite_the_truce_frames_the_shelling():
    drafts = _drafts("وبالرغم من الهدنة، قصفت قوات النظام صباح اليوم قرى كنصفرة والفطيرة "
                     "وسفوهن في جبل الزاوية.")
    assert {d.kind for d in drafts} == {"shelling"}
    assert len(drafts) == 3


def test_the_deal_named_again_with_no_place_is_no_new_agreement():
    text = ("اتفق الرئيسان الروسي والتركي في موسكو يوم الخميس على وقف لإطلاق النار في إدلب. "
            "ويشكك التجار في قدرة الاتفاق على الصمود.")
    agreements = [d for d in _drafts(text) if d.kind == "agreement"]
    assert len(agreements) == 1
    assert agreements[0].provenance.end < text.index("ويشكك")


def test_the_deal_named_again_where_it_sets_a_place_still_counts():
    # "The deal set up a corridor ... of the M4": what the deal did, at its own place
    text = ("Turkey and Russia agreed a cease-fire in Idlib on March 5. The deal set up a "
            "security corridor six kilometers to the north and south of the M4.")
    agreements = [d for d in _drafts(text, dt.date(2020, 3, 20)) if d.kind == "agreement"]
    assert any("M4" in (d.place or "") or "M4" in (d.place_ar or "") for d in agreements)


def test_a_word_of_a_group_s_name_is_no_act():
    drafts = _drafts('وأعلنت "هيئة تحرير الشام" في بيان أنها لن تسمح بمرور الدوريات الروسية '
                     "على الطريق الدولي M4 قرب سراقب.")
    assert "capture" not in {d.kind for d in drafts}
    drafts = _drafts('وشنّت "هيئة تحرير الشام" وفصائل "الجبهة الوطنية للتحرير" هجوماً معاكساً '
                     "على قرية النيرب قرب سراقب.")
    assert "capture" not in {d.kind for d in drafts}
    assert "attack" in {d.kind for d in drafts}


def test_an_act_that_a_descriptive_alias_ends_with_is_kept():
    drafts = _drafts("The Syrian Observatory reported sporadic government shelling of villages "
                     "in Jabal al-Zawiya on Sunday.")
    assert any(d.kind == "shelling" and "Syrian government" in d.actors for d in drafts)


def test_a_time_of_day_takes_the_day_told_before():
    text = ("قصفت المدفعية التركية صباح اليوم الأحد قرية مرعناز بريف حلب الشمالي.\n\n"
            "وشنت الفصائل هجوماً على قرية الشيخ عيسى.\n\n"
            "وسيّرت الشرطة العسكرية الروسية دورية في شوارع تل رفعت بعد الظهر.")
    patrol = next(d for d in _drafts(text) if d.kind == "patrol")
    assert patrol.event_date == PUBLISHED
    # without the time of day, two paragraphs on, the date is not carried over
    bare = next(d for d in _drafts(text.replace(" بعد الظهر", "")) if d.kind == "patrol")
    assert bare.event_date is None


def test_a_doubted_place_abroad_gives_way_to_the_countryside_named_with_it():
    drafts = _drafts("دكّ الجيش التركي مساء الأحد قرى صيدا والمعلق والهوشان في ريف ناحية "
                     "عين عيسى بعشرات القذائف المدفعية.", dt.date(2020, 11, 23))
    shelling = [d for d in drafts if d.kind == "shelling"]
    assert shelling and all(d.country != "LB" and 35.8 < d.latitude < 37.0 for d in shelling)


def test_a_light_verb_keeps_its_subject_across_its_backing():
    drafts = _drafts("بسطت قوات النظام، مدعومة بميليشيات محلية وغطاء جوي روسي كثيف، سيطرتها على "
                     'بلدة كفرنبودة، مساء أمس، بعد معارك مع "هيئة تحرير الشام".')
    capture = next(d for d in drafts if d.kind == "capture")
    assert capture.actor1 == "Syrian government" and "HTS" in capture.actors


def test_that_it_did_is_the_speaker_s_act():
    drafts = _drafts('أعلنت "تحرير الشام" أنها شنّت هجوماً معاكساً على مواقع للنظام في محور '
                     "الكبانة بريف اللاذقية.")
    attack = next(d for d in drafts if d.kind == "attack")
    assert attack.actor1 == "HTS" and attack.actor2 == "Syrian government"


@pytest.mark.parametrize("text", [
    "ولوّحت أنقرة بالرد على أي استهداف جديد لنقاطها في كفرنبودة.",
    "Ankara warned it would respond to any new attack on its posts near Kafr Nabudah.",
])
def test_any_new_attack_is_none_told(text):
    assert not [d for d in _drafts(text) if d.kind not in ("statement", "accusation")]


def test_at_the_same_time_takes_the_day_before_two_paragraphs_on():
    text = ("بسطت قوات النظام سيطرتها على بلدة كفرنبودة مساء أمس السبت.\n"
            'وقالت مصادر في "الهيئة" إن مقاتليها انسحبوا من كفرنبودة.\n'
            "وبالتزامن، شنّت الطائرات الحربية الروسية غارات على مدينة خان شيخون.")
    strike = next(d for d in _drafts(text) if d.kind == "airstrike")
    assert strike.event_date == dt.date(2019, 5, 4)


def test_the_body_alone_is_hts_once_named():
    text = ('دارت معارك بين قوات النظام و"هيئة تحرير الشام" قرب كفرنبودة. وقالت مصادر في '
            '"الهيئة" إن مقاتليها انسحبوا من كفرنبودة باتجاه بلدة الهبيط.')
    withdrawal = next(d for d in _drafts(text) if d.kind == "withdrawal")
    assert withdrawal.actor1 == "HTS"


def test_a_relative_clause_about_the_speaker_is_no_content_of_the_claim():
    drafts = _drafts("A spokesman for the U.S.-led coalition, which has troops stationed in and "
                     "around Manbij, said on Friday he had seen no evidence that the claim was true.",
                     dt.date(2018, 12, 29))
    assert {d.kind for d in drafts} == {"military_presence", "statement"}
    statement = next(d for d in drafts if d.kind == "statement")
    assert statement.actor1 == "US-led coalition"


def test_dismissing_and_welcoming_are_statements():
    drafts = _drafts('Turkish President Tayyip Erdogan dismissed the announcement as "psychological '
                     'warfare", while the Kremlin welcomed it as a positive step in Manbij.')
    assert [(d.kind, d.actor1) for d in drafts] == [("statement", "Turkey"),
                                                   ("statement", "Russia")]


@pytest.mark.parametrize("text", [
    ("The Syrian Observatory reported artillery exchanges overnight between Turkish-backed "
     "rebels and the Manbij Military Council around the village of Dadat, north of Manbij."),
    "ورصد المرصد تبادل القصف بين فصائل الجيش الوطني وقسد في محيط قرية الدادات شمال منبج.",
])
def test_artillery_exchanges_are_shelling(text):
    assert "shelling" in {d.kind for d in _drafts(text)}


def test_the_capital_as_the_topic_of_a_clause_is_its_government():
    drafts = _drafts("أما دمشق، فرحّبت عبر مصدر في وزارة الخارجية بالاتفاق الخاص بإدلب.")
    assert [(d.kind, d.actor1) for d in drafts] == [("statement", "Syrian government")]


@pytest.mark.parametrize("text", [
    "بينما تحتفظ واشنطن بنحو 600 جندي في حقول النفط بريف الحسكة.",
    "The United States keeps about 600 troops at oil fields in Hasakah.",
])
def test_troops_kept_somewhere_are_a_presence(text):
    drafts = _drafts(text)
    assert [(d.kind, d.actor1) for d in drafts] == [("military_presence", "United States")]


def test_a_patrol_as_a_side_of_a_confrontation_is_no_patrol_of_its_own():
    drafts = _drafts("قُتل شاب، أمس، برصاص جنود أميركيين خلال مواجهة بين دورية للقوات الأميركية "
                     "وأهالي قرية خربة عمو شرق مدينة القامشلي.")
    assert [d.kind for d in drafts] == ["clash"]
    assert drafts[0].actor1 == "United States"


@pytest.mark.parametrize("text", [
    "رفض مسؤولون روس طلب التحالف الدولي بمواجهة داعش قرب التنف.",
    "عجزت قوات النظام عن الانخراط في مواجهة تهديد داعش في البادية قرب تدمر.",
    "وصلت تعزيزات لقوات النظام إلى منبج لمواجهة الهجوم التركي.",
])
def test_facing_someone_is_no_clash(text):
    assert "clash" not in {d.kind for d in _drafts(text)}


def test_searching_for_mines_is_no_meeting():
    drafts = _drafts("وتواصل القوات التركية عمليات التمشيط في قرية تل حلف بحثاً عن ألغام وأنفاق.")
    assert "meeting" not in {d.kind for d in drafts}
    talks = _drafts("وبحث الرئيسان التركي والروسي الوضع في إدلب.")
    assert [d.kind for d in talks] == ["meeting"]


def test_media_close_to_a_capital_are_not_near_it():
    from geo_deconflict.geoparse import geoparse

    ms = geoparse("اتهمت وسائل إعلام مقربة من طهران الولايات المتحدة بالوقوف وراء الضربات.")
    assert not [m for m in ms if m.kind == "relative"]
    near = geoparse("سقطت قذائف على مقربة من مدينة البوكمال.")
    assert [m.relation for m in near if m.kind == "relative"] == ["near"]


def test_deploying_them_somewhere_is_a_deployment_and_publishing_a_statement():
    drafts = _drafts("وعقب الغارات، سحبت الميليشيات الإيرانية عدداً من عناصرها وآلياتها من مقراتها "
                     "داخل البوكمال، ونشرتها في مزارع محيطة ببلدة العشارة، تحسباً لضربات جديدة.")
    assert [d.kind for d in drafts] == ["withdrawal", "deployment"]
    assert drafts[1].place_ar == "العشارة"
    helicopters = _drafts("ونشرت القوات الروسية في مطار القامشلي مروحيات ومنظومات للدفاع الجوي.")
    assert [d.kind for d in helicopters] == ["deployment"]


def test_the_dead_counted_after_the_verb_belong_to_the_strike():
    drafts = _drafts("قُتل 18 عنصراً على الأقل من الميليشيات الإيرانية، وأصيب آخرون، جراء غارات جوية "
                     "مجهولة استهدفت مقرات لها في محيط مدينة البوكمال.")
    assert [(d.kind, d.fatalities) for d in drafts] == [("airstrike", 18)]


@pytest.mark.parametrize("text", [
    ("ونشرت الميليشيات الإيرانية مقاتلين على الشريط الحدودي قرب القائم تحسباً لتسلل عناصر "
     "التنظيم."),
    "Iraqi forces deployed along the border near al-Qaim to prevent an attack by the militants.",
])
def test_what_forces_guard_against_is_not_told(text):
    kinds = [d.kind for d in _drafts(text)]
    assert kinds == ["deployment"]


def test_after_the_strikes_takes_their_day_two_paragraphs_on():
    text = ("قُتل 18 عنصراً من الميليشيات الإيرانية جراء غارات جوية استهدفت أمس السبت مقرات لها في "
            "محيط مدينة البوكمال.\n\nونفى التحالف الدولي تنفيذ أي غارة في المنطقة.\n\n"
            "وعقب الغارات، سحبت الميليشيات الإيرانية عدداً من عناصرها من مقراتها داخل البوكمال.")
    withdrawal = next(d for d in _drafts(text) if d.kind == "withdrawal")
    assert withdrawal.event_date == dt.date(2019, 5, 4)


def test_a_village_near_a_road_beats_the_towns_the_road_runs_between():
    drafts = _drafts("استهدف مسلحون مجهولون مساء الأربعاء حافلة تقل عناصر من قوات النظام على الطريق "
                     "بين الميادين والبوكمال قرب قرية الصالحية.")
    assert [d.place_ar for d in drafts] == ["قرب قرية الصالحية"]


def test_a_request_over_the_deconfliction_channel_is_a_hotline_contact():
    drafts = _drafts('وكانت وزارة الدفاع الروسية قد طلبت، الشهر الماضي، عبر قناة "منع التصادم" مع '
                     "القيادة الأمريكية، السماح لرتل بعبور منطقة الـ55 كيلومتراً حول التنف، إلا أن "
                     "الجانب الأمريكي رفض الطلب.")
    assert [d.kind for d in drafts] == ["hotline_contact", "request_refused"]
    assert drafts[0].actor1 == "Russia" and drafts[1].actor1 == "United States"


def test_what_a_place_is_does_not_swallow_the_announcement():
    drafts = _drafts('أعلن "مركز المصالحة" الروسي، أمس، افتتاح ممرين لخروج النازحين من مخيم الركبان، '
                     "الواقع داخل منطقة الـ55 كيلومتراً، والخاضعة لسيطرة التحالف الدولي.")
    assert [(d.kind, d.actor1) for d in drafts] == [("statement", "Russia"),
                                                   ("military_presence", "US-led coalition")]


def test_forces_massing_are_where_they_mass_not_where_they_aim():
    drafts = _drafts("تحشد قوات النظام والميليشيات الإيرانية عناصرها في محيط مطار دير الزور العسكري، "
                     "تمهيدًا لعبور النهر نحو قرى مراط وحطلة وخشام.")
    assert [(d.kind, d.place_ar) for d in drafts] == [("deployment",
                                                      "محيط مطار دير الزور العسكري")]


@pytest.mark.parametrize(("text", "kinds"), [
    ('نقلت قناة "الجزيرة" عن مصادر معارضة أن الطائرات الأمريكية قصفت رتلاً قرب التنف.',
     ["airstrike"]),
    ("ونقلت قوات النظام، ليل الجمعة، عبّارات وزوارق حربية إلى ضفة النهر قرب بلدة مراط.",
     ["deployment"]),
    ("The Turkish-backed Syrian National Army has massed hundreds of fighters near Jarablus.",
     ["deployment"]),
])
def test_moving_and_massing_forces_but_not_reporting(text, kinds):
    assert [d.kind for d in _drafts(text)] == kinds


def test_the_places_a_region_includes_are_the_more_precise():
    drafts = _drafts("State media said government units had taken up positions in the countryside "
                     "west and north of Manbij, including the village of Arima.")
    assert [(d.kind, d.place) for d in drafts] == [("deployment", "Al ‘Arīmah")]


@pytest.mark.parametrize("text", [
    'Syrian state media called the strikes "a new massacre" near Khusham.',
    'Damascus described the raid as "an act of aggression" near al-Tanf.',
])
def test_a_quoted_name_for_the_strikes_is_an_accusation(text):
    assert "accusation" in {d.kind for d in _drafts(text)}


def test_every_english_pattern_is_matched_as_english():
    # a pattern with no Arabic letter gets word boundaries, whatever quotes it holds
    from geo_deconflict.extract import _matcher

    for _, compiled, entry in _matcher._tables()[1]:
        if not _matcher._AR_LETTER.search(entry.pattern):
            assert compiled.pattern.startswith(r"\b(?P<t>"), entry.pattern


def test_an_official_in_a_foreign_capital_speaks_for_its_government():
    drafts = _drafts("US jets struck a militia convoy near al-Tanf on Tuesday. In Moscow, Deputy "
                     'Foreign Minister Sergei Ryabkov described the strikes as "an act of '
                     'aggression".', dt.date(2017, 6, 9))
    claim = next(d for d in drafts if d.kind == "accusation")
    assert claim.actor1 == "Russia"
    assert claim.place != "Moscow" and claim.latitude < 34.5   # at the strikes, not Moscow


def test_a_convoy_that_enters_moves():
    drafts = _drafts("دخل ظهر اليوم رتل عسكري تركي جديد يضم نحو 35 آلية من معبر كفرلوسين الحدودي "
                     "شمالي إدلب.")
    assert [(d.kind, d.actor1) for d in drafts] == [("convoy_movement", "Turkey")]
    entered = _drafts("ودخلت القوات التركية بلدة تل أبيض.")
    assert [d.kind for d in entered] == ["deployment"]


@pytest.mark.parametrize("text", [
    ("قُتل عنصر من «قوات سوريا الديمقراطية» برصاص قناص من قوات النظام في بلدة ذيبان، مساء "
     "أمس."),
    ("A Turkish soldier was killed on Saturday when Kurdish militants fired an anti-tank "
     "missile at a Turkish military post near Tal Rifaat."),
])
def test_a_sniper_or_a_guided_missile_is_an_attack(text):
    drafts = _drafts(text)
    assert [d.kind for d in drafts if d.kind != "military_presence"] == ["attack"]
    assert {"SDF", "Syrian government"} <= set(drafts[0].actors) or \
        {"Turkey", "YPG"} <= set(drafts[0].actors)


def test_the_post_a_strike_hits_is_its_target_not_a_presence():
    drafts = _drafts("Kurdish militants fired an anti-tank missile at a Turkish military post "
                     "near Tal Rifaat on Saturday.")
    assert [d.kind for d in drafts] == ["attack"]


def test_what_a_patrol_underwent_is_the_event():
    drafts = _drafts("تعرّضت دورية روسية – تركية مشتركة، صباح اليوم، لانفجار عبوة ناسفة قرب قرية "
                     "مصيبين شمال شرقي مدينة أريحا، ما أسفر عن إصابة ثلاثة جنود روس.")
    assert [d.kind for d in drafts] == ["attack"]
    assert {"Russia", "Turkey"} <= set(drafts[0].actors)


def test_strikes_that_hit_a_list_of_towns_are_one_act_per_town():
    drafts = _drafts("شنّت طائرات حربية روسية 9 غارات على الأقل طالت أطراف بلدتي كنصفرة وبليون في "
                     "جبل الزاوية.")
    assert [(d.kind, d.place_ar) for d in drafts] == [("airstrike", "أطراف بلدتي كنصفرة"),
                                                     ("airstrike", "بليون")]


def test_a_date_in_an_aside_about_the_subject_is_not_the_act_s():
    text = ("تعرّضت دورية روسية – تركية مشتركة، صباح اليوم الأحد، لانفجار عبوة ناسفة قرب قرية "
            "مصيبين. وكانت الدورية، وهي الثانية والعشرون منذ توقيع البروتوكول في الخامس من "
            "آذار الفائت، قد انطلقت صباحاً من قرية ترنبة غربي سراقب.")
    patrol = next(d for d in _drafts(text) if d.kind == "patrol")
    assert patrol.event_date == PUBLISHED


@pytest.mark.parametrize("text", [
    "وأخلت القوات الأمريكية، صباح اليوم، قاعدتيها في مدينة منبج.",
    "U.S. forces evacuated their two bases in Manbij on Sunday.",
])
def test_evacuating_bases_is_a_withdrawal(text):
    drafts = _drafts(text)
    assert [(d.kind, d.actor1) for d in drafts] == [("withdrawal", "United States")]


def test_forces_that_start_patrolling_are_the_patrol_s():
    drafts = _drafts("بدأت الشرطة العسكرية الروسية تسيير دوريات على خطوط التماس شمال غربي منبج، بين "
                     "مواقع فصائل الجيش الوطني ومواقع قوات النظام.")
    assert drafts[0].kind == "patrol" and drafts[0].actor1 == "Russia"


def test_a_day_after_the_report_dates_no_act_told_done():
    text = ("The Russian-Turkish agreement provides for joint patrols along the M4 highway "
            "from March 15.\n\n"
            "Clashes erupted around dawn between regime forces and jihadists near Kafr Uwayd, "
            "leaving nine dead.")
    clash = next(d for d in _drafts(text, dt.date(2020, 3, 6)) if d.kind == "clash")
    assert clash.event_date is None or clash.event_date <= dt.date(2020, 3, 6)


def test_no_strikes_recorded_is_no_strike():
    drafts = _drafts("No Russian or Syrian air strikes had been recorded in Idlib since midnight.")
    assert "airstrike" not in {d.kind for d in drafts}


def test_forces_pulled_out_then_moved_and_a_condemnation():
    text = ("وتعرض مطار التيفور العسكري، ليل الثلاثاء، لغارات إسرائيلية.\n\n"
            "ويتخذ الحرس الثوري من القاعدة مقراً منذ سنوات.\n\n"
            "كما نقلت مصادر محلية أن الميليشيات الإيرانية سحبت، عقب الضربة، عدداً من عناصرها "
            "وآلياتها من محيط المطار، ونقلتها إلى مزارع قريبة من بلدة الفرقلس.\n\n"
            'ودانت وزارة الخارجية السورية "العدوان الإسرائيلي".')
    drafts = _drafts(text, dt.date(2020, 1, 15))
    kinds = {d.kind: d for d in drafts}
    assert {"withdrawal", "deployment", "accusation"} <= set(kinds)
    # «عقب الضربة»: the strike's night, not the years «منذ سنوات» names
    assert kinds["withdrawal"].event_date == dt.date(2020, 1, 14)
    assert kinds["accusation"].actor1 == "Syrian government"


def test_a_toll_beside_a_flight_is_not_the_flight_s():
    drafts = _drafts('وذكر "المرصد السوري لحقوق الإنسان" أن المعارك أسفرت عن مقتل أربعة عناصر، في حين '
                     "نزحت عشرات العائلات من عين عيسى باتجاه مدينة الرقة.")
    flight = next(d for d in drafts if d.kind == "displacement")
    assert flight.fatalities is None


def test_a_subject_before_an_aside_that_ends_at_the_verb():
    drafts = _drafts("وقال المراسل إن الرتل الروسي، المؤلف من ست عربات مدرعة، خرج من قاعدته في مطار "
                     "القامشلي متجهاً نحو ديريك.")
    moved = [d for d in drafts if d.kind in ("withdrawal", "convoy_movement", "deployment")]
    assert moved and moved[0].actor1 == "Russia"


def test_informed_through_the_deconfliction_mechanism():
    drafts = _drafts("وأشار المتحدث باسم الجيش الإسرائيلي إلى أن الجانب الروسي «أُبلغ بالعملية» عبر "
                     "آلية منع الاحتكاك القائمة بين الجيشين منذ أيلول/سبتمبر 2015 في سوريا.",
                     dt.date(2019, 1, 21))
    contact = next(d for d in drafts if d.kind == "hotline_contact")
    # the mechanism exists since 2015; the contact is not dated by it
    assert contact.event_date is None or contact.event_date.year == 2019


def test_patrols_run_since_a_date_keep_it():
    drafts = _drafts("وكانت القوات الأمريكية والتركية تسيّر منذ الثامن عشر من حزيران الماضي دوريات "
                     "منفصلة على جانبي نهر الساجور قرب منبج.", dt.date(2018, 11, 2))
    patrol = next(d for d in drafts if d.kind == "patrol")
    assert patrol.event_date == dt.date(2018, 6, 18)


def test_residents_who_leave_are_displaced_whoever_else_is_named():
    drafts = _drafts("غادرت دفعة جديدة من قاطني مخيم الركبان، ضمن منطقة الـ55 كيلومتراً التي يفرضها "
                     "التحالف الدولي حول قاعدة التنف، باتجاه مراكز الإيواء في مدينة حمص، أمس.")
    assert drafts[0].kind == "displacement" and drafts[0].actor1 == "civilians"


def test_a_claim_at_large_is_about_syria_not_a_neighbour_s_border():
    text = ("أجرت القوات الأمريكية دوريات على امتداد الحدود العراقية قرب التنف في سوريا.\n\n"
            "واتهمت موسكو القوات الأمريكية باحتجاز آلاف النازحين.")
    claim = next(d for d in _drafts(text) if d.kind == "accusation")
    assert claim.place != "Iraq" and "العراقية" not in (claim.place_ar or "")


def test_denied_carrying_out_any_strikes_is_no_strike():
    drafts = _drafts("ونفى المتحدث باسم التحالف الدولي أن يكون التحالف قد نفذ أي غارات في محيط "
                     "البوكمال خلال الساعات الماضية.")
    assert "airstrike" not in {d.kind for d in drafts}


def test_orchards_are_no_village():
    from geo_deconflict.geoparse import geoparse

    ms = geoparse("أعادت الميليشيات نشر عناصرها في بساتين محيطة بالبوكمال.")
    assert [m.surface for m in ms if m.kind == "toponym"] == ["البوكمال"]


def test_the_dead_who_met_their_death():
    drafts = _drafts("لقي 11 عنصراً من قوات النظام مصرعهم، فجر اليوم، في هجوم نفّذته خلايا تنظيم "
                     "«داعش» على نقاط عسكرية في محيط قرية الشولا.")
    assert [(d.kind, d.fatalities) for d in drafts] == [("attack", 11)]

"""Wording met in new reports, each in new sentences: the dead named before the act that
killed them, an act negated by «عدم», discourse words that are also village names, militias
named by their patron, months of last year and parts of a week."""

from __future__ import annotations

import datetime as dt

import pytest

from geo_deconflict.extract.core import extract
from geo_deconflict.extract.dates import find_dates
from geo_deconflict.geoparse.core import geoparse
from geo_deconflict.incidents.actors import find_actors

PUBLISHED = dt.date(2019, 11, 9)   # a Saturday
D = dt.date


def _drafts(text: str) -> list:
    return [d.incident for d in extract(text, published=PUBLISHED, doc="t")]


def test_the_dead_before_a_passive_act_are_its_target_beside_its_doer():
    drafts = _drafts("قُتل 12 عنصراً من قوات النظام في غارات جوية شنتها طائرات تركية فجر "
                     "الجمعة على مواقع قرب بلدة سراقب.")
    strikes = [d for d in drafts if d.kind == "airstrike"]
    assert len(strikes) == 1
    # who struck first, the dead second
    assert list(strikes[0].actors) == ["Turkey", "Syrian government"]


def test_the_dead_after_the_act_are_not_moved_before_its_doer():
    drafts = _drafts("شنت طائرات تركية غارات جوية فجر الجمعة على مواقع قرب بلدة سراقب، ما أدى "
                     "إلى مقتل 12 عنصراً من قوات النظام.")
    strikes = [d for d in drafts if d.kind == "airstrike"]
    assert strikes and strikes[0].actors[0] == "Turkey"


def test_a_verbal_noun_after_badam_is_no_event():
    drafts = _drafts("اتهمت أنقرة الوحدات الكردية بعدم الانسحاب من محيط بلدة الدرباسية.")
    assert [d.kind for d in drafts] == ["accusation"]
    # the same noun without the negation is an act told as the accusation's content, or one of
    # its own: the rule is the negation, not the noun
    plain = _drafts("أكدت أنقرة انسحاب الوحدات الكردية من محيط بلدة الدرباسية.")
    assert any(d.kind == "withdrawal" for d in plain) or plain[0].kind == "statement"


@pytest.mark.parametrize("text", [
    "بدوره، نفى المتحدث باسم الفصيل وقوع أي اشتباك.",
    "وبدورها أكدت الوزارة أن الطريق مفتوح.",
    "وقال الرئيس في خطاب أمام البرلمان إن القوات ستبقى.",
])
def test_discourse_words_and_a_speech_are_no_places(text):
    assert [m.surface for m in geoparse(text) if m.kind == "toponym"] == []


def test_a_village_named_like_a_speech_still_is_one_after_its_head():
    found = [m for m in geoparse("سقطت قذيفة على قرية خطاب في ريف حماة.")
             if m.kind == "toponym"]
    assert found and found[0].surface == "خطاب" and found[0].place.country == "SY"


@pytest.mark.parametrize(("text", "actor"), [
    ("استهدفت الغارة مقراً لـ«كتائب حزب الله» العراقية", "Iran-backed militias"),
    ("Militias loyal to Iran shelled the town.", "Iran-backed militias"),
    ("Iran-aligned fighters withdrew from the area.", "Iran-backed militias"),
    ("Gunmen allied with Turkey attacked the village.", "Turkish-backed factions"),
])
def test_militias_named_by_their_patron(text, actor):
    assert [a.actor for a in find_actors(text)] == [actor]


def test_hezbollah_alone_is_still_the_lebanese_party():
    assert [a.actor for a in find_actors("قال حزب الله في بيان")] == ["Hezbollah"]


@pytest.mark.parametrize(("text", "first", "last"), [
    ("استهدفت غارة في أيار/مايو من العام الماضي مقراً", D(2018, 5, 1), D(2018, 5, 31)),
    ("في تموز من السنة الجارية", D(2019, 7, 1), D(2019, 7, 31)),
    ("A strike in June last year hit the depot.", D(2018, 6, 1), D(2018, 6, 30)),
    ("The talks resume in March of next year.", D(2020, 3, 1), D(2020, 3, 31)),
    # a part of the week (from Monday), and since it: up to publication
    ("تجوب الدوريات الطريق منذ مطلع الأسبوع", D(2019, 11, 4), D(2019, 11, 9)),
    ("وقعت الاشتباكات منتصف الأسبوع الماضي", D(2019, 10, 30), D(2019, 11, 1)),
    ("Patrols have run since the start of the week.", D(2019, 11, 4), D(2019, 11, 9)),
    ("The crossing closed at the end of last month.", D(2019, 10, 21), D(2019, 10, 31)),
    ("Shelling has continued since mid-week.", D(2019, 11, 6), D(2019, 11, 9)),
])
def test_months_of_a_named_year_and_parts_of_a_week(text, first, last):
    found = [d for d in find_dates(text, published=PUBLISHED) if d.resolved]
    assert [(d.first, d.last) for d in found] == [(first, last)]


def test_june_last_year_is_not_june_of_this_year_then_a_year():
    found = find_dates("In June last year, jets struck the base.", published=PUBLISHED)
    assert [d.surface for d in found] == ["June last year"]


@pytest.mark.parametrize("text", [
    "شن التنظيم هجوماً معاكساً استعاد خلاله معظم أحياء المدينة.",
    "وعقبه قصفت الطائرات مواقع في داخله.",
    "وسقطت قذائف في محيطها وبينها.",
])
def test_a_preposition_with_a_pronoun_is_no_place(text):
    assert [m.surface for m in geoparse(text) if m.kind == "toponym"] == []


def test_a_road_between_two_towns_is_placed_at_the_first_town():
    drafts = _drafts("وتجوب دوريات للشرطة العسكرية الروسية منذ مطلع الأسبوع الطريق الدولي M4 "
                     "بين بلدة عين عيسى وتل تمر.")
    patrols = [d for d in drafts if d.kind == "patrol"]
    assert [d.place_ar or d.place for d in patrols] == ["عين عيسى"]
    assert patrols[0].geo_precision == 1


def test_a_road_alone_is_an_approximate_place():
    road = [m for m in geoparse("A Russian patrol drove along the M4 highway on Sunday.")
            if m.kind == "toponym"]
    assert [m.surface for m in road] == ["M4 highway"] and road[0].precision == 2
    drafts = _drafts("A Russian patrol drove along the M4 highway on Sunday.")
    assert [d.place for d in drafts] == ["M4 highway (Aleppo-Latakia)"]


def test_an_act_named_shortly_before_the_next_is_background():
    drafts = _drafts("Shortly after the attack, Russian warplanes struck militant positions "
                     "near the town of Saraqib.")
    assert [d.kind for d in drafts] == ["airstrike"]


def test_the_presence_of_wounded_people_is_no_military_presence():
    drafts = _drafts("وقال المرصد إن عدد القتلى مرشح للارتفاع بسبب وجود جرحى في حالات خطرة في "
                     "مدينة الميادين.")
    assert "military_presence" not in [d.kind for d in drafts]
    forces = _drafts("وأكد المرصد وجود قوات روسية في مدينة الميادين.")
    assert "military_presence" in [d.kind for d in forces]


def test_a_nationality_of_the_dead_is_no_party():
    drafts = _drafts("قصفت طائرات إسرائيلية مواقع في مدينة البوكمال، وقتل فيها مقاتلون من "
                     "الجنسيتين العراقية والأفغانية.")
    assert drafts and all("Iraq" not in d.actors for d in drafts)


STRIKES_TOLD_AGAIN = (
    "شنت طائرات إسرائيلية مساء أمس غارات على مواقع ومستودعات أسلحة في محيط مدينة البوكمال.\n\n"
    "وطالت الضربات، بحسب ناشطين، ثكنة عسكرية ومخازن للصواريخ قرب بلدة السويعية.")


def test_strikes_told_again_at_another_named_place_are_drafted_there_too():
    drafts = _drafts(STRIKES_TOLD_AGAIN)
    places = [d.place_ar or d.place for d in drafts]
    assert len(drafts) == 2 and "البوكمال" in places[0] and "السويعية" in places[1]
    # the strikes named again (verb first) are the air strikes of the paragraph before, by
    # those who made them; rockets named as the depots hit are not the weapon
    assert [d.kind for d in drafts] == ["airstrike", "airstrike"]
    assert drafts[1].actors[0] == "Israel"


def test_strikes_told_again_at_nearby_areas_stay_one():
    # «مناطق قريبة» lies near the place named before: the same strikes, no new place
    drafts = _drafts("شنت طائرات إسرائيلية مساء أمس غارات على مواقع في محيط مدينة البوكمال.\n\n"
                     "وطالت الضربات كذلك مناطق قريبة.")
    assert len([d for d in drafts if d.kind == "airstrike"]) == 1


def test_a_patrol_through_a_list_of_villages_is_one_movement_at_the_first():
    drafts = _drafts("وسيّرت الشرطة العسكرية الروسية، أمس، دورية في قرى تل جمعة وتل طلعة وتل نصري "
                     "في ريف تل تمر.")
    patrols = [d for d in drafts if d.kind == "patrol"]
    assert [d.place_ar for d in patrols] == ["تل جمعة"]
    assert "تل طلعة" in patrols[0].notes or "Tal" in patrols[0].notes
    # an act on a list of villages is still one draft per village
    shelled = _drafts("وقصفت القوات التركية، أمس، قرى تل جمعة وتل طلعة وتل نصري في ريف تل تمر.")
    assert len([d for d in shelled if d.kind == "shelling"]) == 3


def test_mercenaries_alone_are_the_armed_group_named_before():
    drafts = _drafts("واصل جيش الاحتلال التركي ومرتزقته، أمس، قصف قرية الدردارة. وتصدى مقاتلو "
                     "قوات سوريا الديمقراطية لهجوم شنه المرتزقة على قرية أم حرملا.")
    shelling = next(d for d in drafts if d.kind == "shelling")
    assert list(shelling.actors) == ["Turkey", "Turkish-backed factions"]
    held = next(d for d in drafts if d.place_ar == "أم حرملا")
    assert held.kind == "clash" and set(held.actors) == {"SDF", "Turkish-backed factions"}
    # an attack repelled by a subject too long for one phrase: who attacked, then who held
    drafts = _drafts("واصل جيش الاحتلال التركي ومرتزقته، أمس، قصف قرية الدردارة. وتصدى مقاتلو "
                     "المجلس العسكري المنضوي ضمن صفوف قوات سوريا الديمقراطية لهجوم شنه المرتزقة "
                     "على قرية أم حرملا.")
    attack = next(d for d in drafts if d.place_ar == "أم حرملا")
    assert list(attack.actors) == ["Turkish-backed factions", "SDF"]
    # with no group named before them, «المرتزقة» names no party
    alone = _drafts("وقصف المرتزقة، أمس، قرية أم حرملا.")
    assert all(not d.actors or "Turkish-backed factions" not in d.actors for d in alone)


@pytest.mark.parametrize(("text", "anchor"), [
    ("استهدفت الطائرات مواقع في بادية السخنة بريف حمص الشرقي.", "As Sukhnah"),
    ("هاجم التنظيم موقعاً في بادية الميادين.", "Al Mayādīn"),
])
def test_the_desert_of_a_town_is_its_countryside(text, anchor):
    rel = [m for m in geoparse(text) if m.kind == "relative"]
    assert rel[0].surface.startswith("بادية") and rel[0].relation == "countryside"
    assert rel[0].place.name_en == anchor


def test_a_capital_named_by_its_head_and_nisba_is_the_city():
    found = [(m.surface, m.metonymic) for m in
             geoparse("عقد مسؤولون اجتماعاً في العاصمة الأردنية عمّان، وزار وفد العاصمة الروسية "
                      "موسكو.") if m.kind == "toponym"]
    # the city, where they met; the nisba after «العاصمة» is no village (Ar Rusiyah)
    assert found == [("عمّان", False), ("موسكو", False)]


@pytest.mark.parametrize(("text", "actor"), [
    ("قتل عناصر من الميليشيات العراقية والأفغانية الموالية لإيران", "Iran-backed militias"),
    ("شاركت ميليشيات عراقية وإيرانية في المعارك", "Iran-backed militias"),
    ("هاجمت الفصائل السورية المسلحة المدعومة من أنقرة القرية", "Turkish-backed factions"),
    ("غادرت دفعة جديدة من قاطني المخيم", "civilians"),
])
def test_groups_named_by_origin_or_patron_and_residents(text, actor):
    assert [a.actor for a in find_actors(text)] == [actor]


def test_a_refusal_with_a_date_between_commas_is_a_refused_request():
    drafts = _drafts("غادر مئات المدنيين مخيم الركبان أمس. وكانت الحكومة السورية قد رفضت، الشهر الماضي، "
                     "طلباً تقدمت به الأمم المتحدة لإدخال قافلة مساعدات إلى المخيم، بحجة أن "
                     "الأولوية لإخراج السكان.")
    assert "request_refused" in [d.kind for d in drafts]
    assert all((d.place_ar or "") != "حجة" for d in drafts)   # «بحجة»: a pretext, no village


def test_a_speaker_at_its_seat_is_not_where_the_claim_is():
    drafts = _drafts("اتهم مركز المصالحة الروسي في قاعدة حميميم القوات الأمريكية بمنع قاطني مخيم "
                     "الركبان من الخروج.")
    claim = next(d for d in drafts if d.kind == "accusation")
    assert claim.place_ar != "حميميم" and "الركبان" in claim.place_ar


def test_forces_described_by_a_participle_are_who_stands_there():
    drafts = _drafts("وتحدث التقرير عن القوات الأمريكية المتمركزة في قاعدة التنف منذ عام 2016.")
    presence = [d for d in drafts if d.kind == "military_presence"]
    assert presence and presence[0].actors[0] == "United States"


def test_reinforcements_go_where_they_are_sent_not_where_they_came_from():
    drafts = _drafts("ودفعت قوات النظام بتعزيزات عسكرية من مدينة تدمر نحو السخنة.")
    deployments = [d for d in drafts if d.kind == "deployment"]
    assert [d.place_ar for d in deployments] == ["السخنة"]


def test_a_village_spelt_exactly_beats_a_far_city_matched_loosely():
    found = [m for m in geoparse("وصلت تعزيزات عسكرية إلى بلدة آراك شرق مدينة تدمر.")
             if m.kind == "toponym"]
    # the Syrian village Arak, not Iran's Arāk (its name with the hamza normalised)
    assert found[0].surface == "آراك" and found[0].place.country == "SY"


def test_the_dead_after_an_opening_phrase_and_a_quoted_attacker():
    drafts = _drafts("أعلن الجيش العربي السوري تقدمه. وفي ريف دير الزور، استشهد ثلاثة عناصر من "
                     "الجيش، مساء أمس، جراء هجوم لإرهابيي \"داعش\" استهدف حافلة عسكرية قرب قرية "
                     "الشولا.")
    attacks = [d for d in drafts if d.kind == "attack"]
    # one attack (the verb after the indefinite noun is its relative clause), at the village
    assert len(attacks) == 1 and "الشولا" in attacks[0].place_ar
    assert list(attacks[0].actors) == ["ISIS", "Syrian government"]


def test_whom_forces_pursue_is_not_who_moved():
    drafts = _drafts("هاجم تنظيم داعش موقعاً للجيش السوري قرب السخنة أمس. ووصلت اليوم تعزيزات "
                     "لقوات النظام إلى مدينة تدمر لملاحقة فلول التنظيم.")
    moved = [d for d in drafts if d.kind == "deployment"]
    assert moved and moved[0].actors[0] == "Syrian government"


def test_said_and_accused_is_one_speaker():
    drafts = _drafts("Russia's defence ministry said on Tuesday that its police act under the "
                     "agreements with Turkey and accused U.S. forces of blocking them near Qamishli.")
    claim = next(d for d in drafts if d.kind == "accusation")
    assert list(claim.actors)[:2] == ["Russia", "United States"]


@pytest.mark.parametrize("text", ["The town was shelled on Monday.",
                                  "The crossing lies a few kilometres from the positions hit."])
def test_an_article_before_a_head_is_no_name(text):
    assert [m.surface for m in geoparse(text) if m.kind == "toponym"] == []


def test_a_capital_named_as_a_patron_is_its_government():
    found = {m.surface: m.metonymic for m in geoparse(
        "Washington warned against arms for groups loyal to Tehran, as a convoy drove to Baghdad.")
        if m.kind == "toponym"}
    assert found["Tehran"] is True and found["Baghdad"] is False


@pytest.mark.parametrize("text", ["A US jet shot down an Iranian-made drone near al-Tanf.",
                                  "أسقطت مقاتلة أمريكية طائرة مسيرة إيرانية الصنع قرب التنف."])
def test_where_a_weapon_was_made_is_no_party(text):
    assert [a.actor for a in find_actors(text)] == ["United States"]


def test_weapons_moved_from_one_place_to_another_are_a_deployment_there():
    drafts = _drafts("The Pentagon has moved rocket systems from Jordan to al-Tanf, officials said.")
    assert [(d.kind, d.place) for d in drafts if d.kind == "deployment"] == [
        ("deployment", "al-Tanf")]


def test_villages_that_underwent_shelling_named_before_the_verb():
    drafts = _drafts("وكانت قرى الدادات وحلوانجي شمال منبج قد تعرّضت، مساء أمس، لقصف بقذائف الهاون "
                     "مصدره مواقع الفصائل الموالية لتركيا في ريف جرابلس.")
    shelled = [d for d in drafts if d.kind == "shelling"]
    assert [d.place_ar for d in shelled] == ["الدادات", "حلوانجي"]
    assert shelled[0].actors[0] == "Turkish-backed factions"


def test_fighters_falling_back_withdraw():
    drafts = _drafts("IS fighters fell back from Hajin on Friday.")
    assert [d.kind for d in drafts] == ["withdrawal"]


def test_a_light_verb_with_a_time_between_commas_keeps_its_subject():
    drafts = _drafts("شنّت فصائل \"الجيش الوطني السوري\" المدعومة من تركيا، فجر اليوم الخميس، هجوماً "
                     "على قرية تل الورد، بعد تمهيد مدفعي تركي طال القرية.")
    assert drafts[0].actors[0] == "Turkish-backed factions"


def test_forces_that_reinforce_their_presence_deploy():
    drafts = _drafts("عززت الشرطة العسكرية الروسية وجودها في بلدة صرين جنوبي عين العرب أمس.")
    assert [(d.kind, d.actors[0], d.place_ar) for d in drafts] == [
        ("deployment", "Russia", "صرين")]


def test_tolls_with_thousands_and_the_neutralised():
    drafts = _drafts("The Turkish General Staff said on Friday that 3,444 militants had been "
                     "neutralised in Afrin.")
    assert drafts[0].fatalities == 3444
    arabic = _drafts("وقالت وزارة الدفاع التركية أمس إنه تم تحييد 480 إرهابياً في مدينة رأس العين.")
    assert arabic[0].fatalities == 480


def test_small_towns_that_name_a_road_are_places():
    for text in ("وقع كمين على طريق أثريا – خناصر شرقي حماة.",
                 "قطعت قوات النظام الطريق الواصل بين أثريا وخناصر."):
        found = [m.surface for m in geoparse(text) if m.kind == "toponym"]
        assert "أثريا" in found and "خناصر" in found
    # «بين» alone names no place where no gazetteer name follows
    assert [m for m in geoparse("اندلعت اشتباكات بين قسد والنظام") if m.kind == "toponym"] == []


def test_a_preposition_with_a_pronoun_after_a_head_is_no_place():
    assert [m.surface for m in geoparse("أطلقت الطائرة صاروخين على المنزل أثناء وجود نساء "
                                        "القرية داخله.") if m.kind == "toponym"] == []


def test_the_armys_named_formations_are_the_government():
    assert [a.actor for a in find_actors("عناصر من الفرقة الرابعة")] == ["Syrian government"]
    assert [a.actor for a in find_actors("the army's Fourth Division")] == ["Syrian government"]


def test_meanwhile_dates_a_sentence_by_the_one_before():
    drafts = _drafts("قصفت طائرة مسيّرة تركية صباح اليوم منزلاً في بلدة صرين.\n\nوأفاد المراسل "
                     "بأن الطائرة أطلقت صاروخين.\n\nوبالتزامن مع ذلك، قصفت الفصائل الموالية لتركيا "
                     "بالمدفعية قرية التينة في ريف عين عيسى.")
    shelled = next(d for d in drafts if d.place_ar == "التينة")
    assert shelled.event_date == PUBLISHED


@pytest.mark.parametrize(("text", "actor"), [
    ("Militants of pro-Turkish armed groups shelled the village.", "Turkish-backed factions"),
    ("Kurdish formations completed their withdrawal from the border zone.", "YPG"),
])
def test_groups_named_as_the_russian_ministry_and_tass_do(text, actor):
    assert [a.actor for a in find_actors(text)] == [actor]


def test_overnight_is_the_night_before_the_report():
    found = find_dates("Militants shelled the village of Mushayrifa overnight.", published=PUBLISHED)
    assert [(d.first, d.last) for d in found] == [(D(2019, 11, 8), D(2019, 11, 9))]


def test_consultations_are_placed_where_they_were_held():
    drafts = _drafts("On Monday, Russian and Turkish military delegations held consultations in "
                     "Ankara on the joint patrols east of the Euphrates.")
    assert [(d.kind, d.place) for d in drafts] == [("meeting", "Ankara")]


def test_where_a_deal_was_struck_is_not_where_forces_withdrew():
    drafts = _drafts("The YPG completed its withdrawal from Tal Abyad on October 29, ahead of the "
                     "deadline agreed in Sochi.")
    assert [d.place for d in drafts if d.kind == "withdrawal"] == ["Tall Abyaḑ"]   # not Sochi


def test_militias_affiliated_to_the_irgc():
    assert [a.actor for a in find_actors("IRGC-affiliated militias are deployed")] == [
        "Iran-backed militias"]


def test_an_airdrop_is_a_deployment_and_amaq_speaks_for_isis():
    drafts = _drafts("وكانت مروحيات التحالف قد أنزلت، الأربعاء الماضي، مئات المقاتلين من قسد قرب "
                     "مدينة الطبقة.")
    assert [(d.kind, d.actors[0]) for d in drafts] == [("deployment", "US-led coalition")]
    assert [a.actor for a in find_actors("حذرت وكالة أعماق من انهيار السد")] == ["ISIS"]


def test_a_threat_is_a_statement_and_what_it_threatens_no_act():
    drafts = _drafts("وتوعّد الرئيس التركي أمس بأن أي قوة تأتي لمساندة الوحدات الكردية في عفرين "
                     "ستدفع ثمناً باهظاً.")
    assert [(d.kind, d.actors[0]) for d in drafts] == [("statement", "Turkey")]
    english = _drafts("Erdogan threatened on Monday to attack any force that enters Afrin.")
    assert [d.kind for d in english] == ["statement"]


def test_a_death_toll_that_rose_to_a_figure():
    drafts = _drafts("The Syrian Observatory said on Wednesday the death toll in Afrin rose to 112.")
    assert [(d.kind, d.fatalities) for d in drafts] == [("casualties_report", 112)]


def test_militias_alone_are_those_the_report_named():
    drafts = _drafts("Iran-backed militias shelled the village of Hatla on Saturday. New militia "
                     "reinforcements arrived in al-Mayadin from Albukamal on Sunday.")
    moved = [d for d in drafts if d.kind == "deployment"]
    assert moved and moved[0].actors[0] == "Iran-backed militias"
    # with no militia named before, the word alone names no party
    alone = _drafts("New militia reinforcements arrived in al-Mayadin on Sunday.")
    assert all("Iran-backed militias" not in d.actors for d in alone)


def test_an_english_village_name_far_away_is_its_qualified_namesake_near_the_report():
    found = [m for m in geoparse("Turkish drones pounded the villages of Tal al-Ward and Rubaat "
                                 "north of Tal Tamr.") if m.kind == "toponym"]
    ward = next(m for m in found if m.surface == "Tal al-Ward")
    assert ward.place.name_en == "Tall al Ward Sharqi"   # not Tall al Ward near Homs


def test_the_past_two_days_in_the_dual():
    found = find_dates("شنّ الطيران الروسي خلال اليومين الماضيين أكثر من أربعين غارة",
                       published=PUBLISHED)
    assert [(d.first, d.last) for d in found] == [(D(2019, 11, 7), D(2019, 11, 9))]


def test_people_who_fled_a_small_town_named_after_the_movers():
    drafts = _drafts("وبحسب مصادر محلية، نزح أكثر من تسعة آلاف شخص من عين عيسى خلال الأيام الماضية "
                     "باتجاه مدينة الرقة.")
    assert [(d.kind, d.actors[0], d.place_ar) for d in drafts] == [
        ("displacement", "civilians", "عين عيسى")]


def test_occupied_towns_are_captured_but_the_occupation_army_is_no_act():
    drafts = _drafts("وكان جيش الاحتلال التركي ومرتزقته قد احتلوا مدينتي سري كانيه وكري سبي في "
                     "تشرين الأول من العام الماضي.")
    assert [(d.kind, d.place_ar) for d in drafts] == [("capture", "سري كانيه"),
                                                     ("capture", "كري سبي")]
    assert drafts[0].event_date == D(2018, 10, 1)


def test_the_nearest_namesake_to_the_report_wins_however_the_lookup_ranks_it():
    found = [m for m in geoparse("Fighting broke out near al-Tanf on Sunday. Contractors have "
                                 "guarded gas fields near the town of Arak since 2017.")
             if m.kind == "toponym" and m.surface == "Arak"]
    assert found[0].place.country == "SY"   # not Iran's Arāk, ranked first by population


def test_a_community_before_a_head_is_no_place():
    found = [m.surface for m in geoparse("Militias deployed in the nearby Shiite towns of Nubl "
                                         "and Zahraa.") if m.kind == "toponym"]
    assert found == ["Nubl", "Zahraa"]


def test_fire_returned_on_its_sources_is_a_strike_there():
    drafts = _drafts("وقالت الوزارة إن مسلحين استهدفوا بقذائف الهاون أمس مخفراً قرب تل أبيض، وإن "
                     "القوات التركية ردّت على مصادر النيران في محيط بلدة عين عيسى.")
    assert any(d.kind == "shelling" and "عين عيسى" in d.place_ar for d in drafts)


def test_lives_claimed_are_no_village_and_groups_after_a_conjunction_are_named():
    drafts = _drafts("وشهدت مدينة تل أبيض السبت الماضي انفجار سيارة مفخخة أودى بحياة 5 مدنيين.")
    assert [d.place_ar for d in drafts] == ["تل أبيض"]
    assert [a.actor for a in find_actors("اشتباكات بين قسد والفصائل المدعومة من أنقرة")] == [
        "SDF", "Turkish-backed factions"]

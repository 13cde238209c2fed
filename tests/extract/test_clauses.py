"""Presence, transport, claims about earlier events and the verbs of a clause, on sentences
written for these tests (not taken from the development sets)."""

from __future__ import annotations

import datetime as dt

import pytest

from geo_deconflict.extract.core import extract

PUBLISHED = dt.date(2019, 10, 18)   # a Friday


def _drafts(text: str) -> list:
    return [d.incident for d in extract(text, published=PUBLISHED, doc="t")]


@pytest.mark.parametrize(("text", "actor", "place"), [
    ("وصلت التعزيزات إلى قاعدة حميميم، حيث تتمركز قوات روسية.", "Russia", "Khmeimim"),
    ("About 300 Russian soldiers are in the vicinity of the airport near Kobani.",
     "Russia", "Kobani"),
    (("نقلت قوات سوريا الديمقراطية المعتقلين بحافلات إلى حقل العمر الخاضع لسيطرة القوات "
     "الأمريكية."), "United States", "Omar"),
])
def test_where_forces_are_is_a_presence_of_its_own(text, actor, place):
    presence = [d for d in _drafts(text) if d.kind == "military_presence"]
    assert len(presence) == 1
    assert presence[0].actor1 == actor and place in presence[0].place


def test_a_participle_of_stationing_is_presence_and_the_main_verb_its_own_event():
    drafts = _drafts("قال مسؤول إن القوات الروسية المتمركزة في مطار القامشلي أرسلت دورية "
                     "إلى عامودا.")
    kinds = {d.kind: d for d in drafts}
    assert set(kinds) == {"military_presence", "patrol"}
    assert "Qamishli" in kinds["military_presence"].place
    assert kinds["patrol"].place != kinds["military_presence"].place   # the patrol's goal


def test_people_moved_by_trucks_are_a_convoy_and_a_quote_is_not_a_transport():
    moved = _drafts("نقلت قوات سوريا الديمقراطية المعتقلين بحافلات إلى حقل العمر.")
    assert [d.kind for d in moved] == ["convoy_movement"] and moved[0].actor1 == "SDF"
    quoted = _drafts("ونقلت وكالة رويترز عن مصدر عسكري أن القوات التركية قصفت قرية في ريف منبج.")
    assert [d.kind for d in quoted] == ["shelling"] and quoted[0].actor1 == "Turkey"


def test_a_claim_about_earlier_strikes_is_placed_where_they_struck():
    drafts = _drafts("قصفت طائرات روسية بلدة خان شيخون أمس. وأكد المرصد السوري لحقوق الإنسان "
                     "الغارات لكنه قدّر عدد القتلى بعشرة مدنيين.")
    assert [d.kind for d in drafts] == ["airstrike", "casualties_report"]
    assert drafts[1].actor1 == "SOHR" and drafts[1].place == drafts[0].place


@pytest.mark.parametrize(("text", "kind"), [
    ("أسقط الجيش السوري طائرة مسيّرة فوق مدينة القنيطرة أمس.", "attack"),
    ("A Turkish drone was shot down near Tal Tamr on Thursday by Syrian government forces.",
     "attack"),
    ("Russia moved two attack helicopters to a base near Qamishli on Thursday.", "deployment"),
])
def test_downing_an_aircraft_is_an_attack_and_attack_helicopters_are_not(text, kind):
    assert [d.kind for d in _drafts(text)] == [kind]


def test_control_alone_is_presence_and_control_over_a_place_a_capture():
    drafts = _drafts("تقع البلدة في مناطق سيطرة قوات النظام قرب مدينة الميادين.")
    assert "capture" not in {d.kind for d in drafts}
    # a capture the strike followed, told there first, is an event of its own, at the same town
    strike, capture = _drafts("قصفت الطائرات مدينة البوكمال بعد سيطرة الميليشيات الإيرانية "
                              "عليها أمس.")
    assert (strike.kind, capture.kind) == ("airstrike", "capture")
    assert capture.actors == ("Iran-backed militias",) and capture.place == strike.place


@pytest.mark.parametrize("text", [
    ("Speaking to reporters in Ankara, the Turkish minister said Russian jets struck Saraqib "
    "on Thursday."),
    "وقال الوزير التركي، متحدثاً إلى الصحافيين في أنطاليا، إن طائرات روسية قصفت سراقب الخميس.",
])
def test_where_a_speaker_spoke_is_not_where_the_event_was(text):
    drafts = _drafts(text)
    assert drafts and all("Sar" in d.place for d in drafts)


@pytest.mark.parametrize("text", [
    "The withdrawal of Kurdish fighters from Manbij will begin next month, the minister said.",
    "قال الوزير إن انسحاب المقاتلين من منبج سيبدأ الشهر المقبل.",
])
def test_an_event_noun_followed_by_a_future_is_a_plan(text):
    assert "withdrawal" not in {d.kind for d in _drafts(text)}


def test_a_date_right_before_an_event_noun_is_its_date():
    drafts = _drafts("Erdogan said this week that Manbij was next, following last week's "
                     "capture of al-Bab by Turkish-backed rebels.")
    capture = next(d for d in drafts if d.kind == "capture")
    assert capture.date_end < dt.date(2019, 10, 14)     # the week before the publication week


def test_an_agreement_is_placed_at_what_it_is_about_and_its_summit_at_the_venue():
    drafts = _drafts("اتفق الرئيسان الروسي والتركي، في ختام قمة جمعتهما اليوم في سوتشي، على "
                     "إنشاء منطقة عازلة في إدلب.")
    kinds = {d.kind: d for d in drafts}
    assert "Idlib" in kinds["agreement"].place
    assert "Sochi" in kinds["meeting"].place


@pytest.mark.parametrize("text", [
    "US President Donald Trump announced a partial withdrawal of troops from Syria on Monday.",
    "أعلنت رئاسة الأركان التركية مساء الاثنين انطلاق العملية العسكرية في منطقة عفرين.",
])
def test_an_act_announced_by_a_noun_is_a_statement(text):
    assert [d.kind for d in _drafts(text)] == ["statement"]


def test_an_accusing_participle_makes_the_statement_an_accusation():
    drafts = _drafts("وقال المركز الروسي إن المساعدات لم تصل إلى مخيم الركبان، متهماً الجانب "
                     "الأمريكي بعرقلة وصولها.")
    assert [d.kind for d in drafts] == ["accusation"] and drafts[0].actor1 == "Russia"


def test_the_agreement_an_event_happens_under_is_its_frame():
    drafts = _drafts("Under the deal, Turkish and Russian troops patrolled the M4 highway near "
                     "Saraqib on Friday.")
    assert [d.kind for d in drafts] == ["patrol"]


def test_the_two_sides_are_the_pair_named_before():
    drafts = _drafts("سيّرت القوات التركية والروسية دورية مشتركة في ريف الدرباسية يوم الأربعاء. "
                     "وكان الجانبان قد سيّرا دورية أخرى قرب بلدة عامودا يوم الاثنين.")
    assert [d.kind for d in drafts] == ["patrol", "patrol"]
    assert set(drafts[1].actors) >= {"Turkey", "Russia"}


def test_talks_an_agreement_followed_are_background_and_its_venue_a_meeting():
    drafts = _drafts("GENEVA (Reuters) - Russia and the United States reached an agreement in "
                     "Geneva on a truce in Syria after talks between their foreign ministers. "
                     "Following weeks of talks, the two sides agreed to allow aid into Aleppo.")
    kinds = [d.kind for d in drafts]
    assert kinds.count("meeting") == 1
    meeting = next(d for d in drafts if d.kind == "meeting")
    assert meeting.place == "Geneva"
    first = next(d for d in drafts if d.kind == "agreement")
    assert first.place != "Geneva"


def test_a_contact_over_the_hotline_reported_by_a_spokesman_is_its_own_act():
    drafts = _drafts("وقصفت قوات النظام مواقع قرب مدينة الحسكة أمس. وأضاف المتحدث الأمريكي أن "
                     "الاتصال بالروس جرى عبر القناة المخصصة للسلامة الجوية.")
    hotline = [d for d in drafts if d.kind == "hotline_contact"]
    assert len(hotline) == 1 and "Russia" in hotline[0].actors


def test_forces_that_reached_a_town_are_deployed_there():
    (draft,) = _drafts("Coalition jets reached the outskirts of Hasakah on Thursday.")
    assert draft.kind == "deployment" and "Hasakah" in draft.place


@pytest.mark.parametrize("text", [
    ("The ministry said Russian forces repelled attacks on the Tartus naval base and Hmeimim air "
    "base on Saturday."),
    "Turkish jets struck Tal Abyad as well as Ras al-Ain on Wednesday.",
])
def test_places_listed_with_their_class_nouns_or_as_well_as_are_one_draft_each(text):
    assert len(_drafts(text)) == 2


@pytest.mark.parametrize(("text", "kind"), [
    ("وقع تصادم قرب مدينة المالكية يوم الأربعاء بين دورية أمريكية وأخرى روسية.", "clash"),
    ("A US patrol collided with a Russian convoy near Derik on Wednesday.", "clash"),
    ("أجبرت القوات الأمريكية الشرطة الروسية على إخلاء مقرها في قرية قصر ديب.", "withdrawal"),
    ("هبطت ثلاث مقاتلات روسية في قاعدة حميميم الجوية يوم السبت.", "deployment"),
])
def test_collisions_vacating_posts_and_landing_at_a_base(text, kind):
    assert kind in {d.kind for d in _drafts(text)}


def test_a_statement_stays_when_a_new_main_clause_reports_another_act():
    drafts = _drafts("US President Donald Trump announced a withdrawal of troops from Syria last "
                     "month, and on Friday Russian military police patrolled near Kobani.")
    assert [d.kind for d in drafts] == ["statement", "patrol"]
    assert drafts[0].actor1 == "United States" and drafts[0].date_end < dt.date(2019, 10, 1)


@pytest.mark.parametrize("text", [
    ("Russia and Turkey agreed on three zones: the first in Idlib province, the second in parts "
    "of Homs province and the third in Eastern Ghouta."),
    ("اتفقت روسيا وتركيا على ثلاث مناطق: الأولى في محافظة إدلب، والثانية في أجزاء من محافظة حمص، "
    "والثالثة في الغوطة الشرقية."),
])
def test_an_enumeration_of_places_gives_one_draft_per_item(text):
    drafts = _drafts(text)
    assert [d.kind for d in drafts] == ["agreement"] * 3
    assert len({d.place for d in drafts}) == 3


def test_a_month_named_first_is_no_enumeration():
    drafts = _drafts("اتفقت روسيا وتركيا في 22 تشرين الأول على انسحاب القوات الكردية من منبج "
                     "والثانية في عين العرب.")
    assert len([d for d in drafts if d.kind == "agreement"]) == 1


@pytest.mark.parametrize("text", [
    ("The Russian defence ministry said drones attacked Hmeimim air base on Saturday. It said the "
    "drones had been launched from rebel areas near Idlib, the Free Syrian Army claimed."),
    ("قالت وزارة الدفاع الروسية إن طائرات مسيرة هاجمت قاعدة حميميم يوم السبت. وأوضحت الوزارة أن "
    "الطائرات انطلقت من منطقة قريبة من إدلب بحسب الجيش الحر."),
])
def test_a_speaker_taken_up_by_a_pronoun_or_a_definite_noun_is_the_one_named_before(text):
    claims = [d for d in _drafts(text) if d.kind == "statement"]
    assert claims and claims[0].actor1 == "Russia"


@pytest.mark.parametrize(("text", "kind"), [
    (("ونقلت وكالة رويترز عن مصدر أن المعارك خلّفت عشرات القتلى في صفوف قوات النظام قرب تدمر "
     "أمس."), "casualties_report"),
    ("شرع مقاتلو الفصائل المدعومة من تركيا في مهاجمة القرى المحيطة ببلدة راجو أمس.",
     "ground_offensive"),
])
def test_a_toll_left_by_fighting_and_an_assault_begun(text, kind):
    assert kind in {d.kind for d in _drafts(text)}


def test_an_army_striking_with_no_weapon_named_shells_even_after_aircraft_were_mentioned():
    drafts = _drafts("Coalition aircraft flew over Hasakah on Monday. The Syrian army struck SDF "
                     "positions in Hasakah on Tuesday.")
    assert "shelling" in {d.kind for d in drafts}


def test_the_two_leaders_are_the_pair_that_met_not_the_parties_of_a_fight_in_between():
    drafts = _drafts("Putin met Trump in Helsinki on Monday, as the fighting moved closer to the "
                     "Israeli-occupied Golan Heights. The two leaders' summit, in Finland's "
                     "capital Helsinki, produced no breakthrough.")
    meetings = [d for d in drafts if d.kind == "meeting"]
    assert meetings and all(set(d.actors) >= {"Russia", "United States"} for d in meetings)
    assert "deployment" not in {d.kind for d in drafts}


def test_a_statement_going_on_with_an_accusation_is_the_same_claim():
    drafts = _drafts("اتهمت وزارة الدفاع الروسية التحالف الدولي بتدمير مدينة الرقة. وقالت الوزارة "
                     "الروسية إن الرقة لقيت مصيراً مأساوياً.")
    assert [d.kind for d in drafts] == ["accusation"]
    assert drafts[0].provenance.evidence[-1].start > 60    # the second sentence's words too

"""What a report tells across its sentences: sites named again with their place, spans counted
back from an earlier event, quarters of a town, events and places pointed back at, acts that
followed or accompanied others. Sentences written for these tests, not taken from the
development sets."""

from __future__ import annotations

import datetime as dt

import pytest

from geo_deconflict.extract.core import extract

PUBLISHED = dt.date(2019, 11, 15)   # a Friday


def _drafts(text: str, published: dt.date | None = PUBLISHED) -> list:
    return [d.incident for d in extract(text, published=published, doc="t")]


@pytest.mark.parametrize(("text", "town"), [
    (("A base in northern Syria that US troops left this week is now held by Russian forces, "
     "Moscow said. Russian military police guard the base near the town of Kobane."), "Kobani"),
    (("قالت مصادر محلية إن القوات الأمريكية انسحبت من قاعدة في شمال سوريا. وتقع القاعدة قرب "
     "مدينة عين العرب."), "Kobani"),
])
def test_a_site_placed_in_a_region_takes_the_place_the_report_gives_it_later(text, town):
    withdrawal = next(d for d in _drafts(text) if d.kind == "withdrawal")
    assert town in withdrawal.place
    assert "names the site later" in withdrawal.notes


def test_a_site_named_later_outside_the_region_is_not_taken():
    drafts = _drafts("A base in northern Syria that US troops left this week is now empty, "
                     "officials said. The base near Deraa was also shelled.")
    withdrawal = next(d for d in drafts if d.kind == "withdrawal")
    assert "Daraa" not in withdrawal.place and "Dar" not in withdrawal.place


@pytest.mark.parametrize(("text", "back"), [
    (("Russian jets struck Saraqib on Thursday. A drone was shot down by Russian forces near "
     "Latakia a week earlier."), 7),
    (("قصفت طائرات روسية مدينة سراقب الخميس. وكانت القوات الروسية قد أسقطت طائرة مسيرة قرب "
     "اللاذقية قبل ذلك بأسبوع."), 7),
    (("Russian jets struck Saraqib on Thursday. Russian forces had shot down a drone near "
     "Latakia two days before."), 2),
])
def test_a_span_counted_back_from_an_earlier_event(text, back):
    attack = next(d for d in _drafts(text) if d.kind == "attack")
    assert attack.date_end == PUBLISHED - dt.timedelta(days=back)
    assert attack.event_date < attack.date_end    # counted from an event, not from publication


def test_spans_counted_back_need_a_publication_date():
    drafts = _drafts("Russian forces shot down a drone near Latakia a week earlier.",
                     published=None)
    assert all(d.event_date is None for d in drafts)


@pytest.mark.parametrize("text", [
    "تتواصل الاشتباكات بين التنظيم وقوات النظام في منطقة حويجة صكر بمدينة دير الزور.",
    "Clashes between IS and government forces went on in the al-Huwayqa district of Deir ez-Zor.",
])
def test_a_quarter_of_a_town_is_placed_in_the_town(text):
    (clash,) = _drafts(text)
    assert "Deir ez-Zor" in clash.place


def test_an_event_pointed_back_at_is_at_its_place():
    drafts = _drafts("أرسل التحالف طائرات إلى شمال شرق سوريا الخميس. ووصلت الطائرات إلى محيط "
                     "مدينة الحسكة. وأكد الروس أن طائراتهم ليست من ينفذ هذا القصف.")
    claim = next(d for d in drafts if d.kind in ("statement", "denial"))
    assert "Hasak" in claim.place


def test_an_act_after_one_told_before_is_background():
    drafts = _drafts("أطلقت القوات التركية يوم الأحد عملية عسكرية ضد الوحدات الكردية في عفرين، "
                     "فيما هبطت مقاتلات تركية في قاعدة إنجرليك عقب بدء العملية.")
    assert [d.kind for d in drafts].count("ground_offensive") == 1
    assert any("Incirlik" in d.place for d in drafts)


def test_an_act_the_event_followed_is_an_event_of_its_own():
    drafts = _drafts("Turkish jets pounded Tal Abyad on Wednesday, following the withdrawal of "
                     "U.S. forces from the area.")
    kinds = {d.kind: d for d in drafts}
    assert "withdrawal" in kinds and "United States" in kinds["withdrawal"].actors


def test_coordinated_acts_share_their_places():
    drafts = _drafts("قالت مصادر محلية إن جبهات بلدة هجين وقرية الشعفة تشهد قصفاً واشتباكات بين "
                     "قوات سوريا الديمقراطية والتنظيم، إذ تعد المنطقة معقلاً للتنظيم شرقي نهر الفرات.")
    clashes = [d for d in drafts if d.kind == "clash"]
    assert {d.place for d in clashes} >= {d.place for d in drafts if d.kind == "shelling"}
    assert all("Euphrates" not in d.place for d in clashes)


def test_an_announced_operation_is_an_announcement():
    drafts = _drafts("وكانت رئاسة الأركان التركية قد أعلنت مساء السبت انطلاق العملية ضد الوحدات "
                     "الكردية في عفرين، بالتزامن مع غارات جوية على المنطقة.")
    assert "statement" in {d.kind for d in drafts}


def test_what_a_relative_clause_tells_is_not_a_new_event():
    drafts = _drafts("وتواصل القوات التركية تمشيط المناطق التي دخلتها قرب تل أبيض.")
    assert "deployment" not in {d.kind for d in drafts}


@pytest.mark.parametrize("text", [
    "The Turkish defence minister told lawmakers that the YPG was digging trenches in Manbij.",
    "قالت وزارة الدفاع التركية إن الوحدات الكردية تحفر خنادق في منبج.",
])
def test_a_party_saying_another_side_did_something_accuses_it(text):
    assert "accusation" in {d.kind for d in _drafts(text)}


@pytest.mark.parametrize("text", [
    "The US colonel said that Russia and the United States keep in contact over Raqqa.",
    ("President Erdogan announced the operation in Tal Abyad, which followed a decision by the "
    "United States that its troops would step aside."),
])
def test_joint_acts_and_distant_clauses_are_no_accusation(text):
    assert "accusation" not in {d.kind for d in _drafts(text)}


def test_the_day_of_an_event_a_dated_one_followed():
    drafts = _drafts("U.S. troops patrolled near Tal Tamr on Tuesday, a day after Russian military "
                     "police set up a new position at an airfield in the area.",
                     published=dt.date(2019, 11, 20))
    kinds = {d.kind: d for d in drafts}
    assert kinds["patrol"].event_date == dt.date(2019, 11, 19)
    assert kinds["deployment"].event_date == dt.date(2019, 11, 18)
    assert "Russia" in kinds["deployment"].actors


def test_a_base_evacuated_by_its_forces_is_a_withdrawal():
    drafts = _drafts("قالت مصادر محلية إن قاعدة قرب بلدة عين عيسى أخلتها القوات الأمريكية "
                     "الشهر الماضي.")
    withdrawal = next(d for d in drafts if d.kind == "withdrawal")
    assert "United States" in withdrawal.actors and withdrawal.event_date.month == 10


def test_people_flee_from_a_place_not_to_it():
    drafts = _drafts("قصف الجيش التركي قرى في محيط تل تمر أمس، ما أسفر عن نزوح عشرات العائلات "
                     "نحو مدينة الحسكة.")
    fled = next(d for d in drafts if d.kind == "displacement")
    assert "Hasakah" not in fled.place and "civilians" in fled.actors


def test_an_operation_to_retake_a_town_is_an_offensive_not_a_capture():
    drafts = _drafts("قالت الوزارة إن الضابط كان يساعد القوات الحكومية في إدارة عملية استعادة "
                     "مدينة دير الزور.")
    assert "capture" not in {d.kind for d in drafts}


def test_an_air_strike_and_a_shelling_by_two_forces_stay_two_events():
    drafts = _drafts("قتل ضابط روسي بقصف مدفعي نفذه مقاتلو تنظيم الدولة في دير الزور أمس. وفي "
                     "الأثناء قصف الطيران الحربي التابع للنظام مواقع التنظيم في مدينة دير الزور.")
    assert {"shelling", "airstrike"} <= {d.kind for d in drafts}


@pytest.mark.parametrize("text", [
    "وقالت الوزارة إن الرقة أصغر من دير الزور التي تخوض فيها القوات الحكومية عملية للسيطرة عليها.",
    "Government forces are waging an offensive to take Deir ez-Zor, the ministry said.",
])
def test_an_operation_waged_is_an_offensive(text):
    drafts = _drafts(text)
    assert any(d.kind == "ground_offensive" and "Deir ez-Zor" in d.place for d in drafts)

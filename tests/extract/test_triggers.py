"""Event vocabulary, clauses, modality and precision of `extract` on sentences written for
these tests (not taken from the development sets)."""

from __future__ import annotations

import datetime as dt

import pytest

from geo_deconflict.extract.core import extract

PUBLISHED = dt.date(2019, 10, 18)   # a Friday


def _drafts(text: str) -> list:
    return [d.incident for d in extract(text, published=PUBLISHED, doc="t")]


@pytest.mark.parametrize(("text", "kind", "actor", "day"), [
    ("استعادت قوات النظام السيطرة على مدينة تدمر أمس بعد معارك عنيفة.",
     "capture", "Syrian government", dt.date(2019, 10, 17)),
    ("Turkish-backed rebels seized the town of Tal Abyad on Friday.",
     "capture", "Turkish-backed factions", dt.date(2019, 10, 18)),
    ("US troops withdrew from the Manbij area last week.",
     "withdrawal", "United States", None),
    ("A convoy of Iran-backed militias moved toward Abu Kamal on Sunday.",
     "convoy_movement", "Iran-backed militias", dt.date(2019, 10, 13)),
    ("قصفت قوات النظام بالمدفعية مدينة منبج يوم الثلاثاء.",
     "shelling", "Syrian government", dt.date(2019, 10, 15)),
    ("شنت طائرات روسية غارات على مدينة إدلب يوم الثلاثاء.",
     "airstrike", "Russia", dt.date(2019, 10, 15)),
])
def test_event_kinds_actors_and_dates(text, kind, actor, day):
    drafts = _drafts(text)
    assert [d.kind for d in drafts] == [kind]
    assert drafts[0].actor1 == actor
    if day is not None:
        assert drafts[0].event_date == day
    else:   # "last week": the seven days before the publication week
        assert drafts[0].event_date < PUBLISHED and drafts[0].date_end < PUBLISHED


def test_one_number_belongs_to_one_event_and_clauses_keep_their_actors():
    drafts = _drafts("Russian jets struck Idlib on Monday, killing five civilians, while "
                     "Turkish artillery shelled Manbij, wounding three people.")
    air = next(d for d in drafts if d.kind == "airstrike")
    ground = next(d for d in drafts if d.kind == "shelling")
    assert air.fatalities == 5 and air.place == "Idlib"
    assert ground.fatalities is None and ground.casualties == 3 and ground.place == "Manbij"
    assert "Turkey" not in air.actors
    assert ground.actor1 == "Turkey" and "Russia" not in ground.actors


def test_two_patrols_in_two_clauses_are_two_drafts():
    drafts = _drafts("Russian military police patrolled the outskirts of Kobani on "
                     "Wednesday, while a US patrol drove near Hasakah.")
    assert [d.kind for d in drafts] == ["patrol", "patrol"]
    assert drafts[0].actor1 == "Russia" and drafts[1].actors == ("United States",)
    assert drafts[1].area and "Hasakah" in drafts[1].place


def test_a_reported_event_is_drafted_as_the_event_with_its_own_actor():
    drafts = _drafts("قالت قوات سوريا الديمقراطية إن مقاتلات تركية قصفت مواقعها شرق الفرات "
                     "أمس.")
    assert [d.kind for d in drafts] == ["airstrike"]
    assert drafts[0].actor1 == "Turkey" and drafts[0].event_date == dt.date(2019, 10, 17)
    assert drafts[0].area == "شرق الفرات" and drafts[0].geo_precision >= 2


@pytest.mark.parametrize("text", [
    "Turkey threatened to attack Manbij.",
    "أعلنت تركيا أنها تعتزم الانسحاب من منبج.",
    "Russian forces will deploy to Kobani.",
])
def test_plans_and_threats_are_not_events(text):
    assert not [d for d in _drafts(text) if d.kind not in ("statement", "accusation")]


def test_a_denied_strike_is_a_denial_not_a_strike():
    drafts = _drafts("نفت وزارة الدفاع الروسية أن تكون طائراتها قصفت مدينة إدلب أمس.")
    assert [d.kind for d in drafts] == ["denial"] and drafts[0].actor1 == "Russia"


def test_a_region_is_never_a_point():
    drafts = _drafts("Turkish troops deployed east of the Euphrates on Monday.")
    assert drafts and all(d.geo_precision >= 2 for d in drafts)


def test_drafts_keep_their_evidence_spans():
    text = "Turkish-backed rebels seized the town of Tal Abyad on Friday."
    (draft,) = _drafts(text)
    roles = {e.role: text[e.start:e.end] for e in draft.provenance.evidence}
    assert roles["trigger"] == "seized" and roles["date"].endswith("Friday")
    assert roles["actor"] == "Turkish-backed rebels"


@pytest.mark.parametrize("text", [
    "Turkish jets bombed Manbij, Kobani and Qamishli on Wednesday.",
    "قصفت طائرات تركية مدن تل أبيض ورأس العين والقامشلي يوم الأربعاء.",
])
def test_a_list_of_places_gives_one_draft_per_place_or_one_with_a_note(text):
    each = _drafts(text)
    assert [d.kind for d in each] == ["airstrike"] * 3
    assert len({(d.longitude, d.latitude) for d in each}) == 3
    (one,) = [d.incident for d in extract(text, published=PUBLISHED, doc="t", each_place=False)]
    assert one.place == each[0].place and "also at" in one.notes


@pytest.mark.parametrize("text", [
    ("شهدت مدينة منبج يوم الاثنين قصفاً واشتباكات بين قوات سوريا الديمقراطية والفصائل "
     "الموالية لتركيا."),
    "Manbij saw shelling and clashes between the SDF and Turkish-backed rebels on Monday.",
])
def test_coordinated_acts_are_two_events(text):
    drafts = _drafts(text)
    assert sorted(d.kind for d in drafts) == ["clash", "shelling"]
    assert all(d.place == "Manbij" and d.event_date == dt.date(2019, 10, 14) for d in drafts)


def test_a_claim_without_a_place_is_about_the_country_of_the_report():
    drafts = _drafts("Russian jets struck Idlib in Syria on Monday. Moscow accused Washington "
                     "of lying.")
    claim = next(d for d in drafts if d.kind == "accusation")
    assert claim.place == "Syria" and claim.geo_precision == 3


def test_the_group_after_the_islamic_state_is_named_is_the_same_group():
    drafts = _drafts("هاجم تنظيم داعش بلدة السخنة أمس. وسيطر التنظيم على مدينة تدمر اليوم.")
    capture = next(d for d in drafts if d.kind == "capture")
    assert capture.actors == ("ISIS",) and capture.place == "Palmyra"


@pytest.mark.parametrize("text", [
    "Ankara struck a deal with Moscow on Tuesday over the border town of Tal Abyad.",
    "The Kurdish-led SDF sealed an agreement with Damascus on Sunday to defend Manbij.",
    "وأبرمت أنقرة اتفاقاً مع موسكو يوم الثلاثاء بشأن مدينة تل أبيض.",
])
def test_a_deal_struck_is_an_agreement_not_a_strike(text):
    kinds = {d.kind for d in _drafts(text)}
    assert not kinds & {"shelling", "airstrike", "attack"}
    assert "agreement" in kinds


def test_wounding_a_crew_is_not_a_second_strike():
    drafts = _drafts("قال مسؤول أمريكي إن عربة روسية صدمت عربة أمريكية قرب القامشلي يوم "
                     "الثلاثاء وأصابت أربعة جنود بجروح طفيفة.")
    assert [d.kind for d in drafts] == ["clash"]


def test_forces_moving_toward_a_place_are_deployed_but_fighting_is_not():
    kinds = sorted(d.kind for d in _drafts(
        "Syrian army units entered the town of Tal Tamr and moved toward Ras al-Ain on Monday."))
    assert kinds == ["deployment", "deployment"]
    kinds = {d.kind for d in _drafts(
        "As the fighting moved toward Ras al-Ain on Monday, Turkish jets bombed Tal Tamr.")}
    assert "airstrike" in kinds and "deployment" not in kinds


@pytest.mark.parametrize("text", [
    "دخلت الحملة العسكرية التي يشنها الجيش التركي على مدينة رأس العين يومها الخامس أمس.",
    "The Turkish offensive against the SDF near Ras al-Ain entered its second week on Wednesday.",
])
def test_a_battle_entering_its_nth_week_is_an_offensive_not_a_deployment(text):
    kinds = {d.kind for d in _drafts(text)}
    assert "ground_offensive" in kinds and "deployment" not in kinds


@pytest.mark.parametrize("text", [
    "ودخل اتفاق وقف إطلاق النار في منطقة إدلب حيز التنفيذ منتصف ليل الأحد، بحسب وزارة الدفاع الروسية.",
    "The Russian defence ministry said the truce in Idlib entered into force at midnight on Sunday.",
])
def test_a_truce_entering_into_force_is_not_a_deployment(text):
    assert "deployment" not in {d.kind for d in _drafts(text)}


@pytest.mark.parametrize("text", [
    "Turkish and Russian troops patrolled jointly between Amuda and Derbasiyeh on Tuesday.",
    "سيّرت القوات الروسية والتركية يوم الثلاثاء دورية مشتركة بين عامودا والدرباسية.",
])
def test_a_patrol_between_two_places_or_through_a_list_is_one_event(text):
    assert [d.kind for d in _drafts(text)] == ["patrol"]
    # through a list of places: one movement along its route, at the first, the others noted
    listed = _drafts(text.replace("between", "in").replace("بين", "في"))
    assert [d.kind for d in listed] == ["patrol"]
    assert "also at" in listed[0].notes


@pytest.mark.parametrize("text", [
    ("Ankara said it would pause the operation for five days to let the SDF withdraw from "
    "Ras al-Ain."),
    ("Turkey will halt its offensive once Kurdish forces have left Tal Abyad, Ankara said on "
    "Tuesday."),
])
def test_a_withdrawal_as_a_purpose_or_condition_is_not_reported_done(text):
    assert "withdrawal" not in {d.kind for d in _drafts(text)}


def test_an_attack_once_again_is_still_an_attack():
    drafts = _drafts("Turkish jets once again bombed Tal Tamr on Tuesday.")
    assert [d.kind for d in drafts] == ["airstrike"]


@pytest.mark.parametrize("text", [
    "US troops abandoned the airfield near Kobani on Tuesday.",
    "وتخلت القوات الأمريكية يوم الثلاثاء عن قاعدتها في صرين قرب كوباني.",
])
def test_forces_abandoning_a_base_withdraw(text):
    drafts = _drafts(text)
    assert [d.kind for d in drafts] == ["withdrawal"]
    assert drafts[0].actor1 == "United States"


def test_hitting_out_at_someone_is_words_not_a_strike():
    kinds = {d.kind for d in _drafts(
        "Erdogan hit out at Washington on Tuesday over its support for the YPG in Manbij.")}
    assert kinds == {"accusation"}
    assert {d.kind for d in _drafts("Russian jets hit Maarat al-Numan on Tuesday.")} == \
        {"airstrike"}

"""Wording that reports of neither development set used, written for these tests: acts that
are denied, demanded or threatened; bombs, escorts, hotlines and posts; places that undergo an
act or are described in apposition; subjects before a relative clause; attributions."""

from __future__ import annotations

import datetime as dt

import pytest

from geo_deconflict.extract.core import extract
from geo_deconflict.geoparse.core import geoparse

PUBLISHED = dt.date(2019, 11, 26)   # a Tuesday


def _drafts(text: str) -> list:
    return [d.incident for d in extract(text, published=PUBLISHED, doc="t")]


def _kinds(text: str) -> list[str]:
    return [d.kind for d in _drafts(text)]


@pytest.mark.parametrize(("text", "kind", "absent"), [
    # a denied act is the denial's content, not an event
    ("ونفت وزارة الدفاع الروسية قصف مواقع مدنية في ريف إدلب الجنوبي.", "denial", "airstrike"),
    ("ونفى التحالف الدولي استهداف قرية الباغوز يوم الأحد.", "denial", "shelling"),
    # a demanded or threatened act has not happened
    ("واتهمت دمشق واشنطن بارتكاب مجزرة في ريف دير الزور، مطالبة بانسحاب القوات الأمريكية.",
     "accusation", "withdrawal"),
    (("Damascus accused the coalition of a massacre near Hajin, calling for the withdrawal "
      "of US troops."), "accusation", "withdrawal"),
])
def test_denied_demanded_acts_are_content(text, kind, absent):
    kinds = _kinds(text)
    assert kind in kinds and absent not in kinds


@pytest.mark.parametrize(("text", "kinds"), [
    # a threat is told as a statement (as the corpus annotates it); what it threatens is no act
    ("Turkey threatened to launch an offensive east of the Euphrates near Tal Abyad.",
     ["statement"]),
    ("هددت أنقرة بشن عملية عسكرية شرق الفرات قرب تل أبيض.", ["statement"]),
    ("No troop movement was reported near Tal Abyad on Monday.", []),
])
def test_threats_and_what_was_not_reported_are_no_act(text, kinds):
    assert _kinds(text) == kinds


@pytest.mark.parametrize(("text", "kind", "actor"), [
    # «لا تزال»: still, not a negation
    ("وقال قيادي إن القوات الأمريكية لا تزال متمركزة في قرية الدادات شمال منبج.",
     "military_presence", "United States"),
    # a light verb carries the act named after it, and its subject
    ("وكانت فصائل موالية لتركيا قد عمدت، يوم الأحد، إلى قصف قريتي عرب حسن كبير وأم جلود بقذائف الهاون.",
     "shelling", "Turkish-backed factions"),
    ("وأقدمت قوات النظام على قصف بلدة كفرنبل.", "shelling", "Syrian government"),
    # «بسطت X سيطرتها»: the subject however long
    ("بسطت وحدات من الجيش العربي السوري سيطرتها الكاملة على بلدة الحارة.", "capture",
     "Syrian government"),
])
def test_still_light_verbs_and_long_subjects(text, kind, actor):
    drafts = [d for d in _drafts(text) if d.kind == kind]
    assert drafts and drafts[0].actors[0] == actor


def test_the_army_alone_is_the_army_the_report_named():
    text = ("بسطت وحدات من الجيش العربي السوري سيطرتها على بلدة الحارة. وتواصل وحدات الجيش "
            "تقدمها باتجاه بلدة جاسم.")
    offensive = [d for d in _drafts(text) if d.kind == "ground_offensive"]
    assert offensive and offensive[0].actors == ("Syrian government",)


@pytest.mark.parametrize("text", [
    "A roadside bomb hit a Russian military vehicle near Saraqib on Monday.",
    "A roadside bomb exploded near a Russian patrol outside Saraqib on Monday.",
    "انفجرت عبوة ناسفة بسيارة عسكرية روسية قرب سراقب يوم الاثنين.",
])
def test_bombs_and_mines_are_attacks(text):
    drafts = [d for d in _drafts(text) if d.kind != "patrol"]   # (the patrol hit is one)
    assert drafts and {d.kind for d in drafts} == {"attack"}
    assert all("Russia" in d.actors for d in drafts)


@pytest.mark.parametrize(("text", "kind"), [
    (("وأجرى ضباط التحالف اتصالات عبر قناة منع الاصطدام مع الجانب الروسي بشأن التحركات قرب "
      "خشام."), "hotline_contact"),
    ("ورافقت عربات للشرطة العسكرية الروسية الحافلات حتى حاجز قرب بلدة مهين.", "convoy_movement"),
    ("Russian military police set up a new observation post outside Tal Tamr on Sunday.",
     "deployment"),
    ("Turkish troops man two observation posts near Saraqib.", "military_presence"),
])
def test_contacts_escorts_and_posts(text, kind):
    assert kind in _kinds(text)


def test_helicopters_that_accompany_a_patrol_are_no_convoy():
    kinds = _kinds("سيّرت الشرطة الروسية دورية في ريف المالكية ترافقها مروحيتان.")
    assert kinds == ["patrol"]


def test_people_who_leave_a_camp_are_displaced():
    drafts = _drafts("غادرت دفعة جديدة تضم نحو 300 نازح مخيم الركبان يوم السبت متجهة إلى حمص.")
    assert [(d.kind, d.actors) for d in drafts] == [("displacement", ("civilians",))]
    assert "Rukban" in drafts[0].place


def test_government_artillery_is_the_syrian_government():
    drafts = _drafts("Government artillery pounded Kafr Nabl on Monday, killing two civilians.")
    assert drafts and drafts[0].kind == "shelling"
    assert drafts[0].actors[0] == "Syrian government"


def test_the_places_that_underwent_an_act_each_get_a_draft():
    text = ("تعرّضت قريتا تل جمعة وتل كفشي في ريف ناحية تل تمر، شمال غربي الحسكة، يوم الأحد، "
            "لقصف مدفعي من قبل الجيش التركي.")
    drafts = _drafts(text)
    assert [d.kind for d in drafts] == ["shelling", "shelling"]
    assert all(d.geo_precision == 1 and d.actors[0] == "Turkey" for d in drafts)
    assert len({(d.longitude, d.latitude) for d in drafts}) == 2
    assert all(str(d.event_date) == "2019-11-24" for d in drafts)


def test_a_bearing_in_apposition_describes_the_place_before_it():
    drafts = _drafts("Russian jets struck Hajin, a town about 30 km southeast of Deir ez-Zor, "
                     "on Monday.")
    assert [d.kind for d in drafts] == ["airstrike"]
    assert drafts[0].geo_precision == 1 and "Haj" in drafts[0].place


def test_a_subject_before_a_relative_clause_and_a_trailing_attribution():
    text = ("Russian military police, who have been stationed near Manbij since August, set "
            "up a new observation post outside Tal Tamr on Monday, residents said.")
    deployment = [d for d in _drafts(text) if d.kind == "deployment"]
    assert len(deployment) == 1
    assert deployment[0].actors == ("Russia",)           # not the residents who told it
    assert str(deployment[0].event_date) == "2019-11-25"   # Monday, not "since August"


def test_an_english_transliteration_of_a_village_after_a_locative_word():
    text = "The patrol stopped outside Sheikh Nasser and then shelling hit al-Hari."
    found = {m.surface: m for m in geoparse(text) if m.kind == "toponym"}
    assert {"Sheikh Nasser", "al-Hari"} <= set(found)
    assert all(found[s].place is not None and found[s].place.country == "SY"
               for s in ("Sheikh Nasser", "al-Hari"))
    # a title's "of", a month and a foreign city are not looked up as villages
    words = {m.surface for m in geoparse(
        "Secretary of State Mike Pompeo spoke in March in Brussels.") if m.kind == "toponym"}
    assert not words & {"State Mike Pompeo", "March", "State"}


@pytest.mark.parametrize(("text", "kind"), [
    ("اعترضت دورية أمريكية رتلاً للشرطة العسكرية الروسية قرب القحطانية يوم الاثنين.",
     "convoy_movement"),
    ("US troops intercepted a Russian patrol near Tal Tamr on Monday.", "patrol"),
])
def test_stopping_a_patrol_or_convoy_is_no_clash(text, kind):
    drafts = _drafts(text)
    assert [d.kind for d in drafts] == [kind]
    assert {"United States", "Russia"} <= set(drafts[0].actors)


@pytest.mark.parametrize(("text", "actor"), [
    (("Turkish officials said their troops, who man observation posts in Saraqib, had "
      "secured the road."), "Turkey"),
    ("وقال فصيل مغاوير الثورة إن عناصره سيّروا دوريات في محيط مخيم الركبان.",
     "Maghawir al-Thawra"),
])
def test_a_speakers_own_forces_are_the_speakers(text, actor):
    drafts = [d for d in _drafts(text) if d.kind in ("military_presence", "patrol")]
    assert drafts and drafts[0].actors[0] == actor


def test_a_position_of_its_forces_is_a_target_not_the_speaker():
    """«استهداف موقع لقواتها»: the forces are what was hit; no second event is made of them."""
    drafts = _drafts("أعلن التلفزيون السوري سقوط قتلى جراء استهداف موقع لقواتها قرب التنف.")
    assert all(d.kind == "statement" or "Syrian government" not in d.actors[:1]
               for d in drafts)


def test_two_acts_of_one_sentence_at_two_places_stay_apart():
    text = ("وتعرّضت قريتا خافية والتينة لقصف مدفعي تركي، في حين استهدفت طائرة مسيّرة تركية "
            "سيارة عسكرية قرب قرية الرمانة شمالي عين عيسى.")
    kinds = sorted(d.kind for d in _drafts(text))
    assert kinds == ["airstrike", "shelling", "shelling"]


def test_documenting_an_event_that_is_no_toll_reports_that_event():
    text = "ووثّق المرصد السوري نزوح عشرات العائلات من بلدة هجين باتجاه قرية البحرة يوم الأحد."
    drafts = _drafts(text)
    assert [d.kind for d in drafts] == ["displacement"]
    assert "Haj" in drafts[0].place and drafts[0].actors == ("civilians",)


def test_a_monitor_that_observes_is_no_party_to_the_act():
    drafts = _drafts("رصد المرصد السوري وصول تعزيزات للميليشيات الموالية لإيران إلى مدينة "
                     "البوكمال قادمة من الأراضي العراقية.")
    assert [(d.kind, d.actors) for d in drafts] == [("deployment", ("Iran-backed militias",))]


def test_a_town_that_saw_clashes_between_the_two_sides():
    text = ("اندلعت اشتباكات بين قسد وفصائل الجيش الوطني قرب عين عيسى. وشهدت قريتا الداودية "
            "وباب الخير في ريف رأس العين الشرقي اشتباكات متقطعة بين الطرفين.")
    clashes = [d for d in _drafts(text) if d.kind == "clash"][1:]
    assert len(clashes) == 2 and all(d.geo_precision == 1 for d in clashes)
    assert all(set(d.actors) == {"SDF", "Turkish-backed factions"} for d in clashes)


def test_deploying_an_observation_point_is_a_deployment():
    text = "عمدت الشرطة العسكرية الروسية إلى نشر نقطة مراقبة جديدة في بلدة تل تمر."
    assert [(d.kind, d.actors) for d in _drafts(text)] == [("deployment", ("Russia",))]


def test_a_trailing_attribution_is_no_claim_but_its_speaker_goes_on():
    text = ("A roadside bomb exploded near a Russian patrol outside Saraqib on Monday, the "
            "Russian Defense Ministry said. The ministry blamed militants operating in Idlib "
            "province for the blast.")
    kinds = [d.kind for d in _drafts(text)]
    assert "statement" not in kinds and "attack" in kinds
    accusation = [d for d in _drafts(text) if d.kind == "accusation"]
    assert accusation and accusation[0].actors[0] == "Russia"


@pytest.mark.parametrize(("text", "absent"), [
    (("Jordan refused a UN request to deliver aid to Rukban, saying the displaced were "
      "Syria's responsibility."), "displacement"),
    ("Turkey captured Ras al-Ain, which Kurds call Serekaniye, on Monday.", "meeting"),
])
def test_words_that_only_look_like_acts(text, absent):
    assert absent not in _kinds(text)


def test_troops_that_remain_are_a_presence():
    text = "A US convoy drove toward Derik, where several hundred American troops remain."
    assert "military_presence" in _kinds(text)


def test_a_speaker_is_the_subject_of_what_they_say_they_did():
    text = ("Iran-backed militias pushed into Albukamal on Thursday. On the eastern bank, the "
            "U.S.-backed Syrian Democratic Forces said they had taken the village of Diban.")
    capture = [d for d in _drafts(text) if d.kind == "capture"]
    assert capture and capture[0].actors[0] == "SDF"


def test_families_that_flee_are_civilians():
    drafts = _drafts("ونزحت نحو 60 عائلة من مخيم الركبان خلال الأسبوع الماضي باتجاه بلدة مهين.")
    assert [(d.kind, d.actors) for d in drafts][:1] == [("displacement", ("civilians",))]


def test_a_denial_of_a_gerund_is_placed_where_the_act_was():
    text = ("Russian aircraft struck Hajin late on Wednesday, killing 14 civilians. Russia's "
            "defence ministry denied hitting civilians.")
    denial = [d for d in _drafts(text) if d.kind == "denial"]
    assert denial and "Haj" in denial[0].place


def test_forcing_people_to_flee_tells_that_they_fled():
    text = ("Turkish artillery shelled the outskirts of Ain Issa on Wednesday, forcing hundreds "
            "of families to flee south toward Raqqa.")
    assert {"shelling", "displacement"} <= set(_kinds(text))


def test_a_report_of_one_line_without_a_stop_is_read():
    """A line without a stop is a headline when a body follows; alone, it is the report."""
    assert _kinds("قصفت طائرات روسية قرية الباغوز") == ["airstrike"]
    assert _kinds("Russian jets struck al-Baghuz\n") == ["airstrike"]

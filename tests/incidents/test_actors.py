"""The actor lexicon: canonical names from any spelling, and actor mentions in text."""

import json
from collections import defaultdict

import pytest

from geo_deconflict.incidents.actors import ACTORS, canonical_actor, find_actors, side_of


@pytest.mark.parametrize(("name", "actor"), [
    ("قوات سوريا الديمقراطية", "SDF"), ("قوات سوريا الديموقراطية", "SDF"), ("قسد", "SDF"),
    ("Syrian Democratic Forces", "SDF"), ("SDF: Syrian Democratic Forces", "SDF"),
    ("داعش", "ISIS"), ("تنظيم الدولة الإسلامية", "ISIS"), ("Islamic State (Syria)", "ISIS"),
    ("الأميركية", "United States"), ("الامريكية", "United States"),
    ("Military Forces of the United States (2017-2021)", "United States"),
    ("Military Forces of Russia (2000-)", "Russia"), ("الروسية", "Russia"),
    ("التحالف الدولي", "US-led coalition"), ("النظام", "Syrian government"),
    ("Military Forces of Syria (2000-)", "Syrian government"), ("هيئة تحرير الشام", "HTS"),
])
def test_canonical_actor(name, actor):
    assert canonical_actor(name) == actor


def test_unknown_actor_is_none():
    assert canonical_actor("Rebel Alliance") is None and canonical_actor("  ") is None


def test_mentions_keep_original_offsets_and_drop_proclitics():
    text = "وقالت وزارة الدفاع الروسيّة إن قسد وللتحالف الدولي نسّقا مع واشنطن"
    mentions = find_actors(text)
    assert [(m.actor, m.metonym) for m in mentions] == [
        ("Russia", False), ("SDF", False), ("US-led coalition", False), ("United States", True)]
    for m in mentions:
        assert text[m.start:m.end] == m.surface
    assert mentions[2].surface == "لتحالف الدولي"  # only the preposition's ل is cut


def test_marks_and_tatweel_do_not_hide_an_actor_and_stay_in_its_span():
    plain = "وقصفت قوات النظام مواقع لقوات سوريا الديمقراطية بينما اتهمت موسكو التحالف الدولي"
    marked = ("وقَصَفَتْ قُوّاتُ النِّظامِ مواقعَ لِقُوّاتِ سوريـا الدِّيمُقراطيّةِ بينما اتّهمتْ "
              "موسكو التّحالُفَ الدّوليَّ")
    want = [("Syrian government", False), ("SDF", False), ("Russia", True),
            ("US-led coalition", False)]
    assert [(m.actor, m.metonym) for m in find_actors(plain)] == want
    found = find_actors(marked)
    assert [(m.actor, m.metonym) for m in found] == want
    assert [m.surface for m in found] == ["قُوّاتُ النِّظامِ", "قُوّاتِ سوريـا الدِّيمُقراطيّةِ",
                                          "موسكو", "التّحالُفَ الدّوليَّ"]
    for m in found:
        assert marked[m.start:m.end] == m.surface


def test_a_mark_does_not_make_a_word_boundary():
    """«مَقسد» is one word: the alias at its end is not an actor, with or without the mark."""
    assert find_actors("مقسد") == find_actors("مَقسد") == []
    assert [m.actor for m in find_actors("بِقسد")] == ["SDF"]   # a proclitic is cut


def test_english_acronyms_need_capitals():
    text = "The US said it is monitoring IS fighters; let us see."
    assert [(m.surface, m.actor) for m in find_actors(text)] == [("US", "United States"),
                                                                  ("IS", "ISIS")]


def test_every_side_is_known():
    assert {a.side for a in ACTORS} <= {"coalition", "russia_government", "turkey", "non_party"}
    assert side_of("Maghawir al-Thawra") == "coalition" and side_of("unknown") == "non_party"


def test_every_annotated_actor_of_the_seed_reports_is_found_in_its_text(seeds_dir):
    gold = defaultdict(set)
    with (seeds_dir / "incidents.jsonl").open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            gold[row["doc"]].update(row["actors"])
    missing = {}
    for doc, actors in gold.items():
        found = {m.actor for m in find_actors((seeds_dir / f"{doc}.txt").read_text(encoding="utf-8"))}
        # "Jordanian protesters" is a one-off group of a teaser appended to report 001
        lost = actors - found - {"Jordanian protesters"}
        if lost:
            missing[doc] = lost
    assert not missing


# ------------------------------------------------------------ the conflict's other parties

@pytest.mark.parametrize(("name", "canonical", "side"), [
    ("Military Forces of Syria (2000-)", "Syrian government", "russia_government"),
    ("Wagner Group", "Wagner/Russian contractors", "russia_government"),
    ("فاغنر", "Wagner/Russian contractors", "russia_government"),
    ("Hezbollah", "Hezbollah", "russia_government"),
    ("قوات الدفاع الوطني", "Syrian government", "russia_government"),
    ("NDF: National Defense Forces", "Syrian government", "russia_government"),
    ("لواء القدس", "Syrian government", "russia_government"),
    ("Popular Mobilization Forces", "Iran-backed militias", "russia_government"),
    ("الحشد الشعبي", "Iran-backed militias", "russia_government"),
    ("Manbij Military Council", "SDF", "coalition"),
    ("مجلس دير الزور العسكري", "SDF", "coalition"),
    ("Global Coalition Against Daesh", "US-led coalition", "coalition"),
    ("Unidentified Military Forces (Syria)", "Unidentified armed group", "non_party"),
    ("Syrian National Army", "Turkish-backed factions", "turkey"),
])
def test_more_parties_canonical_and_side(name, canonical, side):
    assert canonical_actor(name) == canonical
    assert side_of(canonical) == side and side_of(name) == side


def test_militias_found_in_arabic_text():
    text = "هاجمت ميليشيا حزب الله ومقاتلو لواء القدس مواقع للمعارضة."
    assert [m.actor for m in find_actors(text)] == ["Hezbollah", "Syrian government"]


@pytest.mark.parametrize(("text", "actors"), [
    ("قال أردوغان إن بوتين وافق", ["Turkey", "Russia"]),
    ("Erdogan said Putin and Trump had spoken", ["Turkey", "Russia", "United States"]),
])
def test_leaders_speak_for_their_states(text, actors):
    assert [m.actor for m in find_actors(text)] == actors


def test_every_alias_has_a_letter_of_its_script():
    # `find_actors` runs the Arabic expression only on text with an Arabic letter and the
    # English one only on text with a Latin letter: every alias must hold one
    import re

    from geo_deconflict.incidents.actors import _scanner

    ar_aliases, en_aliases, _ = _scanner()
    assert all(re.search("[\u0621-\u064a\u0671-\u06d3]", a) for a in ar_aliases)
    assert all(re.search("[A-Za-z]", a) for a in en_aliases)
    assert find_actors("قصفت قسد") and find_actors("the SDF said")
    assert not find_actors("1234 ...")


@pytest.mark.parametrize(("text", "actors"), [
    ("Turkish-backed Syrian fighters launched a fresh assault", ["Turkish-backed factions"]),
    ("Iraqi paramilitary factions backed by Tehran blamed Israel",
     ["Iran-backed militias", "Israel"]),
    ("the U.S.-backed Syrian Democratic Forces said", ["SDF"]),
    ("the Turkish-backed Syrian National Army advanced", ["Turkish-backed factions"]),
])
def test_a_group_named_by_its_backer(text, actors):
    assert [m.actor for m in find_actors(text)] == actors

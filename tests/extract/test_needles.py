"""The needles that let `find_triggers` skip a pattern: every match must contain one string
of each group, or a trigger would be lost."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo_deconflict.extract._matcher import _tables, find_triggers
from geo_deconflict.extract._needles import COMMON, every_match, matches_from, needles, openings
from geo_deconflict.extract.dates import fold


def _met(groups, text: str) -> bool:
    return all(any(n in text for n in group) for group in groups)


def test_needles_follow_groups_alternatives_and_repeats():
    assert needles(r"ab(?:cd|ef)+g?") == (("ab",), ("cd", "ef"))
    assert needles(r"(?:x|yz)\s+w{2}") == (("w",), ("yz", "x"))   # single letters too
    assert needles(r"(?:attack|strike)s?\s+on") == (("attack", "strike"), ("on",))
    assert needles(r"(?:a|b)?\d+") == ()                  # only optional letters
    assert needles(r"(?i)troops") == ()                   # case-insensitive: not read
    assert needles(r"(?<!foo)bar(?=baz)") == (("bar",),)  # lookarounds need nothing


def test_every_trigger_match_in_the_seeds_contains_its_needles(seeds_dir):
    _, patterns, _ = _tables()
    checked = 0
    for path in sorted(seeds_dir.glob("*.txt")):
        folded, _ = fold(path.read_text(encoding="utf-8"))
        for groups, pattern, _entry in patterns:
            for match in pattern.finditer(folded):
                assert _met(groups, match.group()), (pattern.pattern, match.group())
                checked += 1
    assert checked > 20


def test_find_triggers_loses_nothing_to_the_needles(seeds_dir):
    # the same matches as trying every pattern on the whole text
    _, patterns, _ = _tables()
    for path in sorted(seeds_dir.glob("*.txt")):
        folded, _ = fold(path.read_text(encoding="utf-8"))
        found = {(s, e) for s, e, _ in find_triggers(folded, 0, len(folded))}
        for _groups, pattern, _entry in patterns:
            for match in pattern.finditer(folded):
                s, e = match.span("t")
                assert any(a <= s < b or a < e <= b for a, b in found), match.group()


_AR_EDGES = re.compile(r"^\(\?<!\[[^\]]+\]\)|\(\?!\[[^\]]+\]\)$")
# every other pattern, its Arabic word-edge lookarounds taken off (so that strings can be
# drawn from it: a superset of its matches); those with lookarounds inside are left out
_SAMPLED = [p for _, p, _ in _tables()[1][::2]
            if not re.search(r"\(\?<?[!=]", _AR_EDGES.sub("", p.pattern))]


@pytest.mark.parametrize("pattern", _SAMPLED, ids=lambda p: p.pattern[:40])
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_strings_drawn_from_a_trigger_pattern_contain_its_needles(pattern, data):
    bare = re.compile(_AR_EDGES.sub("", pattern.pattern))
    text = data.draw(st.from_regex(bare, fullmatch=True))
    assert _met(needles(pattern), text)


def test_openings_join_the_words_that_open_a_match():
    # «(?:ال)?» and the alternatives after it, "t" that the parser takes out of took|taken
    assert openings(re.compile(r"(?:ال)?(?:خاضع|واقع)\s+تحت")) == (
        0, "", ("الخاضع", "الواقع", "خاضع", "واقع"))
    assert openings(re.compile(r"\b(?P<t>(?:took|taken|take)\s+over)\b")) == (
        0, "", ("take", "took"))
    assert openings(re.compile(r"(?:ما|لا)?\s*زال")) is None     # may open with a space


@pytest.mark.parametrize("pattern", _SAMPLED, ids=lambda p: p.pattern[:40])
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_strings_drawn_from_a_trigger_pattern_open_with_its_openings(pattern, data):
    found = openings(pattern)
    if found is None:
        return
    slack, chars, strings = found
    text = data.draw(st.from_regex(re.compile(_AR_EDGES.sub("", pattern.pattern)),
                                   fullmatch=True))
    assert any(text[k:].startswith(strings) for k in range(slack + 1)
               if all(c in chars for c in text[:k])), (text, strings)


def test_matches_from_finds_what_finditer_does(seeds_dir):
    _, patterns, _ = _tables()
    for path in sorted(seeds_dir.glob("*.txt")):
        folded, _ = fold(path.read_text(encoding="utf-8"))
        for _groups, pattern, _entry in patterns:
            opening = openings(pattern)
            if opening is not None:
                assert [m.span() for m in matches_from(pattern, opening, folded, 0,
                                                       len(folded))] == \
                    [m.span() for m in pattern.finditer(folded)], pattern.pattern


def test_every_match_finds_what_finditer_does(seeds_dir):
    from geo_deconflict.extract import _earlier, _evidence

    patterns = [_evidence._TERRITORY, _evidence._THE_GROUP, _evidence._THE_ARMY,
                _evidence._THEIR_FORCES, _earlier._EN, _earlier._AR, _earlier._EN_AFTER,
                _earlier._AR_AFTER]
    for path in sorted(seeds_dir.glob("*.txt")):
        folded, _ = fold(path.read_text(encoding="utf-8"))
        for pattern in patterns:
            assert [m.span() for m in every_match(pattern, folded)] == \
                [m.span() for m in pattern.finditer(folded)], pattern.pattern


def test_prefilter_agrees_with_testing_each_needle(seeds_dir):
    # one Aho-Corasick pass gives the same verdicts as `needle in text` for every pattern,
    # for the trigger patterns and the date patterns, on the seed reports and on bits of them
    from geo_deconflict.extract import dates
    from geo_deconflict.extract._matcher import _prefilter

    trigger_groups = [groups for groups, _, _ in _tables()[1]]
    date_filter = dates._prefiltered()[1]
    date_groups = date_filter._groups
    texts = [fold(p.read_text(encoding="utf-8"))[0] for p in sorted(seeds_dir.glob("*.txt"))]
    texts += [t[n: n + 300] for t in texts for n in range(0, len(t), 250)]
    seen = 0
    for text in texts:
        for prefilter, groups in ((_prefilter(), trigger_groups), (date_filter, date_groups)):
            verdicts = prefilter.possible(text)
            # groups holding a needle shorter than that, or a common word, are not looked
            # for (always met)
            assert verdicts == [_met([g for g in gs if min(map(len, g)) >= prefilter.shortest
                                      and not set(g) & COMMON], text)
                                for gs in groups]
            assert all(ok for ok, gs in zip(verdicts, groups) if _met(gs, text))
            assert [n for n, _ in prefilter.regions(text)] == \
                [n for n, ok in enumerate(verdicts) if ok]
            seen += sum(verdicts)
    assert seen > 100


def test_prefilter_without_needles_tries_every_pattern():
    from geo_deconflict.extract._needles import Prefilter

    assert Prefilter([(), ()]).possible("anything") == [True, True]
    assert [n for n, _ in Prefilter([(), (("xyz",),), ()]).regions("abc")] == [0, 2]
    assert Prefilter([(("قصف", "غاره"),)]).possible("وقصفت الطائرات") == [True]
    assert Prefilter([(("قصف", "غاره"),)]).possible("no needle here") == [False]
    # a group with a needle of one or two letters is met by nearly any text: not looked for
    assert Prefilter([(("ال", "غاره"),)]).possible("no needle here") == [True]


def test_single_word_triggers_are_whole_words():
    # a form inside a longer word is not a trigger; a proclitic is left out of the span
    folded = fold("وقصفت الطائرات ثم انسحبوا. The strikes hit; unstrikesome airstrikes")[0]
    spans = find_triggers(folded, 0, len(folded))
    found = [(folded[s:e], entry.kind) for s, e, entry in spans]
    assert ("قصفت", "strike") in found and ("انسحبوا", "withdrawal") in found
    assert ("strikes", "strike") in found and ("airstrikes", "airstrike") in found
    inside = folded.index("unstrikesome")
    assert not any(inside <= s < inside + len("unstrikesome") for s, _, _ in spans)
    # the same search on a part of the text gives offsets into the whole
    start = folded.index("strikes")
    assert find_triggers(folded, start, len(folded))[0][:2] == (start, start + 7)


def test_a_group_holding_a_common_word_is_taken_as_met():
    from geo_deconflict.extract._needles import Prefilter

    # «ال» and "the" are in nearly every text: not looked for, so the pattern rests on its
    # other groups; a pattern with no other group is always tried
    pf = Prefilter([(("ال", "xyz"), ("troops",)), (("the",),), (("troops",),)])
    assert pf.possible("troops") == [True, True, True]
    assert pf.possible("no such words") == [False, True, False]
    assert Prefilter([(("ال",), ("troops",))], shortest=2, common=()).possible("troops") == [False]

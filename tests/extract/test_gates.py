"""The shortcuts of the regex work in `extract` must never change what is found: a pattern
behind the lookahead of its opening characters (`_needles.gated`) matches where it did, a
window skipped because it holds none of a cue's needles (`_may_hold`) holds no match, and the
folded offset of each original one (`_fold.kept_before`) is the one `fold` gives."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from geo_deconflict.extract import (
    _arguments,
    _cues,
    _earlier,
    _evidence,
    _figures,
    _lexicon,
    _placing,
    core,
)
from geo_deconflict.extract._fold import fold, kept_before

_GATE = re.compile(r"\(\?=\[[^\]]+\]\)\(\?:")


def _gated_patterns() -> list[tuple[str, re.Pattern, re.Pattern]]:
    """(name, gated pattern, the pattern without its gate) of every module-level pattern of
    the extract modules that `gated` wrapped."""
    out = []
    for module in (_cues, _lexicon, _figures, _evidence, _arguments, _placing, _earlier, core):
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                gate = _GATE.match(value.pattern)
                if gate and value.pattern.endswith(")"):
                    bare = re.compile(value.pattern[gate.end():-1], value.flags)
                    out.append((f"{module.__name__}.{name}", value, bare))
    return out


def test_the_gates_wrap_the_cues_that_open_with_lookbehinds_or_alternatives():
    names = {name.rsplit(".", 1)[1] for name, _, _ in _gated_patterns()}
    # the cues searched before every place and trigger, and the report-wide scans
    assert {"VENUE", "ANAPHORS", "ORDINALS", "_THEIR_FORCES", "_ROAD_BEFORE"} <= names
    assert len(names) >= 20


def test_a_gated_pattern_matches_where_the_bare_one_does(seeds_dir):
    patterns = _gated_patterns()
    texts = [fold(p.read_text(encoding="utf-8"))[0] for p in sorted(seeds_dir.glob("*.txt"))]
    found = 0
    for text in texts:
        for name, gated, bare in patterns:
            got = [(m.span(), m.groups()) for m in gated.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in bare.finditer(text)], name
            found += len(got)
            # and anchored at a position, as the window searches use them
            for at in range(0, len(text), 97):
                one, two = gated.match(text, at), bare.match(text, at)
                assert (one and (one.span(), one.groups())) == \
                    (two and (two.span(), two.groups())), (name, at)
    assert found > 50


def test_a_window_is_skipped_only_when_it_holds_no_match(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        report = core._Report(text, dt.date(2018, 6, 1), path.stem, None)
        folded = report.folded
        searched = matched = 0
        for pattern in _arguments._WINDOW_CUES:
            for width in (16, 50, 300):
                for lo in range(0, len(folded), 23):
                    hi = min(len(folded), lo + width)
                    expected = pattern.search(folded, lo, hi)
                    got = report._cue_search(pattern, lo, hi)
                    assert (got and got.span()) == (expected and expected.span()), \
                        (path.stem, pattern.pattern[:40], lo, hi)
                    searched += 1
                    matched += expected is not None
        assert matched > 0, path.stem
        assert searched > 1000


@pytest.mark.parametrize("text", [
    "قُتل 18 مقاتلاً، وأُصيب آخرون",                     # marks that folding drops
    "غاراتٌ على ريف دير الزور الشرقي ـــ أمس",          # tanween and tatweel
    "U.S. forces — near al-Tanf; no marks here",
    "",
])
def test_the_folded_offsets_are_those_of_the_folding(text):
    folded, index = fold(text)
    rev = kept_before(text)
    assert len(rev) == len(text) + 1 and rev[-1] == len(folded)
    for j, original in enumerate(index[:len(folded)]):
        assert rev[original] == j     # a kept character: its own folded offset
    for i in range(len(text)):
        assert rev[i] <= rev[i + 1] <= rev[i] + 1   # a dropped one: the next kept one's

"""The geoparser's tokeniser: offsets, kinds, gaps, compounds, on real and generated text."""

from __future__ import annotations

import random
import re

from geo_deconflict.geoparse._tokens import _tokenize
from tests.conftest import SEEDS, SHARED, _need

_TOKEN_START = re.compile("[\u0621-\u063a\u0640-\u065f\u0670-\u06d30-9\u0660-\u0669\u06f0-\u06f9"
                          "A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_PUNCT = re.compile(r"[.\u060c,;:!?\u061b\u061f()\[\]\n]")


def _check(text: str) -> None:
    toks = _tokenize(text)
    prev = 0
    for n, tok in enumerate(toks):
        assert 0 <= prev <= tok.start < tok.end <= len(text), (text, tok)
        assert text[tok.start:tok.end] == tok.text
        gap = text[prev:tok.start]
        # what lies between tokens cannot start one, save the hyphen of a split compound
        # or the 's cut off a name
        assert not _TOKEN_START.search(gap), (text, gap)
        glued = n and gap in ("-", "") and toks[n - 1].kind == tok.kind == "lat"
        if not glued:
            assert tok.soft_gap == bool(gap.strip()), (text, tok)
        if n == 0:
            assert tok.hard_gap
        elif not glued:
            assert tok.hard_gap == bool(_PUNCT.search(gap)), (text, tok)
        prev = tok.end
    # and nothing that could start a token is left after the last one
    assert not _TOKEN_START.search(text[prev:])


def test_tokens_of_the_development_reports_cover_every_word_with_their_offsets():
    paths = sorted(_need(SEEDS).glob("*.txt")) + sorted(_need(SHARED / "corpus" / "texts")
                                                         .glob("*.txt"))
    assert len(paths) >= 45
    for path in paths:
        _check(path.read_text(encoding="utf-8"))


def test_generated_text_keeps_the_invariants():
    rng = random.Random(7)
    pieces = list("ab AZ-'’.,;:!?()[]\n\t 09٠٣۴٫قصفال") + [
        "U.S.", "T-4", "al-Tanf", "Russia's", "Iran-backed", "  ", "—", "«", "»", "é",
        "\u064b", "\u0640", "\u063b", "\u06d4"]
    for _ in range(2000):
        _check("".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))))


def test_kinds_keys_and_compounds():
    toks = _tokenize("U.S.-backed forces at T-4, Russia's base; ٣٠ كم من التنف, Deir ez-Zor.")
    got = [(t.text, t.kind, t.key) for t in toks]
    assert got[:3] == [("U.S.", "lat", "u.s"), ("backed", "lat", "backed"),
                       ("forces", "lat", "forces")]
    assert ("T-4", "lat", "t-4") in got
    assert ("Russia", "lat", "russia") in got and ("'s", "lat", "'s") in got
    assert ("٣٠", "num", "30") in got
    assert ("ez-Zor", "lat", "ez-zor") in got        # one name, not a compound
    assert [t.hard_gap for t in toks if t.text in ("Russia", "٣٠", "Deir")] == [True, True, True]
    assert [t.hard_gap for t in toks if t.text in ("forces", "base", "كم")] == [False] * 3
    iran = _tokenize("Iran-backed")
    assert [(t.text, t.start, t.soft_gap) for t in iran] == [("Iran", 0, False),
                                                            ("backed", 5, True)]


def test_a_long_tail_without_words_changes_nothing():
    text = "قصفت الطائرات قرية الجنينة"
    tail = " -،." * 50_000
    key = [(t.start, t.end, t.key, t.soft_gap, t.hard_gap) for t in _tokenize(text)]
    assert [(t.start, t.end, t.key, t.soft_gap, t.hard_gap)
            for t in _tokenize(text + tail)] == key
    assert _tokenize(tail) == []

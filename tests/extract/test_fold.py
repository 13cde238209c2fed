"""Folding reports for matching: the array path for long texts agrees with the plain one."""

from __future__ import annotations

import random

import pytest

from geo_deconflict.extract._fold import _ARRAY_FROM, _DROP, _FOLD_LOWER, _fold, fold


def _reference(text: str) -> tuple[str, list[int]]:
    kept = [i for i, ch in enumerate(text) if not _DROP.fullmatch(ch)]
    return "".join(text[i].translate(_FOLD_LOWER) for i in kept), kept + [len(text)]


@pytest.mark.parametrize("seed", range(4))
def test_long_texts_fold_as_character_by_character(seed):
    rnd = random.Random(seed)
    alphabet = ("أإآٱىةئؤ٠٩۰۹٫،“”«»–—ABCZabc \n" "\u064b\u0640\u200c\u200d\u0670\u06d6"
                "😀𝔸€中\u2028" + "".join(chr(x) for x in range(0x600, 0x700, 5)))
    for _ in range(60):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 3 * _ARRAY_FROM)))
        assert _fold(text) == _reference(text)


def test_a_report_folds_with_its_offsets(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert len(text) >= _ARRAY_FROM
        folded, index = fold(text)
        assert (folded, index) == _reference(text)
        assert index[-1] == len(text) and len(index) == len(folded) + 1


def test_the_tables_cover_every_folded_or_dropped_character():
    from geo_deconflict.extract._fold import _LIMIT

    assert all(code < _LIMIT for code in _FOLD_LOWER)
    assert not any(_DROP.fullmatch(chr(c)) for c in range(_LIMIT, 0x10000))

"""Folding a report's text for matching: one form per Arabic letter, no diacritics, ASCII
digits, lower-case Latin; with the map from folded positions back to the original."""

from __future__ import annotations

import re

import numpy as np

__all__ = ["fold", "kept_before"]

_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ئ": "ي", "ؤ": "و",
    **{chr(0x0660 + i): str(i) for i in range(10)},   # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},   # Extended (Persian) digits
    "٫": ".", "،": ",", "“": '"', "”": '"', "«": '"', "»": '"', "–": "-", "—": "-",
})
_FOLD_LOWER = {**_FOLD, **{ord(c): c.lower() for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}}
_DROP = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c-\u200f]")


def fold(text: str) -> tuple[str, list[int]]:
    """Fold `text` for matching and map every folded position back to the original.

    Arabic letter forms are unified (أ إ آ → ا, ى → ي, ة → ه), diacritics and tatweel are
    dropped, Arabic-Indic digits become ASCII and Latin letters lower case. ``index[i]`` is
    the original offset of folded character ``i``; ``index[len(folded)] == len(text)``.

    Examples
    --------
    >>> folded, index = fold("أواخرَ ٢٠١٧")
    >>> folded, index[-2]
    ('اواخر 2017', 10)
    """
    if len(text) >= 200:       # a report is folded by several passes: once is enough
        if text not in _FOLDED:
            if len(_FOLDED) >= 4:
                _FOLDED.clear()
            _FOLDED[text] = _fold(text)
        return _FOLDED[text]
    return _fold(text)


_FOLDED: dict[str, tuple[str, list[int]]] = {}


def _fold(text: str) -> tuple[str, list[int]]:
    if len(text) >= _ARRAY_FROM:
        return _fold_array(text)
    mapped = text.translate(_FOLD_LOWER)     # every mapping is one character to one
    drops = [m.start() for m in _DROP.finditer(text)]
    if not drops:
        return mapped, list(range(len(text) + 1))
    out: list[str] = []
    index: list[int] = []
    prev = 0
    for pos in drops:
        out.append(mapped[prev:pos])
        index.extend(range(prev, pos))
        prev = pos + 1
    out.append(mapped[prev:])
    index.extend(range(prev, len(text)))
    index.append(len(text))
    return "".join(out), index



# a report's folding, as arrays of code points: a look-up table instead of `str.translate`'s
# dictionary look-up per character (from a few hundred characters on, where it pays)
_ARRAY_FROM = 400
# the tables cover the code points below the last one folding touches (small, so that they
# stay in the processor's cache); the others are kept as they are
_LIMIT = max(max(_FOLD_LOWER), 0x200F) + 1
_MAPPED = np.arange(_LIMIT, dtype=np.uint32)
for _code, _to in _FOLD_LOWER.items():
    _MAPPED[_code] = ord(_to)
_DROPPED = np.zeros(_LIMIT, dtype=bool)
_DROPPED[[ord(c) for c in map(chr, range(_LIMIT)) if _DROP.fullmatch(c)]] = True


def _fold_array(text: str) -> tuple[str, list[int]]:
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    low = np.minimum(codes, _LIMIT - 1)
    beyond = codes >= _LIMIT
    mapped = np.where(beyond, codes, _MAPPED[low])
    keep = ~_DROPPED[low] | beyond
    if keep.all():
        index = list(range(len(text) + 1))
    else:
        mapped = mapped[keep]
        index = np.flatnonzero(keep).tolist()
        index.append(len(text))
    return mapped.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass"), index


def kept_before(text: str) -> list[int]:
    """For each offset of `text` (and its end), how many of the characters before it `fold`
    keeps: the folded offset of the character there, or of the next one kept after a dropped
    one (`fold`'s index turned around, counted off the characters, not searched in it)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    keep = ~_DROPPED[np.minimum(codes, _LIMIT - 1)] | (codes >= _LIMIT)
    counts = np.zeros(len(text) + 1, dtype=np.int64)
    np.cumsum(keep, out=counts[1:])
    return counts.tolist()

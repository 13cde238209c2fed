"""Tokens of a report for `geoparse`, and word-list lookups on them.

The text is tokenised once (Arabic words, Latin words, numbers), keeping each token's
offsets and whether punctuation separates it from the token before; `_lex` looks a token up
in a `_lexicon` word list with Arabic proclitics (و ف ب ل ك) peeled off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo_deconflict.geo.names import arabic_key, arabic_peels, latin_key
from geo_deconflict.geoparse import _lexicon as lex

_AR_CHARS = "\u0621-\u063a\u0640-\u065f\u0670-\u06d3"
_LAT_CHARS = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
# the kinds of token, tried in this order at each position
_KINDS = (
    ("ar", rf"[{_AR_CHARS}]+"),
    ("num", rf"[{_DIGITS}]+(?:[.,\u066b][{_DIGITS}]+)?"),
    ("abbr", r"\b(?:[A-Z]\.){2,3}(?![A-Za-z])"),        # U.S., U.K., U.S.A.
    ("code", r"\b[A-Z]-?[0-9]{1,2}\b"),                  # T4, T-4, M4, M-5: bases, roads
    ("lat", rf"[{_LAT_CHARS}]+(?:[-'’ʿʾ][{_LAT_CHARS}]+)*"),
)
# each token with the characters before it, none of which can start a token, as a tuple of
# (gap, then one group per kind, the token's own non-empty); the end of the text closes the
# last gap, so that a long tail without tokens is read once
_GAP_TOKEN = re.compile(rf"([^{_AR_CHARS}{_DIGITS}{_LAT_CHARS}]*)"
                        + "(?:" + "|".join(f"({rx})" for _, rx in _KINDS) + r"|\Z)")
# English compounds are split at their hyphens ("Iran-backed", "Baghdad-Damascus highway",
# "Qamishli-Derik"), except after an article or link word ("Deir ez-Zor", "al-Tanf") and in
# compound directions ("north-east"), which are words of their own
_HYPHEN_KEEP = frozenset({"al", "el", "il", "ul", "ad", "ar", "as", "at", "az", "ez", "ed",
                          "er", "es", "et", "ash", "esh", "an", "en", "adh", "ath", "abu",
                          "bin", "ibn", "umm", "ain", "ayn", "tal", "tell", "deir", "dayr",
                          "ras", "kafr", "jabal", "jebel", "bab", "bir", "beit", "dar"})
_HARD_BREAK = re.compile(r"[.\u060c,;:!?\u061b\u061f()\[\]\n]")
_DIGIT_MAP = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    kind: str          # "ar", "lat" or "num"
    key: str           # arabic_key for Arabic, lower case for Latin, the value for numbers
    soft_gap: bool     # something other than spaces before it (quotes, hyphens ...)
    hard_gap: bool     # sentence or clause punctuation before it
    forms: tuple[tuple[str, int], ...] = ()   # Arabic: `_bare_forms(key)`, looked up often


def _tokenize(text: str) -> list[_Tok]:
    toks: list[_Tok] = []
    append = toks.append
    pos = 0
    hard = True
    # one tuple of strings per token, the characters before it first: no match objects, and
    # the offsets are running sums
    for gap, ar, num, abbr, code, lat in _GAP_TOKEN.findall(text):
        if gap and gap != " ":
            soft = not gap.isspace()
            hard = hard or _HARD_BREAK.search(gap) is not None
        else:
            soft = False
        start = pos + len(gap)
        if ar:
            pos = end = start + len(ar)
            key, forms = _ar_entry(ar)
            append(_Tok(start, end, ar, "ar", key, soft, hard, forms))
        elif num:
            pos = end = start + len(num)
            append(_Tok(start, end, num, "num", num.translate(_DIGIT_MAP).replace(",", "."),
                        soft, hard))
        elif abbr:
            pos = end = start + len(abbr)
            append(_Tok(start, end, abbr, "lat", abbr.lower().rstrip("."), soft, hard))
        elif code:
            pos = end = start + len(code)
            append(_Tok(start, end, code, "lat", code.lower(), soft, hard))
        elif lat:
            pos = end = start + len(lat)
            if "-" in lat and _split_hyphens(lat):
                at = start
                for n, part in enumerate(lat.split("-")):
                    append(_Tok(at, at + len(part), part, "lat", part.lower(),
                                soft if n == 0 else True, hard if n == 0 else False))
                    at += len(part) + 1
            else:
                key = lat.lower()
                if key.endswith(("'s", "’s")) and len(key) > 3:  # Russia's -> Russia + 's
                    append(_Tok(start, end - 2, lat[:-2], "lat", key[:-2], soft, hard))
                    append(_Tok(end - 2, end, lat[-2:], "lat", key[-2:], False, False))
                else:
                    append(_Tok(start, end, lat, "lat", key, soft, hard))
        else:
            break   # the end of the text
        hard = False
    return toks


@lru_cache(maxsize=50_000)
def _split_hyphens(word: str) -> bool:
    """Whether a hyphenated Latin word is a compound of words ("Iran-backed") rather than
    one name ("Deir ez-Zor"'s "ez-Zor", "al-Tanf") or a direction ("north-east")."""
    low = word.lower()
    if low in lex.DIRECTIONS_EN or low in lex.DIRECTION_ADJ_EN or low in lex.KM_UNITS_EN:
        return False
    parts = low.split("-")
    if any(len(p) < 2 for p in parts):
        return False
    return not any(p in _HYPHEN_KEEP for p in parts[:-1])


@lru_cache(maxsize=200_000)
def _ar_key(word: str) -> str:
    return arabic_key(word)


@lru_cache(maxsize=200_000)
def _ar_entry(word: str) -> tuple[str, tuple[tuple[str, int], ...]]:
    """An Arabic word's key and its peeled forms (see `_bare_forms`), in one look-up."""
    key = _ar_key(word)
    return key, _bare_forms(key)


@lru_cache(maxsize=200_000)
def _bare_forms(key: str) -> tuple[tuple[str, int], ...]:
    """(form, letters cut) after peeling 0, 1 or 2 proclitics (و ف, then ب ل ك)."""
    out = [(key, 0)]
    rest, cut = key, 0
    if rest[:1] in ("و", "ف") and len(rest) > 2:
        rest, cut = rest[1:], 1
        out.append((rest, cut))
    if rest[:1] in ("ب", "ل", "ك") and len(rest) > 2:
        out.append((rest[1:], cut + 1))
        if rest.startswith("لل"):
            out.append(("ال" + rest[2:], cut + 1))
    return tuple(out)


def _lex(tok: _Tok, table) -> tuple[object, int] | None:
    """(value, letters cut) if `tok` (proclitics peeled) is in `table`, else None."""
    if tok.kind == "lat":
        if isinstance(table, dict):
            return (table[tok.key], 0) if tok.key in table else None
        return (tok.key, 0) if tok.key in table else None
    if tok.kind != "ar":
        return None
    for form, cut in tok.forms:
        if form in table:
            return (table[form] if isinstance(table, dict) else form), cut
    return None


@lru_cache(maxsize=100_000)
def _ar_head(key: str) -> str | None:
    """What a generic head before a name asks for («مدينة» city, «ومحافظة» governorate),
    "governorate" for a countryside word («ريف»), for an Arabic token's key; None for others."""
    forms = _bare_forms(key)
    for form, _ in forms:
        if form in lex.GENERIC_HEADS_AR:
            return lex.GENERIC_HEADS_AR[form]
    return "governorate" if any(form in lex.COUNTRYSIDE_AR for form, _ in forms) else None


def _capital_nisba(capital: _Tok, key: str) -> bool:
    """«العاصمة الروسية»: the head «العاصمة», then a definite nisba adjective (its key)."""
    return key.startswith("ال") and key.endswith(("يه", "ي")) and \
        _lex(capital, lex.CAPITAL_AR) is not None


def _cut_offset(word: str, letters: int) -> int:
    """Characters of `word` spanned by its first `letters` letters (diacritics included)."""
    if letters <= 0:
        return 0
    seen = 0
    for i, ch in enumerate(word):
        if "\u064b" <= ch <= "\u065f" or ch in "\u0670\u0640":
            continue
        if seen == letters:
            return i
        seen += 1
    return len(word)


@lru_cache(maxsize=50_000)
def _ar_variants(word: str) -> tuple[tuple[str, int, bool], ...]:
    """(key, letters cut, article peeled) for the first token of an Arabic n-gram."""
    key = _ar_key(word)
    out = [(key, 0, False)]
    # «لتل أبيض»: the first word of a longer name may be two letters once the proclitics are
    # off (a single two-letter word is refused later, so only a longer n-gram can match)
    for peeled, how in arabic_peels(word, min_length=2):
        parts = how.replace("→", "+").split("+")
        article = "ال" in parts and "لل" not in parts and "ل" not in parts
        letters = sum(1 for p in parts if p in ("و", "ف", "ب", "ل", "ك", "لل"))
        if "ال" in parts and not article:   # ل→ال / لل→ال: only the preposition's ل
            letters = sum(1 for p in parts if p in ("و", "ف", "ب", "ك")) + 1
        out.append((peeled, letters, article))
    return tuple(out)


_LAT_LINKS = {"al", "el", "ad", "ar", "as", "at", "az", "ez", "ed", "es", "an", "ash", "al-",
              "of", "de", "du", "la", "le", "bin", "ibn", "abu", "umm"}


def _capitalised(word: str) -> bool:
    if word[:1].isupper():
        return True
    # al-Tanf, ar-Raqqa
    head, sep, rest = word.partition("-")
    return bool(sep) and head.lower() in _LAT_LINKS and rest[:1].isupper()


@lru_cache(maxsize=100_000)
def _lat_key(text: str) -> str:
    return latin_key(text)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


# words that may start a relative expression
_TRIGGERS_AR = frozenset().union(
    lex.COUNTRYSIDE_AR, lex.DIRECTION_NOUNS_AR, lex.BANK_AR, lex.NEAR_AR, lex.NEARBY_AREAS_AR,
    lex.DIRECTION_ADV_AR, lex.NUMBER_WORDS_AR, lex.DISTANCE_LEAD_AR, lex.PART_NOUNS_AR,
    lex.TRI_BORDER_AR, lex.DISTANCE_VERB_AR)
# words a place expression may start with before the name (`_ToponymFinder._starts_with_head`)
_HEAD_WORDS = frozenset().union(
    lex.GENERIC_HEADS_AR, lex.DIRECTION_NOUNS_AR, lex.COUNTRYSIDE_AR, lex.NEAR_AR, lex.BANK_AR,
    lex.GENERIC_HEADS_EN, lex.DIRECTIONS_EN, lex.DIRECTION_ADJ_EN)
_TRIGGERS_EN = frozenset().union(
    lex.DIRECTIONS_EN, lex.DIRECTION_ADJ_EN, lex.BANK_SIDE_EN, lex.OTHER_EN, lex.NEAR_EN,
    lex.NUMBER_WORDS_EN, lex.TRI_BORDER_EN, {"rural", "countryside", "border"})


@lru_cache(maxsize=200_000)
def _is_trigger(key: str) -> bool:
    """Whether an Arabic token (proclitics peeled) may start a relative expression."""
    return any(form in _TRIGGERS_AR for form, _ in _bare_forms(key))


# organisation names («مجلس منبج العسكري», "Manbij Military Council") as token keys: a place
# name inside one is not a place
@lru_cache(maxsize=100_000)
def _org_starts(kind: str, key: str) -> tuple[tuple[str, ...], ...]:
    """The organisation names (as token keys) that a token may open: an Arabic one with its
    proclitics peeled or not, longest first for each reading."""
    index = _org_index()
    if kind == "ar":
        if key not in index and key[:1] not in "وفبلك":
            return ()
        firsts = [f for f, _ in _bare_forms(key)]
    else:
        firsts = [key]
    return tuple(seq for first in firsts for seq in index.get(first, ()))


@lru_cache(maxsize=1)
def _org_openers() -> frozenset[str]:
    """Every token key for which `_org_starts` may find a name: the first keys of the index
    with the proclitics that `_bare_forms` peels (a superset; a cheap first test)."""
    out = set()
    for first in _org_index():
        stems = [first] + (["لل" + first[2:]] if first.startswith("ال") else [])
        for stem in stems:
            for clitic in ("", "و", "ف"):
                out.add(clitic + stem)
                out.update(clitic + b + stem for b in "بلك")
    return frozenset(out)


@lru_cache(maxsize=1)
def _org_index() -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for name in lex.ORGANISATIONS_AR:
        seq = tuple(_ar_key(w) for w in name.split())
        index.setdefault(seq[0], []).append(seq)
    for name in lex.ORGANISATIONS_EN:
        seq = tuple(t.key for t in _tokenize(name))
        index.setdefault(seq[0], []).append(seq)
    for seqs in index.values():
        seqs.sort(key=len, reverse=True)
    return index

"""Matching the trigger lexicon (`_lexicon.TRIGGERS`) against a report's folded text.

Single words are looked up in a table of their forms (proclitics, verb endings, object
pronouns); the entries that are patterns go through a regular expression, but only when the
report holds, for each group of strings that every match of the pattern contains (read off
the parsed regex by `_needles`), one of them, only on the lines that hold them, and there
only where a match can open (before one of the strings every match opens with).
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo_deconflict.extract._figures import _AR_L
from geo_deconflict.extract._fold import _FOLD
from geo_deconflict.extract._lexicon import TRIGGERS, TriggerWord
from geo_deconflict.extract._needles import Prefilter, matches_from, needles, openings

_SIMPLE = re.compile("[\u0621-\u064aa-z]+")
# each word with the characters before it (none of which is a word's), the end of the text
# closing the last gap: offsets are running sums, with no match object per word
_GAP_WORD = re.compile("([^\u0621-\u064aa-z']*)([\u0621-\u064a]+|[a-z']+|\\Z)")
# kinds whose noun after «لل» is an object («تنفيذاً للاتفاق», «خلافاً للتفاهمات»)
_OBJECT_AFTER_LAM = frozenset({"agreement", "meeting", "hotline_contact"})
_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")


def find_triggers(folded: str, start: int, end: int) -> list[tuple[int, int, TriggerWord]]:
    """Trigger matches in ``folded[start:end]``: (start, end, entry), without overlaps
    (the longest match wins), a leading proclitic left out of the span.

    Single words are looked up in a table, word by word; only the entries that are
    patterns (several words, optional endings) go through a regular expression.
    """
    _, patterns, _ = _tables()
    forms = _forms()
    found = []
    pos = start
    for gap, word in _GAP_WORD.findall(folded, start, end):
        pos += len(gap)
        hit = forms.get(word)
        if hit is not None:
            found.append((pos + hit[0], pos + len(word), hit[1]))
        pos += len(word)
    span = folded[start:end]
    scripts = {"", "ar" if _AR_LETTER.search(span) else "", "en" if _EN_LETTER.search(span) else ""}
    in_script, opening = _scripts(), _openings()
    # only the patterns whose words are all there, on the lines that hold them (`Prefilter`),
    # and there only where a match can open (`matches_from`)
    for n, regions in _prefilter().regions(span):
        if in_script[n] not in scripts:
            continue    # an Arabic pattern on English-only text, or the reverse
        _, pattern, entry = patterns[n]
        for lo, hi in regions:
            for m in pattern.finditer(folded, start + lo, start + hi) if opening[n] is None \
                    else matches_from(pattern, opening[n], folded, start + lo, start + hi):
                found.append((m.start("t"), m.end("t"), entry))
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    out: list[tuple[int, int, TriggerWord]] = []
    for item in found:
        if out and item[0] < out[-1][1]:
            continue
        out.append(item)
    return out


@lru_cache(maxsize=1)
def _prefilter() -> Prefilter:
    """The needles of every pattern of `_tables`, in its order, found in one pass."""
    return Prefilter([groups for groups, _, _ in _tables()[1]])


@lru_cache(maxsize=1)
def _openings() -> tuple[tuple[int, str, tuple[str, ...]] | None, ...]:
    """`openings` of every pattern of `_tables`, in its order."""
    return tuple(openings(pattern) for _, pattern, _ in _tables()[1])


@lru_cache(maxsize=1)
def _scripts() -> tuple[str, ...]:
    """`_script` of every pattern of `_tables`, in its order."""
    return tuple(_script(pattern) for _, pattern, _ in _tables()[1])


_AR_LETTER = re.compile(f"[{_AR_L}]")
_EN_LETTER = re.compile("[a-z]")


@lru_cache(maxsize=4096)
def _script(pattern: re.Pattern) -> str:
    """"ar" for a pattern that must match an Arabic word, "en" for one that must match a
    Latin word, else "" (always tried)."""
    if pattern.pattern.startswith(f"(?<![{_AR_L}])"):
        return "ar"
    return "en" if re.match(r"\\b\(\?P<t>[(?:]*[a-z]", pattern.pattern) else ""


# Plural and dual endings of a past-tense verb (اجتمعوا، اجتمعا، اجتمعتا، قصفن): the lexicon
# lists the singular forms; these are tried only for verb entries.
_VERB_ENDINGS = ("وا", "تا", "ون", "ان", "ا", "ن")
_PRONOUNS = ("ه", "ها", "هم", "هما", "نا")
_NO_ACCUSATIVE = frozenset({"وصول", "دخول"})


@lru_cache(maxsize=1)
def _forms() -> dict[str, tuple[int, TriggerWord]]:
    """Every written form of the single-word triggers: proclitic + word (+ a plural or dual
    ending for a verb) -> (length of the proclitic, entry). A proclitic tried earlier wins,
    and the bare word before a word with an ending, as a word-by-word search would find."""
    table = _tables()[0]
    forms: dict[str, tuple[int, TriggerWord]] = {}
    for clitic in _PROCLITICS:
        words = [(w, e) for w, e in table.items() if not clitic or not w.isascii()]
        for word, entry in words:
            forms.setdefault(clitic + word, (len(clitic), entry))
            if clitic.endswith("ل") and word.startswith("ال") and len(word) > 3 and \
                    entry.kind in _OBJECT_AFTER_LAM:
                # ل + ال is written لل: «تنفيذاً للاتفاق»; an act's noun after it is mostly
                # an aim («للسيطرة على», "to take"), not an act
                forms.setdefault(clitic + word[1:], (len(clitic), entry))
        for word, entry in words:
            if len(word) >= 3 and not word.isascii():
                for ending in _VERB_ENDINGS if entry.pos == "verb" else ():
                    forms.setdefault(clitic + word + ending, (len(clitic), entry))
                # «رتلاً», «قصفاً»: a noun's accusative (its tanween's alef); not «وصولاً إلى»,
                # "as far as"
                if entry.pos == "noun" and word[-1] not in "هايء" and word not in _NO_ACCUSATIVE:
                    forms.setdefault(clitic + word + "ا", (len(clitic), entry))
                # «قصفها», «انسحابهم», «دوريتهما» (ة + pronoun → ت): an object or possessor
                stem = word[:-1] + "ت" if word.endswith("ه") else word
                for suffix in _PRONOUNS:
                    forms.setdefault(clitic + stem + suffix, (len(clitic), entry))
    return forms


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, TriggerWord], list[tuple[str, re.Pattern, TriggerWord]],
                       list[TriggerWord]]:
    table: dict[str, TriggerWord] = {}
    patterns = []
    for entry in sorted(TRIGGERS, key=lambda e: -len(e.pattern)):
        word = entry.pattern.translate(_FOLD)
        if _SIMPLE.fullmatch(word):
            continue
        if not _AR_LETTER.search(entry.pattern):   # (an English pattern, quotes and all)
            rx = rf"\b(?P<t>{entry.pattern})\b"
        else:
            rx = rf"(?<![{_AR_L}])(?:[وف]?[بلك]?)(?P<t>{entry.pattern})(?![{_AR_L}])"
        literal = _literal(word)
        compiled = re.compile(rx.translate(_FOLD))
        fallback = (literal,) if literal else _first_words(word)
        groups = needles(compiled) or ((fallback,) if fallback else ())
        # the group of the longest strings first: the likeliest to be missing, so the test
        # of a pattern that cannot match stops at once
        groups = tuple(sorted(groups, key=lambda g: -min(map(len, g))))
        patterns.append((groups, compiled, entry))
    for entry in TRIGGERS:
        word = entry.pattern.translate(_FOLD)
        if _SIMPLE.fullmatch(word):
            table.setdefault(word, entry)
    return table, patterns, list(TRIGGERS)


def _literal(pattern: str) -> str:
    r"""The longest run of plain letters that every match of `pattern` contains (outside
    groups and not made optional), or "" when there is none: a cheap test before the regex.

    Examples
    --------
    >>> _literal(r"held\s+(?:\S+\s+){1,4}?responsible"), _literal(r"(?:a|b)c?")
    ('responsible', '')
    """
    runs, run, depth, i = [], "", 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            runs.append(run)
            run, i = "", i + 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if depth == 0 and ch.isalpha():
            run += ch
        else:
            if ch in "?*{" and run:
                run = run[:-1]      # the quantifier makes the last letter optional
            runs.append(run)
            run = ""
        i += 1
    runs.append(run)
    if "|" in "".join(c for d, c in _depths(pattern) if d == 0):
        return ""                   # alternatives at the top level: no letter is required
    return max(runs, key=len) if max(map(len, runs)) >= 2 else ""


def _first_words(pattern: str) -> tuple[str, ...]:
    r"""The plain words of a pattern that opens with a group of them, «(?:شن|شنت|نفذ)...»:
    one of them must occur; () when the pattern opens otherwise.

    Examples
    --------
    >>> _first_words(r"(?:deal|truce)\s+struck"), _first_words(r"(?:a|b\s+c)d")
    (('deal', 'truce'), ())
    """
    match = re.match(r"\(\?:([^()\\?*+{}\[\]]+)\)", pattern)
    if not match:
        return ()
    words = tuple(match.group(1).split("|"))
    return words if all(w.isalpha() and len(w) >= 2 for w in words) else ()


def _depths(pattern: str):
    depth = 0
    for ch in pattern:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        yield depth, ch

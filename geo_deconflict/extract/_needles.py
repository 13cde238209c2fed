"""Needles of a regular expression: strings of which every match contains at least one.

`find_triggers` tries a couple of hundred patterns on every report; most of them cannot match
(the words they need are not there), and a substring test (``needle in text``) costs a
fraction of a regex scan. The needles are read off the parsed pattern, so they are exact for
any pattern the lexicon holds, and a pattern for which none can be found is always tried.

Two more readings of a parsed pattern spare the scan itself: the strings every match opens
with (`openings`), so that it is tried only there (`matches_from`), and the characters it
opens with (`gated`), which the regex engine then tests first at each position.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterator, Sequence
from typing import ClassVar

import ahocorasick

try:   # the parser of the standard `re` module (`sre_parse` before Python 3.11)
    from re import _parser as _sre
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre

__all__ = ["Prefilter", "could_match", "every_match", "gated", "matches_from", "needles",
           "openings"]

_LITERAL = _sre.LITERAL
_SUBPATTERN = _sre.SUBPATTERN
_BRANCH = _sre.BRANCH
_REPEATS = (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None))
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)
_IN = _sre.IN
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_CATEGORIES = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_SPACE: r"\s"}


def needles(pattern: re.Pattern | str) -> tuple[tuple[str, ...], ...]:
    """Groups of strings such that every match of `pattern` contains one string of each
    group, the most selective group first; () when nothing is known (then the pattern must
    always be tried).

    Literal runs, groups, alternatives and repeats taken at least once are followed;
    lookarounds, character classes and optional parts are not (they need nothing).

    Examples
    --------
    >>> needles(r"\\b(?P<t>(?:moved|sent)\\s+(?:\\w+\\s+){0,3}?troops)\\b")
    (('troops',), ('moved', 'sent'))
    >>> needles(r"(?<![a-z])(?:رتل|قافله)\\s+\\S+\\s+تحرك")
    (('تحرك',), ('قافله', 'رتل'))
    >>> needles(r"(?:a|b)?\\d+")
    ()
    """
    flags = pattern.flags if isinstance(pattern, re.Pattern) else 0
    source = pattern.pattern if isinstance(pattern, re.Pattern) else pattern
    if not isinstance(source, str) or flags & re.IGNORECASE:
        return ()
    try:
        parsed = _sre.parse(source, flags)
    except re.error:
        return ()
    if parsed.state.flags & re.IGNORECASE:   # an inline (?i)
        return ()
    groups = _required(list(parsed))
    if groups is None:
        return ()
    unique = {tuple(sorted(g, key=lambda n: (-len(n), n))) for g in groups if g and all(g)}
    return tuple(sorted(unique, key=lambda g: (-min(map(len, g)), len(g), g)))


def could_match(pattern: re.Pattern, text: str) -> bool:
    """Whether `text` holds one string of each of `pattern`'s needle groups (`needles`,
    read once per pattern): when it does not, the pattern cannot match it.

    Examples
    --------
    >>> could_match(re.compile(r"(\\d+) days? after"), "two days later")
    False
    """
    for group in _read_once(_NEEDLES_READ, needles, pattern):
        if not any(map(text.__contains__, group)):
            return False
    return True


# the needles and openings of each pattern, read once and found again by the pattern's
# identity (kept in the entry, so that its id is not reused): a compiled pattern hashes and
# compares its whole code, which costs as much as the test it serves
_NEEDLES_READ: dict[int, tuple[re.Pattern, tuple[tuple[str, ...], ...]]] = {}
_OPENINGS_READ: dict[int, tuple[re.Pattern, tuple[int, str, tuple[str, ...]] | None]] = {}


def _read_once(read: dict, reader, pattern: re.Pattern):
    hit = read.get(id(pattern))
    if hit is None or hit[0] is not pattern:
        if len(read) >= 1024:
            read.clear()
        hit = read[id(pattern)] = (pattern, reader(pattern))
    return hit[1]


def _score(found: frozenset[str]) -> tuple[int, int]:
    """Longer needles are rarer; fewer of them are quicker to test."""
    return min(map(len, found)), -len(found)


def _required(items: list) -> list[frozenset[str]] | None:
    """Every needle set a sequence of parsed items requires (all of them must be met), or
    None when a part of it cannot be read (a case-insensitive group)."""
    out: list[frozenset[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            out.append(frozenset(["".join(run)]))
            run.clear()

    for op, av in items:
        if op is _LITERAL:
            run.append(chr(av))
            continue
        close()
        if op is _SUBPATTERN:
            if av[1] & re.IGNORECASE:
                return None
            inner = _required(list(av[3]))
        elif op is _ATOMIC and _ATOMIC is not None:
            inner = _required(list(av))
        elif op is _BRANCH:
            one = _branch(av[1])
            inner = [one] if one else []
        elif op in _REPEATS and op is not None:
            inner = _required(list(av[2])) if av[0] >= 1 else []
        else:   # a class, any character, an anchor, a lookaround, a back reference ...
            inner = []
        if inner is None:
            return None
        out.extend(inner)
    close()
    return out


def _sequence(items: list) -> frozenset[str] | None:
    """The most selective needle set a sequence of parsed items requires, or None."""
    options = _required(items)
    options = [o for o in options or [] if o and all(o)]
    return max(options, key=_score) if options else None


def _branch(alternatives: list) -> frozenset[str] | None:
    """One needle set per alternative (each its most selective); every alternative must
    have one."""
    out: set[str] = set()
    for alt in alternatives:
        found = _sequence(list(alt))
        if not found:
            return None
        out |= found
    return frozenset(out)


def gated(pattern: re.Pattern) -> re.Pattern:
    """`pattern` behind a lookahead of the characters every match opens with, where the
    regex engine would otherwise try its alternatives and lookbehinds at every position of
    the text (it skips to a likely start by itself only when the pattern opens with a
    letter or a class); the same matches, found sooner. Unchanged when those characters
    cannot be read off (a negated class, any character, word characters, a match that may
    be empty ...).

    Examples
    --------
    >>> gated(re.compile(r"(?<![a-z])(?:ab|cd)|[0-9]x")).pattern
    '(?=[0-9ac])(?:(?<![a-z])(?:ab|cd)|[0-9]x)'
    >>> gated(re.compile(r"ab|cd")).pattern   # (the engine skips to an a or a c itself)
    'ab|cd'
    """
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str) \
            or re.match(r"\(\?[aiLmsux]+\)", pattern.pattern):   # (inline flags open a pattern)
        return pattern
    items = list(_sre.parse(pattern.pattern, pattern.flags))
    first = items[0] if items else None
    while first is not None and (first[0] is _SUBPATTERN or (
            first[0] in _REPEATS and first[1][0] >= 1)) and first[1][-1]:
        first = first[1][-1][0]     # (a group's or a repeat's first item)
    if first is None or first[0] in (_LITERAL, _IN) or (first[0] is _BRANCH and all(
            alt and alt[0][0] is _LITERAL for alt in first[1][1])):
        return pattern
    first = _first_chars(items)
    if first is None or first[1] or first[0] == {r"\s"}:
        return pattern      # (after a space only: its lookbehinds rule out as much, as fast)
    chars = "".join(sorted(first[0]))
    return re.compile(f"(?=[{chars}])(?:{pattern.pattern})", pattern.flags)


def _first_chars(items: list) -> tuple[set[str], bool] | None:
    """The characters (as class items) a match of the parsed sequence can open with, and
    whether it can match the empty string; None when they cannot be read off."""
    out: set[str] = set()
    for op, av in items:
        if op is _LITERAL:
            out.add(re.escape(chr(av)))
            return out, False
        if op is _IN:
            for kind, value in av:
                if kind is _LITERAL:
                    out.add(re.escape(chr(value)))
                elif kind is _sre.RANGE:
                    out.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
                elif kind is _sre.CATEGORY and value in _CATEGORIES:
                    out.add(_CATEGORIES[value])
                else:   # a negated class, word characters (nearly any) ...
                    return None
            return out, False
        if op in _ZERO_WIDTH:
            continue    # an anchor or a lookaround: the next item opens the match
        if op is _SUBPATTERN and not (av[1] | av[2]) & re.IGNORECASE:
            inner = _first_chars(list(av[3]))
        elif op is _BRANCH:
            found = [_first_chars(list(alt)) for alt in av[1]]
            inner = None if None in found else (set().union(*(f[0] for f in found)),
                                                any(f[1] for f in found))
        elif op in _REPEATS and op is not None:
            inner = _first_chars(list(av[2]))
            inner = inner and (inner[0], inner[1] or av[0] == 0)
        else:           # any character, a back reference, a case-insensitive group ...
            return None
        if inner is None:
            return None
        out |= inner[0]
        if not inner[1]:
            return out, False
    return out, True


def openings(pattern: re.Pattern) -> tuple[int, str, tuple[str, ...]] | None:
    """(slack, chars, strings): every match of `pattern` opens, after at most `slack` of the
    optional characters `chars` (a proclitic), with one of `strings`; None when that cannot
    be read off (a match may open with a class, any character, nothing at all ...). See
    `matches_from`.

    Examples
    --------
    >>> openings(re.compile(r"(?<![a-z])[wf]?(?:ab|cd(?:e)?)x"))
    (1, 'fw', ('abx', 'cdex', 'cdx'))
    >>> openings(re.compile(r"(?:took|taken)\\s+(?:the\\s+)?town"))
    (0, '', ('taken', 'took'))
    >>> openings(re.compile(r"(?:a|b)?\\d")) is None
    True
    """
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    items = list(_sre.parse(pattern.pattern, pattern.flags))
    slack, chars = 0, set()
    while items and (items[0][0] in _ZERO_WIDTH or _optional_chars(items[0])):
        if items[0][0] not in _ZERO_WIDTH:
            slack += 1
            chars |= _optional_chars(items[0])
        items.pop(0)
    found = _opening_strings(items)
    if found is None or found[1] or "" in found[0]:
        return None
    # (a string that another opens is found wherever that one is: one `find` fewer)
    strings = [s for s in found[0] if not any(s != t and s.startswith(t) for t in found[0])]
    return slack, "".join(sorted(chars)), tuple(sorted(strings))


def _optional_chars(item: tuple) -> set[str]:
    """The characters of an optional one-character item of letters («[وف]?»), else none."""
    op, av = item
    if op not in _REPEATS or op is None or av[0] != 0 or av[1] != 1 or len(av[2]) != 1:
        return set()
    op, av = av[2][0]
    if op is _LITERAL:
        return {chr(av)}
    if op is _IN and all(kind is _LITERAL for kind, _ in av):
        return {chr(value) for _, value in av}
    return set()


# opening strings read off a pattern at most (each is one `str.find` in `matches_from`)
_MOST_OPENINGS = 64


def _opening_strings(items: list) -> tuple[set[str], bool] | None:
    """The strings a match of the parsed sequence opens with (each as long as the letters
    that open it), and whether it can match the empty string; None when unknown."""
    while items and items[0][0] in _ZERO_WIDTH:
        items = items[1:]
    if not items:
        return set(), True
    # the items that match a few literal strings each (letters, words and alternatives of
    # them, an optional article: «(?:ال)?(?:خاضع|واقع)», "(?:took|taken)" whose common "t"
    # the parser puts first): their strings joined, then followed by what opens the rest,
    # longer strings than the first letters alone, found at far fewer places
    heads, n = {""}, 0
    while n < len(items):
        strings = _literals(items[n])
        if strings is None or len(heads) * len(strings) > _MOST_OPENINGS:
            break
        heads = {h + s for h in heads for s in strings}
        n += 1
    if n:
        rest = _opening_strings(items[n:]) if n < len(items) else (set(), True)
        if rest is not None and not rest[1] and \
                len(heads) * len(rest[0]) <= _MOST_OPENINGS:
            return {h + r for h in heads for r in rest[0]}, False
        # what follows is unknown or may be empty: a head opens the match by itself
        if "" not in heads:
            return heads, False
        if rest is None:
            return None
        return (heads - {""}) | rest[0], rest[1]
    op, av = items[0]
    if op is _SUBPATTERN and not (av[1] | av[2]) & re.IGNORECASE:
        alternatives = [list(av[3])]
    elif op is _BRANCH:
        alternatives = [list(alt) for alt in av[1]]
    elif op in _REPEATS and op is not None:
        alternatives = [list(av[2])] + ([[]] if av[0] == 0 else [])
    else:       # a class, any character, a back reference ...
        return None
    out: set[str] = set()
    empty = False
    for alt in alternatives:
        found = _opening_strings(alt)
        if found is None:
            return None
        out |= found[0]
        empty = empty or found[1]
    if empty:   # (what follows opens the match when the item is empty)
        rest = _opening_strings(items[1:])
        if rest is None:
            return None
        return out | rest[0], rest[1]
    return out, False


def _literals(item: tuple) -> set[str] | None:
    """The strings a parsed item matches, when it matches a few literal strings only (a
    letter, a class of letters, a group or alternatives of them, an optional one), else None."""
    op, av = item
    if op is _LITERAL:
        return {chr(av)}
    if op is _IN:
        return {chr(value) for _, value in av} if all(kind is _LITERAL for kind, _ in av) \
            else None
    if op is _SUBPATTERN and not (av[1] | av[2]) & re.IGNORECASE:
        sequences = [list(av[3])]
    elif op is _BRANCH:
        sequences = [list(alt) for alt in av[1]]
    elif op in _REPEATS and op is not None and av[0] == 0 and av[1] == 1:
        sequences = [list(av[2]), []]
    else:       # a repeat, any character, a lookaround, a back reference ...
        return None
    out: set[str] = set()
    for sequence in sequences:
        strings = {""}
        for part in sequence:
            found = _literals(part)
            if found is None or len(strings) * len(found) > _MOST_OPENINGS:
                return None
            strings = {s + f for s in strings for f in found}
        out |= strings
    return out if len(out) <= _MOST_OPENINGS else None


def matches_from(pattern: re.Pattern, opening: tuple[int, str, tuple[str, ...]], text: str,
                 start: int, end: int) -> Iterator[re.Match]:
    """``pattern.finditer(text, start, end)``, the pattern tried only where a match can open:
    at an occurrence of one of its opening strings, or up to `slack` of its optional
    characters before one (`openings`), instead of at every position.

    Examples
    --------
    >>> rx = re.compile(r"(?<![a-z])[wf]?(?:ab|cd)")
    >>> [m.span() for m in matches_from(rx, openings(rx), "xab wcd ab", 0, 10)]
    [(4, 7), (8, 10)]
    """
    slack, chars, strings = opening
    starts = set()
    for string in strings:
        at = text.find(string, start, end)
        while at != -1:
            first = at
            while first > start and at - first < slack and text[first - 1] in chars:
                first -= 1
            starts.update(range(first, at + 1))
            at = text.find(string, at + 1, end)
    pos = start
    for at in sorted(starts):
        if at >= pos and (match := pattern.match(text, at, end)):
            yield match
            pos = match.end()   # (a match holds its opening string: it is never empty)


def every_match(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, tried only where a match can open when the strings it opens
    with are known (`openings`, read once per pattern): a report-wide search of a pattern
    whose matches open with words of their own («الجيش», "their") passes over the rest.

    Examples
    --------
    >>> [m.group() for m in every_match(re.compile(r"\\b(?:its|their)\\s+troops"), "their troops")]
    ['their troops']
    """
    opening = _read_once(_OPENINGS_READ, openings, pattern)
    if opening is None:
        return pattern.finditer(text)
    return matches_from(pattern, opening, text, 0, len(text))


# (folded) words that nearly every text of their script holds: the article, the commonest
# prepositions and conjunctions
COMMON = frozenset({"ال", "في", "من", "علي", "الي", "عن", "مع", "the", "in", "of", "and", "to",
                    "on", "at", "for", "with", "by", "from"})


class Prefilter:
    """Which of many patterns can match a text, from one pass over it.

    Each pattern comes with its needle groups (`needles`: a match holds one string of each
    group). An Aho-Corasick automaton (pyahocorasick) finds every needle the text holds in
    one scan, where testing each needle with ``in`` would scan the text once per needle;
    only the patterns whose groups are all met are then looked at.

    Examples
    --------
    >>> pf = Prefilter([(("troops",), ("moved", "sent")), (("convoy",),), ()])
    >>> pf.possible("they sent more troops"), [n for n, _ in pf.regions("a convoy")]
    ([True, False, True], [1, 2])
    """

    def __init__(self, groups: Sequence[Sequence[Sequence[str]]], *, shortest: int = 3,
                 margin: int | None = None, common: Collection[str] = COMMON) -> None:
        ids: dict[frozenset[str], int] = {}
        self.shortest = shortest
        self.margin = margin
        self._groups = [tuple(frozenset(g) for g in gs) for gs in groups]
        # a group with a needle shorter than `shortest` («ا», "a") or with a word of `common`
        # («ال», "the») is met by nearly every text: the scan would report it hundreds of
        # times for nothing, so it is taken as met
        common = frozenset(common)
        self._needs = [frozenset(ids.setdefault(g, len(ids)) for g in gs
                                 if min(map(len, g)) >= shortest and not g & common)
                       for gs in self._groups]
        self._always = [n for n, need in enumerate(self._needs) if not need]
        self._users: dict[int, list[int]] = {}   # group -> the patterns that need it
        for n, need in enumerate(self._needs):
            for group in need:
                self._users.setdefault(group, []).append(n)
        holders: dict[str, set[int]] = {}        # needle -> the groups it satisfies
        for group, n in ids.items():
            for word in group:
                holders.setdefault(word, set()).add(n)
        self._holders = {word: tuple(sorted(g)) for word, g in holders.items()}
        self._slot = len(Prefilter._every)
        Prefilter._every.append(self)
        Prefilter._union, Prefilter._last = None, None

    # every prefilter's needles go into one automaton, and the last text's hits are kept:
    # the trigger and the date patterns of a report are looked for in one pass over it
    _every: ClassVar[list[Prefilter]] = []
    _union: ClassVar[ahocorasick.Automaton | None] = None
    _last: ClassVar[tuple[str, list[list[tuple[int, int, tuple[int, ...]]]]] | None] = None

    @classmethod
    def _scan(cls, text: str) -> list[list[tuple[int, int, tuple[int, ...]]]]:
        """For each prefilter: the (start, end, groups) of every needle occurrence in `text`."""
        last = cls._last        # (read once: another thread may replace it)
        if last is not None and last[0] is text:
            return last[1]
        union, every = cls._union, list(cls._every)
        if union is None:
            entries: dict[str, list[tuple[int, int, tuple[int, ...]]]] = {}
            for prefilter in every:
                for word, groups in prefilter._holders.items():
                    entries.setdefault(word, []).append((prefilter._slot, len(word) - 1, groups))
            union = ahocorasick.Automaton()
            for word, found in entries.items():
                union.add_word(word, tuple(found))
            if entries:
                union.make_automaton()
            cls._union = union
        # (lists: each needle is one entry of a prefilter, so each occurrence comes once)
        hits: list[list[tuple[int, int, tuple[int, ...]]]] = [[] for _ in every]
        if len(union):
            for end, found in union.iter(text):
                for slot, back, groups in found:
                    hits[slot].append((end - back, end + 1, groups))
        cls._last = (text, hits)
        return hits

    def regions(self, text: str) -> list[tuple[int, list[tuple[int, int]]]]:
        """The patterns for which `text` holds one needle of each group (every pattern with
        none among them), in order, each with the parts of `text` worth scanning: the lines
        (newline included) holding a needle of its rarest group, runs of them joined; the
        whole text for a pattern with no group. A match that runs from such a line into one
        without a needle is not found (an event is told within a paragraph). With a
        `margin`, only that many characters around each needle, within its line, are scanned
        (for patterns whose matches reach no further from their needle).

        Examples
        --------
        >>> Prefilter([(("troops",),), ()]).regions("no\\nsent troops\\nend")
        [(0, [(3, 15)]), (1, [(0, 18)])]
        >>> Prefilter([(("troops",),)], margin=2).regions("no\\nsent troops\\nend")
        [(0, [(6, 15)])]
        """
        at: dict[int, list[tuple[int, int, int]]] = {}   # group -> (line, start, end) of hits
        starts = [0]
        hits = self._scan(text)[self._slot]
        if hits:
            pos = text.find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = text.find("\n", pos + 1)
        for begin, end, gids in hits:
            line = bisect_right(starts, begin) - 1
            for group in gids:
                at.setdefault(group, []).append((line, begin, end))
        ends = [*starts[1:], len(text)]
        users, needs = self._users, self._needs
        found = {n for group in at for n in users[group] if needs[n] <= at.keys()}
        out = []
        for n in sorted(found.union(self._always)):
            if not needs[n]:
                out.append((n, [(0, len(text))]))
                continue
            if self.margin is None:     # the lines that hold the rarest group's needles
                lines = min(({line for line, _, _ in at[g]} for g in needs[n]), key=len)
                pieces = [(starts[line], ends[line]) for line in sorted(lines)]
            else:                       # `margin` characters around each of them
                rarest = min(needs[n], key=lambda g: len(at[g]))
                pieces = [(max(starts[line], begin - self.margin),
                           min(ends[line], end + self.margin))
                          for line, begin, end in sorted(at[rarest])]
            spans: list[tuple[int, int]] = []
            for begin, end in pieces:
                if spans and spans[-1][1] >= begin:
                    spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
                else:
                    spans.append((begin, end))
            out.append((n, spans))
        return out

    def occurrences(self, text: str) -> list[list[tuple[int, int]] | None]:
        """For each pattern, in order: the spans of the needles of its groups looked for that
        `text` holds, in order (None for a pattern with no such group). A match of the
        pattern within any part of `text` holds one of these spans within that part.

        Examples
        --------
        >>> Prefilter([(("troops",),), (("on",),)]).occurrences("troops, troops")
        [[(0, 6), (8, 14)], None]
        """
        out: list[list[tuple[int, int]] | None] = [[] if need else None for need in self._needs]
        for begin, end, gids in self._scan(text)[self._slot]:
            for group in gids:
                for n in self._users[group]:
                    out[n].append((begin, end))
        for spans in out:
            if spans:
                spans.sort()
        return out

    def possible(self, text: str) -> list[bool]:
        """For each pattern, in order: whether `text` holds one needle of each of its
        groups looked for (needles of `shortest` letters or more, no `common` word among
        them; True for a pattern with no such group)."""
        chosen = {n for n, _ in self.regions(text)}
        return [n in chosen for n in range(len(self._needs))]

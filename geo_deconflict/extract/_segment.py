"""The structure of a report: its sentences (paragraphs, headings, appended teasers), its
dateline and the outlets it credits."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from geo_deconflict.extract import _lexicon as lex
from geo_deconflict.extract._fold import _fold, fold
from geo_deconflict.extract._needles import could_match
from geo_deconflict.zones.model import Source


@dataclass(slots=True)
class Sentence:
    """A sentence: offsets, section, heading or not, paragraph."""

    start: int
    end: int
    section: int
    heading: bool
    paragraph: int = 0


_ABBREVIATIONS = ("Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Col",
                  "Gen", "Lt", "Maj", "Capt", "Sgt", "Brig", "Adm", "Mr", "Mrs", "Ms", "Dr", "St",
                  "No", "Gov", "Sen", "Rep", "Pres", "approx", "vs")
# (it opens with the space it splits at, its look-behinds taking that space in: a pattern
# that opens with a space is tried at the spaces only, not at every character)
_SENTENCE_END = re.compile(r"\s(?<=[.!?؟]\s)(?<![A-Z]\.\s)(?<!^\d\.\s)(?<!^\d\d\.\s)" + "".join(
    rf"(?<!\b{word}\.\s)" for word in _ABBREVIATIONS) + r"\s*")


def sentences(text: str) -> list[Sentence]:
    """The report's sentences, with their paragraph, section (a "read also" teaser starts
    another story) and whether they are a heading."""
    out: list[Sentence] = []
    section = 0
    for n_para, para in enumerate(re.finditer(r"[^\n]+", text)):
        line = para.group()
        if not line.strip():
            continue
        # (the line's opening first: most lines are long and no teaser; uncached, to keep
        # the report's folding)
        if _TEASER.match(_fold(line.lstrip()[:60])[0].strip()) and \
                _TEASER.match(_fold(line)[0].strip()):
            section += 1          # what follows is another story
            continue
        words = len(line.split())
        heading = words <= 14 and not re.search(r"[.!?؟…:]\s*[\"”»]?\s*$", line.strip())
        # not after an initial ("U.S.", "J. Smith"), an abbreviation ("Oct. 22", "Col. Caggins")
        # nor a list number opening the line ("1."); after a date ("on June 4. Unidentified
        # aircraft ...") a sentence ends
        pieces = _SENTENCE_END.split(line)
        pos = para.start()
        for piece in pieces:
            start = text.index(piece, pos) if piece else pos
            end = start + len(piece)
            pos = end
            if piece.strip():
                out.append(Sentence(start, end, section, heading, n_para))
    if out and all(s.heading for s in out):   # one line without a stop: the report itself
        out = [replace(s, heading=False) for s in out]
    return out


def dateline(text: str) -> tuple[int, int]:
    """The dateline («واشنطن (CNN) --», "BEIRUT (Reuters) -") opening one of the first
    lines: the place where the report was filed, not where events happened."""
    for line in list(re.finditer(r"[^\n]+", text))[:4]:
        match = re.match(r"\s*[^\n(]{0,80}?\((?:[A-Za-z0-9 ./&]+|[\u0621-\u064a0-9 /]+)\)\s*"
                         r"(?:--|-|–|—|:)", line.group()) or _PLAIN_DATELINE.match(line.group())
        if match:
            return line.start(), line.start() + match.end()
    return 0, 0


def credited_sources(folded: str, rev: list[int], line: tuple[int, int], source: str | None,
                     published: dt.date | None) -> tuple[Source, ...]:
    """The outlet given, else the agencies credited in the dateline or on the last line."""
    date = published.isoformat() if published else None
    if source:
        return (Source(outlet=source, date=date),)
    lines = [ln for ln in folded.splitlines() if ln.strip()]
    region = folded[:max(rev[line[1]], 150)] + "\n" + \
        (lines[-1] if lines and len(lines[-1]) <= 40 else "")
    found = []
    # (one search for any outlet's names first: most reports credit none, and a report that
    # does is then searched for each outlet's)
    for outlet, pattern in _outlet_patterns() if _any_outlet().search(region) else ():
        if could_match(pattern, region) and pattern.search(region):
            found.append(Source(outlet=outlet, date=date))
    return tuple(found) or ((Source(outlet="", date=date),) if date else ())


@lru_cache(maxsize=1)
def _outlet_patterns() -> tuple[tuple[str, re.Pattern], ...]:
    """One pattern per news outlet over folded text, its names as whole words."""
    return tuple((outlet, re.compile(_WHOLE_WORD.format("|".join(
        re.escape(fold(n)[0]) for n in names)))) for outlet, names in lex.OUTLETS.items())


@lru_cache(maxsize=1)
def _any_outlet() -> re.Pattern:
    """The names of every outlet in one pattern: it matches where one of `_outlet_patterns`
    does (the same names between the same word edges)."""
    return re.compile(_WHOLE_WORD.format("|".join(
        re.escape(fold(n)[0]) for names in lex.OUTLETS.values() for n in names)))


_WHOLE_WORD = r"(?<![\w\u0621-\u064a])(?:{})(?![\w\u0621-\u064a])"


# a dateline without an agency: "ANKARA -", "SANLIURFA, Turkey -", «دمشق 8 نوفمبر 2017 –»,
# «حلب – سمارت»: a few words in capitals or Arabic, perhaps a date, then a dash
_PLAIN_DATELINE = re.compile(
    # "ERBIL, Kurdistan Region –", «دير الزور –»; "AMMAN: ..." (a city in capitals, a colon)
    r"\s*(?:[A-Z][A-Z'.-]+(?:\s+[A-Z][A-Z'.-]+)?(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})?"
    r"|[\u0621-\u064a]+(?:\s+[\u0621-\u064a]+)?)"
    r"(?:,?\s+[\w\u0621-\u064a]+\s+\d{1,2}|\s+\d{1,2}\s+[\w\u0621-\u064a/]+\s+\d{4})?"
    r"\s+(?:--|-|–|—)\s"
    r"|\s*[A-Z][A-Z'.-]+[A-Z](?:\s+[A-Z][A-Z'.-]+)?:\s")

_TEASER = re.compile(r"^(?:شاهد|اقرا|طالع)\s+ايضا|^(?:مواضيع|اخبار|مقالات)\s+ذات\s+صله|"
                     r"^ذات\s+صله|^(?:read|see)\s+(?:also|more)|^related(?:\s+\w+)?\s*:?$")



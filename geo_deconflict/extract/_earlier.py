"""Dates counted back from an event the report told before: "a week earlier", "two days
before.", "weeks earlier", «قبل ذلك بأسبوع», «قبلها بيومين»; and the day of an event a later
one is dated from: "on Tuesday, a day after Russian police set up a post", «غداة», «بعد يومين
من».

Such a span is counted from the event just told, not from the publication date; that event
lies at or a little before publication, so the span is read as ending `back` days before
publication and starting that far again before (at least two days), which holds the reference
event's own date. "N days after X", told after a date of the sentence ("on Tuesday, a day
after X"), dates X N days before that date. The publication date is needed; without it nothing
is returned.
"""

from __future__ import annotations

import datetime as dt
import re

from geo_deconflict.extract._needles import could_match, every_match, gated
from geo_deconflict.extract.dates import (
    _AR_DUAL_UNITS,
    _AR_NUMBERS,
    _AR_PLURAL_UNITS,
    _AR_UNITS,
    _EN_NUMBERS,
    _FOLD,
    _UNIT_DAYS,
    DateMention,
)

_EN_N = "|".join(sorted((k for k in _EN_NUMBERS if k), key=len, reverse=True))
_AR_UNIT = "|".join(sorted(_AR_UNITS, key=len, reverse=True))
_AR_N = "|".join(k for k in _AR_NUMBERS if k not in _AR_UNITS)

# (each behind a lookahead of the characters it opens with: `gated`, for the scan of a report)
_EN = gated(re.compile(
    rf"\b(?:(?:about|some|nearly|around|roughly)\s+)?(?:(?P<n>\d+|{_EN_N})\s+)?"
    r"(?P<unit>day|week|month|year)(?P<pl>s)?\s+(?:earlier|previously|before(?=\s*[.,;)]|$))\b"))
_EN_AFTER = gated(re.compile(
    rf"\b(?P<n>\d+|{_EN_N})\s+(?P<unit>day|week)(?P<pl>s)?\s+after\b"))
_AR_AFTER = gated(re.compile(
    (rf"(?<![\u0621-\u064a])[وف]?(?:(?P<next>غداه)|بعد\s+(?:(?P<n>\d+|{_AR_N})\s+)?"
     rf"(?P<unit>{_AR_UNIT})\s+(?:من|على))(?![\u0621-\u064a])").translate(_FOLD)))
_AR = gated(re.compile(
    (rf"(?<![\u0621-\u064a])[وف]?(?:قبل\s+ذلك|قبلها|قبله)\s+ب(?:(?P<n>\d+|{_AR_N})\s+)?"
     rf"(?P<unit>{_AR_UNIT})(?![\u0621-\u064a])").translate(_FOLD)))


def find_after(text: str, folded: str, index: list[int],
               dates: list[DateMention]) -> list[DateMention]:
    """The days of events that a dated event followed ("on Tuesday, a day after X", «غداة X»),
    counted back from the day of the sentence before them; they date the act right after them
    only. `dates`: the report's other date mentions."""
    out = []
    for pattern, english in ((_EN_AFTER, True), (_AR_AFTER, False)):
        for match in every_match(pattern, folded) if could_match(pattern, folded) else ():
            start, end = index[match.start()], index[match.end() - 1] + 1
            line = text.rfind("\n", 0, start) + 1
            ref = next((d for d in reversed(dates) if line <= d.start and d.end <= start
                        and d.precision == "day" and d.first is not None
                        and not re.search(r"[.!?؟]", text[d.end:start])), None)
            if ref is None:
                continue        # "weeks after X" alone: the earlier span reading does not apply
            back = 1 if match.groupdict().get("next") else _days_back(match, english)[1]
            day = ref.first - dt.timedelta(days=back)
            out.append(DateMention(start, end, text[start:end], day, day, "day",
                                   relative=True))
    return out


def find_earlier(text: str, folded: str, index: list[int],
                 published: dt.date | None) -> list[DateMention]:
    """The spans counted back from an earlier event, as date mentions (resolved against
    `published`; none without it). `folded`/`index`: `dates.fold(text)`."""
    if published is None:
        return []
    out = []
    for pattern, english in ((_EN, True), (_AR, False)):
        for match in every_match(pattern, folded) if could_match(pattern, folded) else ():
            span = _days_back(match, english)
            if span is None:
                continue
            start, end = index[match.start()], index[match.end() - 1] + 1
            out.append(DateMention(start, end, text[start:end],
                                   published - dt.timedelta(days=span[0]),
                                   published - dt.timedelta(days=span[1]), "range",
                                   relative=True))
    return out


def with_earlier(dates: list[DateMention], earlier: list[DateMention]) -> list[DateMention]:
    """The date mentions with the spans counted back from an earlier event ("a week
    earlier"), in text order; such a span replaces a shorter mention inside it ("a week")."""
    if not earlier:
        return dates
    kept = [d for d in dates if not any(e.start <= d.start and d.end <= e.end for e in earlier)]
    return sorted(kept + earlier, key=lambda d: d.start)


def _days_back(match: re.Match, english: bool) -> tuple[int, int] | None:
    """(most, least) days before publication that the expression may mean."""
    unit_word = match["unit"]
    unit_days = _UNIT_DAYS[unit_word if english else _AR_UNITS[unit_word]]
    n_text = match["n"]
    if n_text is None:
        if english and not match["pl"]:
            return None       # "the day before": no count
        if not english and unit_word in _AR_DUAL_UNITS:
            n = 2
        elif english or unit_word in _AR_PLURAL_UNITS:
            return 6 * unit_days, unit_days    # "weeks earlier": some, not one
        else:
            n = 1
    elif n_text.isdigit():
        n = int(n_text)
    else:
        n = (_EN_NUMBERS if english else _AR_NUMBERS).get(re.sub(r"\s+", " ", n_text))
        if n is None:         # "a few", "several"
            return 6 * unit_days, 2 * unit_days
    back = n * unit_days
    return back + max(2, back // 2), back

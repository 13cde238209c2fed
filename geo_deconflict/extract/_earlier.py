"""Dates counted back from an event the report told before: "a week earlier", "two days
before.", "weeks earlier", «قبل ذلك بأسبوع», «قبلها بيومين».

Such a span is counted from the event just told, not from the publication date; that event
lies at or a little before publication, so the span is read as ending `back` days before
publication and starting that far again before (at least two days), which holds the reference
event's own date. The publication date is needed; without it nothing is returned.
"""

from __future__ import annotations

import datetime as dt
import re

from geo_deconflict.extract.dates import _AR_NUMBERS, _AR_UNITS, _EN_NUMBERS, _FOLD, DateMention

_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_EN_N = "|".join(sorted((k for k in _EN_NUMBERS if k), key=len, reverse=True))
_AR_UNIT = "|".join(sorted(_AR_UNITS, key=len, reverse=True))
_AR_N = "|".join(k for k in _AR_NUMBERS if k not in _AR_UNITS)

_EN = re.compile(
    rf"\b(?:(?:about|some|nearly|around|roughly)\s+)?(?:(?P<n>\d+|{_EN_N})\s+)?"
    r"(?P<unit>day|week|month|year)(?P<pl>s)?\s+(?:earlier|previously|before(?=\s*[.,;)]|$))\b")
_AR = re.compile(
    (rf"(?<![\u0621-\u064a])[وف]?(?:قبل\s+ذلك|قبلها|قبله)\s+ب(?:(?P<n>\d+|{_AR_N})\s+)?"
     rf"(?P<unit>{_AR_UNIT})(?![\u0621-\u064a])").translate(_FOLD))


def find_earlier(text: str, folded: str, index: list[int],
                 published: dt.date | None) -> list[DateMention]:
    """The spans counted back from an earlier event, as date mentions (resolved against
    `published`; none without it). `folded`/`index`: `dates.fold(text)`."""
    if published is None:
        return []
    out = []
    for pattern, english in ((_EN, True), (_AR, False)):
        for match in pattern.finditer(folded):
            span = _days_back(match, english)
            if span is None:
                continue
            start, end = index[match.start()], index[match.end() - 1] + 1
            out.append(DateMention(start, end, text[start:end],
                                   published - dt.timedelta(days=span[0]),
                                   published - dt.timedelta(days=span[1]), "range",
                                   relative=True))
    return out


def _days_back(match: re.Match, english: bool) -> tuple[int, int] | None:
    """(most, least) days before publication that the expression may mean."""
    unit_word = match["unit"]
    unit_days = _UNIT_DAYS[unit_word if english else _AR_UNITS[unit_word]]
    n_text = match["n"]
    if n_text is None:
        if english and not match["pl"]:
            return None       # "the day before": no count
        if not english and unit_word in ("يومين", "اسبوعين", "شهرين", "عامين", "سنتين"):
            n = 2
        elif english or unit_word in ("ايام", "اسابيع", "اشهر", "شهور", "اعوام", "سنوات"):
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

"""The publication date of a report, read off its text when none is given: a date on a line
of its own, else a full date in its dateline."""

from __future__ import annotations

import datetime as dt
import re

from geo_deconflict.extract._fold import fold
from geo_deconflict.extract.dates import find_dates

__all__ = ["guess_publication_date"]

_STAMP_LINE = re.compile(r"^\s*(?P<date>(?:19|20)\d\d-[01]?\d-[0-3]?\d|[0-3]?\d[/.][01]?\d[/.]"
                         r"(?:19|20)\d\d)\s*(?P<time>\d{1,2}:\d\d(?::\d\d)?\s*\S*)?\s*$")


def guess_publication_date(text: str) -> dt.date | None:
    """A publication date printed on a line of its own, else one in the dateline, or None.

    A line holding only a date is taken as the article's date; a date followed by a clock
    time is more often a page or crawl stamp and is used only when there is no other; failing
    both, a full date in the first line ("BEIRUT, Oct 9, 2019 (Reuters) -").

    Examples
    --------
    >>> guess_publication_date("2024-03-29 12:22\\n\\nعنوان\\n\\n2017-09-24\\nنص")
    datetime.date(2017, 9, 24)
    >>> guess_publication_date("no date here") is None
    True
    >>> guess_publication_date("BEIRUT, October 9, 2019 (Reuters) - Turkish jets struck.")
    datetime.date(2019, 10, 9)
    """
    folded, _ = fold(text)
    plain, stamped = [], []
    for line in folded.splitlines():
        match = _STAMP_LINE.match(line)
        if not match:
            continue
        found = find_dates(match["date"])
        if not found or found[0].first is None:
            continue
        (stamped if match["time"] else plain).append(found[0].first)
    return (plain or stamped or [None])[0] or _dateline_date(text)


def _dateline_date(text: str) -> dt.date | None:
    """A full date (day, month and year, none of them inferred) in the first line or the
    dateline of a report («دمشق - 14 أكتوبر 2017», "BEIRUT, Oct 9, 2019 (Reuters) -")."""
    head = next((ln for ln in text.splitlines() if ln.strip()), "")[:200]
    if not re.search(r"\d", head):
        return None     # a full date has a year in digits
    for found in find_dates(head):
        if found.precision == "day" and not found.relative and found.first is not None:
            return found.first
    return None

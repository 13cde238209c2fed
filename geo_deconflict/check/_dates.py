"""Reading the dates of checked points (one per row) into days, and judging zones on them.

A row's date is one day, or with ACLED's ``time_precision`` a range of days (the week around
it, its month: `incidents.records.day_ranges`). A zone in force on no day of a row's range is
``inactive`` for it; in force on only some of them, an ``in`` (or ``ambiguous``) status is
``ambiguous``: the event may have happened while the zone did not hold (``breaches`` reports
such a case as straddling the zone's validity). ``out`` stays ``out``.
"""

from __future__ import annotations

import datetime as dt
import warnings
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from geo_deconflict.errors import DateError, brief
from geo_deconflict.incidents.records import day_ranges

if TYPE_CHECKING:
    from geo_deconflict.zones.model import Zone


def _dates(dates: ArrayLike | None, n: int, *, first_row: int = 1,
           what: str = "date") -> np.ndarray | None:
    """Days (datetime64[D]) from ISO dates, partial ISO (``2017-09``), ranges (``a/b``: the
    start) or other common forms (``16 September 2017``); a missing date is NaT (not checked).
    A date that cannot be read, or is not a calendar date, raises `DateError` naming its row.
    """
    if dates is None:
        return None
    if isinstance(dates, np.ndarray) and np.issubdtype(dates.dtype, np.datetime64):
        if len(dates) != n:
            msg = f"{len(dates)} dates for {n} points"
            raise ValueError(msg)
        return dates.astype("datetime64[D]")  # already read (e.g. by check.stream)
    import pandas as pd

    text = pd.Series(np.asarray(dates, dtype=object)).astype("string").str.strip()
    if len(text) != n:
        msg = f"{len(text)} dates for {n} points"
        raise ValueError(msg)
    text = text.str.split("/").str[0].str.split("T").str[0]  # a range's start; no time of day
    blank = (text.isna() | (text == "")).to_numpy(dtype=bool)
    values = pd.to_datetime(text, errors="coerce", format="ISO8601", utc=True).dt.tz_localize(None)
    days = values.dt.normalize().to_numpy().astype("datetime64[D]")  # keep the unit: no overflow
    rest = np.isnat(days) & ~blank
    if rest.any():  # other forms, and days outside pandas' nanosecond range (0001, 9999)
        for value in pd.unique(text[rest].to_numpy(dtype=object)):
            day = _one_date(str(value))
            if day is None:
                i = int(np.flatnonzero(rest & (text == value).fillna(False).to_numpy(dtype=bool))[0])
                msg = f"{what} {brief(str(value))} is not a calendar date (row {i + first_row})"
                raise DateError(msg)
            days[rest & (text == value).fillna(False).to_numpy(dtype=bool)] = np.datetime64(day, "D")
    return days


def _one_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    import pandas as pd

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            stamp = pd.to_datetime(text, format="mixed", utc=True)
        except (ValueError, OverflowError, TypeError):
            return None
    return None if pd.isna(stamp) else stamp.date()


# How a zone's validity covers a row's days (`_force_states`): every day, some, none.
ALL, PART, NONE = 0, 1, 3
# A status code (0 in, 1 out, 2 ambiguous, 3 inactive) after a state: _AFTER[4 * state + code].
_AFTER = np.array([0, 1, 2, 3,    # ALL: unchanged
                   2, 1, 2, 3,    # PART: in -> ambiguous; out, ambiguous kept
                   0, 1, 2, 3,    # (unused)
                   3, 3, 3, 3],   # NONE: inactive
                  dtype=np.int8)


def _time_precision(values: ArrayLike | None, n: int, *, first_row: int = 1,
                    what: str = "time_precision") -> np.ndarray | None:
    """ACLED ``time_precision`` codes as floats (NaN where blank: the day itself); a code other
    than 1, 2 or 3 raises `DateError` naming its value and row."""
    if values is None:
        return None
    import pandas as pd

    raw = pd.Series(np.asarray(values, dtype=object))
    if len(raw) != n:
        msg = f"{len(raw)} time precisions for {n} points"
        raise ValueError(msg)
    codes = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float)
    text = raw.astype("string").str.strip()
    blank = (raw.isna() | text.isna() | (text == "")).to_numpy(dtype=bool)
    bad = ~blank & ~np.isin(codes, (1, 2, 3))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        msg = (f"{what} {brief(raw.iloc[i])} is not an ACLED time precision code 1, 2 or 3 "
               f"(row {i + first_row})")
        raise DateError(msg)
    return np.where(blank, np.nan, codes)


def _force_states(zones: list[Zone], first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """(zones x days) `ALL`, `PART` or `NONE`: whether each zone is in force on every day of
    [first, last], on some, or on none (an unknown day, NaT: `ALL`, nothing to check)."""
    states = np.zeros((len(zones), len(first)), dtype=np.int8)
    known = ~np.isnat(first) & ~np.isnat(last)
    for i, zone in enumerate(zones):
        none = np.zeros(len(first), bool)
        part = np.zeros(len(first), bool)
        if zone.valid_from is not None:
            start = np.datetime64(zone.valid_from, "D")
            none |= last < start
            part |= first < start
        if zone.valid_to is not None:
            end = np.datetime64(zone.valid_to, "D")
            none |= first > end
            part |= last > end
        states[i][known & part] = PART
        states[i][known & none] = NONE
    return states


def _apply_states(codes: np.ndarray, states: np.ndarray, index: np.ndarray | None = None
                  ) -> None:
    """Change the (zones x rows) status `codes` in place by the `states` of `_force_states`,
    one column per row, or per distinct range with `index` giving each row's column."""
    if not states.any():
        return
    if not (states == PART).any():  # NONE is 3 (0b11): or-ing it makes inactive, ALL keeps
        codes |= states if index is None else np.take(states, index, axis=1)
        return
    if index is not None:
        states = np.take(states, index, axis=1)
    states = states * np.int8(4)
    states += codes
    np.take(_AFTER, states, out=codes, mode="clip")  # indices 0..15


def _mark_dates(codes: np.ndarray, zones: list[Zone], days: np.ndarray,
                time_precision: np.ndarray | None = None) -> None:
    """Mark the status `codes` of each zone for one day per row (NaT: unknown) widened by
    its `time_precision` (NaN or None: the day itself); see the module docstring."""
    first, last = day_ranges(days, time_precision)
    _apply_states(codes, _force_states(zones, first, last))

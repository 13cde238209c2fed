"""Reading the dates of checked points (one per row) into days."""

from __future__ import annotations

import datetime as dt
import warnings
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from geo_deconflict.errors import DateError, brief

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


def _valid_on(zone: Zone, day: np.ndarray) -> np.ndarray:
    """True where `zone` is in force on `day` (or the day is unknown)."""
    ok = np.ones(day.shape, bool)
    known = ~np.isnat(day)
    if zone.valid_from is not None:
        ok &= ~known | (day >= np.datetime64(zone.valid_from))
    if zone.valid_to is not None:
        ok &= ~known | (day <= np.datetime64(zone.valid_to))
    return ok

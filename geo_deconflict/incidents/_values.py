"""Field values as every reader takes them: dates with their precision, numbers, whole numbers,
flags and text, each refused with the record and field named."""

from __future__ import annotations

import calendar
import datetime as dt
import math
import numbers
import re
from typing import Any

from geo_deconflict.errors import (
    CoordinateError,
    IncidentError,
    brief,
)

__all__ = ["parse_date"]


_ISO_PART = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


def parse_date(value: Any) -> tuple[dt.date | None, dt.date | None, str | None]:
    """Parse ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``start/end`` into (first, last, precision).

    Raises `IncidentError` naming the value if it is not such a date.

    Examples
    --------
    >>> parse_date("2017-09")
    (datetime.date(2017, 9, 1), datetime.date(2017, 9, 30), 'month')
    >>> parse_date("2017-12-20/2017-12-31")[2]
    'range'
    >>> parse_date(None)
    (None, None, None)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None, None
    if isinstance(value, dt.datetime):
        return value.date(), value.date(), "day"
    if isinstance(value, dt.date):
        return value, value, "day"
    text = str(value).strip()
    if "/" in text:
        left, _, right = text.partition("/")
        try:
            start, _, _ = parse_date(left)
            _, end, _ = parse_date(right)
        except IncidentError:
            start = end = None
        if start is None or end is None or end < start:
            msg = f"bad date range {text!r}: expected START/END with END not before START"
            raise IncidentError(msg)
        return start, end, "day" if start == end else "range"
    match = _ISO_PART.match(text)
    if not match:
        msg = f"bad date {text!r}: expected YYYY, YYYY-MM, YYYY-MM-DD or START/END"
        raise IncidentError(msg)
    year, month, day = int(match[1]), match[2], match[3]
    try:
        if day:
            d = dt.date(year, int(month), int(day))
            return d, d, "day"
        if month:
            first = dt.date(year, int(month), 1)
            return first, _month_end(first), "month"
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    except ValueError:
        msg = f"bad date {text!r}: not a calendar date"
        raise IncidentError(msg) from None


def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _iso_day(value: Any, what: str) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        msg = f"bad {what} {brief(value)}: expected a date as text, YYYY-MM-DD"
        raise IncidentError(msg)
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        msg = f"bad {what} {brief(value)}: expected YYYY-MM-DD (a calendar date)"
        raise IncidentError(msg) from None


def _text(value: Any, name: str, ident: str) -> str | None:
    """A text field: strings as they are, numbers as text; lists, mappings and true/false
    are errors (they are not names)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, numbers.Real) and not _is_bool(value):
        return None if math.isnan(float(value)) else str(value)
    msg = f"incident {ident!r}: {name} {brief(value)} is not text"
    raise IncidentError(msg)


def _flag(value: Any, name: str, ident: str) -> bool:
    if _blank(value):
        return False
    if _is_bool(value):
        return bool(value)
    if isinstance(value, numbers.Real) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _FLAGS:
        return _FLAGS[value.strip().lower()]
    msg = f"incident {ident!r}: {name} {brief(value)} is not true or false"
    raise IncidentError(msg)


_FLAGS = {"true": True, "yes": True, "1": True, "false": False, "no": False, "0": False}


def _is_bool(value: Any) -> bool:
    """True for Python's and numpy's booleans (true is not the number 1 here)."""
    return isinstance(value, bool) or type(value).__name__ in ("bool", "bool_")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value))


def _number(value: Any, name: str, ident: str) -> float | None:
    if _blank(value):
        return None
    error = CoordinateError if name in ("longitude", "latitude") else IncidentError
    if _is_bool(value) or not isinstance(value, (str, numbers.Real)):
        msg = f"incident {ident!r}: {name} {brief(value)} is not a number"
        raise error(msg)
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        msg = f"incident {ident!r}: {name} {brief(value)} is not a number"
        raise error(msg) from None
    if not math.isfinite(number):
        msg = f"incident {ident!r}: {name} {brief(value)} is not a finite number"
        raise error(msg)
    return number


def _int(value: Any, name: str, ident: str) -> int | None:
    if _blank(value):
        return None
    number = math.nan
    if isinstance(value, numbers.Integral) and not _is_bool(value):
        return int(value)
    if isinstance(value, (str, numbers.Real)) and not _is_bool(value):
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            pass
    if not math.isfinite(number) or number != int(number):
        msg = f"incident {ident!r}: {name} {brief(value)} is not a whole number"
        raise IncidentError(msg)
    return int(number)


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)

"""Reading the values of an incident record: numbers, whole numbers, text, flags, actors and
sources, each checked for its type, with errors that name the record and the field."""

from __future__ import annotations

import datetime as dt
import json
import math
import numbers
from collections.abc import Iterator, Mapping
from typing import Any

from geo_deconflict.errors import (
    CoordinateError,
    GeoDeconflictError,
    IncidentError,
    brief,
    one_line,
)
from geo_deconflict.zones.model import Source

__all__: list[str] = []


_TEXT_FIELDS = ("sub_event_type", "actor1", "actor2", "place", "place_en", "location",
                "place_ar", "area", "admin1", "country", "summary", "summary_en", "notes_en",
                "notes", "note")


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


def _actor_list(value: Any, ident: str = "?") -> list[str]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        return [a.strip() for a in value.split(";") if a.strip()]
    if not isinstance(value, (list, tuple)) or not all(isinstance(a, str) for a in value):
        msg = f"incident {ident!r}: actors {brief(value)} is not a list of names"
        raise IncidentError(msg)
    return [a.strip() for a in value if a.strip()]


def _sources(value: Any, ident: str = "?") -> Iterator[Source]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return
    if isinstance(value, str):
        if value.lstrip().startswith("["):
            try:
                items = json.loads(value)
            except (ValueError, RecursionError):
                msg = f"incident {ident!r}: sources {brief(value)} is not a JSON list"
                raise IncidentError(msg) from None
            yield from _sources(items, ident)
            return
        for part in value.split(";"):
            if part.strip():
                yield Source(outlet=part.strip())
        return
    if isinstance(value, Mapping):
        value = [value]
    if not isinstance(value, (list, tuple)):
        msg = f"incident {ident!r}: sources {brief(value)} is not a list of outlets"
        raise IncidentError(msg)
    for item in value:
        if isinstance(item, Source):
            yield item
        elif isinstance(item, Mapping):
            fields = {k: _text(item.get(k), f"source {k}", ident)
                      for k in ("outlet", "url", "title", "note")}
            yield Source(outlet=fields["outlet"] or "", date=_opt_str(item.get("date")),
                         url=fields["url"], title=fields["title"], note=fields["note"])
        elif isinstance(item, str):
            yield Source(outlet=item)
        else:
            msg = f"incident {ident!r}: source {brief(item)} is not an outlet name or a mapping"
            raise IncidentError(msg)


def _opt_str(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _guarded(build, ident: Any) -> Any:
    """The record `build` makes, or the project's error that says why it cannot be made.

    Values of an unexpected type or size that the checks above do not name still come out
    as an `IncidentError` (with the record's id), never as an internal error.
    """
    try:
        return build()
    except GeoDeconflictError as err:
        err.ident = None if ident is None else str(ident)  # type: ignore[attr-defined]
        return err
    except (TypeError, ValueError, AttributeError, KeyError, OverflowError) as err:
        shown = brief(ident) if not isinstance(ident, str) else repr(ident)
        wrapped = IncidentError(f"incident {shown}: malformed record "
                                f"({type(err).__name__}: {one_line(str(err), limit=200)})")
        wrapped.ident = None if ident is None else str(ident)  # type: ignore[attr-defined]
        return wrapped

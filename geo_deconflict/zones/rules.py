"""A zone's breach rules: what its ``rules.forbidden`` list forbids, checked when the spec is built.

A zone's ``rules`` may list, besides ``allowed`` and ``notice_required``, the operations an
arrangement forbade::

    rules:
      allowed: [Russia, Syrian government]
      forbidden:
        - by: [YPG, SDF]                        # who (any spelling the incident may use)
          kinds: [airstrike]                    # which operations (default: any)
          not_against: [ISIS, HTS]              # unless aimed at these (excluded by the text)
          after: "2019-10-29T18:00+03:00"       # from a deadline (a date or a date and time)
          note: why

A zone whose rules have a ``forbidden`` key (even an empty list) is judged by that list alone;
the others by ``allowed`` (see `geo_deconflict.breaches`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from geo_deconflict.errors import SpecError

__all__ = ["Prohibition", "prohibitions"]

_KEYS = ("by", "kinds", "not_against", "after", "note")


@dataclass(frozen=True, slots=True)
class Prohibition:
    """One forbidden operation: by whom, which kinds (empty = any), unless against whom, from when.

    `after` is a date (the rule holds from that day) or a timezone-aware datetime (a deadline
    within a day: incidents dated that day cannot be decided).
    """

    by: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    not_against: tuple[str, ...] = ()
    after: dt.date | dt.datetime | None = None
    note: str | None = None

    def describe(self) -> str:
        """The rule in words, e.g. ``airstrike by Russia, Turkey (not against ISIS)``."""
        what = ", ".join(self.kinds) or "operations"
        text = f"{what} by {', '.join(self.by[:3])}{' …' if len(self.by) > 3 else ''}"
        if self.not_against:
            text += f" (except against {', '.join(self.not_against)})"
        if self.after is not None:
            text += f" after {self.after.isoformat()}"
        return text


def prohibitions(rules: Mapping[str, Any] | None, zone_id: str) -> tuple[Prohibition, ...] | None:
    """The zone's forbidden operations, or None when its rules have no ``forbidden`` key.

    Examples
    --------
    >>> rules = {"forbidden": [{"by": ["Iran"], "after": "2018-08-01"}]}
    >>> prohibitions(rules, "golan")[0].after
    datetime.date(2018, 8, 1)
    >>> prohibitions({"allowed": ["Russia"]}, "z") is None
    True
    """
    if not rules or "forbidden" not in rules:
        return None
    items = rules["forbidden"]
    if items is None:
        return ()
    if not isinstance(items, list):
        msg = f"expected a list of forbidden operations, got {items!r}"
        raise SpecError(msg, zone_id=zone_id, field="rules.forbidden")
    return tuple(_one(item, zone_id, f"rules.forbidden[{i}]") for i, item in enumerate(items))


def _one(item: Any, zone_id: str, where: str) -> Prohibition:
    if not isinstance(item, Mapping):
        msg = f"expected a mapping with 'by' (and kinds, not_against, after, note), got {item!r}"
        raise SpecError(msg, zone_id=zone_id, field=where)
    unknown = [k for k in item if k not in _KEYS]
    if unknown:
        msg = f"unknown key {unknown[0]!r}; expected {', '.join(_KEYS)}"
        raise SpecError(msg, zone_id=zone_id, field=f"{where}.{unknown[0]}")
    by = _names(item.get("by"), zone_id, f"{where}.by", required=True)
    kinds = _names(item.get("kinds"), zone_id, f"{where}.kinds")
    not_against = _names(item.get("not_against"), zone_id, f"{where}.not_against")
    note = item.get("note")
    if note is not None and not isinstance(note, str):
        raise SpecError(f"must be text, got {note!r}", zone_id=zone_id, field=f"{where}.note")
    return Prohibition(by=by, kinds=kinds, not_against=not_against,
                       after=_after(item.get("after"), zone_id, f"{where}.after"), note=note)


def _names(value: Any, zone_id: str, where: str, *, required: bool = False) -> tuple[str, ...]:
    if value is None and not required:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip()
                                                           for v in value):
        msg = f"expected a non-empty list of names, got {value!r}"
        raise SpecError(msg, zone_id=zone_id, field=where)
    return tuple(v.strip() for v in value)


def _after(value: Any, zone_id: str, where: str) -> dt.date | dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        return value
    else:
        try:
            parsed = dt.datetime.fromisoformat(str(value).strip())
        except ValueError:
            msg = f"expected a date (YYYY-MM-DD) or a date and time with its UTC offset, got {value!r}"
            raise SpecError(msg, zone_id=zone_id, field=where) from None
        if "T" not in str(value) and " " not in str(value).strip():
            return parsed.date()
    if parsed.tzinfo is None:
        msg = f"give the deadline's UTC offset (e.g. 2019-10-29T18:00+03:00), got {value!r}"
        raise SpecError(msg, zone_id=zone_id, field=where)
    return parsed

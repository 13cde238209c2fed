"""Breaches of a zone's ``rules.forbidden`` list: named actors forbidden an operation there.

A forbidden operation (`geo_deconflict.zones.rules.Prohibition`) is broken by an incident when

- one of its operators is named in ``by``: the initiator (ACLED's actor1) and, when the initiator
  is a recognised actor, the other actors on its side; names are matched by canonical actor, by
  spelling (`geo_deconflict.geo.names.name_key`) and by a run of words ("Lebanese Hezbollah");
- its kind is among ``kinds`` (any operation when none are given);
- it lies inside the zone, the zone was in force over the incident's whole date range, and the
  range lies after ``after``;
- it was not aimed only at the actors of ``not_against``.

It is *undecided* when the location's uncertainty crosses the zone's boundary, the dates straddle
the zone's validity or the deadline (a deadline at 18:00 cannot be judged for an incident known
only to the day), the target is not stated while some targets are excluded, or the targets mix
excluded and other actors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

from geo_deconflict.check.core import AMBIGUOUS, STATUS_IN
from geo_deconflict.errors import SpecError
from geo_deconflict.geo.names import name_key
from geo_deconflict.incidents.actors import canonical_actor, side_of
from geo_deconflict.incidents.model import KINDS, Incident
from geo_deconflict.zones.model import Zone
from geo_deconflict.zones.rules import Prohibition, prohibitions

__all__ = ["check_kinds", "judge_forbidden", "matches", "rule_zones"]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


def rule_zones(zones: Sequence[Zone]) -> tuple[list[Zone], dict[str, tuple[Prohibition, ...]]]:
    """Split zones into those judged by ``allowed`` and the forbidden rules of the others."""
    classic, ruled = [], {}
    for zone in zones:
        rules = prohibitions(zone.rules, zone.id)
        if rules is None:
            classic.append(zone)
        else:
            check_kinds(zone, rules)
            if rules:
                ruled[zone.id] = rules
    return classic, ruled


def check_kinds(zone: Zone, rules: Sequence[Prohibition]) -> None:
    """Raise `SpecError` naming the zone and field for a kind that is not an incident kind."""
    for i, rule in enumerate(rules):
        for kind in rule.kinds:
            if kind not in KINDS:
                msg = f"unknown incident kind {kind!r}; kinds: {', '.join(KINDS)}"
                raise SpecError(msg, zone_id=zone.id, field=f"rules.forbidden[{i}].kinds")


@lru_cache(maxsize=4096)
def _variants(name: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(whole-name keys, canonical actors, keys of every run of words) of an actor string."""
    text = re.sub(r"\s*\([^)]*\)\s*$", "", name.strip())
    wholes = {text, *(part.strip() for part in text.split(":") if part.strip())}
    keys = {name_key(w) for w in wholes} - {""}
    canon = {c for c in (canonical_actor(w) for w in wholes) if c}
    words = _WORD.findall(text)
    runs = {name_key(" ".join(words[i:j])) for i in range(len(words))
            for j in range(i + 1, min(len(words), i + 4) + 1)}
    return frozenset(keys), frozenset(canon), frozenset(k for k in runs if len(k) >= 4)


def matches(actor: str, names: Sequence[str]) -> bool:
    """True if `actor` (any spelling) is one of `names`.

    Examples
    --------
    >>> matches("Military Forces of Russia (2000-)", ["Russia"])
    True
    >>> matches("Lebanese Hezbollah", ["Hezbollah"]), matches("Syrian army", ["Iran"])
    (True, False)
    """
    keys, canon, runs = _variants(actor)
    for name in names:
        n_keys, n_canon, _ = _variants(name)
        if keys & n_keys or canon & n_canon or runs & n_keys:
            return True
    return False


def _kind_ok(inc: Incident, kinds: tuple[str, ...]) -> bool:
    if not kinds:
        return True
    if inc.kind:
        return inc.kind in kinds
    return any((inc.event_type, inc.sub_event_type) == KINDS[k] for k in kinds)


def _operators_and_targets(inc: Incident) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if not inc.actors:
        return (), ()
    first = inc.actors[0]
    side = side_of(canonical_actor(first)) if canonical_actor(first) else None
    if side is None or side == "non_party":
        ops = (first,)
    else:
        ops = tuple(a for a in inc.actors if canonical_actor(a) and side_of(canonical_actor(a)) == side)
    return ops, tuple(a for a in inc.actors if a not in ops)


def _timing(after: dt.date | dt.datetime | None, start: dt.date, end: dt.date) -> str:
    """'after', 'before' or 'straddle': the incident's dates against the rule's start."""
    if after is None:
        return "after"
    if isinstance(after, dt.datetime):  # a deadline within its day: that day is undecidable
        day = after.date()
        return "after" if start > day else "before" if end < day else "straddle"
    return "after" if start >= after else "before" if end < after else "straddle"


def judge_forbidden(inc: Incident, zones: Sequence[Zone], ruled: dict[str, tuple[Prohibition, ...]],
                    statuses: dict, distances: dict, unc: float, in_force) -> tuple[list, list]:
    """The breaches ``(zone, rule, offenders, km_inside)`` and undecided ``(zone, reason)`` of
    one incident against the zones with forbidden rules."""
    start, end = inc.event_date, inc.date_end or inc.event_date
    ops, targets = _operators_and_targets(inc)
    breaches, undecided = [], []
    for zone in zones:
        rules = ruled.get(zone.id)
        status = statuses.get(zone.id)
        if not rules or status not in (STATUS_IN, AMBIGUOUS):
            continue
        force = in_force(zone, start, end)
        if force == "none":
            continue
        for rule in rules:
            offenders = tuple(a for a in ops if matches(a, rule.by))
            if not offenders or not _kind_ok(inc, rule.kinds):
                continue
            timing = _timing(rule.after, start, end)
            if timing == "before":
                continue
            reason = None
            if rule.not_against:
                excluded = [t for t in targets if matches(t, rule.not_against)]
                if excluded and len(excluded) == len(targets):
                    continue  # aimed only at actors the arrangement excluded
                if excluded:
                    reason = (f"the targets mix actors the rule excludes ({', '.join(excluded)}) "
                              "with others")
                elif not targets:
                    reason = (f"target not stated; {rule.describe()} — strikes on "
                              f"{', '.join(rule.not_against)} were excluded")
            if reason is None and timing == "straddle":
                reason = (f"the date {inc.date_label} straddles the rule's start "
                          f"({rule.after.isoformat()})")
            if reason is None and force == "part":
                reason = (f"the date range {inc.date_label} straddles the validity of "
                          f"{zone.name_en} ({zone.valid_from or '…'} to {zone.valid_to or 'open'})")
            if reason is None and status == AMBIGUOUS:
                reason = (f"location uncertainty ({unc / 1000:.0f} km) crosses the boundary of "
                          f"{zone.name_en} ({abs(distances[zone.id]) / 1000:.1f} km away)")
            if reason is None:
                breaches.append((zone, rule, offenders, -distances[zone.id] / 1000))
            else:
                undecided.append((zone, reason))
    return breaches, undecided

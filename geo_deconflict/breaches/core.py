"""Which reported incidents broke the agreed deconfliction arrangements.

Rules come from the zone spec: a zone's ``rules.allowed`` lists the parties that may operate
there (its ``parties`` when no rules are given) and ``rules.notice_required`` says whether a
crossing needs notice over the hotline. The *parties to the arrangements* are every actor a
zone allows, plus the two sides of the US-Russia arrangement (`geo_deconflict.incidents.actors.SIDES`).

For each incident:

1. Only operations on the ground or in the air are assessed (strikes, shelling, clashes,
   offensives, captures, deployments, movements); statements, accusations, meetings and the like
   are *not assessed*: where they were made says nothing about who operated where.
2. The *operators* are the first recognised actor (ACLED's actor1, the initiator) and the other
   actors on its side; the rest are targets. "Russia, Syrian government → SDF" makes Russia
   and the Syrian government the operators.
3. Each zone is checked with `geo_deconflict.check.core` (exact geodesic buffers, containment,
   the incident's uncertainty: ``uncertainty_m``, else its ACLED geo_precision) and with its
   dates: a zone applies when it was in force for the whole of the incident's date range.
4. An operator that is a party and stands inside an applicable zone that does not allow it,
   while no applicable zone holding it allows it (the Manbij area is west of the river yet open
   to the coalition), is a **breach**, reported with how far inside the zone it was.
5. It is **undecided** when that cannot be told: no coordinates, a metonymic place, no date, no
   recognised actor, an uncertainty that crosses a boundary that matters, a date range that
   straddles a zone's validity, or a location inside zones none of which was in force then.
6. A non-party operator (ISIS, HTS, Turkey …) inside an applicable zone cannot breach it; its
   presence is reported as such.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from shapely.geometry import Point

from geo_deconflict.breaches.forbidden import judge_forbidden, matches, rule_zones
from geo_deconflict.check.core import (
    AMBIGUOUS,
    STATUS_IN,
    STATUS_OUT,
    check_points,
)
from geo_deconflict.geo.geodesy import buffer_m, geodesic_area_m2
from geo_deconflict.incidents.actors import canonical_actor, side_of
from geo_deconflict.incidents.model import Incident
from geo_deconflict.incidents.records import uncertainty_m
from geo_deconflict.zones.core import build_zones
from geo_deconflict.zones.model import Zone
from geo_deconflict.zones.rules import Prohibition

__all__ = ["OPERATIONAL_KINDS", "Breach", "BreachReport", "Presence", "Undecided",
           "find_breaches"]

# Incident kinds (geo_deconflict.incidents.KINDS) that are operations by their actors.
OPERATIONAL_KINDS = frozenset({"airstrike", "shelling", "exchange_of_fire", "attack",
                               "ground_offensive", "capture", "military_presence", "movement",
                               # the extractor's names for the same acts
                               "clash", "withdrawal", "convoy_movement", "patrol"})
# ACLED event types and sub-event types that are operations, for records without a kind.
_OPERATIONAL_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence",
                                      "Violence against civilians"})
_OPERATIONAL_SUB_TYPES = frozenset({"Change to group/activity", "Headquarters or base established",
                                    "Non-state actor overtakes territory",
                                    "Government regains territory"})
_PARTY_SIDES = frozenset({"coalition", "russia_government"})


@dataclass(frozen=True, slots=True)
class Breach:
    """An incident whose operators acted in a zone not allotted to them while it was in force."""

    incident: Incident
    zone: Zone
    operators: tuple[str, ...]
    km_inside: float
    uncertainty_m: float
    prohibition: Prohibition | None = None

    @property
    def rule(self) -> str:
        if self.prohibition is not None:
            return f"forbidden in {self.zone.name_en}: {self.prohibition.describe()}"
        allowed = ", ".join(_allowed(self.zone)) or "nobody"
        notice = "; crossing needs notice over the hotline" if _notice(self.zone) else ""
        return f"only {allowed} may operate in {self.zone.name_en}{notice}"

    def to_dict(self) -> dict:
        inc = self.incident
        return {"incident": inc.id, "date": inc.date_label, "kind": inc.kind or inc.event_type,
                "operators": list(self.operators), "actors": list(inc.actors),
                "zone": self.zone.id, "zone_name": self.zone.name_en,
                "km_inside": round(self.km_inside, 1), "geo_precision": inc.geo_precision,
                "uncertainty_km": round(self.uncertainty_m / 1000, 1),
                "lon": inc.longitude, "lat": inc.latitude, "place": inc.place, "area": inc.area,
                "source": "; ".join(str(s) for s in inc.sources) or None,
                "provenance": str(inc.provenance) if inc.provenance else None,
                "rule": self.rule}


@dataclass(frozen=True, slots=True)
class Undecided:
    """An incident that cannot be decided, with the reason."""

    incident: Incident
    reason: str
    zone: Zone | None = None

    def to_dict(self) -> dict:
        inc = self.incident
        return {"incident": inc.id, "date": inc.date_label, "kind": inc.kind or inc.event_type,
                "actors": list(inc.actors), "zone": self.zone.id if self.zone else None,
                "reason": self.reason,
                "source": "; ".join(str(s) for s in inc.sources) or None}


@dataclass(frozen=True, slots=True)
class Presence:
    """A non-party (ISIS, HTS, Turkey …) operating inside a zone: reported, not a breach."""

    incident: Incident
    zone: Zone
    actors: tuple[str, ...]

    def to_dict(self) -> dict:
        inc = self.incident
        return {"incident": inc.id, "date": inc.date_label, "kind": inc.kind or inc.event_type,
                "actors": list(self.actors), "zone": self.zone.id,
                "zone_name": self.zone.name_en,
                "source": "; ".join(str(s) for s in inc.sources) or None}


@dataclass(slots=True)
class BreachReport:
    """What `find_breaches` found, incident by incident."""

    breaches: list[Breach] = field(default_factory=list)
    undecided: list[Undecided] = field(default_factory=list)
    presences: list[Presence] = field(default_factory=list)
    not_assessed: list[Incident] = field(default_factory=list)   # not operations
    compliant: list[Incident] = field(default_factory=list)
    outside: list[Incident] = field(default_factory=list)        # in no zone at all

    def to_dict(self) -> dict:
        return {"breaches": [b.to_dict() for b in self.breaches],
                "undecided": [u.to_dict() for u in self.undecided],
                "non_party_presence": [p.to_dict() for p in self.presences],
                "counts": {"breaches": len(self.breaches), "undecided": len(self.undecided),
                           "non_party_presence": len(self.presences),
                           "compliant": len(self.compliant), "outside_zones": len(self.outside),
                           "not_assessed": len(self.not_assessed)}}


def find_breaches(incidents: Sequence[Incident], zones: Sequence[Zone] | None = None) -> BreachReport:
    """Sort incidents into breaches, undecided cases, non-party presence and the rest.

    Parameters
    ----------
    incidents
        Incident records (`geo_deconflict.incidents.load_incidents` or the seed records).
    zones
        Zones with their rules (the bundled ones by default).

    Returns
    -------
    BreachReport

    Examples
    --------
    >>> from geo_deconflict.incidents import seed_incidents
    >>> report = find_breaches(seed_incidents())
    >>> [(b.incident.id, b.zone.id, b.operators) for b in report.breaches]
    [('002-E3', 'euphrates_east', ('Russia', 'Syrian government'))]
    """
    zones = [z for z in (build_zones() if zones is None else zones) if z.mapped]
    classic, ruled = rule_zones(zones)
    parties = _parties(classic)
    names = [n for rules in ruled.values() for r in rules for n in r.by]
    report = BreachReport()
    todo: list[tuple[Incident, tuple[str, ...]]] = []
    for inc in incidents:
        if not _operational(inc):
            report.not_assessed.append(inc)
            continue
        reason = _unassessable(inc)
        operators = _operators(inc)
        if reason is None and not operators and not (inc.actors and matches(inc.actors[0], names)):
            known = ", ".join(inc.actors) or "none given"
            reason = f"actor unknown: no recognised actor among: {known}"
        if reason:
            report.undecided.append(Undecided(inc, reason))
            continue
        todo.append((inc, operators))
    if not todo:
        return report
    lon = np.array([inc.longitude for inc, _ in todo], dtype=float)
    lat = np.array([inc.latitude for inc, _ in todo], dtype=float)
    unc = np.array([uncertainty_m(inc) for inc, _ in todo], dtype=float)
    table = check_points(lon, lat, zones=zones, uncertainty_m=unc)
    for row, (inc, operators) in enumerate(todo):
        statuses = {z.id: table[f"in_{z.id}"].iloc[row] for z in zones}
        if inc.area:
            statuses.update(_area_statuses(inc, zones, unc[row]))
        distances = {z.id: float(table[f"dist_{z.id}_m"].iloc[row]) for z in zones}
        sub = BreachReport()
        if operators:
            _judge(sub, inc, operators, classic, statuses, distances, unc[row], parties)
        else:
            known = ", ".join(inc.actors)
            sub.undecided.append(Undecided(inc, f"actor unknown: no recognised actor among: {known}"))
        found, open_ = judge_forbidden(inc, zones, ruled, statuses, distances, unc[row], _in_force)
        _merge(report, sub, inc, [Breach(inc, z, ops, km, unc[row], rule)
                                  for z, rule, ops, km in found],
               [Undecided(inc, reason, z) for z, reason in open_])
    return report


def _merge(report: BreachReport, sub: BreachReport, inc: Incident, breaches: list[Breach],
           undecided: list[Undecided]) -> None:
    """One incident's outcome: any breach wins, then an undecided case, then the classic result."""
    report.presences.extend(sub.presences)
    if sub.breaches or breaches:
        report.breaches.extend(sub.breaches + breaches)
    elif sub.undecided or undecided:
        report.undecided.append((undecided + sub.undecided)[0])  # a zone rule's reason first
    else:
        report.compliant.extend(sub.compliant)
        report.outside.extend(sub.outside)


# ----------------------------------------------------------------------------------- helpers

def _allowed(zone: Zone) -> tuple[str, ...]:
    names = zone.rules.get("allowed") if zone.rules else None
    names = names if names is not None else zone.parties
    return tuple(canonical_actor(n) or n for n in names)


def _permitted(actor: str, zone: Zone) -> bool:
    """Whether `actor` may operate in `zone`: it is one of the allowed parties under any
    spelling, or on the same side of the arrangement as one of them (the SDF's YPG where the
    coalition is allowed), so that the verdict does not hang on how a report names a force."""
    allowed = _allowed(zone)
    if actor in allowed or matches(actor, allowed):
        return True
    side = side_of(actor)
    return side in _PARTY_SIDES and side in {side_of(a) for a in allowed}


def _notice(zone: Zone) -> bool:
    return bool(zone.rules.get("notice_required")) if zone.rules else False


def _parties(zones: Sequence[Zone]) -> frozenset[str]:
    return frozenset(a for z in zones for a in _allowed(z))


def _is_party(actor: str, parties: frozenset[str]) -> bool:
    return actor in parties or side_of(actor) in _PARTY_SIDES


def _operational(inc: Incident) -> bool:
    if inc.kind:
        return inc.kind in OPERATIONAL_KINDS
    return inc.event_type in _OPERATIONAL_EVENT_TYPES or inc.sub_event_type in _OPERATIONAL_SUB_TYPES


def _unassessable(inc: Incident) -> str | None:
    if not inc.located:
        return "no coordinates"
    if inc.metonymic:
        return "the place named stands for a government, not where the event happened"
    if inc.event_date is None:
        return "no date: cannot tell which zones were in force"
    return None


def _operators(inc: Incident) -> tuple[str, ...]:
    canon = [c for c in (canonical_actor(a) for a in inc.actors) if c]
    if not canon:
        return ()
    side = side_of(canon[0])
    if side == "non_party":  # a non-party initiator acts for itself only
        return (canon[0],)
    return tuple(dict.fromkeys(a for a in canon if side_of(a) == side))


def _area_statuses(inc: Incident, zones: Sequence[Zone], unc: float) -> dict[str, str]:
    """Zone statuses for a record whose `area` bounds its location: the place lies in that area
    and within its uncertainty of the point, so it is `in` a zone that covers all of that."""
    area = inc.area_geometry()
    if area is None:
        return {}
    point = Point(inc.longitude, inc.latitude)
    where = area.intersection(buffer_m(point, unc)) if unc > 0 else point
    if where.is_empty:  # the point and its area disagree: trust neither more than the other
        return {}
    out = {}
    for zone in zones:
        if where.geom_type == "Point":
            out[zone.id] = STATUS_IN if zone.geometry.covers(where) else STATUS_OUT
        elif _area_m2(where.difference(zone.geometry)) < _SLIVER_M2:
            out[zone.id] = STATUS_IN
        elif _area_m2(where.intersection(zone.geometry)) < _SLIVER_M2:
            out[zone.id] = STATUS_OUT
        else:
            out[zone.id] = AMBIGUOUS
    return out


# Overlay results smaller than this are floating-point slivers along shared boundaries.
_SLIVER_M2 = 100.0


def _area_m2(geom) -> float:
    return 0.0 if geom.is_empty else geodesic_area_m2(geom)


def _in_force(zone: Zone, start: dt.date, end: dt.date) -> str:
    """'all', 'none' or 'part' of the date range [start, end] falls in the zone's validity."""
    lo = zone.valid_from or dt.date.min
    hi = zone.valid_to or dt.date.max
    if lo <= start and end <= hi:
        return "all"
    if end < lo or start > hi:
        return "none"
    return "part"


def _judge(report: BreachReport, inc: Incident, operators: tuple[str, ...],
           zones: Sequence[Zone], statuses: dict, distances: dict, unc: float,
           parties: frozenset[str]) -> None:
    start, end = inc.event_date, inc.date_end or inc.event_date
    holding = [z for z in zones if statuses[z.id] == STATUS_IN]
    maybe = [z for z in zones if statuses[z.id] == AMBIGUOUS]
    if not holding and not maybe:
        report.outside.append(inc)
        return
    in_force = {z.id: _in_force(z, start, end) for z in holding + maybe}
    straddling = [z for z in holding + maybe if in_force[z.id] == "part"]
    applicable_in = [z for z in holding if in_force[z.id] == "all"]
    applicable_maybe = [z for z in maybe if in_force[z.id] == "all"]
    if not applicable_in and not applicable_maybe:
        if straddling:
            z = straddling[0]
            report.undecided.append(Undecided(inc, (
                f"the date range {inc.date_label} straddles the validity of {z.name_en} "
                f"({z.valid_from or '…'} to {z.valid_to or 'open'})"), z))
        else:
            names = ", ".join(z.name_en for z in holding + maybe)
            report.undecided.append(Undecided(inc, (
                f"outside every zone's dates: {inc.date_label} is not within the validity of "
                f"{names}")))
        return
    party_ops = [a for a in operators if _is_party(a, parties)]
    outsiders = tuple(a for a in operators if not _is_party(a, parties))
    if outsiders and applicable_in:
        report.presences.append(Presence(inc, applicable_in[0], outsiders))
    if not party_ops:
        if not outsiders or not applicable_in:
            report.compliant.append(inc)
        return
    found: list[Breach] = []
    undecided: Undecided | None = None
    for zone in applicable_in:
        offenders = tuple(a for a in party_ops if not _permitted(a, zone))
        # another zone holding the point (surely or maybe) that allows them excuses them
        excused = {a for z in applicable_in + applicable_maybe if z is not zone
                   for a in offenders if _permitted(a, z)}
        surely_excused = {a for z in applicable_in if z is not zone
                          for a in offenders if _permitted(a, z)}
        offenders = tuple(a for a in offenders if a not in surely_excused)
        if not offenders:
            continue
        if excused - surely_excused:
            undecided = Undecided(inc, (
                f"location uncertainty ({unc / 1000:.0f} km) crosses the boundary of a zone "
                f"that allows {', '.join(sorted(excused))}"), zone)
            continue
        found.append(Breach(inc, zone, offenders, -distances[zone.id] / 1000, unc))
    if found:
        report.breaches.extend(found)
        return
    for zone in applicable_maybe:
        if any(not _permitted(a, zone) for a in party_ops):
            reason = (f"location uncertainty ({unc / 1000:.0f} km) crosses the boundary of "
                      f"{zone.name_en} ({abs(distances[zone.id]) / 1000:.1f} km away)")
            undecided = undecided or Undecided(inc, reason, zone)
    if undecided:
        report.undecided.append(undecided)
    else:
        report.compliant.append(inc)

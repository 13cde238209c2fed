"""Drafts: the `Draft` record, its JSON form, its summary line, and the merging of drafts that
report the same event (same family of kind, actors in common, overlapping dates, places within
25 km)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from geo_deconflict.extract import _lexicon as lex
from geo_deconflict.extract._fold import fold
from geo_deconflict.incidents.actors import side_of
from geo_deconflict.incidents.model import PLACE_UNCERTAIN, Incident

__all__ = ["Draft", "drafts_json"]


_MERGE_M = 25_000.0


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft incident with the area its place stands for (None for a town or a site)."""

    incident: Incident
    area: object = field(default=None, compare=False, repr=False)
    place_implied: bool = field(default=False, compare=False, repr=False)
    paragraph: int = field(default=0, compare=False, repr=False)
    # the kind was inferred from the words around a bare «قصف», "strike" (not named outright)
    kind_inferred: bool = field(default=False, compare=False, repr=False)
    # the id of the named place it is at (a relative expression's anchor), while merging
    anchor: str | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict:
        """The record in the project's JSON layout (read by `incidents.load_incidents`)."""
        return self.incident.to_dict()


def drafts_json(drafts: Sequence[Draft]) -> str:
    """Drafts as a JSON list of records, the form ``extract -o drafts.json`` writes.

    Examples
    --------
    >>> json.loads(drafts_json([]))
    []
    """
    return json.dumps([d.to_dict() for d in drafts], ensure_ascii=False, indent=1) + "\n"


# kinds done (or said to be done) by one side to the other
_AGAINST = lex.HOSTILE_KINDS | {"airstrike", "shelling", "accusation"}


def _actor_text(kind: str, actors: Sequence[str]) -> str:
    """«Russia, Syrian government → SDF» for hostile acts and accusations, else a list."""
    if not actors:
        return ""
    sides = [side_of(a) for a in actors]
    same = [a for a, side in zip(actors, sides) if side == sides[0]]
    other = [a for a, side in zip(actors, sides) if side != sides[0]]
    if kind in _AGAINST and other:
        return f"{', '.join(same)} → {', '.join(other)}"
    return ", ".join(actors)


def _summary(kind, about, actors, place, date, killed, wounded) -> str:
    label = kind.replace("_", " ")
    topics = list(dict.fromkeys(k.replace("_", " ") for k, _, _ in about if k != kind))
    if topics:
        label += f" ({', '.join(topics[:2])})"
    parts = [label, _actor_text(kind, actors)]
    parts.append(place.name or place.surface)
    if date is not None:
        parts.append(date.iso or "")
    hurt = [f"{k[0]} killed" for k in (killed,) if k] + [f"{w[0]} wounded" for w in (wounded,) if w]
    parts.extend(hurt)
    return "; ".join(p for p in parts if p)


def _place_notes(place) -> list[str]:
    """The note of a draft whose place the geoparser doubts (far from the report's other
    places, or nearly tied with a namesake): it travels with the record in every format."""
    if not getattr(place, "doubtful", False):
        return []
    return [(f"{PLACE_UNCERTAIN}: {place.surface!r} read as {place.name}, "
             "far from the report's other places or close to a namesake")]


def _merge(drafts: list[Draft]) -> list[Draft]:
    """Merge drafts of one kind, claimant, place and date (a report repeats its events)."""
    from geo_deconflict.geo.geodesy import geodesic_distance_m

    out: list[Draft] = []
    for draft in drafts:
        inc = draft.incident
        target = _continued(out, draft)
        if target is not None:
            out[target] = _combine(out[target], draft)
            continue
        for i, kept in enumerate(out):
            k = kept.incident
            if _elaborates(kept, draft):
                out[i] = _combine(kept, draft)   # «وقالت الوزارة ...» after its accusation
                break
            if _family(k.kind) != _family(inc.kind) or not _same_actors(k, inc):
                continue
            if k.kind in lex.CLAIM_KINDS and kept.paragraph != draft.paragraph:
                continue    # one speaker's separate statements stay apart
            if k.kind != inc.kind and k.provenance.start == inc.provenance.start and \
                    k.place != inc.place:
                continue    # «قصف مدفعي على X، في حين استهدفت طائرة ... Y»: two acts, two places
            # (the tests are independent: the cheap ones first, the distance last)
            if not _dates_overlap(k, inc):
                continue
            if not kept.place_implied and not draft.place_implied and k.place != inc.place \
                    and (k.geo_precision == 1 and inc.geo_precision == 1 or max(
                        k.geo_precision, inc.geo_precision) == 2 and _trigger(k) == _trigger(inc)):
                continue    # two towns named (or one act «قرب X و Y»): two events
            if kept.anchor != draft.anchor and kept.anchor and draft.anchor and \
                    not kept.place_implied and not draft.place_implied and \
                    kept.paragraph != draft.paragraph and inc.kind not in lex.CLAIM_KINDS \
                    and max(k.geo_precision, inc.geo_precision) <= 2:
                continue    # «وطالت الضربات مواقع قرب بلدة الهري» after «في محيط البوكمال»:
                #             the strikes told again, at another named place
            if float(geodesic_distance_m(k.longitude, k.latitude, inc.longitude,
                                         inc.latitude)) > _MERGE_M and not (
                    (k.kind in lex.CLAIM_KINDS or _told_twice(kept, draft))
                    and _nested(kept, draft)):
                # a claim about the country and one about a town in it; an event told at a
                # region («في الشمال السوري») and at its town in one paragraph
                continue
            out[i] = _combine(kept, draft)
            break
        else:
            out.append(draft)
    return out


def _trigger(inc) -> tuple[int, int] | None:
    """Offsets of an incident's first trigger (drafts of one act at a list's places share it)."""
    return next(((e.start, e.end) for e in inc.provenance.evidence if e.role == "trigger"), None)


def _elaborates(kept: Draft, draft: Draft) -> bool:
    """A statement that goes on with a speaker's accusation or denial of the same paragraph,
    about the same place: one claim."""
    k, inc = kept.incident, draft.incident
    return inc.kind == "statement" and k.kind in ("accusation", "denial") and \
        bool(inc.actors) and k.actor1 == inc.actor1 and kept.paragraph == draft.paragraph \
        and _near(kept, draft) and _dates_overlap(k, inc)


def _continued(out: list[Draft], draft: Draft) -> int | None:
    """The statement that `draft` continues («وأضاف», «وأوضح»: the same speaker goes on)."""
    inc = draft.incident
    if inc.kind != "statement" or not inc.actors:
        return None
    trigger = next((e.text for e in inc.provenance.evidence if e.role == "trigger"), "")
    if not lex.CONTINUATION.match(fold(trigger)[0].strip()):
        return None
    for i in range(len(out) - 1, -1, -1):
        prev = out[i]
        if draft.paragraph - prev.paragraph > 2:
            return None
        if prev.incident.kind == "statement":
            if prev.incident.actor1 != inc.actor1:
                return None
            return i if _near(prev, draft) else None
    return None


def _near(a: Draft, b: Draft) -> bool:
    from geo_deconflict.geo.geodesy import geodesic_distance_m

    x, y = a.incident, b.incident
    return float(geodesic_distance_m(x.longitude, x.latitude, y.longitude, y.latitude)) \
        <= _MERGE_M or _nested(a, b)


def _told_twice(a: Draft, b: Draft) -> bool:
    """Two dated mentions of one event in a paragraph, from two triggers (not the places of
    one list): «أنهت القوات دوريتها في الشمال السوري ... شاركت في الدورية ... بين ديريك»."""
    def trigger(d: Draft) -> int | None:
        return next((e.start for e in d.incident.provenance.evidence if e.role == "trigger"),
                    None)

    return a.paragraph == b.paragraph and a.incident.event_date is not None and \
        b.incident.event_date is not None and trigger(a) != trigger(b)


def _nested(a: Draft, b: Draft) -> bool:
    """One draft's place lies in the other's area (Deir ez-Zor in Syria): same claim."""
    from shapely.geometry import Point

    for big, small in ((a, b), (b, a)):
        if big.area is not None and big.area.covers(Point(small.incident.longitude,
                                                          small.incident.latitude)):
            return True
    return False


def _family(kind: str | None) -> str | None:
    return "strike" if kind in ("airstrike", "shelling") else kind


def _same_actors(a: Incident, b: Incident) -> bool:
    if a.kind in lex.CLAIM_KINDS or a.kind != b.kind:
        return a.actor1 == b.actor1     # an air strike and a shelling: one event by one force
    return bool(set(a.actors) & set(b.actors))


def _dates_overlap(a: Incident, b: Incident) -> bool:
    if a.event_date is None or b.event_date is None:
        # an undated mention of an event is taken to be the dated one; claims stay apart
        return (a.event_date is None and b.event_date is None) or \
            a.kind not in lex.CLAIM_KINDS
    return a.event_date <= b.date_end and b.event_date <= a.date_end


def _combine(a: Draft, b: Draft) -> Draft:
    x, y = a.incident, b.incident
    better = b if (b.place_implied, y.geo_precision, y.uncertainty_m or 0) < (
        a.place_implied, x.geo_precision, x.uncertainty_m or 0) else a
    place = better.incident
    narrower = y if (y.date_end - y.event_date if y.event_date else dt.timedelta(9999)) < \
        (x.date_end - x.event_date if x.event_date else dt.timedelta(9999)) else x
    evidence = tuple(sorted(set(x.provenance.evidence) | set(y.provenance.evidence),
                            key=lambda e: e.start))
    if a.kind_inferred != b.kind_inferred and x.kind != y.kind:
        # «القصف المدفعي» told outright beats «بالتزامن مع القصف» typed by a drone nearby
        kind = y.kind if a.kind_inferred else x.kind
    else:
        kind = "airstrike" if "airstrike" in (x.kind, y.kind) else x.kind
    notes = [n for note in (x.notes, y.notes) if note for n in note.split("; ")]
    notes.append(f"also at {y.provenance.start}:{y.provenance.end}")
    merged = replace(
        x, kind=kind, event_type="", sub_event_type="",
        actors=tuple(dict.fromkeys(x.actors + y.actors)),
        place=place.place, place_ar=place.place_ar, longitude=place.longitude,
        latitude=place.latitude, geo_precision=place.geo_precision,
        uncertainty_m=place.uncertainty_m, event_date=narrower.event_date,
        date_end=narrower.date_end, date_precision=narrower.date_precision,
        fatalities=max(x.fatalities or 0, y.fatalities or 0) or None,
        casualties=max(x.casualties or 0, y.casualties or 0) or None,
        provenance=replace(x.provenance, evidence=evidence),
        notes="; ".join(dict.fromkeys(notes)))
    # (a new record no one else holds: its summary is set in place, not checked again)
    object.__setattr__(merged, "summary", _resummarise(merged, x))
    return Draft(merged, better.area,
                 better.place_implied, a.paragraph, a.kind_inferred and b.kind_inferred,
                 better.anchor)


def _resummarise(merged: Incident, first: Incident) -> str:
    head = first.summary.split("; ")[0]
    parts = [head, _actor_text(merged.kind or "", merged.actors)]
    parts.append(merged.place or "")
    parts.append(merged.date_label if merged.event_date else "")
    if merged.fatalities:
        parts.append(f"{merged.fatalities} killed")
    wounded = (merged.casualties or 0) - (merged.fatalities or 0)
    if wounded:
        parts.append(f"{wounded} wounded")
    return "; ".join(p for p in parts if p)

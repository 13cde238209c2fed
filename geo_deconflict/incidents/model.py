"""Incident records: reported events and claims, with ACLED-compatible fields.

An `Incident` holds what an analyst needs to put a reported event on a map and to check it
against the zones: when (a day, a range, a month or a year, with its precision), where
(coordinates and/or a place name, with ACLED's ``geo_precision``), who (actors), what (an
ACLED ``event_type``/``sub_event_type`` and, for deconfliction, a `kind` such as
``request_refused``), how many were hurt, on whose word (sources) and from which report
(provenance). Field names follow ACLED where one fits. `Incident.from_dict` reads the
project's records and the seed annotation format; files are read by `read` and written by
`write`.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from geo_deconflict.errors import (
    CoordinateError,
    GeoDeconflictError,
    IncidentError,
    brief,
    one_line,
)
from geo_deconflict.incidents._values import (
    _flag,
    _int,
    _iso_day,
    _month_end,
    _number,
    _opt_str,
    _text,
    parse_date,
)
from geo_deconflict.zones.model import Source

__all__ = ["DATE_PRECISIONS", "KINDS", "PLACE_UNCERTAIN", "Evidence", "Incident", "Provenance",
           "parse_date"]

DATE_PRECISIONS = ("day", "range", "month", "year")
# Opens the note of a record whose place resolution is doubtful (an extracted draft whose
# place may be a namesake): the note travels with the record's other notes in every format.
PLACE_UNCERTAIN = "place uncertain"

# Deconfliction and event kinds -> the ACLED (event_type, sub_event_type) they fall under.
KINDS: dict[str, tuple[str, str]] = {
    "airstrike": ("Explosions/Remote violence", "Air/drone strike"),
    "shelling": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "exchange_of_fire": ("Battles", "Armed clash"),
    "attack": ("Battles", "Armed clash"),
    "ground_offensive": ("Battles", "Armed clash"),
    "capture": ("Battles", "Non-state actor overtakes territory"),
    "advance": ("Strategic developments", "Change to group/activity"),
    "deployment": ("Strategic developments", "Change to group/activity"),
    "protest": ("Protests", "Peaceful protest"),
    "agreement": ("Strategic developments", "Agreement"),
    "military_presence": ("Strategic developments", "Change to group/activity"),
    "movement": ("Strategic developments", "Change to group/activity"),
    "request_refused": ("Strategic developments", "Other"),
    "hotline_contact": ("Strategic developments", "Other"),
    "accusation": ("Strategic developments", "Other"),
    "denial": ("Strategic developments", "Other"),
    "meeting": ("Strategic developments", "Other"),
    "statement": ("Strategic developments", "Other"),
    "proposal": ("Strategic developments", "Other"),
    "clash": ("Battles", "Armed clash"),
    "withdrawal": ("Strategic developments", "Change to group/activity"),
    "patrol": ("Strategic developments", "Change to group/activity"),
    "convoy_movement": ("Strategic developments", "Change to group/activity"),
    "displacement": ("Strategic developments", "Other"),
    "casualties_report": ("Strategic developments", "Other"),
}

_FIELDS_ORDER = ("id", "event_date", "date_end", "date_precision", "event_type",
                 "sub_event_type", "kind", "actors", "place", "place_ar", "area", "admin1", "country",
                 "longitude", "latitude", "geo_precision", "uncertainty_m", "metonymic",
                 "fatalities", "casualties", "summary", "sources", "provenance", "notes")


@dataclass(frozen=True, slots=True)
class Evidence:
    """A piece of a report that a record rests on: its role (``trigger``, ``actor``,
    ``place``, ``date``, ``casualties``), its character offsets and its words."""

    role: str
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record comes from: a report id (and character offsets into it, such as the
    sentence's, with the `Evidence` spans inside) or a file row."""

    doc: str
    start: int | None = None
    end: int | None = None
    row: int | None = None
    evidence: tuple[Evidence, ...] = ()

    def __str__(self) -> str:
        where = f" [{self.start}:{self.end}]" if self.start is not None else ""
        row = f" row {self.row}" if self.row is not None else ""
        return f"{self.doc}{where}{row}"


@dataclass(frozen=True, slots=True)
class Incident:
    """One reported event or claim.

    Dates: `event_date` is the first day (ACLED's field), `date_end` the last day (inclusive)
    and `date_precision` one of `DATE_PRECISIONS`; all three are None for an undated record.
    Place: `longitude`/`latitude` (EPSG:4326) and/or `place`; `geo_precision` is ACLED's
    1 (the place itself), 2 (near it, or part of a region) or 3 (a region or a country).
    `uncertainty_m` is the radius within which the event lies, when known. `area` is a place
    expression that bounds the location ("east of the Euphrates", «ريف دير الزور الشمالي»):
    the event lies in that area *and* within `uncertainty_m` of the point (see `area_geometry`),
    so a report that names the bank is not made uncertain by a circle that crosses the river.
    `metonymic` marks
    a place name that stands for a government ("Moscow said"), which is not an event location.

    Examples
    --------
    >>> inc = Incident(id="x1", event_date=dt.date(2017, 9, 16), longitude=40.18,
    ...                latitude=35.36, geo_precision=2, kind="airstrike",
    ...                actors=("Russia", "SDF"), casualties=6)
    >>> inc.event_type, inc.sub_event_type, inc.actor1, inc.actor2, inc.date_precision
    ('Explosions/Remote violence', 'Air/drone strike', 'Russia', 'SDF', 'day')
    >>> Incident(id="bad", longitude=40.0, latitude=95.0)
    Traceback (most recent call last):
    ...
    geo_deconflict.errors.CoordinateError: incident 'bad': latitude 95.0 is out of range [-90, 90]
    """

    id: str
    event_date: dt.date | None = None
    date_end: dt.date | None = None
    date_precision: str | None = None
    event_type: str = ""
    sub_event_type: str = ""
    kind: str | None = None
    actors: tuple[str, ...] = ()
    place: str | None = None
    place_ar: str | None = None
    area: str | None = None
    admin1: str | None = None
    country: str | None = None
    longitude: float | None = None
    latitude: float | None = None
    geo_precision: int = 1
    uncertainty_m: float | None = None
    metonymic: bool = False
    fatalities: int | None = None
    casualties: int | None = None
    summary: str = ""
    sources: tuple[Source, ...] = ()
    provenance: Provenance | None = None
    notes: str | None = None

    def __post_init__(self) -> None:
        _check_id(self.id)
        if self.kind is not None and self.kind in KINDS:
            ev, sub = KINDS[self.kind]
            if not self.event_type:
                object.__setattr__(self, "event_type", ev)
                object.__setattr__(self, "sub_event_type", self.sub_event_type or sub)
        object.__setattr__(self, "actors", tuple(a for a in self.actors if a))
        object.__setattr__(self, "sources", tuple(self.sources))
        self._check_dates()
        self._check_place()
        for name in ("fatalities", "casualties"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                      or value < 0):
                msg = f"incident {self.id!r}: {name} must be a whole number >= 0, got {value!r}"
                raise IncidentError(msg)

    def _check_dates(self) -> None:
        start, end = self.event_date, self.date_end
        if start is None:
            if end is not None:
                msg = f"incident {self.id!r}: date_end {end} given without event_date"
                raise IncidentError(msg)
            object.__setattr__(self, "date_precision", None)
            return
        if end is None:
            object.__setattr__(self, "date_end", start)
            end = start
        if end < start:
            msg = f"incident {self.id!r}: date_end {end} is before event_date {start}"
            raise IncidentError(msg)
        if self.date_precision is None:
            object.__setattr__(self, "date_precision", "day" if end == start else "range")
        elif self.date_precision not in DATE_PRECISIONS:
            msg = (f"incident {self.id!r}: date_precision {self.date_precision!r} is not one of "
                   f"{', '.join(DATE_PRECISIONS)}")
            raise IncidentError(msg)

    def _check_place(self) -> None:
        lon, lat = self.longitude, self.latitude
        if (lon is None) != (lat is None):
            msg = f"incident {self.id!r}: give both longitude and latitude, got {lon!r}, {lat!r}"
            raise CoordinateError(msg)
        if lon is not None:
            for name, value, limit in (("longitude", lon, 180), ("latitude", lat, 90)):
                if not isinstance(value, (int, float)) or isinstance(value, bool) \
                        or not math.isfinite(value):
                    msg = f"incident {self.id!r}: {name} {value!r} is not a number"
                    raise CoordinateError(msg)
                if not -limit <= value <= limit:
                    msg = f"incident {self.id!r}: {name} {value} is out of range [-{limit}, {limit}]"
                    raise CoordinateError(msg)
        if self.geo_precision not in (1, 2, 3):
            msg = f"incident {self.id!r}: geo_precision must be 1, 2 or 3, got {self.geo_precision!r}"
            raise IncidentError(msg)
        if self.uncertainty_m is not None and not (self.uncertainty_m >= 0):
            msg = f"incident {self.id!r}: uncertainty_m must be >= 0, got {self.uncertainty_m!r}"
            raise IncidentError(msg)

    # ------------------------------------------------------------------ derived values
    @property
    def actor1(self) -> str | None:
        """The first actor (ACLED ``actor1``), or None."""
        return self.actors[0] if self.actors else None

    @property
    def actor2(self) -> str | None:
        """The second actor (ACLED ``actor2``), or None."""
        return self.actors[1] if len(self.actors) > 1 else None

    def area_geometry(self):
        """The geometry of `area` (resolved by the geoparser), or None when there is none or it
        cannot be resolved.

        Examples
        --------
        >>> east = Incident(id="a", area="east of the Euphrates").area_geometry()
        >>> from shapely.geometry import Point
        >>> east.contains(Point(40.30944, 35.33611)), east.contains(Point(40.14084, 35.33588))
        (True, False)
        """
        return _area_geometry(self.area) if self.area else None

    @property
    def located(self) -> bool:
        """True if the record has coordinates."""
        return self.longitude is not None

    @property
    def precise(self) -> bool:
        """True if the coordinates are the event's own place (precision 1, not metonymic)."""
        return self.located and self.geo_precision == 1 and not self.metonymic

    @property
    def time_precision(self) -> int | None:
        """ACLED's time_precision: 1 a day, 2 a few days (up to a week), 3 longer; None undated."""
        if self.event_date is None or self.date_end is None:
            return None
        days = (self.date_end - self.event_date).days
        return 1 if days == 0 else 2 if days <= 7 else 3

    @property
    def date_label(self) -> str:
        """The date as written for people: ``2017-09-16``, ``2017-09``, ``2017-09-08 to 2017-09-12``.

        Examples
        --------
        >>> Incident(id="a", **dict(zip(("event_date", "date_end", "date_precision"),
        ...          parse_date("2017-09")))).date_label
        '2017-09'
        """
        start, end, prec = self.event_date, self.date_end, self.date_precision
        if start is None or end is None:
            return "undated"
        if prec == "year":
            return f"{start.year}" if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) \
                and start.year == end.year else f"{start} to {end}"
        if prec == "month" and start.day == 1 and end == _month_end(start):
            return start.strftime("%Y-%m")
        return start.isoformat() if start == end else f"{start} to {end}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly mapping in the project's JSONL layout (read back by `from_dict`)."""
        out: dict[str, Any] = {}
        for name in _FIELDS_ORDER:
            value = getattr(self, name)
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif name == "actors":
                value = list(value)
            elif name == "sources":
                value = [{k: v for k, v in (("outlet", s.outlet), ("date", s.date),
                                            ("url", s.url), ("title", s.title),
                                            ("note", s.note)) if v is not None} for s in value]
            elif name == "provenance" and value is not None:
                value = {k: v for k, v in (("doc", value.doc), ("start", value.start),
                                           ("end", value.end), ("row", value.row))
                         if v is not None}
                if prov_evidence := getattr(self.provenance, "evidence", ()):
                    value["evidence"] = [{"role": e.role, "start": e.start, "end": e.end,
                                          "text": e.text} for e in prov_evidence]
            out[name] = value
        return out

    def renamed(self, ident: str) -> Incident:
        """The same record under another id (a valid record stays valid: nothing is checked
        again but the id)."""
        _check_id(ident)
        copy = object.__new__(Incident)
        for name in self.__slots__:
            object.__setattr__(copy, name, getattr(self, name))
        object.__setattr__(copy, "id", ident)
        return copy

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Incident:
        """Build a record from the project's JSONL layout (or the seed annotation layout).

        Accepted aliases: ``date`` (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``start/end``),
        ``lat``/``lon``, ``place_en``, ``summary_en``, ``doc`` with ``place_start``/``place_end``,
        ``event_type`` holding a `KINDS` key, and ``source`` as a string or mapping. Unknown
        keys are ignored.

        Examples
        --------
        >>> Incident.from_dict({"id": "e1", "date": "2017-09-08/2017-09-12", "lat": 35.5,
        ...                     "lon": 40.3, "event_type": "military_presence"}).kind
        'military_presence'
        """
        return _from_mapping(data)


# ---------------------------------------------------------------------------------- dates


# ------------------------------------------------------------------------------ mappings

def _check_id(ident: object) -> None:
    if not isinstance(ident, str) or not ident.strip():
        msg = f"an incident needs a non-empty id, got {ident!r}"
        raise IncidentError(msg)


def _from_mapping(data: Mapping[str, Any], *, default_id: str | None = None) -> Incident:
    ident = data.get("id") or default_id
    if ident is None:
        raise IncidentError("a record needs an 'id'")
    raw = data.get("event_date")
    if "event_date" not in data and "date" in data:
        start, end, prec = parse_date(data["date"])
    elif isinstance(raw, str) and ("/" in raw or len(raw.strip()) < 10):
        start, end, prec = parse_date(raw)  # a partial date or a range in event_date
    else:
        start = _iso_day(raw, "event_date")
        end = _iso_day(data.get("date_end"), "date_end")
        prec = data.get("date_precision") or None
    ident = str(ident)
    kind = _text(data.get("kind"), "kind", ident)
    event_type = _text(data.get("event_type"), "event_type", ident) or ""
    if kind is None and event_type in KINDS:
        kind, event_type = event_type, ""
    lon = _number(data.get("longitude", data.get("lon")), "longitude", ident)
    lat = _number(data.get("latitude", data.get("lat")), "latitude", ident)
    prov = data.get("provenance")
    if isinstance(prov, Mapping):
        provenance = Provenance(doc=str(prov.get("doc", "")),
                                start=_int(prov.get("start"), "provenance.start", ident),
                                end=_int(prov.get("end"), "provenance.end", ident),
                                row=_int(prov.get("row"), "provenance.row", ident),
                                evidence=tuple(_evidence(prov.get("evidence"), ident)))
    elif data.get("provenance_doc") is not None:  # the flat columns of incidents_frame
        provenance = Provenance(
            doc=str(data["provenance_doc"]),
            start=_int(data.get("provenance_start"), "provenance_start", str(ident)),
            end=_int(data.get("provenance_end"), "provenance_end", str(ident)))
    elif data.get("doc") is not None:
        provenance = Provenance(doc=str(data["doc"]),
                                start=_int(data.get("place_start"), "place_start", ident),
                                end=_int(data.get("place_end"), "place_end", ident))
    elif prov is not None and not isinstance(prov, str):
        msg = f"incident {ident!r}: provenance {brief(prov)} is not a mapping"
        raise IncidentError(msg)
    else:
        provenance = None
    text = {name: _text(data.get(name), name, ident) for name in _TEXT_FIELDS if name in data}
    if not isinstance(prec, (str, type(None))):
        msg = f"incident {ident!r}: date_precision {brief(prec)} is not text"
        raise IncidentError(msg)
    return Incident(
        id=ident, event_date=start, date_end=end, date_precision=prec,
        event_type=event_type, sub_event_type=text.get("sub_event_type") or "",
        kind=kind, actors=tuple(_actor_list(data.get("actors"), ident)
                                or [a for a in (text.get("actor1"), text.get("actor2")) if a]),
        place=text.get("place") or text.get("place_en") or text.get("location") or None,
        place_ar=text.get("place_ar") or None, area=text.get("area") or None,
        admin1=text.get("admin1") or None,
        country=text.get("country") or None, longitude=lon, latitude=lat,
        geo_precision=_int(data.get("geo_precision"), "geo_precision", ident) or 1,
        uncertainty_m=_number(data.get("uncertainty_m"), "uncertainty_m", ident),
        metonymic=_flag(data.get("metonymic"), "metonymic", ident),
        fatalities=_int(data.get("fatalities"), "fatalities", ident),
        casualties=_int(data.get("casualties"), "casualties", ident),
        summary=text.get("summary") or text.get("summary_en") or text.get("notes_en") or "",
        sources=tuple(_sources(data.get("sources", data.get("source")), ident)),
        provenance=provenance, notes=text.get("notes") or text.get("note") or None,
    )


_TEXT_FIELDS = ("sub_event_type", "actor1", "actor2", "place", "place_en", "location",
                "place_ar", "area", "admin1", "country", "summary", "summary_en", "notes_en",
                "notes", "note")


@lru_cache(maxsize=256)
def _area_geometry(text: str):
    """The area a place expression names: the first relative expression the geoparser finds in
    it, else the area (polygon) of its first toponym; None when neither is found."""
    from geo_deconflict.geoparse.core import geoparse

    mentions = geoparse(text)
    for m in mentions:
        if m.kind == "relative" and m.geometry is not None and not m.geometry.is_empty:
            return m.geometry
    for m in mentions:
        if m.place is not None and not m.metonymic:
            geom = m.place.geometry()
            if geom.geom_type in ("Polygon", "MultiPolygon"):
                return geom
    return None


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


def _evidence(value: Any, ident: str) -> Iterator[Evidence]:
    for item in value or ():
        try:
            yield Evidence(role=str(item["role"]), start=int(item["start"]),
                           end=int(item["end"]), text=str(item.get("text", "")))
        except (KeyError, TypeError, ValueError, OverflowError):
            msg = f"incident {ident!r}: bad provenance evidence {brief(item)} (needs role, start, end)"
            raise IncidentError(msg) from None


# -------------------------------------------------------------------------- loading files


# ------------------------------------------------------------------------------- writing


# --------------------------------------------------------------------------------- seeds


def _guarded(build, ident: Any) -> Incident | Exception:
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

"""ACLED and UCDP GED CSV rows <-> `Incident` records (used by `geo_deconflict.incidents`).

Layouts are told apart by their columns (names compared in lower case; extra columns are
ignored):

* ACLED current export (2023 on, 31 columns): ``event_id_cnty, event_date, year,
  time_precision, disorder_type, event_type, sub_event_type, actor1, assoc_actor_1, inter1,
  actor2, assoc_actor_2, inter2, interaction, civilian_targeting, iso, region, country,
  admin1, admin2, admin3, location, latitude, longitude, geo_precision, source, source_scale,
  notes, fatalities, tags, timestamp``.
* ACLED before 2023: ``data_id, iso, event_id_cnty, event_id_no_cnty, event_date, year,
  time_precision, event_type, ...`` (no ``disorder_type``, ``civilian_targeting``, ``tags``;
  ``iso3`` last). Dates may be ``2017-09-16`` or ``16 September 2017``.
* UCDP GED: ``id, ..., type_of_violence, ..., side_a, side_b, ..., where_prec,
  where_coordinates, ..., latitude, longitude, ..., date_prec, date_start, date_end, ...,
  best, high, low``.
* The flat columns of `incidents_frame` (``id, event_date, ..., latitude, longitude``).

ACLED's ``time_precision`` 2 and 3 are read as the week around ``event_date`` and its month;
UCDP's ``where_prec`` 1-7 maps to ``geo_precision`` 1 (1), 2 (2-3) and 3 (4-7).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from geo_deconflict.errors import IncidentError, InputFileError
from geo_deconflict.incidents._values import _int, _month_end, _number
from geo_deconflict.incidents.model import Incident, Provenance, _from_mapping, _guarded, _sources

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp")
ACLED_2022_COLUMNS = (
    "data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
    "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "timestamp", "iso3")
UCDP_COLUMNS = (
    "id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
    "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name",
    "side_a_dset_id", "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b",
    "number_of_sources", "source_article", "source_office", "source_date", "source_headline",
    "source_original", "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2",
    "latitude", "longitude", "geom_wkt", "priogrid_gid", "country", "country_id", "region",
    "event_clarity", "date_prec", "date_start", "date_end", "deaths_a", "deaths_b",
    "deaths_civilians", "deaths_unknown", "best", "high", "low", "gwnoa", "gwnob")

_ACLED_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d-%b-%y")
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Riots": "Political violence",
             "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}
_UCDP_PREC = {1: 1, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 3}


def detect_layout(columns: Sequence[str]) -> str:
    """Name the layout of a CSV header: ``acled``, ``acled-2022``, ``ucdp`` or ``flat``.

    Examples
    --------
    >>> detect_layout(ACLED_COLUMNS), detect_layout(ACLED_2022_COLUMNS), detect_layout(UCDP_COLUMNS)
    ('acled', 'acled-2022', 'ucdp')
    """
    cols = {c.strip().lower() for c in columns}
    if {"event_date", "event_type", "latitude", "longitude"} <= cols and "event_id_cnty" in cols:
        return "acled" if {"disorder_type", "civilian_targeting", "tags"} & cols else "acled-2022"
    if {"type_of_violence", "where_prec", "date_start", "latitude", "longitude"} <= cols:
        return "ucdp"
    if "id" in cols and ({"latitude", "longitude"} <= cols or "place" in cols):
        return "flat"
    shown = ", ".join(sorted(cols)[:8])
    msg = (f"unknown CSV layout (columns: {shown}, ...); expected ACLED (event_id_cnty, "
           "event_date, event_type, latitude, longitude), UCDP GED (type_of_violence, "
           "where_prec, date_start, ...) or the project's flat columns (id, latitude, longitude)")
    raise InputFileError(msg)


def read_csv(path: Path) -> Iterator[tuple[int, Incident | Exception]]:
    """Yield (spreadsheet row, record or error) for each data row of an ACLED/UCDP/flat CSV.

    The file must be well-formed CSV (see `csv_rows`).
    """
    rows = csv_rows(path)
    _, header = next(rows)
    names = [h.strip().lower() for h in header]
    try:
        layout = detect_layout(names)
    except InputFileError as err:
        raise InputFileError(f"{path}: {err}") from None
    convert = {"acled": _acled_row, "acled-2022": _acled_row, "ucdp": _ucdp_row,
               "flat": _flat_row}[layout]
    for row_number, values in rows:
        row = dict(zip(names, (v.strip() for v in values)))
        ident = row.get("event_id_cnty") or row.get("id")
        yield row_number, _guarded(
            lambda r=row, n=row_number: convert(r, Provenance(doc=path.name, row=n)), ident)


def csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(spreadsheet row, fields) for the header (row 1) and each non-blank data row of a CSV.

    Every reader of incident CSVs goes through here, so they refuse the same files: a quote
    left open, or a row with fewer (or more, non-empty) fields than the header, is an error
    naming the row, as it is for ``check``. Fields may be of any length.
    """
    _allow_long_fields()
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as err:
        msg = f"cannot read {path}: {err}"
        raise InputFileError(msg) from None
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            msg = f"{path} is empty"
            raise InputFileError(msg) from None
        except (csv.Error, UnicodeDecodeError) as err:
            msg = f"{path} row 1 is not valid CSV: {err}"
            raise InputFileError(msg) from None
        yield 1, header
        row_number = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except (csv.Error, UnicodeDecodeError) as err:
                msg = f"{path} row {row_number + 1} is not valid CSV: {err}"
                raise InputFileError(msg) from None
            row_number += 1
            if not any(v.strip() for v in values):
                continue
            if len(values) < len(header) or any(v.strip() for v in values[len(header):]):
                msg = (f"{path} row {row_number} has {len(values)} fields, the header "
                       f"{len(header)}: a short row, an extra separator or a quote left open")
                raise InputFileError(msg)
            yield row_number, values


def _allow_long_fields() -> None:
    """Accept fields of any length (the csv module stops at 131,072 characters; pandas, which
    ``check`` uses, has no limit)."""
    limit = sys.maxsize
    while limit > csv.field_size_limit():
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 2


# ----------------------------------------------------------------------------------- ACLED

def _acled_date(value: str) -> dt.date:
    for fmt in _ACLED_DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    msg = f"bad event_date {value!r}: expected YYYY-MM-DD or e.g. '16 September 2017'"
    raise IncidentError(msg)


def _acled_row(row: dict[str, str], prov: Provenance) -> Incident:
    ident = row.get("event_id_cnty") or row.get("data_id") or f"{prov.doc}-{prov.row}"
    day = _acled_date(row["event_date"]) if row.get("event_date") else None  # undated: ours
    tp = _int(row.get("time_precision"), "time_precision", ident) or 1
    start, end, prec = day, day, "day" if day else None
    if day is None:
        pass
    elif tp == 2:
        start, end, prec = _shift(day, -3), _shift(day, 3), "range"
    elif tp >= 3:
        start, end, prec = day.replace(day=1), _month_end(day), "month"
    actors = [row.get("actor1", ""), row.get("actor2", "")]
    for col in ("assoc_actor_1", "assoc_actor_2"):
        actors += [a.strip() for a in row.get(col, "").split(";")]
    seen: list[str] = []
    for actor in actors:
        if actor and actor not in seen:
            seen.append(actor)
    tags = {k.strip(): v.strip() for k, _, v in
            (t.partition("=") for t in row.get("tags", "").split(";")) if v}
    return Incident(
        id=ident, event_date=start, date_end=end, date_precision=prec,
        event_type=row.get("event_type", ""), sub_event_type=row.get("sub_event_type", ""),
        kind=tags.get("kind") or None, actors=tuple(seen),
        place=row.get("location") or None, admin1=row.get("admin1") or None,
        country=row.get("country") or None,
        longitude=_number(row.get("longitude"), "longitude", ident),
        latitude=_number(row.get("latitude"), "latitude", ident),
        geo_precision=_int(row.get("geo_precision"), "geo_precision", ident) or 1,
        fatalities=_int(row.get("fatalities"), "fatalities", ident),
        summary=row.get("notes", ""), sources=tuple(_sources(row.get("source") or None)),
        provenance=prov)


def _shift(day: dt.date, days: int) -> dt.date:
    """`day` moved by `days`, kept within the calendar (0001-01-01 to 9999-12-31)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min if days < 0 else dt.date.max


def _acled_values(inc: Incident) -> dict[str, Any]:
    day = _mid_day(inc)
    tags = [f"kind={inc.kind}"] if inc.kind else []
    return {
        "event_id_cnty": inc.id, "data_id": "", "event_id_no_cnty": "",
        "event_date": day.isoformat() if day else "", "year": day.year if day else "",
        "time_precision": inc.time_precision or "",
        "disorder_type": _DISORDER.get(inc.event_type, ""),
        "event_type": inc.event_type, "sub_event_type": inc.sub_event_type,
        "actor1": inc.actor1 or "", "assoc_actor_1": "; ".join(inc.actors[2:]),
        "actor2": inc.actor2 or "", "assoc_actor_2": "",
        "country": inc.country or "", "admin1": inc.admin1 or "", "location": inc.place or "",
        "latitude": "" if inc.latitude is None else f"{inc.latitude:.5f}",
        "longitude": "" if inc.longitude is None else f"{inc.longitude:.5f}",
        "geo_precision": inc.geo_precision,
        "source": "; ".join(s.outlet for s in inc.sources),
        "notes": inc.summary, "fatalities": 0 if inc.fatalities is None else inc.fatalities,
        "tags": "; ".join(tags),
    }


def _mid_day(inc: Incident) -> dt.date | None:
    if inc.event_date is None or inc.date_end is None:
        return None
    return inc.event_date + (inc.date_end - inc.event_date) / 2


# ------------------------------------------------------------------------------------ UCDP

def _ucdp_row(row: dict[str, str], prov: Provenance) -> Incident:
    ident = f"ucdp-{row.get('id') or prov.row}"
    try:
        start = end = None  # undated: only in files we wrote (GED events always have dates)
        if row.get("date_start"):
            start = dt.date.fromisoformat(row["date_start"][:10])
            end = dt.date.fromisoformat((row.get("date_end") or row["date_start"])[:10])
    except ValueError:
        msg = (f"incident {ident!r}: bad date_start/date_end {row.get('date_start')!r}/"
               f"{row.get('date_end')!r}: expected YYYY-MM-DD")
        raise IncidentError(msg) from None
    where = _int(row.get("where_prec"), "where_prec", ident) or 1
    violence = _int(row.get("type_of_violence"), "type_of_violence", ident)
    event_type, sub = (("Violence against civilians", "Attack") if violence == 3
                       else ("Battles", "Armed clash"))
    prec = None if start is None or end is None else "day" if start == end else (
        "month" if start.day == 1 and end == _month_end(start) else "range")
    sources = tuple(_sources(row.get("source_office") or None))
    if sources and row.get("source_date"):
        first = sources[0]
        sources = (type(first)(outlet=first.outlet, date=row["source_date"][:10]), *sources[1:])
    return Incident(
        id=ident, event_date=start, date_end=end, date_precision=prec, event_type=event_type,
        sub_event_type=sub, actors=tuple(a for a in (row.get("side_a"), row.get("side_b")) if a),
        place=row.get("where_coordinates") or None, admin1=row.get("adm_1") or None,
        country=row.get("country") or None,
        longitude=_number(row.get("longitude"), "longitude", ident),
        latitude=_number(row.get("latitude"), "latitude", ident),
        geo_precision=_UCDP_PREC.get(where, 3), uncertainty_m=25_000.0 if where == 2 else None,
        fatalities=_int(row.get("best"), "best", ident),
        summary=row.get("source_headline") or row.get("dyad_name") or "",
        sources=sources, provenance=prov, notes=row.get("where_description") or None)


def _ucdp_values(inc: Incident) -> dict[str, Any]:
    where = {1: 1, 2: 2, 3: 4}[inc.geo_precision]
    violence = {"Violence against civilians": 3, "Battles": 1,
                "Explosions/Remote violence": 1}.get(inc.event_type, "")
    ident = inc.id.removeprefix("ucdp-")
    return {
        "id": ident, "year": inc.event_date.year if inc.event_date else "",
        "type_of_violence": violence, "side_a": inc.actor1 or "", "side_b": inc.actor2 or "",
        "dyad_name": " - ".join(inc.actors[:2]), "source_headline": inc.summary,
        "source_office": ";".join(s.outlet for s in inc.sources),
        "source_date": ";".join(s.date or "" for s in inc.sources),
        "number_of_sources": len(inc.sources), "where_prec": where,
        "where_coordinates": inc.place or "", "where_description": inc.notes or "",
        "adm_1": inc.admin1 or "", "country": inc.country or "",
        "latitude": "" if inc.latitude is None else f"{inc.latitude:.5f}",
        "longitude": "" if inc.longitude is None else f"{inc.longitude:.5f}",
        "geom_wkt": (f"POINT ({inc.longitude:.5f} {inc.latitude:.5f})" if inc.located else ""),
        "date_prec": {None: "", "day": 1, "range": 3, "month": 4, "year": 5}[inc.date_precision],
        "date_start": inc.event_date.isoformat() if inc.event_date else "",
        "date_end": inc.date_end.isoformat() if inc.date_end else "",
        "best": "" if inc.fatalities is None else inc.fatalities,
    }


# ------------------------------------------------------------------------------------ flat

def _flat_row(row: dict[str, str], prov: Provenance) -> Incident:
    data: dict[str, Any] = {k: v for k, v in row.items() if v != ""}
    if "metonymic" in data:
        data["metonymic"] = data["metonymic"].lower() in ("1", "true", "yes")
    if "provenance_doc" not in data:
        data["provenance"] = {"doc": prov.doc, "row": prov.row}
    return _from_mapping(data, default_id=f"{prov.doc}-{prov.row}")


def to_csv(incidents: Sequence[Incident], layout: str) -> str:
    """Records as CSV text in the ACLED (current or pre-2023) or UCDP GED layout."""
    columns, values = {"acled": (ACLED_COLUMNS, _acled_values),
                       "acled-2022": (ACLED_2022_COLUMNS, _acled_values),
                       "ucdp": (UCDP_COLUMNS, _ucdp_values)}[layout]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", restval="",
                            lineterminator="\n")
    writer.writeheader()
    for inc in incidents:
        writer.writerow(values(inc))
    return out.getvalue()

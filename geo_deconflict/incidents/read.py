"""Reading incident files.

`load_incidents` reads files; `write.write_incidents` writes them. The format is taken from
the extension and, for CSV, from the header:

========================  ==================================================================
``.jsonl``                the project's own records (`Incident.to_dict`); the annotation
                          format of the seed development set is read too
``.csv``                  ACLED (current 31-column export or the pre-2023 layout) or
                          UCDP GED, told apart by their columns
``.json``                 a JSON list of the project's records (as ``extract`` writes drafts),
                          or GeoJSON like ``.geojson``
``.geojson``              points with the flat columns of `incidents_frame`
``.gpkg``                 the same, as a GeoPackage layer (opens in QGIS)
========================  ==================================================================

Coordinates are (lon, lat) in EPSG:4326. A record that has no coordinates is located by its
place name in the shipped layers; one that cannot be located is returned in
``LoadResult.skipped`` with the reason, never dropped silently.

The seed records ship with the package (`seed_incidents`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from geo_deconflict.errors import (
    InputFileError,
    UnknownPlaceError,
)
from geo_deconflict.geo.paths import data_dir
from geo_deconflict.incidents import tabular as _tabular
from geo_deconflict.incidents.model import Incident, _from_mapping, _guarded

__all__ = ["LoadResult", "Skipped", "load_incidents", "read_incidents", "seed_incidents",
           "seeds_dir"]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record that was read but could not be used, and why."""

    path: str
    row: int | None
    id: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path} row {self.row}" if self.row is not None else self.path
        ident = f" ({self.id})" if self.id else ""
        return f"{where}{ident}: {self.reason}"


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What `load_incidents` returns: the usable records and the skipped ones."""

    incidents: list[Incident]
    skipped: list[Skipped] = field(default_factory=list)

    def __iter__(self) -> Iterator[Incident]:
        return iter(self.incidents)

    def __len__(self) -> int:
        return len(self.incidents)


def load_incidents(paths: str | Path | Iterable[str | Path], *, on_error: str = "raise",
                   locate: bool = True,
                   reader: Callable[[Path], Iterator[tuple[int, Incident | Exception]]] | None = None
                   ) -> LoadResult:
    """Read incident records from one or more files (formats by extension, see the module).

    A record without coordinates is located by its `place` in the shipped layers (a town or
    site keeps its precision; a governorate or country becomes precision 3); one that cannot
    be located is listed in ``skipped`` with the reason. A malformed value (bad date or
    coordinate) raises `InputFileError` naming the file, row and value, or, with
    ``on_error="skip"``, is listed in ``skipped`` too. Ids must be unique across the files.
    ``reader`` reads one file into ``(row, record or error)`` pairs (`read_incidents` by
    default; `records.load_records` passes one that honours column options).

    Examples
    --------
    >>> result = load_incidents(seeds_dir() / "incidents.jsonl")
    >>> len(result.incidents) > 40, result.skipped
    (True, [])
    """
    if on_error not in ("raise", "skip"):
        msg = f"on_error must be 'raise' or 'skip', got {on_error!r}"
        raise ValueError(msg)
    if isinstance(paths, (str, Path)):
        paths = [paths]
    incidents: list[Incident] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    for path in paths:
        path = Path(path)
        for row, item in (reader or read_incidents)(path):
            if isinstance(item, Exception):
                if on_error == "raise":
                    msg = f"{path} row {row}: {item}"
                    raise InputFileError(msg) from None
                skipped.append(Skipped(str(path), row, getattr(item, "ident", None), str(item)))
                continue
            if not item.located and locate:
                item, reason = _locate(item)
                if reason:
                    skipped.append(Skipped(str(path), row, item.id, reason))
                    continue
            elif not item.located:
                skipped.append(Skipped(str(path), row, item.id, "no coordinates"))
                continue
            if item.id in seen:
                msg = f"{path} row {row}: duplicate incident id {item.id!r} (first in {seen[item.id]})"
                if on_error == "raise":
                    raise InputFileError(msg)
                skipped.append(Skipped(str(path), row, item.id, "duplicate id"))
                continue
            seen[item.id] = str(path)
            incidents.append(item)
    return LoadResult(incidents, skipped)


def read_incidents(path: str | Path) -> Iterator[tuple[int, Incident | Exception]]:
    """Yield (row number, record or the error that row raised) for every record of a file.

    Row numbers are those a spreadsheet shows (the CSV header is row 1), the line of a JSONL
    file, or the 1-based feature number of a GeoJSON/GeoPackage layer.
    """
    path = Path(path)
    if not path.is_file():
        msg = f"incident file not found: {path}" if not path.exists() else f"{path} is not a file"
        raise InputFileError(msg)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _read_jsonl(path)
    elif suffix == ".json" and _is_json_list(path):
        yield from _read_json_list(path)
    elif suffix == ".csv":

        yield from _tabular.read_csv(path)
    elif suffix in (".geojson", ".json", ".gpkg"):
        yield from _read_vector(path)
    else:
        msg = (f"cannot tell the format of incident file {str(path)!r} from its extension; "
               "use .jsonl, .csv (ACLED or UCDP GED), .geojson or .gpkg")
        raise InputFileError(msg)


def _read_jsonl(path: Path) -> Iterator[tuple[int, Incident | Exception]]:
    """One record per line: lines end at ``\\n`` only (U+2028, U+0085 and the like are
    valid inside JSON strings), and the file is read a line at a time."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="\n")
    except OSError as err:
        msg = f"cannot read {path}: {err.strerror or err}"
        raise InputFileError(msg) from None
    with handle:
        number = 0
        while True:
            try:
                line = handle.readline()
            except UnicodeDecodeError as err:
                msg = f"{path} line {number + 1} is not UTF-8 text ({err.reason})"
                raise InputFileError(msg) from None
            except OSError as err:
                msg = f"cannot read {path}: {err.strerror or err}"
                raise InputFileError(msg) from None
            if not line:
                return
            number += 1
            if not line.strip():
                continue
            data = _json_line(line, path, number)
            yield number, _guarded(lambda d=data, n=number: _from_mapping(
                d, default_id=f"{path.stem}-{n}"), data.get("id"))


def _json_line(line: str, path: Path, number: int) -> dict:
    try:
        data = json.loads(line, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        msg = f"{path} line {number} is not valid JSON: {err.msg} (column {err.colno})"
        raise InputFileError(msg) from None
    except ValueError as err:  # NaN, Infinity
        msg = f"{path} line {number} is not valid JSON: {err}"
        raise InputFileError(msg) from None
    except RecursionError:
        msg = f"{path} line {number}: JSON nested too deeply"
        raise InputFileError(msg) from None
    if not isinstance(data, dict):
        msg = f"{path} line {number}: expected a JSON object, got {type(data).__name__}"
        raise InputFileError(msg)
    return data


def _no_constant(name: str):
    msg = f"{name} is not a JSON value"
    raise ValueError(msg)


def _is_json_list(path: Path) -> bool:
    """True if a .json file holds a list of records (as `extract` writes), not GeoJSON."""
    try:
        with path.open("rb") as f:
            head = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as err:
        msg = f"cannot read {path}: {err}"
        raise InputFileError(msg) from None
    return head.startswith(b"[")


def _read_json_list(path: Path) -> Iterator[tuple[int, Incident | Exception]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"), parse_constant=_no_constant)
    except (OSError, UnicodeDecodeError) as err:
        msg = f"cannot read {path}: {err}"
        raise InputFileError(msg) from None
    except json.JSONDecodeError as err:
        msg = f"{path} is not valid JSON: {err.msg} (line {err.lineno})"
        raise InputFileError(msg) from None
    except (ValueError, RecursionError) as err:
        msg = f"{path} is not valid JSON: {err or 'nested too deeply'}"
        raise InputFileError(msg) from None
    if not isinstance(data, list):
        msg = f"{path}: expected a JSON list of records, got {type(data).__name__}"
        raise InputFileError(msg)
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            msg = f"{path} item {number}: expected a JSON object, got {type(item).__name__}"
            raise InputFileError(msg)
        yield number, _guarded(lambda d=item, n=number: _from_mapping(
            d, default_id=f"{path.stem}-{n}"), item.get("id"))


def _read_vector(path: Path) -> Iterator[tuple[int, Incident | Exception]]:
    from geo_deconflict.geo.io import read_vector

    frame = read_vector(path)
    if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
        frame = frame.to_crs(4326)
    columns = [c for c in frame.columns if c != frame.geometry.name]
    for number, (geom, values) in enumerate(zip(frame.geometry.values,
                                                frame[columns].itertuples(index=False)),
                                            start=1):
        data = {k: (None if _missing(v) else v) for k, v in zip(columns, values)}
        if geom is not None and not geom.is_empty:
            point = geom if geom.geom_type == "Point" else geom.representative_point()
            data["longitude"], data["latitude"] = point.x, point.y
            if geom.geom_type != "Point" and not data.get("geo_precision"):
                data["geo_precision"] = 3
        yield number, _guarded(lambda d=data, n=number: _from_mapping(
            d, default_id=f"{path.stem}-{n}"), data.get("id"))


def _missing(value: Any) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and arrays are values, not missing
        return False


_REGION_SUFFIX = re.compile(r"\s+(?:governorate|province)\s*$", re.IGNORECASE)


def _locate(item: Incident) -> tuple[Incident, str | None]:
    """Give a record without coordinates those of its place name (through the gazetteer),
    or say why not.

    A name ending in "Governorate"/"province" is looked up among the governorates. A bare name
    shared by a governorate and its capital ("Deir ez-Zor") is read as the town, as reports
    mostly mean; an area keeps geo_precision 3 and is drawn as what it is.
    """
    if not item.place:
        return item, "cannot be located: no coordinates and no place name"
    from geo_deconflict.gazetteer.api import resolve

    name, kinds = item.place, None
    match = _REGION_SUFFIX.search(name)
    if match:  # "Deir ez-Zor Governorate", "Raqqa province": look among the governorates
        name, kinds = name[:match.start()], ["governorate"]
    try:  # the record's own country and admin1 columns are hard filters
        place = resolve(name, kinds=kinds, fuzzy=False, prefer_town=True,
                        **_where(item.country, item.admin1))
    except UnknownPlaceError:
        return item, (f"cannot be located: no coordinates, and place {item.place!r} "
                      "is not in the gazetteer")
    geom = place.geometry()
    point = geom if geom.geom_type == "Point" else geom.representative_point()
    precision = item.geo_precision if place.feature_class in ("P", "S") else 3
    note = f"located by name: {place.name_en} ({place.id})"
    return replace(item, longitude=round(point.x, 6), latitude=round(point.y, 6),
                   geo_precision=precision,
                   notes=f"{item.notes}; {note}" if item.notes else note), None


def _where(country: str | None, admin1: str | None) -> dict:
    """`resolve` filters from a record's country and admin1 columns (unknown values ignored)."""
    from geo_deconflict.gazetteer.api import load_gazetteer

    gaz = load_gazetteer()
    out = {}
    code = gaz.country_code(country) if country else None
    if code:
        out["country"] = code
    if admin1 and code == "SY":
        try:
            out["admin1"] = gaz.admin1_code(admin1)
        except ValueError:
            pass
    return out


def seeds_dir() -> Path:
    """The folder holding the seed records (inside the wheel, or the checkout's ``seeds/``)."""
    return data_dir("seeds", "incidents.jsonl")


def seed_incidents() -> list[Incident]:
    """The incidents of the five seed reports, as shipped in ``seeds/incidents.jsonl``.

    Examples
    --------
    >>> inc = {i.id: i for i in seed_incidents()}["000-E1"]
    >>> inc.kind, inc.sources[0].outlet
    ('request_refused', 'CNN Arabic')
    """
    return load_incidents(seeds_dir() / "incidents.jsonl").incidents

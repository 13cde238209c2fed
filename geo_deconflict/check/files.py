"""Checking whole files: CSV and (Geo)Parquet (streamed in chunks), GeoJSON, GeoPackage.

The output keeps every input column unchanged (CSV cells are passed through as text) and adds
the columns of `geo_deconflict.check.core` after them. Outputs are written atomically: on any error
no output file is left behind.

Coordinate columns of a CSV are found by name (`LAT_NAMES`, `LON_NAMES`, case-insensitive;
ACLED's ``latitude``/``longitude`` among them) or given explicitly. An ACLED ``geo_precision``
column and an ``uncertainty_m`` column are used when present (see `check.check_frame`), and so
is an ACLED ``time_precision`` column beside the date column: a row's date is then the week
around it (2) or its month (3), as the ACLED reader and ``breaches`` read it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely

from geo_deconflict.check.checker import ZoneChecker, _dates
from geo_deconflict.check.core import check_frame, region_counts, region_message
from geo_deconflict.check.stream import open_source, point_coordinates, stream_check
from geo_deconflict.errors import (
    CoordinateError,
    GeoDeconflictError,
    InputFileError,
    OutputExistsError,
    OutputFileError,
    brief,
)
from geo_deconflict.geo.coords import check_lonlat
from geo_deconflict.geo.io import (
    VECTOR_FORMATS,
    atomic_path,
    check_output,
    read_vector,
    write_vector,
)
from geo_deconflict.incidents.records import LAT_NAMES, LON_NAMES, _key, _pick

if TYPE_CHECKING:  # (geo)pandas is imported only for the files read whole (GeoJSON, GPKG, ...)
    import geopandas as gpd
    import pandas as pd

__all__ = ["LAT_NAMES", "LON_NAMES", "CheckSummary", "check_file", "find_coordinate_columns",
           "input_format"]

PRECISION_NAMES = ("geo_precision", "geo_precis")  # shapefile/GPKG exports truncate names
TIME_PRECISION_NAMES = ("time_precision", "time_preci")
UNCERTAINTY_NAMES = ("uncertainty_m",)
CSV_SUFFIXES = (".csv", ".tsv", ".txt")


@dataclass
class CheckSummary:
    """What `check_file` did: rows, the columns used, counts per zone, warnings."""

    rows: int = 0
    lon_column: str | None = None
    lat_column: str | None = None
    precision_column: str | None = None
    uncertainty_column: str | None = None
    time_precision_column: str | None = None
    inside: dict[str, int] = field(default_factory=dict)
    ambiguous: dict[str, int] = field(default_factory=dict)
    banks: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    outside: int = 0
    swapped: int = 0


def input_format(path: str | Path) -> str:
    """``"CSV"`` or the vector format of a path, by extension.

    Examples
    --------
    >>> input_format("events.csv"), input_format("events.parquet")
    ('CSV', 'GeoParquet')
    """
    suffix = Path(path).suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "CSV"
    if suffix == ".jsonl" or (suffix == ".json" and _is_incident_list(Path(path))):
        return "incidents"
    if suffix in VECTOR_FORMATS:
        return VECTOR_FORMATS[suffix]
    choices = ", ".join([*CSV_SUFFIXES, *VECTOR_FORMATS, ".jsonl"])
    msg = f"cannot tell the format of {str(path)!r} from its extension; use one of {choices}"
    raise InputFileError(msg)


def find_coordinate_columns(columns: Sequence[str], *, lon: str | None = None,
                            lat: str | None = None, where: str = "the input") -> tuple[str, str]:
    """(lon column, lat column) by the given names or by common names; a clear error if not.

    Examples
    --------
    >>> find_coordinate_columns(["event_id_cnty", "latitude", "longitude", "geo_precision"])
    ('longitude', 'latitude')
    >>> find_coordinate_columns(["id", "LAT", "Lng"])
    ('Lng', 'LAT')
    """
    columns = [str(c) for c in columns]
    return (_pick(columns, lon, LON_NAMES, "longitude", where),
            _pick(columns, lat, LAT_NAMES, "latitude", where))


def check_file(src: str | Path, dst: str | Path, *, checker: ZoneChecker,
               lon: str | None = None, lat: str | None = None,
               date_column: str | None = None, uncertainty_column: str | None = None,
               precision_column: str | None = None, use_precision: bool = True,
               distances: bool = True, distance_max_m: float | None = None,
               overwrite: bool = False, chunk_rows: int = 200_000,
               progress: Callable[[int, int], None] | None = None,
               strict_dates: bool = False, time_precision_column: str | None = None,
               use_time_precision: bool = True) -> CheckSummary:
    """Check every point of `src` and write `dst` (format by extension; see module docstring).

    A CSV or Parquet input is streamed about `chunk_rows` at a time (`check.stream`), and so is
    a CSV or GeoParquet output, so memory stays bounded whatever the file size;
    `progress(bytes_read, total_bytes)` is called after each chunk. GeoJSON, GeoPackage and
    incident files are read whole. With `distance_max_m`, distances are only computed (and
    written) within that many metres of each boundary (NaN beyond): much faster. An error
    names the file and the row (or feature). With `strict_dates` (a CSV), the dates are read
    as the incident readers read them, and a bad one stops with the same one-line error as
    `incidents.records.check_dates` (file, row, value). The dates are widened by ACLED's
    ``time_precision`` column (`time_precision_column`, else found by name; not with
    `use_time_precision` False): see `check.check_points`.
    """
    strict = strict_dates and date_column is not None \
        and Path(src).suffix.lower() in (".csv", ".tsv")
    try:
        try:
            return _check_file(Path(src), Path(dst), checker=checker, lon=lon, lat=lat,
                               date_column=date_column, uncertainty_column=uncertainty_column,
                               precision_column=precision_column, use_precision=use_precision,
                               distances=distances, distance_max_m=distance_max_m,
                               overwrite=overwrite, chunk_rows=chunk_rows, progress=progress,
                               strict_dates=strict, time_precision_column=time_precision_column,
                               use_time_precision=use_time_precision)
        except GeoDeconflictError:
            if strict:  # a bad date (or a file pandas reads with a row) comes first, as before
                _check_dates(Path(src), date_column)
            raise
    except (OutputExistsError, OutputFileError):
        raise
    except GeoDeconflictError as err:
        if str(src) not in str(err) and err.args:  # say which file the row is in
            err.args = (f"{src}: {err}", *err.args[1:])
        raise


def _check_dates(src: Path, column: str) -> None:
    """Every date of a CSV read by `incidents.records.check_dates` (its error if one is bad)."""
    from geo_deconflict.incidents.records import check_dates

    check_dates(src, column, sep="\t" if src.suffix.lower() == ".tsv" else ",")


def _check_file(src: Path, dst: Path, *, checker, lon, lat, date_column, uncertainty_column,
                precision_column, use_precision, distances, overwrite, chunk_rows,
                progress, distance_max_m=None, strict_dates=False,
                time_precision_column=None, use_time_precision=True) -> CheckSummary:
    in_fmt = input_format(src)
    out_fmt = "CSV" if dst.suffix.lower() in CSV_SUFFIXES else None
    if out_fmt is None:
        from geo_deconflict.geo.io import vector_format

        out_fmt = vector_format(dst)
    check_output(dst, overwrite=overwrite)
    if not src.is_file():
        msg = f"file not found: {src}" if not src.exists() else f"{src} is not a file"
        raise InputFileError(msg)
    summary = CheckSummary()
    source = open_source(src, in_fmt, chunk_rows) if in_fmt in ("CSV", "GeoParquet") else None
    strict = strict_dates and date_column is not None and in_fmt == "CSV"
    if strict and source is None:  # read whole below: every date first, as before
        _check_dates(src, date_column)
    if source is not None:
        if source.geometry is None:
            lon, lat = find_coordinate_columns(source.names, lon=lon, lat=lat, where=str(src))
            summary.lon_column, summary.lat_column = lon, lat
        columns = _extra_columns(source.names, summary, date_column, uncertainty_column,
                                 precision_column, use_precision, src,
                                 time_precision_column, use_time_precision)
        whole = stream_check(source, dst, out_fmt=out_fmt, checker=checker, summary=summary,
                             lon=lon, lat=lat, date_column=date_column, distances=distances,
                             distance_max_m=distance_max_m, overwrite=overwrite,
                             progress=progress, strict_dates=strict, **columns)
        if whole is not None:  # GeoJSON, GeoPackage: written whole
            _write(whole, dst, out_fmt, overwrite)
        if summary.outside:
            summary.warnings.append(region_message(summary.outside, summary.swapped,
                                                   summary.rows))
        return summary
    import geopandas as gpd
    import pandas as pd

    options = {"checker": checker, "date_column": date_column, "distances": distances,
               "distance_max_m": distance_max_m}
    if in_fmt == "CSV":
        chunks = _csv_chunks(src, chunk_rows, progress)
        header = next(chunks)
        lon, lat = find_coordinate_columns(header.columns, lon=lon, lat=lat, where=str(src))
        columns = _extra_columns(header.columns, summary, date_column, uncertainty_column,
                                 precision_column, use_precision, src,
                                 time_precision_column, use_time_precision)
        summary.lon_column, summary.lat_column = lon, lat
        frames = (_check_chunk(c, lon, lat, summary, first_row=offset + 2, **columns, **options)
                  for c, offset in _with_offsets([header], chunks))  # header = row 1
        if out_fmt == "CSV":
            with atomic_path(dst, overwrite=overwrite) as tmp:
                for i, frame in enumerate(frames):
                    frame.to_csv(tmp, mode="w" if i == 0 else "a", header=i == 0, index=False)
        else:
            frame = pd.concat(list(frames), ignore_index=True)
            geometry = gpd.points_from_xy(pd.to_numeric(frame[lon]), pd.to_numeric(frame[lat]))
            _write(gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326"), dst, out_fmt,
                   overwrite)
    else:
        if in_fmt == "incidents":
            frame = _incident_frame(src, summary)
            date_column = date_column or "event_date"
            uncertainty_column = uncertainty_column or "uncertainty_m"
            use_precision = False   # uncertainty_m already says it (incidents.records)
            use_time_precision = False  # event_date is already the first day of a range
            options["date_column"] = date_column
        else:
            frame = read_vector(src)
        if frame.crs is not None and not frame.crs.equals("EPSG:4326"):
            frame = frame.to_crs(4326)
        x, y, extent = point_coordinates(frame.geometry.values, src)
        work = pd.DataFrame({"__lon": x, "__lat": y, "__extent_m": extent}, index=frame.index)
        columns = _extra_columns(frame.columns, summary, date_column, uncertainty_column,
                                 precision_column, use_precision, src,
                                 time_precision_column, use_time_precision)
        merged = pd.concat([frame.drop(columns="geometry"), work], axis=1)
        if columns["uncertainty_column"]:
            given = _metres(merged[columns["uncertainty_column"]], columns["uncertainty_column"],
                            1, "feature")
            merged["__extent_m"] = np.fmax(merged["__extent_m"], np.nan_to_num(given))
        columns["uncertainty_column"] = "__extent_m"
        try:
            checked = _check_chunk(merged, "__lon", "__lat", summary, first_row=1,
                                   **columns, **options)
        except GeoDeconflictError as err:  # vector files have features, not rows
            err.args = (str(err).replace("(row ", "(feature "), *err.args[1:])
            raise
        checked = checked.drop(columns=["__lon", "__lat", "__extent_m"])
        out = gpd.GeoDataFrame(checked, geometry=frame.geometry.values, crs="EPSG:4326")
        if out_fmt == "CSV":
            out = pd.DataFrame(out).assign(geometry=shapely.to_wkt(out.geometry.values))
            with atomic_path(dst, overwrite=overwrite) as tmp:
                out.to_csv(tmp, index=False)
        else:
            _write(out, dst, out_fmt, overwrite)
    if summary.outside:
        summary.warnings.append(region_message(summary.outside, summary.swapped, summary.rows))
    return summary


# ------------------------------------------------------------------------------------ helpers

def _is_incident_list(path: Path) -> bool:
    """A .json file that holds a list of the project's incident records (extract's drafts)."""
    from geo_deconflict.incidents.read import _is_json_list

    return path.is_file() and _is_json_list(path)


def _incident_frame(src: Path, summary: CheckSummary) -> gpd.GeoDataFrame:
    """The project's incident records (JSONL, or a JSON list such as extract's drafts) as a
    frame of points; records without coordinates cannot be checked and are reported."""
    from geo_deconflict.incidents.read import load_incidents
    from geo_deconflict.incidents.write import incidents_frame

    result = load_incidents([src])
    for item in result.skipped:
        summary.warnings.append(f"skipped {item}")
    if not result.incidents:
        msg = f"no record in {src} has coordinates to check"
        raise InputFileError(msg)
    from geo_deconflict.incidents.records import uncertainty_m

    frame = incidents_frame(result.incidents)
    frame["uncertainty_m"] = [uncertainty_m(i) for i in result.incidents]  # as every command
    return frame



def _extra_columns(columns, summary, date_column, uncertainty_column, precision_column,
                   use_precision, src, time_precision_column=None,
                   use_time_precision=True) -> dict:
    """The columns of uncertainty, ACLED geo_precision and (beside a date column) ACLED
    time_precision: those given, else found by name (case-insensitive), recorded in
    `summary`."""
    columns = [str(c) for c in columns]
    for given, what in ((date_column, "date"), (uncertainty_column, "uncertainty"),
                        (precision_column, "precision"),
                        (time_precision_column, "time precision")):
        if given is not None and given not in columns:
            msg = (f"no column {given!r} for the {what} in {src}; columns found: "
                   f"{', '.join(columns)}")
            raise InputFileError(msg)
    keyed = {_key(c): c for c in columns}
    if precision_column is None and use_precision:
        precision_column = next((keyed[_key(n)] for n in PRECISION_NAMES if _key(n) in keyed), None)
    if uncertainty_column is None:
        uncertainty_column = next((keyed[_key(n)] for n in UNCERTAINTY_NAMES
                                   if _key(n) in keyed), None)
    if date_column is None or not use_time_precision:  # nothing to widen, or not asked
        time_precision_column = None
    elif time_precision_column is None:
        time_precision_column = next((keyed[_key(n)] for n in TIME_PRECISION_NAMES
                                      if _key(n) in keyed), None)
    summary.precision_column = precision_column if use_precision else None
    summary.uncertainty_column = uncertainty_column
    summary.time_precision_column = time_precision_column
    return {"uncertainty_column": uncertainty_column,
            "precision_column": precision_column if use_precision else None,
            "time_precision_column": time_precision_column}


def _csv_chunks(path: Path, chunk_rows: int,
                progress: Callable[[int, int], None] | None) -> Iterator[pd.DataFrame]:
    import pandas as pd

    total = path.stat().st_size
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        with path.open("rb") as handle:
            reader = pd.read_csv(handle, sep=sep, dtype=str, keep_default_na=False,
                                 chunksize=chunk_rows, encoding="utf-8-sig")
            got_any = False
            for chunk in reader:
                got_any = True
                yield chunk
                if progress is not None:
                    progress(min(handle.tell(), total), total)
            if not got_any:
                yield pd.DataFrame(columns=reader.orig_options.get("names") or [])
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as err:
        reason = str(err).strip().splitlines()[0] if str(err).strip() else "empty file"
        msg = f"cannot read {path} as CSV: {reason}"
        raise InputFileError(msg) from None


def _with_offsets(first: list[pd.DataFrame], rest: Iterator[pd.DataFrame]
                  ) -> Iterator[tuple[pd.DataFrame, int]]:
    offset = 0
    for chunk in [*first]:
        yield chunk, offset
        offset += len(chunk)
    for chunk in rest:
        yield chunk, offset
        offset += len(chunk)


def _check_chunk(frame: pd.DataFrame, lon: str, lat: str, summary: CheckSummary, *,
                 first_row: int, checker: ZoneChecker, date_column, uncertainty_column,
                 precision_column, distances, distance_max_m=None,
                 time_precision_column=None) -> pd.DataFrame:
    import pandas as pd

    x = pd.to_numeric(frame[lon], errors="coerce").to_numpy(dtype=float)
    y = pd.to_numeric(frame[lat], errors="coerce").to_numpy(dtype=float)
    try:
        check_lonlat(x, y, first_row=first_row)
    except CoordinateError as err:
        raw = _first_bad(frame, lon, lat, x, y)
        bad = np.flatnonzero(~((np.abs(x) <= 180) & (np.abs(y) <= 90)))
        row = f" (row {int(bad[0]) + first_row})" if "(row " not in str(err) and len(bad) else ""
        raise CoordinateError(f"{err}{row}{raw}") from None
    if uncertainty_column is not None and not uncertainty_column.startswith("__"):
        _metres(frame[uncertainty_column], uncertainty_column, first_row, "row")
    if precision_column is not None:
        _precision_codes(frame[precision_column], precision_column, first_row)
    if time_precision_column is not None:
        _precision_codes(frame[time_precision_column], time_precision_column, first_row,
                         kind="time precision")
    if date_column is not None:
        _dates(frame[date_column], len(frame), first_row=first_row, what=date_column)
    out = check_frame(frame, lon=lon, lat=lat, checker=checker, date_column=date_column,
                      uncertainty_column=uncertainty_column, precision_column=precision_column,
                      distances=distances, distance_max_m=distance_max_m,
                      time_precision_column=time_precision_column)
    for col in out.columns:  # plain text in every output format, whatever the categories
        if isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(str)
    summary.rows += len(frame)
    for zid in checker.zone_ids:
        status = out[f"in_{zid}"]
        summary.inside[zid] = summary.inside.get(zid, 0) + int((status == "in").sum())
        summary.ambiguous[zid] = summary.ambiguous.get(zid, 0) + int((status == "ambiguous").sum())
    for bank, count in out["bank"].value_counts().items():
        summary.banks[bank or "outside"] = summary.banks.get(bank or "outside", 0) + int(count)
    outside, swapped = region_counts(x, y)
    summary.outside += outside
    summary.swapped += swapped
    return out


def _first_bad(frame, lon, lat, x, y) -> str:
    bad = ~((np.abs(x) <= 180) & (np.abs(y) <= 90))
    if not bad.any() or lon.startswith("__"):  # a geometry's coordinates: the value is shown
        return ""
    i = int(np.flatnonzero(bad)[0])
    return f": {lat}={brief(frame[lat].iloc[i])}, {lon}={brief(frame[lon].iloc[i])}"


def _blank_cells(values: pd.Series) -> np.ndarray:
    text = values.astype("string").str.strip()
    return (values.isna() | text.isna() | (text == "")).to_numpy(dtype=bool)


def _metres(values: pd.Series, column: str, first_row: int, unit: str) -> np.ndarray:
    """A per-row uncertainty in metres (NaN where blank); anything else is an error."""
    import pandas as pd

    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    bad = ~_blank_cells(values) & ~(np.isfinite(numbers) & (numbers >= 0))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        msg = (f"{column} {brief(values.iloc[i])} is not a distance in metres >= 0 "
               f"({unit} {i + first_row})")
        raise InputFileError(msg)
    return numbers


def _precision_codes(values: pd.Series, column: str, first_row: int, *,
                     kind: str = "precision") -> None:
    """An error naming the first cell (and row) that is not an ACLED code 1, 2 or 3 nor
    blank, if any (`kind`: ``precision`` for geo_precision, ``time precision``)."""
    import pandas as pd

    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    bad = ~_blank_cells(values) & ~np.isin(numbers, (1, 2, 3))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        msg = (f"{column} {brief(values.iloc[i])} is not an ACLED {kind} code 1, 2 or 3 "
               f"(row {i + first_row})")
        raise InputFileError(msg)


def _write(frame: gpd.GeoDataFrame, dst: Path, fmt: str, overwrite: bool) -> None:
    if fmt != "GeoParquet":  # GDAL drivers want plain columns
        for col in frame.columns:
            if col != "geometry" and frame[col].dtype == object:
                frame[col] = frame[col].astype(str).where(frame[col].notna(), None)
    write_vector(frame, dst, overwrite=overwrite)

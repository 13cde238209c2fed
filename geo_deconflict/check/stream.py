"""Checking CSV and Parquet files chunk by chunk with Arrow, so memory stays bounded.

`stream_check` reads a CSV (cells kept as text) or a Parquet file (GeoParquet with WKB points,
or plain Parquet with latitude/longitude columns) one block or row group at a time, checks the
points and writes each checked chunk straight to a CSV or GeoParquet output. Statuses, the bank
and the ``zones`` columns are written as Arrow dictionaries built from the checker's codes (no
Python string per row). Other outputs (GeoJSON, GeoPackage) collect the chunks and are written
at the end, as GDAL needs.
"""

from __future__ import annotations

import copy
import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from geo_deconflict.check import _lines
from geo_deconflict.check._ahead import prefetch
from geo_deconflict.check._arrow import from_numpy, string_array, to_numpy
from geo_deconflict.check._codes import Combos, Factorized
from geo_deconflict.check._dates import _apply_states, _force_states
from geo_deconflict.check._parquet import ParquetSource, empty_batch, plain_types, write_parquet
from geo_deconflict.check.checker import _BANKS, _STATUSES, ZoneChecker, _dates
from geo_deconflict.check.core import ACLED_PRECISION_M, region_counts
from geo_deconflict.errors import CoordinateError, GeoDeconflictError, InputFileError, brief
from geo_deconflict.geo.coords import check_lonlat
from geo_deconflict.geo.geodesy import GEOD
from geo_deconflict.geo.io import atomic_path
from geo_deconflict.incidents.records import check_date_cells, day_ranges, iso_days

__all__ = ["open_source", "point_coordinates", "stream_check"]

_STATUS_DICT = string_array(_STATUSES)
assert _STATUSES.index("inactive") == 3 and len(_STATUSES) == 4  # as `check._dates` codes them
_BANK_DICT = string_array(_BANKS)
_CSV_MIN_BLOCK = 1 << 20
_CSV_MAX_BLOCK = 1 << 28


def open_source(src: Path, in_fmt: str, chunk_rows: int):
    """A streamed reader of `src` (``CSV`` or ``GeoParquet``: any .parquet file), or None if
    this reader cannot take the file (a CSV header with repeated names, a GeoParquet file in
    another CRS or with non-WKB geometry): the caller then reads it whole.

    The reader has ``names`` (its columns, the geometry column left out), ``geometry`` (the
    WKB column of a GeoParquet file, else None) and ``batches(progress)``.
    """
    source = _CsvSource(src, chunk_rows) if in_fmt == "CSV" else ParquetSource.open(src, chunk_rows)
    return source if source.usable else None


def stream_check(source, dst: Path, *, out_fmt: str, checker: ZoneChecker, summary,
                 lon: str | None, lat: str | None, date_column: str | None,
                 uncertainty_column: str | None, precision_column: str | None,
                 distances: bool, overwrite: bool, distance_max_m: float | None = None,
                 progress: Callable[[int, int], None] | None = None, strict_dates: bool = False,
                 time_precision_column: str | None = None):
    """Check every chunk of `source` and write it to `dst` as it comes (CSV or GeoParquet).

    A CSV written from a CSV keeps each input line as it is and appends the added cells
    (`check._lines`). For any other `out_fmt` nothing is written: the checked chunks are
    returned as one GeoDataFrame for the caller to write (GDAL formats are written whole).
    With `strict_dates`, the date cells are first read as the incident readers read them
    (`incidents.records.check_date_cells`: the same one-line error as `check_dates`). With
    `time_precision_column`, each date is widened by its ACLED code (`check._dates`)."""
    for zid in checker.zone_ids:  # every zone is counted, even in a file without rows
        summary.inside.setdefault(zid, 0)
        summary.ambiguous.setdefault(zid, 0)
    options = {"checker": checker, "summary": summary, "lon": lon, "lat": lat,
               "date_column": date_column, "distances": distances,
               "distance_max_m": distance_max_m, "uncertainty_column": uncertainty_column,
               "precision_column": precision_column, "strict_dates": strict_dates,
               "time_precision_column": time_precision_column}
    if out_fmt == "CSV" and isinstance(source, _CsvSource):
        needed = [c for c in (lon, lat, date_column, uncertainty_column, precision_column,
                              time_precision_column) if c]
        lines = _lines.CsvLines.open(source, checker=checker, distances=distances,
                                     needed=needed)
        if lines is not None:
            before = copy.deepcopy(summary)
            try:
                return _lines.write(_stages(lines, progress, options, lines.render,
                                            lines.combos), dst, lines.header,
                                    overwrite=overwrite)
            except _lines.Misaligned:  # quoting the line reader does not follow: Arrow's
                summary.__dict__.update(before.__dict__)
    combos = Combos(checker.zone_ids)
    if getattr(source, "coded", None):  # an input column the check replaces is not kept
        added = {"bank", "euphrates_offset_m", "zones", "zones_ambiguous",
                 *(f"in_{z}" for z in checker.zone_ids), *(f"dist_{z}_m" for z in checker.zone_ids)}
        source.coded = {k: v for k, v in source.coded.items() if k not in added}

    def render(batch, checked: Checked) -> tuple[pa.RecordBatch, Checked]:
        return _record_batch(batch, source, checked, checker, combos), checked

    batches = _stages(source, progress, options, render, combos)
    if out_fmt == "CSV":
        return _write_csv(batches, dst, overwrite, source)
    if out_fmt == "GeoParquet":
        return write_parquet(batches, dst, overwrite, source)
    return _collect(batches, source)


@dataclass
class Checked:
    """One checked chunk: the points' lon, lat, the codes (zones, then the bank; see
    `ZoneChecker._arrays`), the signed distances or None, and the codes by combination."""

    x: np.ndarray
    y: np.ndarray
    codes: np.ndarray
    dists: np.ndarray | None
    found: Factorized


def _stages(source, progress, options, render, combos: Combos) -> Iterator:
    """Three stages in step: reading the next chunks, checking (and rendering) one, writing
    the last (Arrow and numpy release the GIL, so they overlap on several cores). The reader
    may run three chunks ahead: it keeps working while the checker prepares its rasters on
    the first chunk."""
    return prefetch(_checked(batch, source, render, first_row=offset + source.first_row,
                             combos=combos, **options)
                    for batch, offset in prefetch(source.batches(progress), depth=3))


def _checked(batch, source, render, **options):
    """`_check_batch`, then `render`; a GeoParquet file has features, not rows, and its
    messages say so."""
    try:
        checked = _check_batch(batch, source, **options)
    except GeoDeconflictError as err:
        if source.geometry is not None:
            err.args = (str(err).replace("(row ", "(feature "), *err.args[1:])
        raise
    return render(batch, checked)


# ------------------------------------------------------------------------------------ sources

class _CsvSource:
    """A CSV read in blocks of about `chunk_rows` rows, every cell as text."""

    geometry = None
    geo_meta = None
    first_row = 2  # the header is row 1, as a spreadsheet shows it

    def __init__(self, path: Path, chunk_rows: int):
        self.path = path
        self.delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                self.names = next(csv.reader(handle, delimiter=self.delimiter), [])
                sample = handle.read(1 << 20)
        except (UnicodeDecodeError, csv.Error):
            self.names = []
            sample = ""
        # repeated or missing names: the pandas reader (which renames them) takes the file
        self.usable = bool(self.names) and len(set(self.names)) == len(self.names) \
            and all(self.names)
        per_row = len(sample.encode()) / max(sample.count("\n"), 1) if sample else 100
        self.block = int(min(max(chunk_rows * per_row, _CSV_MIN_BLOCK), _CSV_MAX_BLOCK))

    def batches(self, progress) -> Iterator[tuple[pa.RecordBatch, int]]:
        import pyarrow.csv as pa_csv

        total = self.path.stat().st_size
        read = pa_csv.ReadOptions(column_names=self.names, skip_rows=1, block_size=self.block)
        parse = pa_csv.ParseOptions(delimiter=self.delimiter, newlines_in_values=True)
        convert = pa_csv.ConvertOptions(column_types=dict.fromkeys(self.names, pa.string()),
                                        strings_can_be_null=False,
                                        quoted_strings_can_be_null=False)
        offset = 0
        try:
            with self.path.open("rb") as handle:
                reader = pa_csv.open_csv(handle, read_options=read, parse_options=parse,
                                         convert_options=convert)
                for batch in reader:
                    if batch.num_rows:
                        yield batch, offset
                    offset += batch.num_rows
                    if progress is not None:
                        progress(min(handle.tell(), total), total)
                if not offset:  # a header and no rows: an empty output with every column
                    yield empty_batch(reader.schema), 0
        except pa.ArrowInvalid as err:
            reason = str(err).strip().splitlines()[0] if str(err).strip() else "unreadable"
            msg = f"cannot read {self.path} as CSV: {reason}"
            raise InputFileError(msg) from None


# -------------------------------------------------------------------------------- the check

def _check_batch(batch: pa.RecordBatch, source, *, first_row: int, checker: ZoneChecker,
                 summary, combos: Combos, lon, lat, date_column, uncertainty_column,
                 precision_column, distances, distance_max_m, strict_dates=False,
                 time_precision_column=None) -> Checked:
    """Check the points of one batch (counted in `summary`); a bad value names its row."""

    def cells(name: str) -> pa.Array:  # a text column read as a dictionary: its text
        values = batch.column(name)
        return values.dictionary_decode() if pa.types.is_dictionary(values.type) else values

    dates = None
    if date_column is not None and strict_dates:  # a bad date first, as `check_dates` did
        dates = _day_codes(batch.column(date_column), first_row, date_column,
                           strict=source.path)
    if source.geometry is None:
        x, y = _numbers(cells(lon)), _numbers(cells(lat))
        extent = np.zeros(len(x))
    else:
        x, y, extent = _wkb_points(batch.column(source.geometry), source.path, first_row)
    try:
        check_lonlat(x, y, first_row=first_row)
    except CoordinateError as err:
        raw = ""
        if source.geometry is None:
            bad = np.flatnonzero(~((np.abs(x) <= 180) & (np.abs(y) <= 90)))
            if bad.size:
                i = int(bad[0])
                raw = (f": {lat}={brief(cells(lat)[i].as_py())}, "
                       f"{lon}={brief(cells(lon)[i].as_py())}")
        raise CoordinateError(f"{err}{raw}") from None
    unc = extent
    if uncertainty_column is not None:  # blank: none; anything but metres >= 0: an error
        column = cells(uncertainty_column)
        metres = _numbers(column)
        _refuse(column, ~_blank(column) & ~(np.isfinite(metres) & (metres >= 0)), first_row,
                f"{uncertainty_column} {{}} is not a distance in metres >= 0")
        unc = np.fmax(unc, np.nan_to_num(metres, nan=0.0))
    if precision_column is not None:
        column = cells(precision_column)
        codes = _numbers(column)
        _refuse(column, ~_blank(column) & ~np.isin(codes, (1, 2, 3)), first_row,
                f"{precision_column} {{}} is not an ACLED precision code 1, 2 or 3")
        radius = np.zeros(len(codes))
        for code, metres in ACLED_PRECISION_M.items():
            radius[codes == code] = metres
        unc = np.fmax(unc, radius)
    widen = None
    if time_precision_column is not None and date_column is not None:
        column = cells(time_precision_column)
        widen = _numbers(column)
        _refuse(column, ~_blank(column) & ~np.isin(widen, (1, 2, 3)), first_row,
                f"{time_precision_column} {{}} is not an ACLED time precision code 1, 2 or 3")
    if date_column is not None and not strict_dates:  # read once here, with its row
        dates = _day_codes(batch.column(date_column), first_row, date_column)
    _, codes, dists = checker._arrays(x, y, unc, None, distances, distance_max_m)
    if dates is not None:
        _mark_day_codes(codes, checker.zones, *dates, widen)
    found = combos.factorize(codes)
    combos.count(found, summary)
    summary.rows += len(x)
    outside, swapped = region_counts(x, y)
    summary.outside += outside
    summary.swapped += swapped
    return Checked(x=x, y=y, codes=codes, dists=dists, found=found)


def _record_batch(batch: pa.RecordBatch, source, checked: Checked, checker: ZoneChecker,
                  combos: Combos) -> pa.RecordBatch:
    """The input columns, then the added ones (statuses, bank and zones as dictionaries)."""
    codes, dists = checked.codes, checked.dists
    added: dict[str, pa.Array] = {}
    for i, zid in enumerate(checker.zone_ids):
        added[f"in_{zid}"] = pa.DictionaryArray.from_arrays(from_numpy(codes[i]), _STATUS_DICT)
        if dists is not None:
            added[f"dist_{zid}_m"] = from_numpy(dists[i].round(3), nan_is_null=True)
    added["bank"] = pa.DictionaryArray.from_arrays(from_numpy(codes[-1]), _BANK_DICT)
    if dists is not None:
        added["euphrates_offset_m"] = from_numpy(dists[-1].round(3), nan_is_null=True)
    added["zones"], added["zones_ambiguous"] = combos.zone_columns(checked.found)
    keep = [n for n in source.names if n not in added]
    arrays = [batch.column(n) for n in keep] + list(added.values())
    # the statuses, bank and zones are never null: declared so, a Parquet writer stores no
    # definition levels for them (a fifth of the write)
    fields = [batch.schema.field(n) for n in keep] + [
        pa.field(name, values.type, nullable=not pa.types.is_dictionary(values.type))
        for name, values in added.items()]
    if source.geometry is not None:  # last, as a GeoDataFrame writes it
        arrays.append(batch.column(source.geometry))
        fields.append(batch.schema.field(source.geometry))
    return pa.RecordBatch.from_arrays(arrays, schema=pa.schema(fields))


def _day_codes(column: pa.Array, first_row: int, what: str, strict: Path | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
    """(The distinct days (datetime64[D], NaT where blank), the index of each row's day): a
    column read as a dictionary of ISO dates gives them as they are, another is read by
    `_days` and its days hashed."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if pa.types.is_dictionary(column.type) and column.null_count == 0 and len(column.dictionary):
        ok, days = iso_days(column.dictionary.cast(pa.string()))
        index = to_numpy(column.indices)
        if ok.all() or ok[index].all():
            return days.astype("datetime64[D]"), index
    per_row = _days(column, first_row, what, strict)
    coded = pc.dictionary_encode(from_numpy(per_row.view(np.int64)))
    return to_numpy(coded.dictionary).view("datetime64[D]"), to_numpy(coded.indices)


def _mark_day_codes(codes: np.ndarray, zones, days: np.ndarray, index: np.ndarray,
                    widen: np.ndarray | None = None) -> None:
    """Mark each zone's status for the rows' dates as the checker does with per-row dates
    (`check._dates`: inactive, or ambiguous when in force on part of a row's range), each
    distinct day worked out once: the (zones x days) states are gathered by row.

    With `widen` (each row's ACLED time_precision, NaN where blank), each distinct day is
    judged as the day itself, its week and its month, and a row takes the one its code
    names (column ``4 * day + code`` of the (zones x 4 days) states)."""
    zones = list(zones)
    if widen is not None and np.any(widen >= 2):
        first, last = day_ranges(np.repeat(days, 4), np.tile([1.0, 1.0, 2.0, 3.0], len(days)))
        code = np.nan_to_num(widen, nan=0.0).astype(np.int64)
        index = index.astype(np.int64) * 4 + code
    else:
        first = last = days
    _apply_states(codes[:len(zones)], _force_states(zones, first, last), index)


def _days(column: pa.Array, first_row: int, what: str, strict: Path | None = None
          ) -> np.ndarray:
    """Days (datetime64[D], NaT where blank): ``YYYY-MM-DD`` cells read from their bytes
    (`incidents.records.iso_days`), and the whole column by `checker._dates` (every other
    form, errors with their row) if any cell is in another form. With `strict` (the file),
    the other cells are first read by `incidents.records.check_date_cells`."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    if pa.types.is_dictionary(column.type):  # each distinct date read once, if all are ISO
        ok, days = iso_days(column.dictionary.cast(pa.string()))
        if column.null_count == 0 and len(column.dictionary):
            index = to_numpy(column.indices)
            if ok[index].all():
                return days[index].astype("datetime64[D]")
        column = column.dictionary_decode()
    text = column.cast(pa.string())
    ok, days = iso_days(text)
    if strict is not None and not ok.all():
        check_date_cells(text, column=what, path=strict, first_row=first_row, ok=ok)
    if not ok.all():
        blank = _blank(text)
        if (~ok & ~blank).any():
            return _dates(text.to_numpy(zero_copy_only=False), len(text), first_row=first_row,
                          what=what)
    out = days.astype("datetime64[D]")
    if not ok.all():
        out[~ok] = np.datetime64("NaT")
    return out


def _blank(column: pa.Array) -> np.ndarray:
    """True for null or blank cells."""
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        return to_numpy(column.is_null())
    length = pc.utf8_length(pc.utf8_trim_whitespace(column))  # no Python scalar: no pandas
    return to_numpy(pc.fill_null(length, 0)) == 0


def _refuse(column: pa.Array, bad: np.ndarray, first_row: int, message: str) -> None:
    """An `InputFileError` naming the first bad cell's value and row, if any."""
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        value = brief(column[i].as_py())
        raise InputFileError(f"{message.format(value)} (row {i + first_row})")


def _numbers(column: pa.Array) -> np.ndarray:
    """Floats from a numeric or text column; unreadable values are NaN."""
    if pa.types.is_floating(column.type) or pa.types.is_integer(column.type):
        return to_numpy(pc.cast(column, pa.float64()))
    try:
        return to_numpy(pc.cast(column, pa.float64()))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        import pandas as pd

        return pd.to_numeric(pd.Series(column.to_numpy(zero_copy_only=False)),
                             errors="coerce").to_numpy(dtype=float)


def _wkb_points(column: pa.Array, path: Path, first_row: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """lon, lat and an extent radius from WKB: little-endian 2D points read straight from the
    buffer; anything else (lines, polygons, big-endian) through shapely."""
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    n = len(column)
    if column.null_count == 0 and pa.types.is_binary(column.type) and n:
        offsets = np.frombuffer(column.buffers()[1], dtype=np.int32)[column.offset:
                                                                     column.offset + n + 1]
        if np.all(np.diff(offsets) == 21):
            data = np.frombuffer(column.buffers()[2], dtype=np.uint8)
            rec = data[offsets[0]:offsets[-1]].reshape(n, 21)
            head = rec[:, :5]
            if np.all(head[:, 0] == 1) and np.all(head[:, 1:5] == (1, 0, 0, 0)):
                xy = np.ascontiguousarray(rec[:, 5:]).view("<f8")
                return xy[:, 0].copy(), xy[:, 1].copy(), np.zeros(n)
    geoms = shapely.from_wkb(column.to_numpy(zero_copy_only=False))
    return point_coordinates(geoms, path, first=first_row - 1)


def point_coordinates(geoms, src: Path, *, first: int = 0):
    """lon, lat and an extent radius (0 for points) for each feature of a vector file
    (`first`: how many features come before these, for messages)."""
    if len(geoms) and (shapely.is_missing(geoms) | shapely.is_empty(geoms)).any():
        i = int(np.flatnonzero(shapely.is_missing(geoms) | shapely.is_empty(geoms))[0])
        msg = f"feature {first + i + 1} of {src} has no geometry"
        raise InputFileError(msg)
    kinds = shapely.get_type_id(geoms)
    points = kinds == 0
    x = np.full(len(geoms), np.nan)
    y = np.full(len(geoms), np.nan)
    extent = np.zeros(len(geoms))
    if points.any():
        x[points], y[points] = shapely.get_x(geoms[points]), shapely.get_y(geoms[points])
    for i in np.flatnonzero(~points):  # lines, polygons, multipoints: an uncertain location
        centre = shapely.point_on_surface(geoms[i])
        coords = shapely.get_coordinates(geoms[i])
        x[i], y[i] = centre.x, centre.y
        _, _, d = GEOD.inv(np.full(len(coords), centre.x), np.full(len(coords), centre.y),
                           coords[:, 0], coords[:, 1])
        extent[i] = float(np.max(d)) if len(coords) else 0.0
    return x, y, extent


# ------------------------------------------------------------------------------------ writers

def _write_csv(batches, dst: Path, overwrite: bool, source) -> None:
    import pyarrow.csv as pa_csv

    with atomic_path(dst, overwrite=overwrite) as tmp:
        writer = None
        try:
            for batch, _ in batches:
                batch = plain_types(batch, source)
                if source.geometry is not None:
                    batch = _wkt_geometry(batch, source.geometry)
                if writer is None:
                    writer = pa_csv.CSVWriter(str(tmp), batch.schema)
                writer.write_batch(batch)
        finally:
            if writer is not None:
                writer.close()


def _collect(batches, source):
    """The checked chunks as one GeoDataFrame (for GeoJSON and GeoPackage, which GDAL writes
    whole), categories as plain text."""
    import geopandas as gpd

    parts, xs, ys = [], [], []
    for batch, checked in batches:
        parts.append(plain_types(batch, source))
        xs.append(checked.x)
        ys.append(checked.y)
    table = pa.Table.from_batches(parts)
    if source.geometry is not None:
        geometry = shapely.from_wkb(table.column(source.geometry).to_numpy(zero_copy_only=False))
        table = table.drop_columns([source.geometry])
    else:
        geometry = shapely.points(np.concatenate(xs), np.concatenate(ys))
    frame = table.to_pandas()
    for col in frame.columns:  # plain text for GDAL, whatever the categories
        if frame[col].dtype.name == "category":
            frame[col] = frame[col].astype(str)
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


def _wkt_geometry(batch: pa.RecordBatch, column: str) -> pa.RecordBatch:
    i = batch.schema.get_field_index(column)
    wkb = batch.column(i).to_numpy(zero_copy_only=False)
    return batch.set_column(i, column, pa.array(shapely.to_wkt(shapely.from_wkb(wkb))))

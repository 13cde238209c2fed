"""Parquet in and out for `check.stream`: a row-group reader and a streamed GeoParquet writer.

Text columns that the input file stores dictionary-encoded (as most writers do for columns
with few distinct values: dates, actors, countries) are read as Arrow dictionaries and
written back as dictionaries, so that no cell is decoded into a string and hashed again; the
output's Arrow schema still gives them their input type, so the output reads back with the
same types and values as if each cell had been copied. The added categorical columns
(statuses, bank, zones) are written from their codes, and other text columns with few
distinct values (checked on the first chunk) are dictionary-encoded too. The added columns are
declared not null (no definition levels to write), and the WKB geometry of a GeoParquet input
is written back as the bytes it was read as.

This module needs pyarrow and numpy only (not shapely, pandas or the checker): `reading_ahead`
starts reading a file's first chunks while the command still imports those and loads the zones.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa

from geo_deconflict.check._ahead import Ahead
from geo_deconflict.errors import InputFileError
from geo_deconflict.geo.io import atomic_path

__all__ = ["ParquetSource", "empty_batch", "reading_ahead", "wkb_from_xy", "write_parquet"]

# A text column stored with a dictionary of at most this share of its first row group is read
# as a dictionary (its first _SAMPLE_ROWS rows tell), and one with at most this share of
# distinct values in the first chunk is written with one.
_DISTINCT_MAX_SHARE = 0.05
_SAMPLE_ROWS = 10_000
_WRITE_BATCH_ROWS = 32_768


class ParquetSource:
    """A Parquet file read a row group (or `chunk_rows` rows) at a time.

    GeoParquet (``geo`` metadata): the primary geometry column, WKB in lon/lat. Plain Parquet:
    coordinates from latitude/longitude columns (`find_coordinate_columns`). ``coded`` maps
    the text columns read as dictionaries to their type in the file."""

    first_row = 1  # rows (features) count from 1: there is no header row

    def __init__(self, path: Path, chunk_rows: int):
        import pyarrow.parquet as pq

        self.path = path
        self.chunk_rows = chunk_rows
        self._ahead: Ahead | None = None  # the chunks being read (`reading_ahead`)
        try:
            # no pre-buffering: with it, the reader keeps every row group read (memory
            # would grow with the file)
            plain = pq.ParquetFile(path, pre_buffer=False)
            schema = plain.schema_arrow
            self.coded = _coded_columns(path, plain.metadata, schema)
            self.file = pq.ParquetFile(path, read_dictionary=list(self.coded),
                                       pre_buffer=False) if self.coded else plain
        except (pa.ArrowException, OSError) as err:
            reason = str(err).strip().splitlines()[0] if str(err).strip() else "unreadable"
            msg = f"cannot read {path} as Parquet: {reason}"
            raise InputFileError(msg) from None
        self.schema = schema  # as the file gives it (no dictionaries read)
        self.names = schema.names
        meta = schema.metadata or {}
        self.geometry = None
        self.geo_meta = None
        self.usable = True
        if b"geo" in meta:
            try:
                geo = json.loads(meta[b"geo"])
                column = geo["primary_column"]
                info = geo["columns"][column]
            except (ValueError, KeyError, TypeError):
                self.usable = False
                return
            self.geometry, self.geo_meta = column, geo
            self.usable = (str(info.get("encoding", "")).upper() == "WKB"
                           and _is_lonlat(info.get("crs", "OGC:CRS84")))
            self.names = [n for n in self.names if n != column]
            self.coded.pop(column, None)

    @classmethod
    def open(cls, path: Path, chunk_rows: int) -> ParquetSource:
        """The source of `path` already being read (`reading_ahead`), else a new one."""
        key = _ahead_key(path, chunk_rows)
        source = _AHEAD.pop(key, None) if key is not None else None
        return source if source is not None else cls(path, chunk_rows)

    def batches(self, progress) -> Iterator[tuple[pa.RecordBatch, int]]:
        """(batch, rows before it) for every chunk; `progress(bytes, total)` after each."""
        total = max(self.file.metadata.num_rows, 1)
        size = self.path.stat().st_size
        ahead, self._ahead = self._ahead, None
        try:
            for batch, offset in (self._read() if ahead is None else ahead):
                yield batch, offset
                if progress is not None:
                    progress(int(size * (offset + batch.num_rows) / total), size)
        finally:
            if ahead is not None:
                ahead.close()

    def _read(self) -> Iterator[tuple[pa.RecordBatch, int]]:
        offset = 0
        try:
            # one thread: the stream already reads, checks and writes on their own threads
            for batch in self.file.iter_batches(batch_size=self.chunk_rows, use_threads=False):
                if batch.num_rows:
                    yield batch, offset
                offset += batch.num_rows
            if not offset:
                yield empty_batch(self.file.schema_arrow), 0
        except (pa.ArrowException, OSError) as err:
            reason = str(err).strip().splitlines()[0] if str(err).strip() else "unreadable"
            msg = f"cannot read {self.path} as Parquet: {reason}"
            raise InputFileError(msg) from None


# Sources being read ahead (`reading_ahead`), by file (path, size, time) and chunk size.
_AHEAD: dict[tuple, ParquetSource] = {}


def _ahead_key(path: Path, chunk_rows: int) -> tuple | None:
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return os.path.realpath(path), stat.st_size, stat.st_mtime_ns, chunk_rows


@contextlib.contextmanager
def reading_ahead(path: str | Path, chunk_rows: int, *, depth: int = 3) -> Iterator[None]:
    """Read the first chunks of a Parquet file in a thread while the caller gets ready (a
    command imports its modules and loads the zones meanwhile, on one core): within the
    block, `ParquetSource.open` of the same file and chunk size takes the source as it is,
    chunks read included. A file that cannot be read so is left alone (opening it later
    gives the error); a source not taken is closed at the end of the block."""
    path = Path(path)
    key = _ahead_key(path, chunk_rows)
    source = None
    if key is not None:
        try:
            source = ParquetSource(path, chunk_rows)
        except InputFileError:
            source = None
    if source is not None and source.usable:
        source._ahead = Ahead(source._read(), depth)
        _AHEAD[key] = source
    try:
        yield
    finally:
        if source is not None:
            if _AHEAD.get(key) is source:
                del _AHEAD[key]
            if source._ahead is not None:  # never taken
                source._ahead.close()
                source._ahead = None


def _coded_columns(path: Path, metadata, schema: pa.Schema) -> dict[str, pa.DataType]:
    """{name: type} of the top-level text columns with dictionary pages in every row group
    whose first dictionary is small against its row group (a writer falls back to plain pages
    once a dictionary grows large: ids and notes are read as text). Only the first rows are
    read, as dictionaries (no hashing of values)."""
    import pyarrow.parquet as pq

    if not metadata.num_row_groups:
        return {}
    position = {metadata.schema.column(i).path: i for i in range(metadata.num_columns)}
    text = {f.name: f.type for f in schema if f.name in position
            and (pa.types.is_string(f.type) or pa.types.is_large_string(f.type))}
    text = {name: kind for name, kind in text.items()
            if all(metadata.row_group(g).column(position[name]).has_dictionary_page
                   for g in range(metadata.num_row_groups))}
    if not text:
        return {}
    sample = pq.ParquetFile(path, read_dictionary=list(text), pre_buffer=False)
    first = next(sample.iter_batches(batch_size=_SAMPLE_ROWS, columns=list(text),
                                     use_threads=False))
    rows = metadata.row_group(0).num_rows
    return {name: kind for name, kind in text.items()
            if len(first.column(name).dictionary) <= _DISTINCT_MAX_SHARE * rows}


def empty_batch(schema: pa.Schema) -> pa.RecordBatch:
    """A batch without rows with every column of `schema`."""
    return pa.RecordBatch.from_arrays([pa.array([], type=f.type) for f in schema],
                                      schema=schema)


def _is_lonlat(crs) -> bool:
    """True for a GeoParquet ``crs`` that is WGS84 longitude/latitude (or absent: CRS84)."""
    if crs is None or crs == "OGC:CRS84":
        return True
    if _wgs84_id(crs):  # as most writers give it: no need to import pyproj (0.08 s)
        return True
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        value = CRS.from_json_dict(crs) if isinstance(crs, dict) else CRS.from_user_input(crs)
        return value.equals("EPSG:4326", ignore_axis_order=True)
    except CRSError:
        return False


def _wgs84_id(crs) -> bool:
    """True for a PROJJSON geographic CRS identified as EPSG:4326 or OGC:CRS84 (WGS84;
    GeoParquet coordinates are longitude, latitude whatever the CRS's axis order).

    Examples
    --------
    >>> _wgs84_id({"type": "GeographicCRS", "id": {"authority": "EPSG", "code": 4326}})
    True
    >>> _wgs84_id({"type": "ProjectedCRS", "id": {"authority": "EPSG", "code": 32637}})
    False
    """
    if not isinstance(crs, dict) or crs.get("type") != "GeographicCRS":
        return False
    ident = crs.get("id")
    if not isinstance(ident, dict):
        return False
    key = (str(ident.get("authority", "")).upper(), str(ident.get("code", "")).upper())
    return key in {("EPSG", "4326"), ("OGC", "CRS84")}


def plain_types(batch: pa.RecordBatch, source) -> pa.RecordBatch:
    """`batch` with the columns read as dictionaries (`ParquetSource.coded`) decoded back to
    their type in the file (for the writers that do not keep dictionaries as they are)."""
    coded = getattr(source, "coded", None)
    if not coded:
        return batch
    for name, kind in coded.items():
        i = batch.schema.get_field_index(name)
        if i >= 0 and pa.types.is_dictionary(batch.schema.field(i).type):
            batch = batch.set_column(i, pa.field(name, kind), batch.column(i).cast(kind))
    return batch


def write_parquet(batches, dst: Path, overwrite: bool, source) -> None:
    """Write the checked `(batch, checked)` chunks as GeoParquet, one row group each."""
    import pyarrow.parquet as pq

    with atomic_path(dst, overwrite=overwrite) as tmp:
        writer = None
        try:
            for batch, checked in batches:
                if source.geometry is None:
                    batch = batch.append_column(pa.field("geometry", pa.binary(), False),
                                                wkb_from_xy(checked.x, checked.y))
                if writer is None:
                    meta = dict(batch.schema.metadata or {})
                    meta[b"geo"] = json.dumps(_geo_metadata(source, batch.schema)).encode()
                    schema = batch.schema.with_metadata(meta)
                    writer = pq.ParquetWriter(str(tmp), schema, **_options(batch, source))
                    stored = _stored_schema(schema, source)
                    if stored is not None:  # the columns read as dictionaries: their own type
                        writer.add_key_value_metadata({b"ARROW:schema": stored})
                writer.write_batch(batch)
        finally:
            if writer is not None:
                writer.close()


def _options(batch: pa.RecordBatch, source) -> dict:
    """Dictionary pages for the categorical columns and the text columns with few distinct
    values (trying them on every text column, ids and notes, costs more than the rest of the
    write); min/max statistics for the other columns but the geometry (WKB bytes have no
    useful order; every row group has every status)."""
    import pyarrow.compute as pc

    coded = [f.name for f in batch.schema if pa.types.is_dictionary(f.type)]
    sample = batch.slice(0, 4 * _SAMPLE_ROWS)
    n = sample.num_rows
    for f in batch.schema:
        if n and (pa.types.is_string(f.type) or pa.types.is_large_string(f.type)):
            distinct = pc.count_distinct(sample.column(f.name)).as_py()
            if distinct <= _DISTINCT_MAX_SHARE * n:
                coded.append(f.name)
    geometry = {source.geometry or "geometry"}
    stats = [f.name for f in batch.schema
             if f.name not in geometry and not pa.types.is_dictionary(f.type)]
    stats += [name for name in getattr(source, "coded", {}) if name in batch.schema.names]
    # values handed to the encoders 32,768 at a time rather than pyarrow's 1,024: a tenth
    # less writing (a page may then pass the 1 MB page size by one such run)
    return {"use_dictionary": coded, "write_statistics": stats,
            "write_batch_size": _WRITE_BATCH_ROWS}


def _stored_schema(schema: pa.Schema, source) -> bytes | None:
    """The Arrow schema to record in the file (base64 IPC, as pyarrow stores it) when some
    columns were read as dictionaries: those with their input type; else None."""
    coded = getattr(source, "coded", None)
    if not coded:
        return None
    fields = [pa.field(f.name, coded[f.name], f.nullable, f.metadata)
              if f.name in coded and pa.types.is_dictionary(f.type) else f for f in schema]
    stored = pa.schema(fields, metadata=schema.metadata)
    return base64.b64encode(stored.serialize().to_pybytes())


def wkb_from_xy(x: np.ndarray, y: np.ndarray) -> pa.Array:
    """Little-endian WKB points for lon/lat arrays, built in one numpy buffer."""
    rec = np.empty(len(x), dtype=[("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])
    rec["order"], rec["kind"], rec["x"], rec["y"] = 1, 1, x, y
    offsets = np.arange(0, 21 * (len(x) + 1), 21, dtype=np.int32)
    return pa.Array.from_buffers(pa.binary(), len(x),
                                 [None, pa.py_buffer(offsets), pa.py_buffer(rec.tobytes())])


_WGS84_PROJJSON: dict | None = None


def _geo_metadata(source, schema: pa.Schema) -> dict:
    global _WGS84_PROJJSON
    if source.geo_meta is not None:
        return source.geo_meta
    if _WGS84_PROJJSON is None:
        from pyproj import CRS

        _WGS84_PROJJSON = CRS.from_epsg(4326).to_json_dict()
    return {"version": "1.0.0", "primary_column": "geometry",
            "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"],
                                     "crs": _WGS84_PROJJSON}}}

"""The point check on a dask.distributed cluster, over partitioned GeoParquet (extra ``[dask]``).

Each partition is checked by the same `check.check_frame` as in-process; the zones are
prepared once per worker process. Input: a GeoParquet file or a folder of GeoParquet parts
(point geometries), or a CSV (split into blocks). Output: a folder of GeoParquet parts, written
beside the target and renamed into place only when complete.

Requires ``pip install 'geo_deconflict[dask]'`` (dask-geopandas and distributed).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo_deconflict.errors import GeoDeconflictError, InputFileError, OutputExistsError

__all__ = ["check_dask"]


def check_dask(src: str | Path, dst: str | Path, *, scheduler: str | None = None,
               n_workers: int = 2, processes: bool = True, spec: str | None = None,
               at: dt.date | None = None, bank_tolerance_m: float = 2_000.0,
               lon: str | None = None, lat: str | None = None, date_column: str | None = None,
               distances: bool = True, overwrite: bool = False, blocksize: str = "64MB",
               time_precision: bool = True, precision: bool = True,
               uncertainty_column: str | None = None,
               distance_max_m: float | None = None) -> int:
    """Check every point of `src` on a dask cluster and write GeoParquet parts to folder `dst`.

    Parameters
    ----------
    scheduler
        Address of a running dask scheduler (``tcp://host:8786``); None starts a LocalCluster
        of `n_workers` workers (`processes` False runs them as threads of this process).
    spec
        Zone spec path (the bundled zones if None); it must be readable by the workers.
    time_precision
        Widen the dates by an ACLED ``time_precision`` column, if any (see
        `check.check_points`).
    precision, uncertainty_column, distance_max_m
        As `check.files.check_file`: ACLED's ``geo_precision`` used as an uncertainty unless
        `precision` is False, an uncertainty column in metres (found by name if None), and
        distances given only up to `distance_max_m` from each boundary. Every partition's
        cells are validated as `check_file` validates them (rows counted from 1 in it).

    Returns
    -------
    int
        Number of rows written.
    """
    dask_geopandas, distributed = _imports()
    src, dst = Path(src), Path(dst)
    _check_target(dst, overwrite)
    if not src.exists():
        msg = f"file not found: {src}"
        raise InputFileError(msg)
    options = {"spec": spec, "at": at, "bank_tolerance_m": bank_tolerance_m,
               "date_column": date_column, "distances": distances,
               "distance_max_m": distance_max_m}
    if scheduler is None:
        # a failing partition is reported once, as this function's one-line error, not also
        # as a traceback logged by the worker
        cluster = distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1,
                                           processes=processes, dashboard_address=None,
                                           silence_logs=logging.CRITICAL)
    else:
        cluster = contextlib.nullcontext(scheduler)
    with cluster as address, distributed.Client(address) as client:
        del client  # the client is the default scheduler inside this block
        frame = _read(src, dask_geopandas, blocksize)
        from geo_deconflict.check.files import CheckSummary, _extra_columns

        geometry = frame._meta.geometry.name if isinstance(frame._meta, gpd.GeoDataFrame) \
            else None
        # the uncertainty, geo_precision and time_precision columns: given or found by name,
        # as `check_file` finds them
        options.update(_extra_columns([c for c in frame.columns if c != geometry],
                                      CheckSummary(), date_column, uncertainty_column, None,
                                      precision, src, None, time_precision))
        if geometry is not None:
            meta = _check_partition(frame._meta, geometry=True, lon=None, lat=None, **options)
            result = frame.map_partitions(_check_partition, geometry=True, lon=None, lat=None,
                                          meta=meta, **options)
        else:
            from geo_deconflict.check.files import find_coordinate_columns

            lon, lat = find_coordinate_columns(frame.columns, lon=lon, lat=lat, where=str(src))
            meta = _check_partition(frame._meta, geometry=False, lon=lon, lat=lat, **options)
            result = frame.map_partitions(_check_partition, geometry=False, lon=lon, lat=lat,
                                          meta=meta, **options)
        tmp = Path(tempfile.mkdtemp(prefix=f".{dst.name}.", suffix=".part", dir=dst.parent))
        try:
            result.to_parquet(tmp, write_index=False)
            rows = int(result.map_partitions(len).sum().compute())
            _check_target(dst, overwrite)
            if dst.exists():
                shutil.rmtree(dst) if dst.is_dir() else dst.unlink()
            tmp.rename(dst)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return rows


# ------------------------------------------------------------------------------------ helpers


def _imports():
    try:
        import dask_geopandas
        import distributed
    except ImportError:
        msg = ("the dask engine needs dask-geopandas and distributed: "
               "pip install 'geo_deconflict[dask]'")
        raise ImportError(msg) from None
    return dask_geopandas, distributed


_FILE_SUFFIXES = (".csv", ".tsv", ".txt", ".json", ".jsonl", ".geojson", ".gpkg", ".kml",
                  ".html")


def _check_target(dst: Path, overwrite: bool) -> None:
    if dst.suffix.lower() in _FILE_SUFFIXES:
        msg = (f"the dask engine writes a folder of GeoParquet parts, not a {dst.suffix} file: "
               f"give -o a folder name such as {dst.with_suffix('').name}.parquet")
        raise InputFileError(msg)
    if dst.exists() and not overwrite:
        msg = f"output {str(dst)!r} exists; pass --force to replace it"
        raise OutputExistsError(msg)
    if not dst.parent.exists():
        msg = f"the folder of output {str(dst)!r} does not exist"
        raise InputFileError(msg)


def _read(src: Path, dask_geopandas, blocksize: str):
    suffix = src.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        import dask.dataframe as dd

        return dd.read_csv(src, sep="\t" if suffix == ".tsv" else ",", dtype=str,
                           keep_default_na=False, blocksize=blocksize)
    if src.is_dir() or suffix in (".parquet", ".geoparquet"):
        try:
            return dask_geopandas.read_parquet(src)
        except Exception as err:  # noqa: BLE001 - Arrow errors have no common base class
            reason = str(err).splitlines()[0] if str(err) else type(err).__name__
            msg = f"cannot read {src} as GeoParquet: {reason}"
            raise InputFileError(msg) from None
    msg = f"the dask engine reads GeoParquet (a file or a folder of parts) or CSV, not {src.name}"
    raise InputFileError(msg)


@lru_cache(maxsize=4)
def _worker_checker(spec: str | None, at: dt.date | None, bank_tolerance_m: float):
    """Zones prepared once per worker process (and per option set)."""
    from geo_deconflict.check.checker import ZoneChecker
    from geo_deconflict.zones.core import build_zones

    return ZoneChecker(build_zones(spec), at=at, bank_tolerance_m=bank_tolerance_m)


def _check_partition(part: pd.DataFrame, *, geometry: bool, lon: str | None, lat: str | None,
                     partition_info=None, **options) -> pd.DataFrame:
    """Check one partition; an error names the partition (its rows are counted from 1 in it)."""
    try:
        return _check_part(part, geometry=geometry, lon=lon, lat=lat, **options)
    except GeoDeconflictError as err:
        if partition_info is None:
            raise
        msg = f"partition {partition_info['number'] + 1}: {err}"
        raise type(err)(msg) from None


def _check_part(part: pd.DataFrame, *, geometry: bool, lon: str | None, lat: str | None,
                spec, at, bank_tolerance_m, date_column, distances, distance_max_m=None,
                uncertainty_column=None, precision_column=None,
                time_precision_column=None) -> pd.DataFrame:
    from geo_deconflict.check.files import CheckSummary, _check_chunk

    checker = _worker_checker(spec, at, bank_tolerance_m)
    columns = {"date_column": date_column, "uncertainty_column": uncertainty_column,
               "precision_column": precision_column,
               "time_precision_column": time_precision_column}
    if geometry:
        geoms = part.geometry.values
        work = pd.DataFrame(part.drop(columns=part.geometry.name))
        work["__lon"] = np.asarray(geoms.x, dtype=float) if len(part) else np.zeros(0)
        work["__lat"] = np.asarray(geoms.y, dtype=float) if len(part) else np.zeros(0)
        out = _check_chunk(work, "__lon", "__lat", CheckSummary(), first_row=1,
                           checker=checker, distances=distances,
                           distance_max_m=distance_max_m, **columns)
        out = out.drop(columns=["__lon", "__lat"])
    else:   # (the check columns come as plain text, whatever the partition's categories)
        out = _check_chunk(part, lon, lat, CheckSummary(), first_row=1, checker=checker,
                           distances=distances, distance_max_m=distance_max_m, **columns)
    if geometry:
        return gpd.GeoDataFrame(out, geometry=part.geometry.values, crs=part.crs)
    points = gpd.points_from_xy(pd.to_numeric(part[lon], errors="coerce"),
                                pd.to_numeric(part[lat], errors="coerce"))
    return gpd.GeoDataFrame(out, geometry=points, crs="EPSG:4326")

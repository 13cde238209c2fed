"""``geo-deconflict check``: is a point (or every point of a file) inside the zones?"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
import json
import math
import os
import sys

import click

from geo_deconflict.cli._common import DATE, column_options, force_option, table, without_gc


@click.command("check")
@click.argument("file", required=False, type=click.Path(dir_okay=True, path_type=str))
@click.option("-o", "--output", type=click.Path(path_type=str),
              help="Output for FILE: .csv, .geojson, .gpkg or .parquet (a folder with "
                   "--engine dask).")
@click.option("--lat", type=float, help="Latitude of one point, decimal degrees.")
@click.option("--lon", type=float, help="Longitude of one point, decimal degrees.")
@click.option("--point", "point_text", metavar="TEXT",
              help="One point as text: DMS or decimal, e.g. \"33°30'21\\\"N 38°37'04\\\"E\".")
@click.option("--mgrs", "mgrs_text", metavar="REF",
              help="One MGRS reference; fewer digits mean a larger cell, checked as an area.")
@click.option("--place", metavar="NAME", help="A place name (Arabic or English) from the layers.")
@click.option("--radius-m", type=click.FloatRange(min=0), default=0.0, show_default=True,
              help="Location uncertainty of the point, metres.")
@click.option("--at", type=DATE, help="Only zones in force on this date (YYYY-MM-DD).")
@click.option("--zones", "spec", type=click.Path(dir_okay=False),
              help="Zone spec (YAML); the bundled zones by default.")
@click.option("--bank-tolerance-m", type=click.FloatRange(min=0), default=2_000.0,
              show_default=True, help="Within this distance of the Euphrates the bank is "
                                      "'ambiguous'.")
@click.option("--json", "as_json", is_flag=True, help="One point: print JSON instead of a table.")
@column_options
@click.option("--uncertainty-column", help="FILE: location uncertainty in metres per row "
                                           "(default: uncertainty_m if present).")
@click.option("--no-precision", is_flag=True,
              help="FILE: ignore an ACLED geo_precision column (used by default: 2 = 25 km, "
                   "3 = 100 km uncertainty).")
@click.option("--no-time-precision", is_flag=True,
              help="FILE: ignore an ACLED time_precision column beside the date column (used "
                   "by default: 2 = the week around the date, 3 = its month).")
@click.option("--no-distances", is_flag=True,
              help="FILE: skip the distance columns (much faster; statuses stay exact).")
@click.option("--distance-max-km", type=click.FloatRange(min=0), metavar="KM",
              help="FILE: distances only within KM of each boundary, blank beyond (much "
                   "faster; statuses stay exact).")
@click.option("--chunk-rows", type=click.IntRange(min=1), default=200_000, show_default=True,
              help="FILE: rows per chunk when streaming (CSV, Parquet).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local",
              show_default=True, help="FILE: 'dask' runs on a dask.distributed cluster "
                                      "(extra [dask]).")
@click.option("--scheduler", metavar="ADDRESS",
              help="--engine dask: a running scheduler; a LocalCluster otherwise.")
@click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="--engine dask: LocalCluster workers.")
@click.option("--progress/--no-progress", default=None,
              help="Progress bar on stderr (default: when stderr is a terminal).")
@force_option
def check(file, output, lat, lon, point_text, mgrs_text, place, radius_m, at, spec,
          bank_tolerance_m, as_json, lat_column, lon_column, date_column, uncertainty_column,
          no_precision, no_time_precision, no_distances, distance_max_km, chunk_rows, engine,
          scheduler, workers, progress, force):
    """Check one point, or every point of FILE, against the deconfliction zones.

    \b
    One point:  geo-deconflict check --lat 33.6 --lon 38.7
                geo-deconflict check --point "33°30'21\\"N 38°37'04\\"E" --at 2017-09-16
                geo-deconflict check --mgrs 37SDT6470306783 --json
                geo-deconflict check --place "دير الزور"
    A file:     geo-deconflict check events.csv -o checked.csv

    For each point: the status in each zone (in / out / ambiguous when the location's
    uncertainty reaches the boundary / inactive), the signed geodesic distance to each zone's
    boundary (metres, negative inside) and the bank of the Euphrates (left = east/north,
    right = west/south, ambiguous near the line). A file keeps all its columns and gains
    in_<zone>, dist_<zone>_m, bank, euphrates_offset_m, zones and zones_ambiguous.

    A file's date column (event_date, date_start or --date-column) makes a zone 'inactive'
    for a row dated outside its validity. With ACLED's time_precision beside it, the date
    is the week around it (2) or its month (3), as map and breaches read it: a zone in force
    on none of those days is 'inactive', on only some of them an 'in' is 'ambiguous'.
    """
    given = [name for name, value in (("--lat/--lon", lat is not None or lon is not None),
                                      ("--point", point_text), ("--mgrs", mgrs_text),
                                      ("--place", place)) if value]
    if file is not None:
        if given:
            raise click.UsageError(f"give FILE or {given[0]}, not both")
        if output is None:
            raise click.UsageError("FILE needs -o/--output")
        with without_gc():  # see _check_file
            _check_file(file, output, spec=spec, at=at, bank_tolerance_m=bank_tolerance_m,
                        lat_column=lat_column, lon_column=lon_column, date_column=date_column,
                        uncertainty_column=uncertainty_column, no_precision=no_precision,
                        no_time_precision=no_time_precision,
                        no_distances=no_distances, distance_max_km=distance_max_km,
                        chunk_rows=chunk_rows, engine=engine,
                        scheduler=scheduler, workers=workers, progress=progress, force=force)
        return
    if len(given) != 1:
        raise click.UsageError("give one point (--lat and --lon, --point, --mgrs or --place) "
                               "or a FILE" + (f"; got {', '.join(given)}" if given else ""))
    if output is not None:
        raise click.UsageError("-o/--output is for FILE; one point is printed")
    with without_gc():  # one point: the whole command is start-up
        location = _location(lat, lon, point_text, mgrs_text, place, radius_m)
        _check_one(location, spec=spec, at=at, bank_tolerance_m=bank_tolerance_m,
                   as_json=as_json, place=place)


def _location(lat, lon, point_text, mgrs_text, place, radius_m):
    from dataclasses import replace

    from geo_deconflict.check.core import resolve_place
    from geo_deconflict.geo.coords import parse_decimal, parse_mgrs, parse_point

    if point_text is not None:
        location = parse_point(point_text)
    elif mgrs_text is not None:
        location = parse_mgrs(mgrs_text)
    elif place is not None:
        location = resolve_place(place)
    else:
        if lat is None or lon is None:
            raise click.UsageError("give both --lat and --lon")
        location = parse_decimal(lat, lon)
    if radius_m > location.uncertainty_m:
        location = replace(location, uncertainty_m=radius_m)
    return location


def _check_one(location, *, spec, at, bank_tolerance_m, as_json, place=None):
    from geo_deconflict.check.core import check_location, place_doubt, region_warning
    from geo_deconflict.zones import build_zones

    zones = build_zones(spec)  # the bundled zones come prebuilt (zones.cache)
    if at is not None and not any(z.valid_at(at) for z in zones):
        raise click.ClickException(f"no zone of the spec is in force on {at}")
    result = check_location(location, zones=zones, at=at, bank_tolerance_m=bank_tolerance_m)
    warning = region_warning([location.lon], [location.lat])
    if warning and place is not None:  # a name, not coordinates: nothing can be swapped
        warning = (f"{place!r} resolved to {location.label or 'a place'} at "
                   f"{location.lat:.4f}, {location.lon:.4f}, outside the region of the zones")
    if warning:
        click.echo(f"Warning: {warning}", err=True)
    doubt = place_doubt(place) if place is not None else None
    if doubt:
        click.echo(f"Note: place uncertain: {doubt}", err=True)
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    loc = result["location"]
    ns, ew = ("N" if loc["lat"] >= 0 else "S"), ("E" if loc["lon"] >= 0 else "W")
    head = f"{abs(loc['lat']):.5f}°{ns} {abs(loc['lon']):.5f}°{ew}"
    if loc["label"]:
        head += f"  ({loc['label']})"
    if loc["uncertainty_m"]:
        kind = "area" if loc["area"] else "uncertainty"
        head += f"  {kind}: ±{_km(loc['uncertainty_m'])}"
    if at is not None:
        head += f"  zones in force on {at}"
    rows = []
    for z in result["zones"]:
        d = z["distance_m"]
        where = "inside" if d <= 0 else "outside"
        rows.append({"id": z["id"], "name": z["name_en"], "status": z["status"],
                     "dist": f"{_km(abs(d))} {where}",
                     "valid": f"{z['valid_from'] or '…'} to {z['valid_to'] or 'open'}"})
    click.echo(head)
    click.echo(table(rows, [("id", "zone"), ("name", "name"), ("status", "status"),
                            ("dist", "distance to boundary"), ("valid", "valid")]))
    bank = result["bank"] or "unknown (outside the river's region)"
    side = {"left": "left (east/north)", "right": "right (west/south)"}.get(bank, bank)
    offset = result["euphrates_offset_m"]
    if not math.isnan(offset):
        line_side = "left (east/north)" if offset > 0 else "right (west/south)"
        side += f", {_km(abs(offset))} from the river line"
        if bank == "ambiguous":
            side += f" on its {line_side} side (within the ±{_km(bank_tolerance_m)} band or the "
            side += "location's uncertainty)"
    click.echo(f"Euphrates bank: {side}")


def _km(metres: float) -> str:
    return f"{metres / 1000:,.3f} km" if metres < 100_000 else f"{metres / 1000:,.1f} km"


def _check_file(file, output, *, spec, at, bank_tolerance_m, lat_column, lon_column,
                date_column, uncertainty_column, no_precision, no_distances, chunk_rows, engine,
                scheduler, workers, progress, force, distance_max_km=None,
                no_time_precision=False):
    if engine == "dask":
        from geo_deconflict.check.dask_engine import check_dask

        date_column, strict = _date_column(file, date_column, read=False)
        if strict:  # read every date now, as every command reads them
            date_column, strict = _date_column(file, date_column, read=True)
        rows = check_dask(file, output, scheduler=scheduler, n_workers=workers, spec=spec,
                          at=at, bank_tolerance_m=bank_tolerance_m, lon=lon_column,
                          lat=lat_column, date_column=date_column,
                          distances=not no_distances, overwrite=force,
                          time_precision=not no_time_precision, precision=not no_precision,
                          uncertainty_column=uncertainty_column,
                          distance_max_m=None if distance_max_km is None
                          else distance_max_km * 1000.0)
        click.echo(f"wrote {rows:,} checked rows to {output} (GeoParquet parts, dask)")
        return
    _keep_freed_memory()
    ahead = contextlib.nullcontext()
    if str(file).lower().endswith(".parquet"):
        from geo_deconflict.check._parquet import reading_ahead

        # its first chunks are read on the other core while the modules and zones load
        ahead = reading_ahead(file, chunk_rows)
    with ahead:
        _check_local(file, output, spec=spec, at=at, bank_tolerance_m=bank_tolerance_m,
                     lat_column=lat_column, lon_column=lon_column, date_column=date_column,
                     uncertainty_column=uncertainty_column, no_precision=no_precision,
                     no_time_precision=no_time_precision,
                     no_distances=no_distances, distance_max_km=distance_max_km,
                     chunk_rows=chunk_rows, progress=progress, force=force)


def _check_local(file, output, *, spec, at, bank_tolerance_m, lat_column, lon_column,
                 date_column, uncertainty_column, no_precision, no_distances, chunk_rows,
                 progress, force, distance_max_km=None, no_time_precision=False):
    """The file checked in this process (`check_file`), and what it did printed."""
    date_column, strict = _date_column(file, date_column, read=False)
    # No collection (the caller's `without_gc`): the modules, zones and rasters loaded now
    # live until the process exits, and the stream frees what it makes by reference counting.
    # Afterwards neither the first collection nor the interpreter's last one at exit scans
    # them all again (see the end).
    _freeze_at_exit()
    from geo_deconflict.check.checker import ZoneChecker
    from geo_deconflict.check.files import check_file
    from geo_deconflict.zones import build_zones

    checker = ZoneChecker(build_zones(spec), at=at, bank_tolerance_m=bank_tolerance_m)
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    callback = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=None, unit="B", unit_scale=True, desc="checking", file=sys.stderr)

        def callback(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

    try:
        summary = check_file(
            file, output, checker=checker, lon=lon_column, lat=lat_column,
            date_column=date_column, uncertainty_column=uncertainty_column,
            use_precision=not no_precision, distances=not no_distances,
            distance_max_m=None if distance_max_km is None else distance_max_km * 1000.0,
            overwrite=force, chunk_rows=chunk_rows, progress=callback, strict_dates=strict,
            use_time_precision=not no_time_precision)
    finally:
        if bar is not None:
            bar.close()
    if not gc.get_freeze_count():  # what was made joins the oldest generation at once
        gc.freeze()
        gc.unfreeze()
    for warning in summary.warnings:
        click.echo(f"Warning: {warning}", err=True)
    if date_column and summary.time_precision_column:
        click.echo(f"dated by {date_column} widened by {summary.time_precision_column} (2 = the "
                   "week around it, 3 = its month): zones in force on none of a row's days are "
                   "'inactive', on only some of them 'in' is 'ambiguous'")
    elif date_column:
        click.echo(f"dated by {date_column}: zones not in force on a row's date are 'inactive'")
    used = f"{summary.lat_column}/{summary.lon_column}" if summary.lat_column else "geometry"
    extra = [c for c in (summary.precision_column, summary.uncertainty_column) if c]
    click.echo(f"wrote {summary.rows:,} rows to {output} (coordinates: {used}"
               + (f"; uncertainty from {', '.join(extra)}" if extra else "") + ")")
    rows = [{"zone": zid, "in": f"{summary.inside[zid]:,}",
             "ambiguous": f"{summary.ambiguous[zid]:,}"} for zid in checker.zone_ids]
    if rows:
        click.echo(table(rows, [("zone", "zone"), ("in", "in"), ("ambiguous", "ambiguous")]))
    banks = ", ".join(f"{k} {v:,}" for k, v in sorted(summary.banks.items()))
    click.echo(f"Euphrates bank: {banks}")


@functools.cache
def _keep_freed_memory() -> None:
    """Let the allocators keep what a chunk frees for the next one rather than hand it back
    to the system and fault it in again (a tenth of the CPU time of a streamed check went
    to zeroing new pages): Arrow's mimalloc (read when pyarrow loads, so only if it has not
    yet) and glibc's malloc, which numpy uses (larger blocks from the heap, trimmed late)."""
    os.environ.setdefault("MIMALLOC_PURGE_DELAY", "-1")
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, 32 << 20)   # M_MMAP_THRESHOLD: blocks up to 32 MB from the heap
        libc.mallopt(-1, 512 << 20)  # M_TRIM_THRESHOLD: give back only past 512 MB free
    except (OSError, AttributeError):  # not glibc: its defaults
        pass


@functools.cache
def _freeze_at_exit() -> None:
    """At exit, every object is frozen first (`gc.freeze`, once registered per process): the
    interpreter's last collection then skips what a command loaded (a tenth of a second)."""
    atexit.register(gc.freeze)


def _date_column(file, given, *, read: bool):
    """(The date column (given, or ACLED's event_date / UCDP's date_start), whether its
    values in a CSV are to be read as every command reads them: a bad one stops with the
    file, row and value). With `read`, a CSV's dates are read here, else by `check_file`
    as it streams the file (``strict_dates``)."""
    import csv
    from pathlib import Path

    from geo_deconflict.incidents.records import check_dates, find_date_column

    path = Path(file)
    if not path.is_file():
        return given, False
    if path.suffix.lower() not in (".csv", ".tsv"):
        return find_date_column(_vector_fields(path), given, where=str(path)), False
    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle, delimiter=sep), [])
    column = find_date_column(header, given, where=str(path))
    if column and read:
        check_dates(path, column, sep=sep)
    return column, bool(column) and not read


def _vector_fields(path):
    """Attribute names of a vector file without reading its features ([] if unknown)."""
    try:
        if path.suffix.lower() == ".parquet":
            import pyarrow.parquet as pq

            return pq.read_schema(path).names
        if path.suffix.lower() in (".geojson", ".gpkg", ".shp", ".fgb"):
            import pyogrio

            return list(pyogrio.read_info(path)["fields"])
    except Exception:  # noqa: BLE001 - unreadable here: check_file gives the error
        return []
    return []

"""Helpers shared by the command modules: option types and table output."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import unicodedata
from collections.abc import Iterator

import click


class DateParam(click.ParamType):
    """An ISO date (YYYY-MM-DD) given on the command line."""

    name = "DATE"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date as YYYY-MM-DD", param, ctx)


DATE = DateParam()

force_option = click.option("--force", is_flag=True,
                            help="Replace the output file if it exists.")


@contextlib.contextmanager
def without_gc() -> Iterator[None]:
    """No garbage collection while a command loads its modules and data (zones, gazetteer) or
    streams a file: loading makes hundreds of thousands of long-lived objects, which the
    collector would scan again and again as they come, and a streamed check frees what it
    makes by reference counting. Collection resumes as before afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else 1 for ch in text)


def table(rows: list[dict], columns: list[tuple[str, str]]) -> str:
    """Render rows as a plain fixed-width text table; `columns` are (key, header) pairs."""
    cells = [[("" if r.get(k) is None else str(r.get(k))) for k, _ in columns] for r in rows]
    headers = [h for _, h in columns]
    widths = [max([_width(h)] + [_width(c[i]) for c in cells]) for i, h in enumerate(headers)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(c) for c in cells)
    return "\n".join(out)


incidents_argument = click.argument("incidents", nargs=-1, type=click.Path(dir_okay=False))
skip_invalid_option = click.option(
    "--skip-invalid", is_flag=True,
    help="List records with a bad date or coordinate as skipped instead of stopping.")


def column_options(func):
    """``--lat-column``, ``--lon-column`` and ``--date-column``: the same in every command."""
    for option in reversed((
            click.option("--lat-column", help="Latitude column of a CSV (found by common names "
                                              "otherwise: latitude, lat, y_coord ...)."),
            click.option("--lon-column", help="Longitude column of a CSV (found by common names "
                                              "otherwise: longitude, lon, long, x_coord ...)."),
            click.option("--date-column", help="Date column of a CSV (ACLED's event_date or "
                                               "UCDP's date_start otherwise): YYYY-MM-DD or "
                                               "'16 September 2017'."))):
        func = option(func)
    return func


def load_records(paths, *, skip_invalid: bool, lat_column=None, lon_column=None,
                 date_column=None):
    """Incident records from `paths` (or the seed incidents when there are none) and the
    records skipped with their reasons; warns on stderr about records outside the region
    (saying so when latitude and longitude look swapped)."""
    from geo_deconflict.incidents.read import seed_incidents
    from geo_deconflict.incidents.records import Columns
    from geo_deconflict.incidents.records import load_records as _load

    if not paths:
        return seed_incidents(), []
    result = _load(paths, on_error="skip" if skip_invalid else "raise",
                   columns=Columns(lat=lat_column, lon=lon_column, date=date_column))
    warn_region([r.longitude for r in result.incidents], [r.latitude for r in result.incidents])
    return result.incidents, result.skipped


def warn_region(lon, lat) -> None:
    """Print the shared outside-the-region / swapped-coordinates warning, if any."""
    from geo_deconflict.check.core import region_warning

    if len(lon):
        warning = region_warning(lon, lat)
        if warning:
            click.echo(f"Warning: {warning}", err=True)

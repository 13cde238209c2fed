"""One reading of an incident record, whatever the command: date, coordinates, uncertainty.

`check`, `map`, `breaches` and `extract` all decide a record's

* **uncertainty** here: its own ``uncertainty_m`` when it has one, else the radius of its
  ACLED ``geo_precision`` (`PRECISION_UNCERTAINTY_M`, the one table of those radii); a
  metonymic place counts as region level (precision 3);
* **date** here: `parse_day` reads ``YYYY-MM-DD`` and ACLED's older ``16 September 2017``
  forms and fails with one message naming the column and value (`check_dates` gives it the
  file and row, as the incident readers do); `day_ranges` widens days by ACLED's
  ``time_precision`` (the week around the day, its month) as the ACLED reader does;
* **columns** here: `Columns` carries ``--lat-column``/``--lon-column``/``--date-column``;
  `resolve_columns` finds them by common names otherwise, and `load_records` reads CSV files
  of any layout through them into `Incident` records (ACLED and UCDP files need no options).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from geo_deconflict.errors import IncidentError, InputFileError
from geo_deconflict.incidents._values import parse_date
from geo_deconflict.incidents.model import Incident, Provenance, _guarded

__all__ = ["DATE_NAMES", "LAT_NAMES", "LON_NAMES", "PRECISION_UNCERTAINTY_M", "Columns",
           "check_date_cells", "check_dates", "day_ranges", "display_precision",
           "find_date_column", "iso_days", "load_records", "parse_day", "read_date",
           "resolve_columns", "uncertainty_m"]

# Location uncertainty (metres) for ACLED geo_precision codes: 1 = the town itself, 2 = "near"
# a town or a part of a region, 3 = a larger region (the provincial capital is used). ACLED
# gives no radius; these are deliberately generous so that such events come out "ambiguous"
# near lines. Every command (check, map, breaches) reads them from here.
PRECISION_UNCERTAINTY_M = {1: 0.0, 2: 25_000.0, 3: 100_000.0}

LAT_NAMES = ("latitude", "lat", "y", "lat_dd", "latitude_dd", "decimal_latitude",
             "decimallatitude", "lat_wgs84", "point_y", "ycoord", "y_coord")
LON_NAMES = ("longitude", "lon", "lng", "long", "x", "lon_dd", "longitude_dd",
             "decimal_longitude", "decimallongitude", "lon_wgs84", "point_x", "xcoord", "x_coord")
# Date columns used without being named: ACLED's event_date, UCDP's date_start.
DATE_NAMES = ("event_date", "date_start")
DAY_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d-%b-%y")
_EXPECTED = "expected YYYY-MM-DD or e.g. '16 September 2017'"


def display_precision(inc: Incident) -> int:
    """ACLED geo_precision of a record as every command reads it (metonymic places: 3)."""
    return 3 if inc.metonymic else inc.geo_precision


def uncertainty_m(inc: Incident) -> float:
    """Location uncertainty radius of a record, metres (see the module docstring).

    Examples
    --------
    >>> uncertainty_m(Incident(id="a", longitude=38.6, latitude=33.5, geo_precision=2))
    25000.0
    >>> uncertainty_m(Incident(id="b", longitude=38.6, latitude=33.5, uncertainty_m=3000))
    3000.0
    """
    if inc.uncertainty_m is not None:
        return float(inc.uncertainty_m)
    return PRECISION_UNCERTAINTY_M.get(display_precision(inc), 0.0)


def parse_day(value: str, *, column: str = "event_date") -> dt.date:
    """A day from ``YYYY-MM-DD`` or ACLED's ``16 September 2017`` forms; one-line error.

    Examples
    --------
    >>> parse_day("16 September 2017"), parse_day("2017-09-16")
    (datetime.date(2017, 9, 16), datetime.date(2017, 9, 16))
    >>> parse_day("16/09/2017")
    Traceback (most recent call last):
    ...
    geo_deconflict.errors.IncidentError: bad event_date '16/09/2017': expected YYYY-MM-DD or e.g. '16 September 2017'
    """
    text = str(value).strip()
    for fmt in DAY_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    msg = f"bad {column} {value!r}: {_EXPECTED}"
    raise IncidentError(msg)


def read_date(value: str, *, column: str = "event_date"
              ) -> tuple[dt.date | None, dt.date | None, str | None]:
    """(first day, last day, precision) of a date cell: a day as `parse_day` reads it, or the
    project's ``YYYY-MM``, ``YYYY`` and ``START/END`` forms; the same one-line error.

    Examples
    --------
    >>> read_date("2017-12")[2], read_date("2 March 2017")[0]
    ('month', datetime.date(2017, 3, 2))
    """
    if not str(value).strip():
        return None, None, None
    try:
        day = parse_day(value, column=column)
        return day, day, "day"
    except IncidentError as err:
        try:
            return parse_date(value)
        except IncidentError:
            raise err from None


def check_dates(path: str | Path, column: str, *, sep: str = ",") -> int:
    """Read every value of a CSV date column with `read_date`; the first bad one raises
    `InputFileError` naming the file, spreadsheet row (header = row 1) and value, as the
    incident readers do. Returns the number of dated rows.

    The column is streamed by Arrow, and ``YYYY-MM-DD`` cells are checked from their bytes
    (`iso_days`); `read_date` reads each other distinct value once. A file Arrow cannot read
    this way (a repeated column name, a parse error) is read by pandas, for its messages."""
    try:
        return _check_dates_arrow(Path(path), column, sep)
    except _ArrowRefused:
        pass
    import pandas as pd

    try:
        values = pd.read_csv(path, sep=sep, usecols=[column], dtype=str, keep_default_na=False,
                             encoding="utf-8-sig")[column].str.strip()
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError) as err:
        msg = f"cannot read column {column!r} of {path}: {str(err).splitlines()[0]}"
        raise InputFileError(msg) from None
    filled = values != ""
    days = pd.to_datetime(values.where(filled), format="%Y-%m-%d", errors="coerce")
    for i in (filled & days.isna()).to_numpy().nonzero()[0]:  # the rest, one by one
        try:
            read_date(values.iloc[i], column=column)
        except IncidentError as err:
            msg = f"{path} row {i + 2}: {err}"
            raise InputFileError(msg) from None
    return int(filled.sum())


_FIRST_DAY, _LAST_DAY = np.datetime64("0001-01-01", "D"), np.datetime64("9999-12-31", "D")


def day_ranges(days, time_precision=None) -> tuple[np.ndarray, np.ndarray]:
    """(first day, last day) of each date as ACLED's ``time_precision`` widens it, the same
    ranges as the ACLED reader gives its records (`incidents.tabular`): 1 or missing (NaN) is
    the day itself, 2 the week around it (3 days before to 3 days after), 3 (or more) its
    calendar month. Vectorised (datetime64[D] in and out); NaT stays NaT, and the ends stay
    within 0001-01-01 .. 9999-12-31.

    Examples
    --------
    >>> days = np.array(["2017-09-16"] * 3 + ["2016-02-10"], dtype="datetime64[D]")
    >>> first, last = day_ranges(days, [1, 2, 3, 3])
    >>> [f"{a} {b}" for a, b in zip(first, last)]
    ['2017-09-16 2017-09-16', '2017-09-13 2017-09-19', '2017-09-01 2017-09-30', '2016-02-01 2016-02-29']
    """
    days = np.asarray(days, dtype="datetime64[D]")
    if time_precision is None:
        return days, days
    code = np.broadcast_to(np.asarray(time_precision, dtype=float), days.shape)
    first, last = days.copy(), days.copy()
    week = code == 2
    first[week] -= np.timedelta64(3, "D")
    last[week] += np.timedelta64(3, "D")
    month = code >= 3
    months = days[month].astype("datetime64[M]")
    first[month] = months.astype("datetime64[D]")
    last[month] = (months + 1).astype("datetime64[D]") - np.timedelta64(1, "D")
    return np.maximum(first, _FIRST_DAY), np.minimum(last, _LAST_DAY)


def iso_days(values) -> tuple[np.ndarray, np.ndarray]:
    """(True where a cell is a ``YYYY-MM-DD`` calendar date, its day as days since
    1970-01-01) for an Arrow string array, read from its bytes with numpy (no Python string
    per cell). Other cells, blank or in other forms, are False, for `read_date` to read.

    Examples
    --------
    >>> import pyarrow as pa
    >>> ok, days = iso_days(pa.array(["2017-09-16", "2017-02-30", " 2017-09-16", None]))
    >>> ok.tolist(), str(days[0].astype("datetime64[D]"))
    ([True, False, False, False], '2017-09-16')
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    n = len(values)
    if n > 4096 and not values.null_count and pa.types.is_string(values.type):
        coded = pc.dictionary_encode(values)  # dates repeat: read each distinct one once
        if len(coded.dictionary) < n // 2:
            ok, days = iso_days(coded.dictionary)
            index = coded.indices.to_numpy(zero_copy_only=False)
            return ok[index], days[index]
    ok = np.zeros(n, dtype=bool)
    days = np.zeros(n, dtype=np.int64)
    if not n or not (pa.types.is_string(values.type) or pa.types.is_binary(values.type)):
        return ok, days
    offsets = np.frombuffer(values.buffers()[1], dtype=np.int32)[values.offset:
                                                                 values.offset + n + 1]
    data = np.frombuffer(values.buffers()[2] or b"", dtype=np.uint8)
    ten = np.diff(offsets) == 10
    if values.null_count:
        ten &= values.is_valid().to_numpy(zero_copy_only=False)
    rows = np.flatnonzero(ten)
    if not rows.size:
        return ok, days
    if rows.size == n and offsets[-1] - offsets[0] == 10 * n:  # all ten bytes: a view
        cells = data[offsets[0]:offsets[-1]].reshape(n, 10)
    else:
        cells = data[offsets[rows][:, None] + np.arange(10)]
    digit = (cells - np.uint8(48)) <= 9  # below '0' wraps around
    good = (digit[:, :4].all(axis=1) & digit[:, 5:7].all(axis=1) & digit[:, 8:].all(axis=1)
            & (cells[:, 4] == 45) & (cells[:, 7] == 45))

    def number(first: int, last: int) -> np.ndarray:
        value = np.zeros(len(cells), dtype=np.int32)
        for i in range(first, last):
            value = value * 10 + cells[:, i] - 48
        return value

    year, month, day = number(0, 4), number(5, 7), number(8, 10)
    leap = (year % 4 == 0) & ((year % 100 != 0) | (year % 400 == 0))
    month_days = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int32)
    last = month_days[np.clip(month - 1, 0, 11)] + (leap & (month == 2))
    good &= (year >= 1) & (month >= 1) & (month <= 12) & (day >= 1) & (day <= last)
    ok[rows] = good
    # days from the civil date (H. Hinnant's algorithm), in years that start in March
    y = year - (month <= 2)
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (month + np.where(month > 2, -3, 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    days[rows] = np.where(good, era * 146097 + doe - 719468, 0)
    return ok, days


class _ArrowRefused(Exception):
    """Arrow cannot read the file as `check_dates` asks: pandas reads it instead."""


def _check_dates_arrow(path: Path, column: str, sep: str) -> int:
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    read = pa_csv.ReadOptions(block_size=1 << 24)
    parse = pa_csv.ParseOptions(delimiter=sep, newlines_in_values=True)
    convert = pa_csv.ConvertOptions(include_columns=[column], column_types={column: pa.string()},
                                    strings_can_be_null=False, quoted_strings_can_be_null=False)
    dated = 0
    offset = 0
    try:
        with path.open("rb") as handle:
            head = handle.read(1 << 16)
        if head.startswith(b"\xef\xbb\xbf"):
            head = head[3:]
        names = next(csv.reader(head.decode("utf-8", errors="replace").splitlines()[:1],
                                delimiter=sep), [])
        if names.count(column) != 1:
            raise _ArrowRefused
        reader = pa_csv.open_csv(path, read_options=read, parse_options=parse,
                                 convert_options=convert)
        for batch in reader:
            values = batch.column(0)
            dated += check_date_cells(values, column=column, path=path, first_row=offset + 2)
            offset += len(values)
    except (pa.ArrowException, OSError, UnicodeDecodeError):
        raise _ArrowRefused from None
    return dated


def check_date_cells(values, *, column: str, path: str | Path, first_row: int,
                     ok: np.ndarray | None = None) -> int:
    """`check_dates` for one Arrow string array of a date column whose first cell is on row
    `first_row` of `path` (``ok``: the cells already known to be ``YYYY-MM-DD``, see
    `iso_days`): the first bad cell raises the same `InputFileError`. Returns the number of
    dated cells."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if ok is None:
        ok, _ = iso_days(values)
    rest = np.flatnonzero(~ok)
    if not rest.size:
        return int(ok.sum())
    text = pc.fill_null(pc.utf8_trim_whitespace(values.take(pa.array(rest))), "")
    filled = pc.not_equal(text, "").to_numpy(zero_copy_only=False)
    if filled.any():
        _read_rest(text, rest, filled, column, path, first_row - 2)
    return int(ok.sum()) + int(filled.sum())


def _read_rest(text, rest: np.ndarray, filled: np.ndarray, column: str, path: str | Path,
               offset: int) -> None:
    """`read_date` on each distinct value of the cells not read as ``YYYY-MM-DD``; the first
    bad cell (in file order) raises `InputFileError` with its row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cells = text.filter(pa.array(filled))
    bad = {}
    for value in pc.unique(cells).to_pylist():
        try:
            read_date(value, column=column)
        except IncidentError as err:
            bad[value] = err
    if not bad:
        return
    hits = pc.is_in(cells, value_set=pa.array(list(bad), pa.string()))
    first = int(np.flatnonzero(hits.to_numpy(zero_copy_only=False))[0])
    value = cells[first].as_py()
    row = int(rest[np.flatnonzero(filled)[first]]) + offset + 2
    msg = f"{path} row {row}: {bad[value]}"
    raise InputFileError(msg) from None


@dataclass(frozen=True, slots=True)
class Columns:
    """Column names given on the command line (None: found by common names)."""

    lat: str | None = None
    lon: str | None = None
    date: str | None = None

    @property
    def given(self) -> bool:
        return any((self.lat, self.lon, self.date))


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def _pick(columns: Sequence[str], given: str | None, names: Sequence[str], what: str,
          where: str, *, required: bool = True) -> str | None:
    if given is not None:
        if given not in columns:
            msg = (f"no column {given!r} for the {what} in {where}; columns found: "
                   f"{', '.join(columns) or '(none)'}")
            raise InputFileError(msg)
        return given
    keyed = {_key(c): c for c in reversed(columns)}
    for name in names:
        if _key(name) in keyed:
            return keyed[_key(name)]
    if not required:
        return None
    msg = (f"no {what} column in {where} (looked for {', '.join(names[:6])}, ...); columns "
           f"found: {', '.join(columns) or '(none)'}; name them with --lat-column/--lon-column")
    raise InputFileError(msg)


def find_date_column(columns: Sequence[str], given: str | None = None, *,
                     where: str = "the input") -> str | None:
    """The date column: the one given, else ACLED's ``event_date`` or UCDP's ``date_start``.

    Examples
    --------
    >>> find_date_column(["event_id_cnty", "event_date", "latitude"])
    'event_date'
    >>> find_date_column(["lat", "lon"]) is None
    True
    """
    return _pick([str(c) for c in columns], given, DATE_NAMES, "date", where, required=False)


def resolve_columns(columns: Sequence[str], given: Columns = Columns(), *,
                    where: str = "the input") -> Columns:
    """The (lat, lon, date) columns of a table: those given, else found by common names.

    Examples
    --------
    >>> resolve_columns(["id", "Lat", "Long", "event_date"])
    Columns(lat='Lat', lon='Long', date='event_date')
    """
    columns = [str(c) for c in columns]
    return Columns(lat=_pick(columns, given.lat, LAT_NAMES, "latitude", where),
                   lon=_pick(columns, given.lon, LON_NAMES, "longitude", where),
                   date=find_date_column(columns, given.date, where=where))


def read_csv_records(path: Path, given: Columns = Columns()
                     ) -> Iterator[tuple[int, Incident | Exception]]:
    """(row, record or error) for each row of a CSV of any layout, through its columns.

    The coordinate and date columns (given or found, see `resolve_columns`) are read as
    ACLED's ``latitude``/``longitude``/``event_date``; the other ACLED columns are used when
    present (event_type, actor1, actor2, location, geo_precision, notes, fatalities, source).
    """
    from geo_deconflict.incidents import tabular as _tabular

    rows = _tabular.csv_rows(path)
    _, raw = next(rows)
    header = [h.strip() for h in raw]
    cols = resolve_columns(header, given, where=str(path))
    rename = {cols.lat: "latitude", cols.lon: "longitude"}
    if cols.date:
        rename[cols.date] = "event_date"
    names = [rename.get(h, h.lower() if h.lower() not in rename.values() else f"_{h}")
             for h in header]
    for number, values in rows:
        row = dict(zip(names, (v.strip() for v in values)))
        row.setdefault("event_id_cnty", row.get("id") or f"{path.stem}-{number}")
        prov = Provenance(doc=path.name, row=number)
        yield number, _guarded(lambda r=row, p=prov, c=cols: _row(r, p, c, _tabular),
                               row["event_id_cnty"])


def _row(row: dict, prov: Provenance, cols: Columns, tabular) -> Incident:
    start, end, precision = read_date(row.get("event_date", ""),
                                      column=cols.date or "event_date")
    if precision in (None, "day"):
        return tabular._acled_row(row, prov)
    inc = tabular._acled_row({**row, "event_date": ""}, prov)   # a month, a year, a range
    return replace(inc, event_date=start, date_end=end, date_precision=precision)


def _needs_columns(path: Path, given: Columns) -> bool:
    """True if a CSV is read through `read_csv_records` (options given, or a layout the
    incident readers do not know)."""
    if path.suffix.lower() != ".csv":
        return False
    if given.given:
        return True
    from geo_deconflict.incidents import tabular as _tabular

    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return False  # the incident reader gives the error
    try:
        _tabular.detect_layout([h.strip().lower() for h in header])
    except InputFileError:
        return bool(header)
    return False


def load_records(paths: Iterable[str | Path], *, on_error: str = "raise",
                 columns: Columns = Columns()):
    """`load_incidents`, with CSV files of any layout read through `columns`.

    Returns a `geo_deconflict.incidents.read.LoadResult`.
    """
    from geo_deconflict.incidents.read import load_incidents, read_incidents

    def reader(path: Path):
        if _needs_columns(path, columns):
            return read_csv_records(path, columns)
        return read_incidents(path)

    return load_incidents(paths, on_error=on_error, reader=reader)

"""The local SQLite index of GeoNames dumps that ``gazetteer import`` builds.

Input is the standard GeoNames export: the 19-column, tab-separated ``allCountries.txt``
or country files (``SY.txt``, ``IQ.txt`` ...), and optionally ``alternateNamesV2.txt``
(10 columns). Only Latin- and Arabic-script names are indexed, under the same keys as the
bundled gazetteer (`geo_deconflict.geo.names.name_key`, `latin_skeleton`). An import is one
transaction: a bad line leaves the index as it was.

Concurrency: the index is kept in SQLite's WAL mode and read through read-only connections,
so ``lookup`` and ``reverse`` keep answering (from the last complete import) while an import
runs. A new index is built beside the target under a unique name and renamed into place when
complete. One import at a time: a second one into the same folder is refused with a clear
message while the first runs.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from geo_deconflict.errors import InputFileError, OutputFileError
from geo_deconflict.gazetteer.places import Place
from geo_deconflict.geo.names import is_arabic, latin_skeleton, name_key, script_of

if TYPE_CHECKING:
    import sqlite3

# sqlite3, shutil and tempfile are imported where used: a lookup without an imported index
# needs none of them (the command line starts faster)

__all__ = ["DB_NAME", "PLACE_SQL", "ImportStats", "connect", "data_home", "import_geonames",
           "place_from_row"]

DB_NAME = "geonames.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    geonameid INTEGER PRIMARY KEY, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    fclass TEXT, fcode TEXT, country TEXT, admin1 TEXT, population INTEGER);
CREATE TABLE IF NOT EXISTS names (
    key TEXT NOT NULL, skel TEXT, geonameid INTEGER NOT NULL, name TEXT NOT NULL,
    UNIQUE (geonameid, name));
CREATE INDEX IF NOT EXISTS names_key ON names (key);
CREATE INDEX IF NOT EXISTS names_skel ON names (skel);
CREATE INDEX IF NOT EXISTS places_latlon ON places (lat, lon);
CREATE TABLE IF NOT EXISTS sources (file TEXT, kind TEXT, rows INTEGER, imported TEXT);
"""
# alternateNamesV2 "languages" that are codes or links, not names
_SKIP_LANGS = {"link", "post", "iata", "icao", "faac", "fr_1793", "abbr", "wkdt", "unlc", "tcid"}
_BATCH = 5000


# a place's row, as `place_from_row` takes it
PLACE_SQL = ("SELECT p.geonameid, p.name, p.lat, p.lat, p.lon, p.fclass, p.fcode, p.country, "
             "p.population FROM places p")


def place_from_row(row, con: sqlite3.Connection) -> Place:
    """The `Place` of a `PLACE_SQL` row, with its names from the index."""
    gid, name, _, lat, lon, fclass, fcode, country, pop = row
    names = tuple(r[0] for r in con.execute("SELECT name FROM names WHERE geonameid = ?",
                                            (gid,)))
    name_ar = next((n for n in names if is_arabic(n)), None)
    return Place(id=f"gn:{gid}", name_en=name, name_ar=name_ar, lon=lon, lat=lat,
                 feature_class=fclass or "", feature_code=fcode or "", country=country or "",
                 population=pop or 0, geonameid=gid, names=names,
                 source="GeoNames (geonames.org), CC BY 4.0; imported dump")


def data_home() -> Path:
    """Where user data lives: ``$GEO_DECONFLICT_HOME`` or ``~/.local/share/geo_deconflict``.

    Examples
    --------
    >>> import os
    >>> os.environ["GEO_DECONFLICT_HOME"] = "/tmp/gd-doctest"
    >>> str(data_home())
    '/tmp/gd-doctest'
    >>> del os.environ["GEO_DECONFLICT_HOME"]
    """
    home = os.environ.get("GEO_DECONFLICT_HOME")
    if home:
        return Path(home).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "geo_deconflict"


@dataclass(frozen=True, slots=True)
class ImportStats:
    """What one ``gazetteer import`` added to the index."""

    db: Path
    places: int
    names: int
    alternate_names: int


_MAX_ID = 2 ** 63 - 1  # SQLite's INTEGER


def connect(db: Path, *, create: bool = False) -> sqlite3.Connection | None:
    """Open the index (None if it does not exist and `create` is false).

    Without `create` the connection is read-only and the file is checked to be an index that
    this module built: anything else raises `InputFileError` naming it.
    """
    db = Path(db)
    if not create:
        if not db.is_file():
            return None
        import sqlite3

        try:
            con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True,
                                  check_same_thread=False)
            con.execute("SELECT geonameid, name, lat, lon FROM places LIMIT 1").fetchall()
            con.execute("SELECT key, skel, geonameid, name FROM names LIMIT 1").fetchall()
        except sqlite3.Error as err:
            msg = (f"gazetteer index {db} cannot be read ({err}); delete it and run "
                   "`geo-deconflict gazetteer import` again")
            raise InputFileError(msg) from None
        return con
    import sqlite3

    con = sqlite3.connect(db, check_same_thread=False, timeout=30)
    con.execute("PRAGMA journal_mode=WAL")  # readers are never blocked by an import
    con.executescript(_SCHEMA)
    return con


def _name_rows(geonameid: int, names) -> list[tuple]:
    rows = []
    for name in names:
        name = " ".join(name.split())
        if not name or script_of(name) is None:
            continue
        key = name_key(name)
        if key:
            rows.append((key, latin_skeleton(name) or None, geonameid, name))
    return rows


def _bad(path: Path, lineno: int, why: str) -> InputFileError:
    return InputFileError(f"{path}: line {lineno}: {why} (expected the GeoNames export format)")


def _read_places(con: sqlite3.Connection, path: Path) -> tuple[int, int]:
    n_places = n_names = 0
    places, names = [], []
    with path.open(encoding="utf-8", newline="") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 19:
                raise _bad(path, lineno, f"{len(cols)} tab-separated columns, not 19")
            try:
                gid = int(cols[0])
                lat, lon = float(cols[4]), float(cols[5])
                pop = int(cols[14] or 0)
            except ValueError as err:
                raise _bad(path, lineno, f"bad number ({err})") from None
            if not 0 < gid <= _MAX_ID:
                raise _bad(path, lineno, f"geonameid {cols[0][:30]!r} is out of range")
            if not 0 <= pop <= _MAX_ID:
                raise _bad(path, lineno, f"population {cols[14][:30]!r} is out of range")
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise _bad(path, lineno, f"coordinates out of range: lat={lat}, lon={lon}")
            places.append((gid, cols[1], lat, lon, cols[6], cols[7], cols[8], cols[10], pop))
            names.extend(_name_rows(gid, [cols[1], cols[2], *cols[3].split(",")]))
            if len(places) >= _BATCH:
                n_places, n_names = _flush(con, places, names, n_places, n_names)
    n_places, n_names = _flush(con, places, names, n_places, n_names)
    if n_places == 0:
        raise InputFileError(f"{path}: no GeoNames records found")
    return n_places, n_names


def _flush(con, places, names, n_places, n_names):
    con.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?)", places)
    before = con.total_changes
    con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", names)
    n_names += con.total_changes - before
    n_places += len(places)
    places.clear()
    names.clear()
    return n_places, n_names


def _read_alternates(con: sqlite3.Connection, path: Path) -> int:
    known = {row[0] for row in con.execute("SELECT geonameid FROM places")}
    added = 0
    batch: list[tuple] = []
    with path.open(encoding="utf-8", newline="") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 4:
                raise _bad(path, lineno, f"{len(cols)} columns, alternate names need at least 4")
            try:
                gid = int(cols[1])
            except ValueError:
                raise _bad(path, lineno, f"geonameid {cols[1][:30]!r} is not a number") from None
            if not 0 < gid <= _MAX_ID:
                raise _bad(path, lineno, f"geonameid {cols[1][:30]!r} is out of range")
            if gid not in known or cols[2] in _SKIP_LANGS:
                continue
            batch.extend(_name_rows(gid, [cols[3]]))
            if len(batch) >= _BATCH:
                before = con.total_changes
                con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", batch)
                added += con.total_changes - before
                batch.clear()
    before = con.total_changes
    con.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?,?)", batch)
    return added + con.total_changes - before


def import_geonames(path: str | os.PathLike, *, alternate_names: str | os.PathLike | None = None,
                    db: str | os.PathLike | None = None) -> ImportStats:
    """Load a GeoNames dump (and optionally ``alternateNamesV2.txt``) into the local index.

    Records are added to (or replace records with the same geonameid in) the index at `db`,
    by default ``data_home() / "geonames.sqlite"``. The whole import is one transaction.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = pathlib.Path(tempfile.mkdtemp())
    >>> row = ["163345", "Tartus", "Tartus", "Tartous,طرطوس", "34.88902", "35.88659", "P",
    ...        "PPLA", "SY", "", "14", "", "", "", "115769", "", "9", "Asia/Damascus", "2024-01-01"]
    >>> _ = (tmp / "SY.txt").write_text("\\t".join(row) + "\\n", encoding="utf-8")
    >>> stats = import_geonames(tmp / "SY.txt", db=tmp / "g.sqlite")
    >>> stats.places, stats.names
    (1, 3)
    """
    import sqlite3

    src = Path(path)
    alt = Path(alternate_names) if alternate_names is not None else None
    for p in (src, alt):
        if p is not None and not p.is_file():
            raise InputFileError(f"no such file: {p}")
    target = Path(db) if db is not None else data_home() / DB_NAME
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputFileError(f"cannot create the folder of {target}: {err.strerror}") from None
    if target.exists() and not target.is_file():
        raise OutputFileError(f"gazetteer index {target} is not a regular file")
    with _import_lock(target):
        fresh = not target.exists()
        if not fresh:
            connect(target).close()  # refuses a file that is not an index, naming it
        work = target.with_name(f".{target.name}.part")
        try:
            work = _fresh_path(target) if fresh else target
            con = connect(work, create=True)
            try:
                with con:  # one transaction: all or nothing
                    n_places, n_names = _read(_read_places, con, src)
                    n_alt = _read(_read_alternates, con, alt) if alt is not None else 0
                    con.execute("INSERT INTO sources VALUES (?, 'geonames', ?, "
                                "datetime('now'))", (str(src), n_places))
                    if alt is not None:
                        con.execute("INSERT INTO sources VALUES (?, 'alternateNamesV2', ?, "
                                    "datetime('now'))", (str(alt), n_alt))
            finally:
                con.close()
            if fresh:
                os.replace(work, target)
        except sqlite3.Error as err:
            reason = str(err)
            with contextlib.suppress(OSError):  # SQLite says "disk I/O error" when it is full
                import shutil

                if shutil.disk_usage(target.parent).free < 1_000_000:
                    reason = f"no space left on device ({reason})"
            msg = f"cannot write gazetteer index {target}: {reason}"
            raise OutputFileError(msg) from None
        except OSError as err:
            if isinstance(err, InputFileError):
                raise
            msg = f"cannot write gazetteer index {target}: {err.strerror or err}"
            raise OutputFileError(msg) from None
        finally:
            if fresh:
                for suffix in ("", "-wal", "-shm", "-journal"):
                    with contextlib.suppress(OSError):
                        Path(f"{work}{suffix}").unlink()
    return ImportStats(db=target, places=n_places, names=n_names, alternate_names=n_alt)


def _read(reader, con: sqlite3.Connection, path: Path) -> int | tuple[int, int]:
    """Run one of the file readers, naming `path` if it is not UTF-8 text."""
    try:
        return reader(con, path)
    except UnicodeDecodeError as err:
        raise InputFileError(f"{path}: not UTF-8 text ({err.reason})") from None


def _fresh_path(target: Path) -> Path:
    """A unique name beside `target` to build a new index under (never another's)."""
    import tempfile

    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(fd)
    os.unlink(name)
    return Path(name)


@contextlib.contextmanager
def _import_lock(target: Path) -> Iterator[None]:
    """Hold an exclusive lock on the index's folder for one import (POSIX); refuse if another
    import holds it."""
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's own locking serialises the writes
        yield
        return
    fd = os.open(target.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            msg = (f"another gazetteer import into {target.parent} is running; "
                   "run this one when it has finished")
            raise OutputFileError(msg) from None
        yield
    finally:
        os.close(fd)

"""Reading and writing vector files, and atomic saves.

Formats are chosen by file extension: ``.geojson``/``.json`` (GeoJSON, RFC 7946 lon/lat),
``.gpkg`` (GeoPackage) and ``.parquet``/``.geoparquet`` (GeoParquet). Every write goes to a
temporary file beside the target and is renamed into place only when complete, so an error
never leaves a half-written file; an existing file is replaced only with ``overwrite=True``.
A target that exists but is not a regular file (a FIFO, a device) is refused even then: the
rename would replace the node itself. A write that fails (no space left, a read-only folder)
raises `OutputFileError` naming the output asked for, never the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from geo_deconflict.errors import (
    GeoDeconflictError,
    InputFileError,
    OutputExistsError,
    OutputFileError,
    one_line,
)

if TYPE_CHECKING:  # geopandas is imported when a vector file is read (not for CSV/Parquet)
    import geopandas as gpd

__all__ = ["VECTOR_FORMATS", "atomic_path", "check_output", "read_vector", "vector_format",
           "write_text", "write_vector"]

VECTOR_FORMATS = {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GPKG",
                  ".parquet": "GeoParquet", ".geoparquet": "GeoParquet"}


def vector_format(path: str | Path) -> str:
    """The format implied by a file's extension.

    Examples
    --------
    >>> vector_format("zones.gpkg")
    'GPKG'
    """
    suffix = Path(path).suffix.lower()
    try:
        return VECTOR_FORMATS[suffix]
    except KeyError:
        choices = ", ".join(VECTOR_FORMATS)
        msg = f"cannot tell the format of {str(path)!r} from its extension; use one of {choices}"
        raise InputFileError(msg) from None


def vector_format_or_none(path: str | Path) -> str | None:
    """The format implied by a file's extension, or None."""
    return VECTOR_FORMATS.get(Path(path).suffix.lower())


def check_output(path: str | Path, *, overwrite: bool = False) -> Path:
    """Validate an output path before any work is done: its folder exists, it is not a folder,
    and it does not exist unless `overwrite` is given."""
    path = Path(path)
    if path.is_dir():
        msg = f"output {str(path)!r} is a folder, not a file"
        raise InputFileError(msg)
    if not path.parent.exists():
        msg = f"the folder of output {str(path)!r} does not exist"
        raise InputFileError(msg)
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return path
    except OSError as err:
        msg = f"cannot write output {str(path)!r}: {err.strerror or err}"
        raise OutputFileError(msg) from None
    if not overwrite:
        msg = f"output {str(path)!r} exists; pass --force to replace it"
        raise OutputExistsError(msg)
    if stat.S_ISLNK(mode):
        mode = path.stat().st_mode if path.exists() else stat.S_IFREG
    if not stat.S_ISREG(mode):
        msg = (f"output {str(path)!r} is not a regular file (a FIFO, socket or device); "
               "refusing to replace it, even with --force")
        raise OutputFileError(msg)
    return path


@contextlib.contextmanager
def atomic_path(path: str | Path, *, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success rename it to `path`, else delete it.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("done")
    >>> target.read_text()
    'done'
    """
    path = check_output(path, overwrite=overwrite)
    tmp = path.parent / f".{path.stem}.{secrets.token_hex(4)}.part{path.suffix}"
    # the name is chosen before anything is created, so that a stop (SIGTERM) arriving at
    # any point from here on finds it to delete
    try:
        for _ in range(100):
            try:    # reserve the name, and see that the folder takes files
                os.close(os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
                break
            except FileExistsError:
                tmp = tmp.with_name(f".{path.stem}.{secrets.token_hex(4)}.part{path.suffix}")
        tmp.unlink()  # writers (GDAL in particular) want to create the file themselves
        yield tmp
        if path.exists() or path.is_symlink():
            check_output(path, overwrite=overwrite)  # it appeared, or changed, meanwhile
        os.replace(tmp, path)
    except GeoDeconflictError:
        raise
    except Exception as err:
        if not _is_write_error(err):
            raise
        raise _write_error(err, path, tmp) from None
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if tmp.is_dir():  # GeoParquet datasets and some GDAL drivers write folders
            shutil.rmtree(tmp, ignore_errors=True)


def _is_write_error(err: BaseException) -> bool:
    """True for the failures of file systems and writers (GDAL, SQLite, Arrow), which have no
    common base class; other exceptions are bugs and pass through."""
    if isinstance(err, OSError):
        return True
    module = type(err).__module__.split(".")[0]
    return module in ("pyogrio", "fiona", "sqlite3", "pyarrow", "_sqlite3")


def _write_error(err: BaseException, path: Path, tmp: Path | None) -> OutputFileError:
    reason = getattr(err, "strerror", None) or one_line(str(err)) or type(err).__name__
    if tmp is not None:
        reason = reason.replace(str(tmp), str(path)).replace(tmp.name, path.name)
    if not isinstance(err, OSError) or err.errno is None:  # GDAL and SQLite hide the cause
        with contextlib.suppress(OSError):
            if shutil.disk_usage(path.parent).free < 1_000_000:
                reason = f"no space left on device ({reason})"
    msg = f"cannot write output {str(path)!r}: {reason}"
    return OutputFileError(one_line(msg))


def write_text(path: str | Path, text: str, *, overwrite: bool = False) -> Path:
    """Write UTF-8 text atomically."""
    with atomic_path(path, overwrite=overwrite) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(path)


def write_vector(frame: gpd.GeoDataFrame, path: str | Path, *, overwrite: bool = False,
                 layer: str | None = None) -> Path:
    """Write a GeoDataFrame to GeoJSON, GeoPackage or GeoParquet (by extension), atomically."""
    fmt = vector_format(path)
    writers: dict[str, Callable[[Path], None]] = {
        "GeoJSON": lambda tmp: frame.to_file(tmp, driver="GeoJSON", engine="pyogrio",
                                             RFC7946="YES", WRITE_NAME="NO"),
        "GPKG": lambda tmp: frame.to_file(tmp, driver="GPKG", engine="pyogrio",
                                          layer=layer or Path(path).stem),
        "GeoParquet": lambda tmp: frame.to_parquet(tmp),
    }
    with atomic_path(path, overwrite=overwrite) as tmp:
        writers[fmt](tmp)
    return Path(path)


def read_vector(path: str | Path, **kwargs) -> gpd.GeoDataFrame:
    """Read a vector file (any format GDAL reads, GeoParquet by extension) with clear errors."""
    import geopandas as gpd

    path = Path(path)
    if not path.exists():
        msg = f"file not found: {path}"
        raise InputFileError(msg)
    if path.is_dir() and path.suffix.lower() not in (".parquet", ".geoparquet"):
        msg = f"{path} is a folder, not a file"
        raise InputFileError(msg)
    try:
        if path.suffix.lower() in (".parquet", ".geoparquet"):
            return gpd.read_parquet(path, **kwargs)
        try:
            return gpd.read_file(path, engine="pyogrio", **kwargs)
        except ValueError:  # a bad date in a GeoJSON date field: read dates as text instead,
            if vector_format_or_none(path) != "GeoJSON":  # for the caller to name the field
                raise
            return gpd.read_file(path, engine="pyogrio", DATE_AS_STRING="YES", **kwargs)
    except Exception as err:  # noqa: BLE001 (GDAL, Arrow and JSON errors share no base)
        reason = str(err).splitlines()[0] if str(err) else type(err).__name__
        msg = f"cannot read {path} as a vector file: {reason}"
        raise InputFileError(msg) from None

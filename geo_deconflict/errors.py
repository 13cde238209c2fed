"""Errors that geo_deconflict raises on purpose.

Each class also derives from a built-in exception, so ``except ValueError`` and the like
keep working. Messages are one line and name the bad value; the CLI prints them as they are.
"""

from __future__ import annotations

import reprlib

__all__ = ["MAX_MESSAGE", "CoordinateError", "DateError", "GeoDeconflictError", "IncidentError",
           "InputFileError", "InvalidZoneError", "OutputExistsError", "OutputFileError",
           "SpecError", "UnknownPlaceError", "brief", "one_line"]

MAX_MESSAGE = 1000  # characters of an error message shown to a user

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxtuple, _REPR.maxdict = 3, 6, 6, 6
_REPR.maxstring, _REPR.maxother, _REPR.maxlong = 80, 80, 40


def brief(value: object) -> str:
    """A short repr of a user's value for an error message: nested or long values are cut
    (a YAML alias bomb or a huge string costs no more than a few hundred characters).

    Examples
    --------
    >>> brief([[1] * 1000] * 1000)
    '[[1, 1, 1, 1, 1, 1, ...], [1, 1, 1, 1, 1, 1, ...], [1, 1, 1, 1, 1, 1, ...], [1, 1, 1, 1, 1, 1, ...], [1, 1, 1, 1, 1, 1,…'
    >>> brief("x" * 500)[:12], len(brief("x" * 500)) < 100
    ("'xxxxxxxxxxx", True)
    """
    text = _REPR.repr(value)
    return text if len(text) <= 120 else text[:119] + "…"


def one_line(message: str, *, limit: int = MAX_MESSAGE) -> str:
    """The first non-empty line of `message`, cut to `limit` characters.

    Examples
    --------
    >>> one_line("bad value\\nTraceback ...")
    'bad value'
    >>> len(one_line("x" * 5000))
    1000
    """
    lines = [line.strip() for line in str(message).splitlines() if line.strip()]
    text = lines[0] if lines else ""
    return text if len(text) <= limit else text[:limit - 1] + "…"


class GeoDeconflictError(Exception):
    """Base class for every error geo_deconflict raises on purpose."""


class UnknownPlaceError(GeoDeconflictError, LookupError):
    """A name is not in the layers or the gazetteer."""


class SpecError(GeoDeconflictError, ValueError):
    """A zone spec is malformed: a missing or bad field, an unknown reference, a cycle."""

    def __init__(self, message: str, *, zone_id: str | None = None, field: str | None = None):
        self.zone_id = zone_id
        self.field = field
        where = []
        if zone_id is not None:
            where.append(f"zone {zone_id!r}")
        if field is not None:
            where.append(f"field {field!r}")
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class InvalidZoneError(SpecError):
    """A zone's geometry cannot be built: empty, invalid, or a line that does not split its area."""


class CoordinateError(GeoDeconflictError, ValueError):
    """Coordinates are malformed or out of range."""


class InputFileError(GeoDeconflictError, OSError):
    """An input file is missing, unreadable or not in the expected format."""


class OutputFileError(GeoDeconflictError, OSError):
    """An output cannot be written: no space left, a read-only folder, a device or FIFO."""


class DateError(GeoDeconflictError, ValueError):
    """A date is malformed or not a calendar date."""


class OutputExistsError(GeoDeconflictError, FileExistsError):
    """The output file exists and overwriting was not asked for."""


class IncidentError(GeoDeconflictError, ValueError):
    """An incident record is malformed: a bad date, coordinate, precision or count."""

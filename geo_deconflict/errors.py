"""Errors that geo_deconflict raises on purpose.

Each class also derives from a built-in exception, so ``except ValueError`` and the like
keep working. Messages are one line and name the bad value; the CLI prints them as they are.
"""

from __future__ import annotations


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


class OutputExistsError(GeoDeconflictError, FileExistsError):
    """The output file exists and overwriting was not asked for."""


class IncidentError(GeoDeconflictError, ValueError):
    """An incident record is malformed: a bad date, coordinate, precision or count."""

"""Whether points lie in the zones, on which bank of the Euphrates, and how far from each line.

`check_points` answers for arrays of coordinates, `check_location` for one parsed location,
`check_frame` for a table; `files.check_file` streams a whole file to an output, and
`dask_engine.check_dask` does the same on a dask cluster (the ``[dask]`` extra).
"""

from __future__ import annotations

import importlib

# public name -> module (imported on first use: a single-point check loads no pandas)
_API = {
    "BANK_TOLERANCE_M": "checker", "ZoneChecker": "checker", "ACLED_PRECISION_M": "core",
    "AMBIGUOUS": "core", "INACTIVE": "core", "STATUS_IN": "core", "STATUS_OUT": "core",
    "check_frame": "core", "check_location": "core", "check_points": "core",
    "precision_radius": "core", "resolve_place": "core", "check_file": "files",
}

__all__ = ["ACLED_PRECISION_M", "AMBIGUOUS", "BANK_TOLERANCE_M", "INACTIVE", "STATUS_IN",
           "STATUS_OUT", "ZoneChecker", "check_file", "check_frame", "check_location",
           "check_points", "precision_radius", "resolve_place"]


def __getattr__(name: str):
    if name in _API:
        return getattr(importlib.import_module(f"{__name__}.{_API[name]}"), name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])

"""Where the shipped data lives: inside an installed wheel, or beside the package in a checkout.

This module imports nothing heavy, so the gazetteer can find its index without loading geopandas.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_dir"]

_PACKAGE = Path(__file__).resolve().parents[1]


def data_dir(name: str, marker: str) -> Path:
    """The folder `name` (``layers`` or ``seeds``) that holds the file `marker`.

    A wheel installs it as ``geo_deconflict/NAME``; a checkout keeps it at the repository's top
    level, beside the package.

    Examples
    --------
    >>> data_dir("layers", "zones.yaml").name
    'layers'
    """
    for cand in (_PACKAGE / name, _PACKAGE.parent / name):
        if (cand / marker).is_file():
            return cand
    msg = (f"the geo_deconflict {name} are missing: no {marker} in {_PACKAGE / name} "
           f"or {_PACKAGE.parent / name}")
    raise FileNotFoundError(msg)

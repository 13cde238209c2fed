"""Deconfliction zones built from a declarative YAML spec: dated, sourced, with their rules.

`spec` reads and checks the YAML, `recipes` builds each zone's geometry, `model` holds the
`Zone` and `Source` records, and `build_zones` puts them together.
"""

from geo_deconflict.zones.core import build_zones
from geo_deconflict.zones.model import Source, Zone, zones_frame
from geo_deconflict.zones.rules import Prohibition, prohibitions

__all__ = ["RECIPES", "Prohibition", "Source", "Zone", "build_zones", "default_spec_path",
           "load_spec", "prohibitions", "zones_frame"]

_LAZY = {"RECIPES", "default_spec_path", "load_spec"}  # from zones.spec, which imports yaml


def __getattr__(name: str):
    if name in _LAZY:
        from geo_deconflict.zones import spec

        return getattr(spec, name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)

"""Deconfliction zones built from a declarative YAML spec: dated, sourced, with their rules.

`spec` reads and checks the YAML, `recipes` builds each zone's geometry, `model` holds the
`Zone` and `Source` records, and `build_zones` puts them together.
"""

from geo_deconflict.zones.core import build_zones
from geo_deconflict.zones.model import Source, Zone, zones_frame
from geo_deconflict.zones.rules import Prohibition, prohibitions
from geo_deconflict.zones.spec import RECIPES, default_spec_path, load_spec

__all__ = ["RECIPES", "Prohibition", "Source", "Zone", "build_zones", "default_spec_path",
           "load_spec", "prohibitions", "zones_frame"]

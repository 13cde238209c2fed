"""Deconfliction zones built from a declarative YAML spec: dated, sourced, with their rules."""

from geo_deconflict.zones.core import (
    RECIPES,
    Source,
    Zone,
    build_zones,
    default_spec_path,
    load_spec,
    zones_frame,
)

__all__ = ["RECIPES", "Source", "Zone", "build_zones", "default_spec_path", "load_spec",
           "zones_frame"]

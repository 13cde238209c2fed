"""Gazetteer, geoparser, zone, check and map tools for deconfliction arrangements in Syria."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("geo_deconflict")
except PackageNotFoundError:  # running from a checkout without installing
    __version__ = "0+unknown"

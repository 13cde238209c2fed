"""Gazetteer, geoparser, zone, check and map tools for deconfliction arrangements in Syria.

The subpackages follow the pipeline, each using only those before it::

    geo        geodesy, coordinates, vector files, the shipped layers
    gazetteer  places by name and by coordinates
    geoparse   place mentions and relative expressions in report text
    zones      dated, sourced zones from a declarative spec
    incidents  incident records: model, readers and writers, actors
    extract    incident drafts from report text
    check      points against zones: status, bank, distance
    breaches   incidents that a zone's rules forbid
    maps       static HTML maps
    cli        the ``geo-deconflict`` command

The names below are the public API, imported on first use so that ``import geo_deconflict``
stays cheap. The two text functions share their subpackage's name, so they are called as
``geo_deconflict.geoparse.geoparse`` and ``geo_deconflict.extract.extract``.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import types
import warnings

# importlib.metadata and importlib.abc are not imported here: they cost a command-line call
# (`gazetteer lookup`) a fifth of its time; `__version__` is looked up on first use

# public name -> the subpackage that defines it
_API = {
    "lookup": "gazetteer", "resolve": "gazetteer", "reverse": "gazetteer",
    "load_gazetteer": "gazetteer", "Place": "gazetteer",
    "Mention": "geoparse",
    "build_zones": "zones", "load_spec": "zones", "zones_frame": "zones", "Zone": "zones",
    "Incident": "incidents", "load_incidents": "incidents", "write_incidents": "incidents",
    "seed_incidents": "incidents",
    "Draft": "extract",
    "check_points": "check", "check_location": "check", "check_frame": "check",
    "check_file": "check",
    "find_breaches": "breaches",
    "render_map": "maps", "map_html": "maps",
}
__all__ = sorted(_API)  # noqa: PLE0605 - the names of the lazy API table above


def __getattr__(name: str):
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("geo_deconflict")
        except PackageNotFoundError:  # running from a checkout without installing
            value = "0+unknown"
        globals()[name] = value
        return value
    if name in _API:
        value = getattr(importlib.import_module(f"{__name__}.{_API[name]}"), name)
        globals()[name] = value
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted([*globals(), *_API])


# Modules that moved into the subpackages in 0.2: the old import paths still work for a while,
# with a DeprecationWarning naming the new one.
_MOVED = {
    "actors": "incidents.actors", "check_io": "check.files", "coords": "geo.coords",
    "dask_engine": "check.dask_engine", "evaluate": "geoparse.evaluate",
    "evaluate_extract": "extract.evaluate", "geodesy": "geo.geodesy", "io": "geo.io",
    "layers": "geo.layers", "names": "geo.names", "relative": "geoparse.relative",
    "render": "maps.render",
}


class _MovedModules:
    """Serves ``geo_deconflict.OLD`` as a module that forwards to ``geo_deconflict.NEW`` (a
    meta path finder and loader by protocol: `importlib.abc` is not imported for it)."""

    def find_spec(self, fullname, path=None, target=None):
        prefix, _, old = fullname.partition(".")
        if prefix == __name__ and old in _MOVED:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return None  # the default module object

    def exec_module(self, module: types.ModuleType) -> None:
        new = f"{__name__}.{_MOVED[module.__name__.partition('.')[2]]}"
        warnings.warn(f"{module.__name__} has moved to {new}", DeprecationWarning, stacklevel=2)
        target = importlib.import_module(new)
        module.__dict__.update({k: v for k, v in vars(target).items() if not k.startswith("__")})
        module.__all__ = getattr(target, "__all__", [])


sys.meta_path.append(_MovedModules())

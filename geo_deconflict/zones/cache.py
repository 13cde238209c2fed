"""The built bundled zones, cached beside the spec so that a command starts in a fraction of a second.

Building the bundled zones (geodesic buffers, splits by the river line) takes a few tenths of a
second and loads the vector layers through geopandas; a single-point check needs neither. The
layer builder (``python layers/build_layers.py --zones``, through `zones.prebuild`) writes
``layers/zones.built.json``: every
zone's fields, its geometry as WKB (hex) and the river lines the checker uses, under a key.

The key is a SHA-256 of everything the built zones depend on: the spec's bytes, the shipped
vector layers and the source of the modules that build them (its blank and comment lines
left out). A cache whose key differs (the spec was edited, a layer or the recipes changed) is
never used: `build_zones` then builds the zones from the spec as before, so a stale cache
costs time, never correctness.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from geo_deconflict.zones.model import Source, Zone

__all__ = ["CACHE_NAME", "CANDIDATES_NAME", "cache_key", "cached_candidates", "cached_river",
           "cached_zones", "lines_key"]

CACHE_NAME = "zones.built.json"
# The nearest-segment candidate lists (`geo._grid.Nearest`) of each zone boundary and river
# over the region, so that distances need no cold start: arrays keyed by `lines_key`.
CANDIDATES_NAME = "zones.nearest.npz"
_FORMAT = 1
_RIVERS = ("euphrates",)
# Modules whose code decides the built geometries (relative to the package).
_CODE = ("zones/recipes.py", "zones/spec.py", "zones/model.py", "zones/core.py",
         "geo/geodesy.py", "geo/split.py", "geo/layers.py", "geo/names.py",
         "geo/_grid.py", "geo/_nearest.py", "geo/_cells.py")  # the lists of zones.nearest.npz
_PACKAGE = Path(__file__).resolve().parents[1]


def cache_key(spec_path: Path, layers_dir: Path) -> str:
    """SHA-256 (hex) of the spec, the shipped vector layers and the zone-building code."""
    digest = hashlib.sha256(f"zones-cache {_FORMAT}\n".encode())
    files = [spec_path, *sorted(layers_dir.glob("*.geojson"))]
    code = [_PACKAGE / name for name in _CODE]
    for path in files + code:
        digest.update(path.name.encode() + b"\0")
        data = path.read_bytes() if path.is_file() else b"(missing)"
        digest.update(_code_lines(data) if path in code else data)
        digest.update(b"\0")
    return digest.hexdigest()


def _code_lines(source: bytes) -> bytes:
    r"""A module's source without its blank lines, comment lines and trailing spaces: an edit
    of layout or comments alone leaves the key, and the shipped cache, as they were.

    Examples
    --------
    >>> _code_lines(b"x = 1  \n\n   # a note\n\ny = 2\n") == _code_lines(b"x = 1\ny = 2")
    True
    >>> _code_lines(b"x = 1\n") == _code_lines(b"x = 2\n")
    False
    """
    lines = (line.rstrip() for line in source.splitlines())
    return b"\n".join(line for line in lines if line and not line.lstrip().startswith(b"#"))


def _cache_path(layers_dir: Path) -> Path:
    return layers_dir / CACHE_NAME


@lru_cache(maxsize=1)
def _load() -> dict[str, Any] | None:
    """The cache document if it matches the current spec, layers and code; else None."""
    from geo_deconflict.geo.paths import data_dir

    try:
        layers_dir = data_dir("layers", "zones.yaml")
        path = _cache_path(layers_dir)
        if not path.is_file():
            return None
        doc = json.loads(path.read_text(encoding="utf-8"))
        if doc.get("format") != _FORMAT:
            return None
        if doc.get("key") != cache_key(layers_dir / "zones.yaml", layers_dir):
            return None
    except (OSError, ValueError):
        return None
    return doc


def cached_zones() -> list[Zone] | None:
    """The bundled zones from a fresh cache, or None (no cache, or a stale one)."""
    doc = _load()
    if doc is None:
        return None
    import shapely

    return [_zone(item, shapely) for item in doc["zones"]]


def cached_river(name: str):
    """A river line from a fresh cache (as `layers.river_line` gives it), or None."""
    doc = _load()
    wkb = None if doc is None else doc.get("rivers", {}).get(name)
    if wkb is None:
        return None
    import shapely

    return shapely.from_wkb(bytes.fromhex(wkb))


def lines_key(lines) -> str:
    """A short hash of a line geometry's WKB: which candidate lists belong to it."""
    import shapely

    return hashlib.sha256(shapely.to_wkb(lines)).hexdigest()[:24]


@lru_cache(maxsize=1)
def _candidates() -> dict[str, Any] | None:
    doc = _load()
    if doc is None or "candidates" not in doc:
        return None
    import numpy as np

    from geo_deconflict.geo.paths import data_dir

    try:
        path = data_dir("layers", "zones.yaml") / CANDIDATES_NAME
        with np.load(path, allow_pickle=False) as data:
            if str(data["key"]) != doc["key"]:
                return None
            # the sub-cell lists, most of the file, are read when a check first needs them
            return {name: _Deferred(path, name) if name.endswith(_DEFERRED) else data[name]
                    for name in data.files}
    except (OSError, ValueError, KeyError):
        return None


_DEFERRED = (".sub_cells", ".sub_counts", ".sub_segments")


class _Deferred:
    """An array of the candidates file, read when first called for."""

    def __init__(self, path: Path, name: str):
        self.path, self.name = path, name
        self.value = None

    def __call__(self):
        if self.value is None:
            import numpy as np

            with np.load(self.path, allow_pickle=False) as data:
                self.value = data[self.name]
        return self.value


def cached_candidates(lines) -> dict[str, Any] | None:
    """Candidate lists for `Nearest(lines).load` from a fresh cache, or None (the sub-cell
    parts as callables that read them)."""
    arrays = _candidates()
    if arrays is None:
        return None
    key = lines_key(lines)
    if f"{key}.cells" not in arrays:
        return None
    parts = ("cells", "counts", "segments", "shape", "sub_cells", "sub_counts", "sub_segments")
    return {part: arrays[f"{key}.{part}"] for part in parts if f"{key}.{part}" in arrays}


def _item(z: Zone, shapely) -> dict[str, Any]:
    return {
        "id": z.id, "name_en": z.name_en, "name_ar": z.name_ar, "kind": z.kind,
        "parties": list(z.parties), "rules": dict(z.rules),
        "valid_from": z.valid_from.isoformat() if z.valid_from else None,
        "valid_to": z.valid_to.isoformat() if z.valid_to else None,
        "sources": [{"outlet": s.outlet, "date": s.date, "url": s.url, "title": s.title,
                     "note": s.note} for s in z.sources],
        "notes": z.notes, "approximate": z.approximate, "recipe": z.recipe,
        "centre": list(z.centre) if z.centre else None, "radius_m": z.radius_m,
        "version_of": z.version_of, "geometry": shapely.to_wkb(z.geometry, hex=True),
    }


def _zone(item: dict[str, Any], shapely) -> Zone:
    day = dt.date.fromisoformat
    return Zone(
        id=item["id"], name_en=item["name_en"], name_ar=item["name_ar"], kind=item["kind"],
        geometry=shapely.from_wkb(bytes.fromhex(item["geometry"])),
        parties=tuple(item["parties"]), rules=item["rules"],
        valid_from=day(item["valid_from"]) if item["valid_from"] else None,
        valid_to=day(item["valid_to"]) if item["valid_to"] else None,
        sources=tuple(Source(**s) for s in item["sources"]), notes=item["notes"],
        approximate=item["approximate"], recipe=item["recipe"],
        centre=tuple(item["centre"]) if item["centre"] else None, radius_m=item["radius_m"],
        version_of=item.get("version_of"),
    )


def _same(a: Zone, b: Zone) -> bool:
    fields = ("id", "name_en", "name_ar", "kind", "parties", "rules", "valid_from", "valid_to",
              "sources", "notes", "approximate", "recipe", "centre", "radius_m", "version_of")
    return (all(getattr(a, f) == getattr(b, f) for f in fields)
            and a.geometry.equals_exact(b.geometry, 0.0))

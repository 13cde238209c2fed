"""Writing the prebuilt bundled zones beside the spec (see `zones.cache`, which reads them).

Run by the layer builder: ``python layers/build_layers.py --zones``.
"""

from __future__ import annotations

import json
from pathlib import Path

from geo_deconflict.zones import cache
from geo_deconflict.zones.cache import (
    _FORMAT,
    _RIVERS,
    CACHE_NAME,
    CANDIDATES_NAME,
    _item,
    _same,
    _zone,
    cache_key,
    lines_key,
)
from geo_deconflict.zones.core import _build
from geo_deconflict.zones.model import Zone

__all__ = ["write_cache"]


def write_cache(layers_dir: Path | None = None) -> Path:
    """Build the bundled zones and write the cache beside the spec (atomically); its path.

    Zones whose fields do not survive JSON unchanged (e.g. a date inside ``rules``) make the
    whole cache unusable, so none is written then (and a stale one is removed).
    """
    import shapely

    from geo_deconflict.geo import layers
    from geo_deconflict.geo.paths import data_dir

    layers_dir = Path(layers_dir) if layers_dir else data_dir("layers", "zones.yaml")
    spec_path = layers_dir / "zones.yaml"
    zones = _build(spec_path, unmapped=True)  # all of them: build_zones filters
    items = [_item(z, shapely) for z in zones]
    key = cache_key(spec_path, layers_dir)
    rivers = {r: layers.river_line(r) for r in _RIVERS}
    doc = {"format": _FORMAT, "key": key, "zones": items,
           "rivers": {r: shapely.to_wkb(line, hex=True) for r, line in rivers.items()},
           "candidates": CANDIDATES_NAME}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    path = layers_dir / CACHE_NAME
    back = [_zone(item, shapely) for item in json.loads(text)["zones"]]
    if any(not _same(a, b) for a, b in zip(zones, back)):
        path.unlink(missing_ok=True)
        msg = "the built zones do not survive JSON unchanged; no cache written"
        raise ValueError(msg)
    _write_candidates(layers_dir / CANDIDATES_NAME, key, zones, list(rivers.values()))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.replace(path)
    cache._load.cache_clear()
    cache._candidates.cache_clear()
    return path


def _write_candidates(path: Path, key: str, zones: list[Zone], rivers: list) -> None:
    """Candidate lists of every polygon zone's boundary and every river, for every cell of
    their rasters (which cover the region and round it: `geo._grid.COVER`), computed at once
    (vectorised over the cells) for each distinct line."""
    import numpy as np
    import shapely

    from geo_deconflict.geo._grid import Nearest

    lines = [shapely.boundary(z.geometry) for z in zones
             if z.mapped and not (z.centre and z.radius_m)]
    lines += rivers
    arrays: dict[str, np.ndarray] = {"key": np.array(key)}
    for geom in lines:
        name = lines_key(geom)
        if f"{name}.cells" in arrays:  # versions of one zone share their boundary
            continue
        nearest = Nearest(geom)
        for part, value in nearest.export(np.arange(nearest.nx * nearest.ny)).items():
            arrays[f"{name}.{part}"] = value
    tmp = path.with_suffix(".tmp.npz")
    np.savez_compressed(tmp, **arrays)
    tmp.replace(path)

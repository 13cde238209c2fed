"""The prebuilt bundled zones (zones.built.json): the same zones as a build, never stale."""

from __future__ import annotations

import shutil

import pytest

from geo_deconflict.geo import layers
from geo_deconflict.zones import build_zones
from geo_deconflict.zones import cache as zcache
from geo_deconflict.zones.core import _build
from geo_deconflict.zones.prebuild import write_cache


def _same_zones(a, b) -> bool:
    return len(a) == len(b) and all(zcache._same(x, y) for x, y in zip(a, b))


def test_shipped_cache_is_fresh_and_equals_a_build():
    """If this fails after zones.yaml changed: run `python layers/build_layers.py --zones`."""
    assert zcache.cached_zones() is not None, (
        "layers/zones.built.json is missing or stale: run python layers/build_layers.py --zones")
    assert _same_zones(build_zones(), _build(None))


def test_cache_written_for_a_spec_and_ignored_once_the_spec_changes(tmp_path):
    folder = tmp_path / "layers"
    shutil.copytree(layers.layers_dir(), folder,
                    ignore=shutil.ignore_patterns("*.py", "*.gz", zcache.CACHE_NAME))
    path = write_cache(folder)
    key = zcache.cache_key(folder / "zones.yaml", folder)
    assert key in path.read_text(encoding="utf-8")
    spec = folder / "zones.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("55000", "54000", 1),
                    encoding="utf-8")
    edited = zcache.cache_key(spec, folder)
    assert edited != key  # an edited spec never meets the old cache
    towns = folder / "towns.geojson"
    towns.write_text(towns.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert zcache.cache_key(spec, folder) != edited  # nor does a changed layer


def test_stale_cache_falls_back_to_building(monkeypatch):
    monkeypatch.setattr(zcache, "_load", lambda: None)
    zones = build_zones()
    assert [z.id for z in zones] == [z.id for z in _build(None)]
    assert zcache.cached_river("euphrates") is None


def test_cached_river_is_the_layers_line():
    line = zcache.cached_river("euphrates")
    if line is None:
        pytest.skip("no fresh cache")
    assert line.equals_exact(layers.river_line("euphrates"), 0.0)


def test_shipped_candidate_lists_give_the_same_nearest_points_as_computed_ones():
    import numpy as np
    import shapely

    from geo_deconflict.geo._grid import Nearest

    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(34.5, 43.0, 20_000), rng.uniform(31.5, 38.0, 20_000)
    lines = [shapely.boundary(z.geometry) for z in build_zones() if not z.radius_m]
    lines.append(layers.river_line("euphrates"))
    for geom in lines:
        data = zcache.cached_candidates(geom)
        assert data is not None, "run python layers/build_layers.py --zones"
        loaded = Nearest(geom)
        assert loaded.load(data)
        assert loaded.done.sum() > 10_000
        assert loaded._pending is not None  # the sub-cells: read only once they pay off
        loaded.nearest(lon[:20], lat[:20])
        assert loaded._pending is not None and (loaded.sub_base >= 0).sum() == 0
        loaded._load_sub()
        assert (loaded.sub_base >= 0).sum() > 1_000  # shipped with sub-cells
        fx, fy = loaded.nearest(lon, lat)
        few = slice(0, 2_000)
        computed = Nearest(geom)
        computed.export(computed.cells_of(lon[few], lat[few]))  # these cells computed, split
        gx, gy = computed.nearest(lon[few], lat[few])
        assert np.array_equal(fx[few], gx) and np.array_equal(fy[few], gy)


def test_key_ignores_blank_and_comment_lines_of_the_code_but_not_its_changes(tmp_path,
                                                                            monkeypatch):
    # a review that only re-spaces or comments a module leaves the shipped cache fresh
    package = tmp_path / "geo_deconflict"
    for name in zcache._CODE:
        (package / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(zcache._PACKAGE / name, package / name)
    folder = layers.layers_dir()
    spec = folder / "zones.yaml"
    monkeypatch.setattr(zcache, "_PACKAGE", package)
    before = zcache.cache_key(spec, folder)
    geodesy = package / "geo" / "geodesy.py"
    source = geodesy.read_text(encoding="utf-8")
    geodesy.write_text(source.replace("\n\n\n", "\n\n\n\n   # a note  \n", 1) + "\n\n",
                       encoding="utf-8")
    assert zcache.cache_key(spec, folder) == before
    geodesy.write_text(source.replace("6378137", "6378136", 1), encoding="utf-8")
    assert "6378137" in source
    assert zcache.cache_key(spec, folder) != before

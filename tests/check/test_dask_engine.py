"""The dask engine on a small LocalCluster gives the in-process result, row by row."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

pytest.importorskip("dask_geopandas")
pytest.importorskip("distributed")

from geo_deconflict.check.core import check_frame
from geo_deconflict.check.dask_engine import check_dask
from geo_deconflict.errors import OutputExistsError
from geo_deconflict.geo.layers import load_layer


@pytest.fixture(scope="module")
def points() -> gpd.GeoDataFrame:
    """Random points over Syria plus the shipped sites, with an ACLED-like precision column."""
    rng = np.random.default_rng(7)
    n = 3_000
    sites = load_layer("sites")
    lon = np.r_[rng.uniform(35.7, 42.3, n), sites.geometry.x]
    lat = np.r_[rng.uniform(32.4, 37.3, n), sites.geometry.y]
    return gpd.GeoDataFrame({"event_id": [f"E{i}" for i in range(lon.size)],
                             "geo_precision": rng.choice([1, 2, 3], lon.size)},
                            geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326")


def test_dask_matches_in_process(tmp_path, points):
    import dask_geopandas

    src = tmp_path / "points_parts"
    dask_geopandas.from_geopandas(points, npartitions=4).to_parquet(src)
    dst = tmp_path / "checked"
    rows = check_dask(src, dst, n_workers=2, processes=False)
    assert rows == len(points)
    got = gpd.read_parquet(dst).sort_values("event_id").reset_index(drop=True)
    assert got.crs.to_epsg() == 4326

    local = pd.DataFrame(points.drop(columns="geometry"))
    local["lon"], local["lat"] = points.geometry.x, points.geometry.y
    expected = check_frame(local, lon="lon", lat="lat", precision_column="geo_precision")
    expected = expected.drop(columns=["lon", "lat"]).sort_values("event_id").reset_index(drop=True)
    for col in expected.columns:
        if isinstance(expected[col].dtype, pd.CategoricalDtype):
            expected[col] = expected[col].astype(str)
    pd.testing.assert_frame_equal(pd.DataFrame(got.drop(columns="geometry")), expected,
                                  check_dtype=False)
    assert (got["in_tanf_55km"] == "in").sum() > 0 and (got["bank"] == "left").sum() > 0
    with pytest.raises(OutputExistsError):
        check_dask(src, dst, n_workers=1, processes=False)


def test_dask_bad_rows_and_targets_are_one_line_errors(tmp_path, runner):
    """A bad row fails the run with the row's reason and no worker traceback; nothing is
    left behind; a file name for the folder of parts is refused before any work."""
    from geo_deconflict.cli import cli

    src = tmp_path / "bad.csv"
    src.write_text("lat,lon\n33.5,38.6\n91,38\n", encoding="utf-8")
    result = runner.invoke(cli, ["check", str(src), "-o", str(tmp_path / "out.parquet"),
                                 "--engine", "dask", "--workers", "1"])
    assert result.exit_code == 1
    assert "latitude 91 is out of range" in result.output and "partition 1" in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv"]
    good = tmp_path / "good.csv"
    good.write_text("lat,lon\n33.5,38.6\n", encoding="utf-8")
    result = runner.invoke(cli, ["check", str(good), "-o", str(tmp_path / "out.csv"),
                                 "--engine", "dask"])
    assert result.exit_code == 1 and "folder of GeoParquet parts" in result.output
    assert not (tmp_path / "out.csv").exists()

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


def test_dask_honours_the_options_of_the_local_engine(tmp_path, runner, points):
    """--no-precision, an uncertainty column (found by name) and --distance-max-km give, on
    the dask engine, the rows the local engine writes; a bad uncertainty cell is a one-line
    error naming its partition, row and value."""
    from geo_deconflict.cli import cli

    rows = pd.DataFrame({"event_id": points["event_id"], "lat": points.geometry.y,
                         "lon": points.geometry.x, "geo_precision": points["geo_precision"],
                         "uncertainty_m": np.resize([0.0, 5_000.0, 40_000.0], len(points))})
    src = tmp_path / "events.csv"
    rows.to_csv(src, index=False)
    for options in (["--no-precision"], ["--distance-max-km", "25"], []):
        local, parts = tmp_path / "local.parquet", tmp_path / "parts.parquet"
        for engine, out in (("local", local), ("dask", parts)):
            result = runner.invoke(cli, ["check", str(src), "-o", str(out), "--force",
                                         "--engine", engine, "--workers", "1", *options])
            assert result.exit_code == 0, result.output
        want = pd.read_parquet(local).sort_values("event_id").reset_index(drop=True)
        got = pd.read_parquet(parts).sort_values("event_id").reset_index(drop=True)
        checked = [c for c in want.columns if c.startswith(("in_", "dist_", "zones", "bank"))]
        for frame in (want, got):   # categories locally, plain text from the parts
            for col in checked:
                if not col.startswith("dist_"):
                    frame[col] = frame[col].astype(str)
        pd.testing.assert_frame_equal(got[checked], want[checked], check_dtype=False)
        statuses = got[[c for c in checked if c.startswith("in_")]]
        if options == ["--no-precision"]:   # 40 km of uncertainty still makes ambiguity
            assert (statuses == "ambiguous").to_numpy().sum() > 0
        if options == ["--distance-max-km", "25"]:
            assert got["dist_euphrates_west_m"].isna().sum() > 0
    bad = rows.copy()
    bad["uncertainty_m"] = bad["uncertainty_m"].astype(object)
    bad.loc[5, "uncertainty_m"] = "-3"
    bad.to_csv(src, index=False)
    result = runner.invoke(cli, ["check", str(src), "-o", str(tmp_path / "bad.parquet"),
                                 "--engine", "dask", "--workers", "1"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "partition 1" in result.output and "-3" in result.output
    assert not (tmp_path / "bad.parquet").exists()

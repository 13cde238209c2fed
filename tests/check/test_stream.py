"""Files streamed with Arrow: the same answers as the in-memory check, chunk by chunk, for CSV,
GeoParquet and plain Parquet; dictionary (categorical) columns; the distance band."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from geo_deconflict.check.checker import ZoneChecker
from geo_deconflict.check.core import check_frame
from geo_deconflict.check.files import check_file
from geo_deconflict.cli import cli
from geo_deconflict.errors import CoordinateError

CHECKER = ZoneChecker()


def _events(n: int = 30_000) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    return pd.DataFrame({
        "event_id": [f"E{i}" for i in range(n)],
        "latitude": rng.uniform(32.3, 37.35, n).round(5),
        "longitude": rng.uniform(35.7, 42.4, n).round(5),
        "geo_precision": rng.choice([1, 2, 3], n, p=[0.7, 0.25, 0.05]),
        "note": rng.choice(["a, quoted \"x\"", "", "plain"], n),
    })


def _expected(frame: pd.DataFrame, **kw) -> pd.DataFrame:
    return check_frame(frame, lon="longitude", lat="latitude", checker=CHECKER,
                       precision_column="geo_precision", **kw)


def _compare(got: pd.DataFrame, want: pd.DataFrame) -> None:
    for col in want.columns:
        if col.startswith("dist_") or col == "euphrates_offset_m":
            np.testing.assert_allclose(got[col].to_numpy(float), want[col].to_numpy(float),
                                       atol=1e-3, equal_nan=True)
        elif col in ("in_tanf_55km", "bank", "zones", "zones_ambiguous"):
            assert (got[col].astype(str).fillna("") == want[col].astype(str)).all(), col


def test_csv_streamed_in_chunks_matches_the_in_memory_check(tmp_path):
    frame = _events()
    src, dst = tmp_path / "e.csv", tmp_path / "out.csv"
    frame.to_csv(src, index=False)
    summary = check_file(src, dst, checker=CHECKER, chunk_rows=4_000)
    got = pd.read_csv(dst, keep_default_na=False, na_values=[""])
    assert summary.rows == len(frame) == len(got)
    assert list(got["note"].fillna("")) == list(frame["note"])  # text passed through
    _compare(got, _expected(frame))
    assert summary.inside["euphrates_east"] == int((got["in_euphrates_east"] == "in").sum())


def test_geoparquet_streamed_by_row_group_keeps_geometry_and_writes_dictionaries(tmp_path):
    frame = _events()
    src, dst = tmp_path / "e.parquet", tmp_path / "out.parquet"
    gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame.longitude, frame.latitude),
                     crs=4326).to_parquet(src, row_group_size=5_000)
    check_file(src, dst, checker=CHECKER, chunk_rows=5_000, distances=False)
    schema = pq.read_schema(dst)
    assert str(schema.field("in_euphrates_west").type).startswith("dictionary")
    out = gpd.read_parquet(dst)
    assert out.crs.equals("EPSG:4326") and (out.geometry.x == frame.longitude).all()
    _compare(out, _expected(frame, distances=False))


def test_plain_parquet_with_named_coordinate_columns(tmp_path, runner):
    frame = _events(2_000).rename(columns={"latitude": "Y_wgs", "longitude": "X_wgs"})
    src, dst = tmp_path / "plain.parquet", tmp_path / "out.csv"
    frame.to_parquet(src)
    result = runner.invoke(cli, ["check", str(src), "-o", str(dst), "--lat-column", "Y_wgs",
                                 "--lon-column", "X_wgs", "--no-distances"])
    assert result.exit_code == 0, result.output
    got = pd.read_csv(dst, keep_default_na=False)
    want = check_frame(frame, lon="X_wgs", lat="Y_wgs", checker=CHECKER,
                       precision_column="geo_precision", distances=False)
    assert (got["zones"] == want["zones"].astype(str)).all()
    missing = runner.invoke(cli, ["check", str(src), "-o", str(tmp_path / "x.csv")])
    assert missing.exit_code != 0 and "--lat-column" in missing.output


def test_distance_band_blanks_far_distances_and_keeps_near_ones(tmp_path):
    frame = _events()
    src = tmp_path / "e.csv"
    frame.to_csv(src, index=False)
    full, band = tmp_path / "full.csv", tmp_path / "band.csv"
    check_file(src, full, checker=CHECKER)
    check_file(src, band, checker=CHECKER, distance_max_m=20_000.0)
    a, b = pd.read_csv(full), pd.read_csv(band)
    for col in [c for c in a.columns if c.startswith("dist_")]:
        near = a[col].abs() <= 20_000
        np.testing.assert_allclose(b.loc[near, col], a.loc[near, col], atol=1e-3)
        assert b.loc[~near, col].isna().all()
    assert (a["zones_ambiguous"].fillna("") == b["zones_ambiguous"].fillna("")).all()


def test_bad_coordinate_in_a_later_chunk_names_the_row(tmp_path):
    frame = _events(9_000).astype({"latitude": str})
    frame.loc[7_500, "latitude"] = "33,5"
    src = tmp_path / "bad.csv"
    frame.to_csv(src, index=False)
    with pytest.raises(CoordinateError, match=r"7,?502.*'33,5'"):
        check_file(src, tmp_path / "out.csv", checker=CHECKER, chunk_rows=2_000)
    assert not (tmp_path / "out.csv").exists()

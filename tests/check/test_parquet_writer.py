"""The streamed GeoParquet writer and reader: output values and geometry bytes as the file and the
checker give them, however the writer is tuned; the file read ahead while the command starts;
no output left behind on an error; the stream without pandas; Arrow <-> numpy helpers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from pyproj import CRS

from geo_deconflict.check import _parquet
from geo_deconflict.check._arrow import from_numpy, string_array, to_numpy
from geo_deconflict.check._parquet import ParquetSource, reading_ahead, wkb_from_xy
from geo_deconflict.check.checker import _STATUSES, ZoneChecker
from geo_deconflict.check.files import check_file
from geo_deconflict.cli import cli
from geo_deconflict.errors import InputFileError

CHECKER = ZoneChecker()
ROOT = Path(__file__).resolve().parents[2]
WGS84 = CRS.from_epsg(4326).to_json_dict()  # as pyproj (and so geopandas) writes it


def _geoparquet(path: Path, n: int = 12_000, *, row_group: int = 3_000) -> pa.Table:
    """ACLED-like rows with WKB points, written as GeoParquet in several row groups."""
    rng = np.random.default_rng(5)
    lon, lat = rng.uniform(35.7, 42.4, n).round(5), rng.uniform(32.3, 37.35, n).round(5)
    days = np.datetime64("2017-01-01") + rng.integers(0, 1_500, n)
    table = pa.table({
        "event_id": [f"SYR{i}" for i in range(n)],
        "event_date": days.astype(str),
        "latitude": lat, "longitude": lon,
        "fatalities": rng.integers(0, 5, n),
        "geometry": wkb_from_xy(lon, lat),
    })
    geo = {"version": "1.0.0", "primary_column": "geometry",
           "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"],
                                    "crs": WGS84}}}
    table = table.replace_schema_metadata({b"geo": json.dumps(geo).encode()})
    pq.write_table(table, path, row_group_size=row_group)
    return table


def test_output_values_and_geometry_bytes_are_those_of_the_file_and_the_checker(tmp_path):
    src, dst = tmp_path / "events.parquet", tmp_path / "out.parquet"
    table = _geoparquet(src)
    check_file(src, dst, checker=CHECKER, chunk_rows=2_500, distances=False,
               date_column="event_date")
    got = pq.read_table(dst)
    for name in table.schema.names:  # input columns unchanged, the WKB bytes as they were
        assert got.column(name).to_pylist() == table.column(name).to_pylist(), name
    x, y = table.column("longitude").to_numpy(), table.column("latitude").to_numpy()
    dates = np.array(table.column("event_date").to_pylist(), dtype="datetime64[D]")
    _, codes, _ = CHECKER._arrays(x, y, 0.0, dates, False)
    for i, zid in enumerate(CHECKER.zone_ids):
        want = [_STATUSES[c] for c in codes[i]]
        assert got.column(f"in_{zid}").to_pylist() == want, zid
    # the added statuses are declared never null; the file's own columns keep their fields
    assert not got.schema.field("in_tanf_55km").nullable
    assert not got.schema.field("zones").nullable
    assert got.schema.field("event_id").nullable
    # statistics for the file's columns, none for the WKB bytes
    meta = pq.ParquetFile(dst).metadata
    names = [meta.schema.column(i).name for i in range(meta.num_columns)]
    group = meta.row_group(0)
    assert group.column(names.index("latitude")).statistics.has_min_max
    assert group.column(names.index("geometry")).statistics is None or \
        not group.column(names.index("geometry")).statistics.has_min_max
    frame = gpd.read_parquet(dst)
    assert frame.crs.equals("EPSG:4326")
    np.testing.assert_array_equal(frame.geometry.x.to_numpy(), x)


def test_the_tuned_writer_gives_the_table_pyarrow_defaults_give(tmp_path, monkeypatch):
    src, ours, plain = (tmp_path / n for n in ("events.parquet", "ours.parquet", "plain.parquet"))
    _geoparquet(src)
    check_file(src, ours, checker=CHECKER, chunk_rows=2_500, distances=False)
    monkeypatch.setattr(_parquet, "_options", lambda batch, source: {})  # pyarrow's defaults
    check_file(src, plain, checker=CHECKER, chunk_rows=2_500, distances=False)
    got, want = pq.read_table(ours), pq.read_table(plain)
    assert got.schema.equals(want.schema, check_metadata=True)
    for name in want.schema.names:
        assert got.column(name).to_pylist() == want.column(name).to_pylist(), name
    assert pq.ParquetFile(ours).metadata.num_row_groups == 5  # one per chunk
    assert ours.stat().st_size <= plain.stat().st_size


def test_plain_parquet_output_gets_a_geometry_from_its_coordinate_columns(tmp_path, runner):
    src, dst = tmp_path / "plain.parquet", tmp_path / "out.parquet"
    table = _geoparquet(tmp_path / "geo.parquet").drop_columns(["geometry"])
    table = table.rename_columns(["event_id", "event_date", "Y", "X", "fatalities"])
    pq.write_table(table, src)
    result = runner.invoke(cli, ["check", str(src), "-o", str(dst), "--lat-column", "Y",
                                 "--lon-column", "X", "--no-distances"])
    assert result.exit_code == 0, result.output
    frame = gpd.read_parquet(dst)
    np.testing.assert_array_equal(frame.geometry.x.to_numpy(), table.column("X").to_numpy())
    np.testing.assert_array_equal(frame.geometry.y.to_numpy(), table.column("Y").to_numpy())
    same = tmp_path / "same.parquet"
    check_file(tmp_path / "geo.parquet", same, checker=CHECKER, distances=False,
               date_column="event_date")  # as the command finds it
    assert list(frame["zones"].astype(str)) == pq.read_table(same).column("zones").to_pylist()


def test_a_file_read_ahead_is_taken_by_the_check_with_its_chunks(tmp_path):
    src = tmp_path / "events.parquet"
    _geoparquet(src)
    plain, ahead = tmp_path / "plain.parquet", tmp_path / "ahead.parquet"
    check_file(src, plain, checker=CHECKER, chunk_rows=2_500, distances=False)
    with reading_ahead(src, 2_500):
        taken = ParquetSource.open(src, 2_500)
        assert taken._ahead is not None  # already reading
        assert ParquetSource.open(src, 2_500) is not taken  # taken once
        assert ParquetSource.open(src, 1_000)._ahead is None  # another chunk size: its own
    with reading_ahead(src, 2_500):
        check_file(src, ahead, checker=CHECKER, chunk_rows=2_500, distances=False)
    assert pq.read_table(ahead).equals(pq.read_table(plain))
    with reading_ahead(src, 2_500):  # never taken: closed at the end of the block
        pass
    assert ParquetSource.open(src, 2_500)._ahead is None


def test_a_file_that_cannot_be_read_ahead_fails_as_usual(tmp_path):
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"not parquet")
    with reading_ahead(bad, 1_000), pytest.raises(InputFileError, match="cannot read"):
        check_file(bad, tmp_path / "out.parquet", checker=CHECKER, distances=False)
    assert not (tmp_path / "out.parquet").exists()


def test_a_bad_feature_in_a_later_row_group_leaves_no_output(tmp_path, runner):
    src, dst = tmp_path / "events.parquet", tmp_path / "out.parquet"
    table = _geoparquet(src)
    wkb = table.column("geometry").to_pylist()
    wkb[10_000] = None  # a feature without geometry, in the fourth row group
    table = table.set_column(table.schema.get_field_index("geometry"), "geometry",
                             pa.array(wkb, pa.binary()))
    pq.write_table(table, src, row_group_size=3_000)
    result = runner.invoke(cli, ["check", str(src), "-o", str(dst), "--no-distances",
                                 "--chunk-rows", "3000"])
    assert result.exit_code != 0
    assert "feature 10001" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.parquet"]


def test_the_streamed_parquet_check_does_not_import_pandas(tmp_path):
    src, dst = tmp_path / "events.parquet", tmp_path / "out.parquet"
    _geoparquet(src, 3_000)
    code = ("import sys\n"
            "from geo_deconflict.check.checker import ZoneChecker\n"
            "from geo_deconflict.check.files import check_file\n"
            "assert 'pyproj' not in sys.modules, 'pyproj on import'\n"
            f"check_file({str(src)!r}, {str(dst)!r}, checker=ZoneChecker(), distances=False)\n"
            "print('pandas' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert out.stdout.strip() == "False"
    assert pq.read_table(dst).num_rows == 3_000


def test_arrow_helpers_round_trip_without_copies():
    values = np.arange(10, dtype=np.int32)
    array = from_numpy(values)
    assert array.to_pylist() == list(range(10))
    view = to_numpy(array.slice(3, 4))
    assert view.tolist() == [3, 4, 5, 6] and np.shares_memory(view, values)
    assert to_numpy(from_numpy(np.zeros(0))).size == 0
    assert from_numpy(np.array([1.0, np.nan]), nan_is_null=True).null_count == 1
    assert from_numpy(np.array([1.0, np.nan])).null_count == 0
    flags = pa.array([True, False, True, True, False]).slice(1, 3)
    assert to_numpy(flags).tolist() == [False, True, True]
    assert np.isnan(to_numpy(pa.array([1.0, None]))).tolist() == [False, True]
    assert string_array(["in", "", "ambiguous"]).to_pylist() == ["in", "", "ambiguous"]


def test_zones_out_of_force_on_a_rows_date_are_inactive_whatever_the_date_form(tmp_path):
    rng = np.random.default_rng(9)
    n = 6_000
    forms = np.array(["2016-02-01", "2019-11-20", "", "16 September 2017", "2018-03",
                      "2021-07-04/2021-07-09"])
    table = pa.table({"latitude": rng.uniform(32.3, 37.35, n).round(5),
                      "longitude": rng.uniform(35.7, 42.4, n).round(5),
                      "when": forms[rng.integers(0, len(forms), n)]})
    src, dst = tmp_path / "events.parquet", tmp_path / "out.parquet"
    pq.write_table(table, src, use_dictionary=False)  # plain text: read row by row
    check_file(src, dst, checker=CHECKER, date_column="when", distances=False, chunk_rows=2_000)
    got = pq.read_table(dst)
    x, y = table.column("longitude").to_numpy(), table.column("latitude").to_numpy()
    _, codes, _ = CHECKER._arrays(x, y, 0.0, table.column("when").to_pylist(), False)
    assert (codes == 3).any() and (codes[:-1] != 3).any()
    for i, zid in enumerate(CHECKER.zone_ids):
        assert got.column(f"in_{zid}").to_pylist() == [_STATUSES[c] for c in codes[i]], zid

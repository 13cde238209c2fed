"""Parquet text columns stored with dictionaries go through the check as dictionaries, yet the
output reads back with the input's types and values (Parquet, CSV and GeoJSON outputs); dates
in such a column are read once per distinct value, ISO or not."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from geo_deconflict.check._parquet import ParquetSource
from geo_deconflict.check.checker import ZoneChecker
from geo_deconflict.check.files import check_file

CHECKER = ZoneChecker()


def _table(n: int = 30_000, *, dates=None) -> pa.Table:
    rng = np.random.default_rng(11)
    days = np.datetime64("2016-06-01") + rng.integers(0, 200, n)
    return pa.table({
        "event_id": [f"SYR{i}" for i in range(n)],  # unique: plain pages after a while
        "event_date": dates if dates is not None else days.astype(str),
        "actor": pa.array(rng.choice(["SDF", "Military Forces of Syria", None], n)),
        "latitude": rng.uniform(32.3, 37.35, n).round(5),
        "longitude": rng.uniform(35.7, 42.4, n).round(5),
    })


@pytest.fixture
def src(tmp_path):
    path = tmp_path / "events.parquet"
    pq.write_table(_table(), path, row_group_size=10_000, dictionary_pagesize_limit=16_384)
    return path


def test_only_columns_with_small_dictionaries_are_read_as_dictionaries(src):
    source = ParquetSource(src, 5_000)
    assert set(source.coded) == {"event_date", "actor"}
    batch, _ = next(iter(source.batches(None)))
    assert pa.types.is_dictionary(batch.schema.field("actor").type)
    assert pa.types.is_string(batch.schema.field("event_id").type)


def test_parquet_output_keeps_the_input_types_and_values(src, tmp_path):
    dst = tmp_path / "out.parquet"
    summary = check_file(src, dst, checker=CHECKER, chunk_rows=5_000, distances=False)
    got, want = pq.read_table(dst), pq.read_table(src)
    assert summary.rows == want.num_rows == got.num_rows
    for name in want.schema.names:
        assert got.schema.field(name).type == want.schema.field(name).type, name
        assert got.column(name).to_pylist() == want.column(name).to_pylist(), name
    assert pa.types.is_dictionary(got.schema.field("in_tanf_55km").type)
    assert got.column("actor").null_count == want.column("actor").null_count > 0
    # the same statuses as from a file without dictionary pages
    plain, out2 = tmp_path / "plain.parquet", tmp_path / "out2.parquet"
    pq.write_table(want, plain, use_dictionary=False)
    check_file(plain, out2, checker=CHECKER, chunk_rows=5_000, distances=False)
    assert pq.read_table(out2).equals(got)


def test_csv_and_geojson_outputs_decode_the_dictionaries(src, tmp_path):
    csv, geojson = tmp_path / "out.csv", tmp_path / "out.geojson"
    check_file(src, csv, checker=CHECKER, distances=False)
    got = pd.read_csv(csv, keep_default_na=False)
    want = pq.read_table(src)
    assert list(got["actor"]) == [a or "" for a in want.column("actor").to_pylist()]
    assert list(got["event_date"]) == want.column("event_date").to_pylist()
    small = tmp_path / "small.parquet"
    pq.write_table(_table(300), small)
    check_file(small, geojson, checker=CHECKER, distances=False)
    features = json.loads(geojson.read_text(encoding="utf-8"))["features"]
    actors = [f["properties"]["actor"] for f in features]
    assert None in actors and "nan" not in actors and "None" not in actors


def test_dates_in_a_dictionary_column_decide_the_zones_in_force(tmp_path):
    n = 6_000
    dates = np.where(np.arange(n) % 2 == 0, "2010-01-01", "16 September 2019")
    src, dst = tmp_path / "dated.parquet", tmp_path / "out.parquet"
    pq.write_table(_table(n, dates=pa.array(dates)), src)
    assert "event_date" in ParquetSource(src, 1_000).coded
    check_file(src, dst, checker=CHECKER, date_column="event_date", chunk_rows=2_000,
               distances=False)
    got = pq.read_table(dst).to_pandas()
    status = got["in_euphrates_east"].astype(str)
    early = got["event_date"] == "2010-01-01"
    assert (status[early] == "inactive").all()       # before any zone
    assert (status[~early] != "inactive").any()


def test_reading_row_group_by_row_group_keeps_memory_bounded(tmp_path):
    path = tmp_path / "many_groups.parquet"
    pq.write_table(_table(60_000), path, row_group_size=2_000)  # 30 row groups
    source = ParquetSource(path, 2_000)
    before = pa.total_allocated_bytes()
    peak, one = 0, 0
    for batch, _ in source.batches(None):
        one = max(one, batch.nbytes)
        peak = max(peak, pa.total_allocated_bytes() - before)
        del batch
    assert one and peak < 8 * one  # not the whole file (30 batches) held by the reader


def test_an_input_column_named_like_an_added_one_is_replaced_by_it(tmp_path):
    table = _table(3_000).append_column("bank", pa.array(["x"] * 3_000))
    src, dst = tmp_path / "banked.parquet", tmp_path / "out.parquet"
    pq.write_table(table, src)
    check_file(src, dst, checker=CHECKER, distances=False)
    got = pq.read_table(dst)
    assert pa.types.is_dictionary(got.schema.field("bank").type)
    assert set(got.column("bank").to_pylist()) <= {"left", "right", "ambiguous", None, ""}

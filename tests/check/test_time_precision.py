"""ACLED's time_precision widens a row's date in `check` (the week around it, its month), the
same on every path: the CLI on CSV and Parquet (streamed), the in-memory API, vector files
read whole; and as the ACLED reader and ``breaches`` read the same rows."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from geo_deconflict.breaches.core import _in_force
from geo_deconflict.check._dates import ALL, NONE, PART, _apply_states
from geo_deconflict.check.checker import ZoneChecker
from geo_deconflict.check.core import check_frame, check_points
from geo_deconflict.check.files import check_file
from geo_deconflict.cli import cli
from geo_deconflict.errors import DateError
from geo_deconflict.incidents.records import day_ranges
from geo_deconflict.incidents.tabular import read_csv
from geo_deconflict.zones.core import build_zones

ZONES = {z.id: z for z in build_zones()}
ZONE = ZONES["manbij_area.roadmap"]  # in force 2018-06-04 .. 2018-10-31
COLUMN = f"in_{ZONE.id}"
INSIDE = ZONE.geometry.representative_point()
TANF = (38.61778, 33.50583)  # the garrison: far outside the Manbij zones
CHECKER = ZoneChecker()

# (id, event_date, time_precision, where, the status in the zone)
ROWS = [
    ("SYR1", "2018-06-10", "1", "in", "in"),             # a day in force
    ("SYR2", "2018-06-02", "1", "in", "inactive"),       # a day before valid_from
    ("SYR3", "2018-06-02", "2", "in", "ambiguous"),      # 05-30 .. 06-05 straddles 06-04
    ("SYR4", "2018-05-15", "3", "in", "inactive"),       # May: wholly before
    ("SYR5", "2018-06-10", "2", "in", "in"),             # 06-07 .. 06-13: wholly in force
    ("SYR6", "2018-10-15", "3", "in", "in"),             # October: valid_to is its last day
    ("SYR7", "2018-11-05", "3", "in", "inactive"),       # November: wholly after
    ("SYR8", "2018-10-30", "2", "in", "ambiguous"),      # 10-27 .. 11-02 straddles valid_to
    ("SYR9", "2018-06-02", "", "in", "inactive"),        # blank: the day itself
    ("SYR10", "2018-06-02", "2", "out", "out"),          # straddling, but out stays out
    ("SYR11", "2018-05-20", "3", "out", "inactive"),     # May, out: inactive as before
]
EXPECTED = [status for *_, status in ROWS]
# the same rows read as one day each (time_precision ignored)
SINGLE_DAY = ["in", "inactive", "inactive", "inactive", "in", "in", "inactive", "in",
              "inactive", "inactive", "inactive"]


def _frame() -> pd.DataFrame:
    points = {"in": (INSIDE.x, INSIDE.y), "out": TANF}
    return pd.DataFrame({
        "event_id_cnty": [r[0] for r in ROWS],
        "event_date": [r[1] for r in ROWS],
        "time_precision": [r[2] for r in ROWS],
        "event_type": "Battles",
        "latitude": [round(points[r[3]][1], 5) for r in ROWS],
        "longitude": [round(points[r[3]][0], 5) for r in ROWS],
        "geo_precision": "1",
    })


def _csv(tmp_path, frame=None):
    src = tmp_path / "acled.csv"
    (_frame() if frame is None else frame).to_csv(src, index=False)
    return src


def _statuses(path) -> list[str]:
    got = pd.read_parquet(path) if str(path).endswith(".parquet") else \
        pd.read_csv(path, dtype=str, keep_default_na=False)
    return got[COLUMN].astype(str).tolist()


def test_the_rows_are_next_to_the_zone_dates():
    assert (str(ZONE.valid_from), str(ZONE.valid_to)) == ("2018-06-04", "2018-10-31")
    assert ZONE.geometry.contains(INSIDE)


def test_day_ranges_as_the_acled_reader_reads_them(tmp_path):
    src = _csv(tmp_path)
    records = [rec for _, rec in read_csv(src)]
    days = np.array([r[1] for r in ROWS], dtype="datetime64[D]")
    codes = pd.to_numeric(pd.Series([r[2] for r in ROWS])).to_numpy(dtype=float)
    first, last = day_ranges(days, codes)
    assert [str(d) for d in first] == [rec.event_date.isoformat() for rec in records]
    assert [str(d) for d in last] == [rec.date_end.isoformat() for rec in records]


def test_day_ranges_edges():
    days = np.array(["2016-02-29", "2017-12-31", "0001-01-02", "9999-12-30", "NaT"],
                    dtype="datetime64[D]")
    first, last = day_ranges(days, [3, 2, 2, 2, 3])
    assert [str(d) for d in first[:4]] == ["2016-02-01", "2017-12-28", "0001-01-01",
                                           "9999-12-27"]
    assert [str(d) for d in last[:4]] == ["2016-02-29", "2018-01-03", "0001-01-05",
                                          "9999-12-31"]
    assert np.isnat(first[4]) and np.isnat(last[4])


def test_state_table_changes_each_status():
    codes = np.array([[0, 1, 2, 3]] * 3, dtype=np.int8)
    states = np.array([[ALL] * 4, [PART] * 4, [NONE] * 4], dtype=np.int8)
    _apply_states(codes, states)
    assert codes.tolist() == [[0, 1, 2, 3], [2, 1, 2, 3], [3, 3, 3, 3]]


def test_in_memory_api(tmp_path):
    frame = _frame()
    out = check_frame(frame, lon="longitude", lat="latitude", checker=CHECKER,
                      date_column="event_date", time_precision_column="time_precision")
    assert out[COLUMN].astype(str).tolist() == EXPECTED
    assert out["zones_ambiguous"].tolist()[2].split(";").count(ZONE.id) == 1
    plain = check_frame(frame, lon="longitude", lat="latitude", checker=CHECKER,
                        date_column="event_date")
    assert plain[COLUMN].astype(str).tolist() == SINGLE_DAY
    points = check_points(frame.longitude, frame.latitude, dates=frame.event_date,
                          time_precision=frame.time_precision, distances=False)
    assert points[COLUMN].astype(str).tolist() == EXPECTED


def test_consistent_with_breaches(tmp_path):
    """Inside the zone, 'all' / 'part' / 'none' of breaches are in / ambiguous / inactive."""
    records = [rec for _, rec in read_csv(_csv(tmp_path))]
    meaning = {"all": "in", "part": "ambiguous", "none": "inactive"}
    for rec, (*_, where, status) in zip(records, ROWS):
        if where == "in":
            assert meaning[_in_force(ZONE, rec.event_date, rec.date_end)] == status, rec.id


@pytest.mark.parametrize("output", ["out.csv", "out.parquet"])
def test_cli_csv(runner, tmp_path, output):
    src, dst = _csv(tmp_path), tmp_path / output
    result = runner.invoke(cli, ["check", str(src), "-o", str(dst), "--no-distances"])
    assert result.exit_code == 0, result.output
    assert "widened by time_precision" in result.output
    assert _statuses(dst) == EXPECTED


def test_cli_no_time_precision_reads_one_day(runner, tmp_path):
    src, dst = _csv(tmp_path), tmp_path / "out.csv"
    result = runner.invoke(cli, ["check", str(src), "-o", str(dst), "--no-distances",
                                 "--no-time-precision"])
    assert result.exit_code == 0, result.output
    assert "widened" not in result.output and "dated by event_date" in result.output
    assert _statuses(dst) == SINGLE_DAY


@pytest.mark.parametrize("geo", [False, True])
def test_cli_parquet_streamed(runner, tmp_path, geo):
    """Plain Parquet and GeoParquet, in several chunks; 200 copies of each row so that the
    dates and codes are stored (and read) as dictionaries; time_precision as integers."""
    frame = pd.concat([_frame()] * 200, ignore_index=True)
    frame["time_precision"] = pd.array(
        [int(v) if v else None for v in frame["time_precision"]], dtype="Int64")
    src = tmp_path / "acled.parquet"
    if geo:
        gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame.longitude, frame.latitude),
                         crs=4326).to_parquet(src, row_group_size=700)
    else:
        frame.to_parquet(src, row_group_size=700)
    dst = tmp_path / "out.csv"
    result = runner.invoke(cli, ["check", str(src), "-o", str(dst), "--no-distances",
                                 "--chunk-rows", "700"])
    assert result.exit_code == 0, result.output
    assert "widened by time_precision" in result.output
    assert _statuses(dst) == EXPECTED * 200
    again = tmp_path / "again.csv"
    result = runner.invoke(cli, ["check", str(src), "-o", str(again), "--no-distances",
                                 "--no-time-precision"])
    assert result.exit_code == 0, result.output
    assert _statuses(again) == SINGLE_DAY * 200


def test_vector_file_read_whole(tmp_path):
    frame = _frame()
    src, dst = tmp_path / "acled.geojson", tmp_path / "out.csv"
    gpd.GeoDataFrame(frame, geometry=gpd.points_from_xy(frame.longitude, frame.latitude),
                     crs=4326).to_file(src)
    summary = check_file(src, dst, checker=CHECKER, date_column="event_date", distances=False)
    assert summary.time_precision_column == "time_precision"
    assert _statuses(dst) == EXPECTED
    assert summary.ambiguous[ZONE.id] == EXPECTED.count("ambiguous")


def test_column_found_by_name_in_any_case(tmp_path):
    frame = _frame().rename(columns={"time_precision": "TIME_PRECISION"})
    src, dst = _csv(tmp_path, frame), tmp_path / "out.csv"
    summary = check_file(src, dst, checker=CHECKER, date_column="event_date", distances=False)
    assert summary.time_precision_column == "TIME_PRECISION"
    assert _statuses(dst) == EXPECTED
    undated = check_file(src, tmp_path / "undated.csv", checker=CHECKER, distances=False)
    assert undated.time_precision_column is None  # no date column: nothing to widen


@pytest.mark.parametrize("value", ["4", "week", "0"])
def test_bad_time_precision_is_a_one_line_error(runner, tmp_path, value):
    frame = _frame()
    frame.loc[3, "time_precision"] = value
    src, dst = _csv(tmp_path, frame), tmp_path / "out.csv"
    result = runner.invoke(cli, ["check", str(src), "-o", str(dst)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert f"time_precision '{value}'" in lines[0] and "(row 5)" in lines[0]
    assert not dst.exists()
    # ignored when asked: the file is then checked
    result = runner.invoke(cli, ["check", str(src), "-o", str(dst), "--no-time-precision"])
    assert result.exit_code == 0, result.output


def test_bad_time_precision_in_parquet_and_api(runner, tmp_path):
    frame = _frame()
    frame["time_precision"] = [int(v) if v else 1 for v in frame["time_precision"]]
    frame.loc[6, "time_precision"] = 7
    src, dst = tmp_path / "bad.parquet", tmp_path / "out.csv"
    frame.to_parquet(src)
    result = runner.invoke(cli, ["check", str(src), "-o", str(dst)])
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1
    assert "time_precision 7 is not an ACLED time precision code" in result.output
    assert "(row 7)" in result.output
    with pytest.raises(DateError, match=r"time_precision 7 .* \(row 7\)"):
        check_frame(frame, lon="longitude", lat="latitude", checker=CHECKER,
                    date_column="event_date", time_precision_column="time_precision")


def test_dask_engine(tmp_path):
    pytest.importorskip("dask_geopandas")
    pytest.importorskip("distributed")
    from geo_deconflict.check.dask_engine import check_dask

    src = _csv(tmp_path)
    for widen, want in ((True, EXPECTED), (False, SINGLE_DAY)):
        dst = tmp_path / f"parts_{widen}.parquet"
        check_dask(src, dst, n_workers=1, processes=False, date_column="event_date",
                   distances=False, time_precision=widen)
        got = gpd.read_parquet(dst).set_index("event_id_cnty")
        assert got.loc[[r[0] for r in ROWS], COLUMN].tolist() == want


def test_a_spatially_ambiguous_row_stays_ambiguous_unless_the_zone_never_held():
    """Within its uncertainty of the boundary a row is ambiguous; a range that straddles the
    zone's start keeps it so, one wholly in force too, one wholly before makes it inactive."""
    days = ["2018-06-02", "2018-06-10", "2018-05-15", "2018-06-02"]
    precision = [2, 2, 3, 1]
    n = len(days)
    got = check_points([INSIDE.x] * n, [INSIDE.y] * n, dates=days, time_precision=precision,
                       uncertainty_m=200_000.0, zones=[ZONE], distances=False)
    assert got[COLUMN].astype(str).tolist() == ["ambiguous", "ambiguous", "inactive",
                                                "inactive"]
    plain = check_points([INSIDE.x] * n, [INSIDE.y] * n, uncertainty_m=200_000.0,
                         zones=[ZONE], distances=False)
    assert set(plain[COLUMN].astype(str)) == {"ambiguous"}   # the spatial status alone

"""A CSV checked into a CSV keeps every input line byte for byte (check._lines), whatever the
quoting, line ends and block boundaries; quoting it cannot follow falls back to Arrow's writer
with the same values; dates are read from their bytes (incidents.records.iso_days)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from geo_deconflict.check import _lines
from geo_deconflict.check._codes import Combos
from geo_deconflict.check.checker import ZoneChecker, _join
from geo_deconflict.check.core import check_frame
from geo_deconflict.check.files import check_file
from geo_deconflict.errors import InputFileError
from geo_deconflict.incidents.records import check_dates, iso_days

CHECKER = ZoneChecker()
NOTES = ["plain", "with, comma", 'a "quoted" word', "two\nlines", "قصف على دير الزور", "",
         " spaced ", "crlf\r\ninside", "blank\n\nline"]


def _rows(n: int, seed: int = 5) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    return [[f"E{i}", f"{rng.uniform(32.3, 37.35):.5f}", f"{rng.uniform(35.7, 42.4):.4f}",
             str(rng.choice(["1", "2", "3", ""])), NOTES[i % len(NOTES)]] for i in range(n)]


def _csv(rows: list[list[str]], *, newline: str = "\n", blank_every: int = 0) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(["id", "latitude", "longitude", "geo_precision", "notes"])
    for i, row in enumerate(rows):
        writer.writerow(row)
        if blank_every and i % blank_every == 3:
            out.write(newline)
    return out.getvalue()


def _expected(rows: list[list[str]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["id", "latitude", "longitude", "geo_precision", "notes"])
    return check_frame(frame, lon="longitude", lat="latitude", checker=CHECKER,
                       precision_column="geo_precision", distances=False)


def _check_values(dst, rows) -> pd.DataFrame:
    got = pd.read_csv(dst, dtype=str, keep_default_na=False)
    want = _expected(rows)
    assert len(got) == len(rows)
    assert got["notes"].tolist() == [r[4] for r in rows]  # text passed through
    for col in want.columns:
        assert (got[col] == want[col].astype(str)).all(), col
    return got


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_lines_are_kept_byte_for_byte_across_blocks(tmp_path, newline):
    rows = _rows(60_000)  # about 3 MB: several blocks of 1 MB
    text = _csv(rows, newline=newline, blank_every=997)
    src, dst = tmp_path / "e.csv", tmp_path / "out.csv"
    src.write_bytes(b"\xef\xbb\xbf" + text.encode())
    summary = check_file(src, dst, checker=CHECKER, chunk_rows=5_000, distances=False)
    assert summary.rows == len(rows)
    _check_values(dst, rows)
    body = dst.read_bytes()
    # each input row, as written, starts a line of the output (blank lines are left out)
    first = text.split(newline, 1)[1].lstrip(newline)
    assert body.split(b"\n", 1)[1].startswith(first.split(newline)[0].encode() + b",")
    assert b"\r\n" not in body.replace(b"crlf\r\ninside", b"")
    assert not body.startswith(b"\xef\xbb\xbf")


def test_quotes_the_line_reader_cannot_follow_fall_back_with_the_same_values(tmp_path):
    rows = _rows(3_000)
    rows[10][4] = 'a 5" pipe'  # a quote inside an unquoted cell (Arrow keeps it as text)
    lines = _csv(rows).replace('"a 5"" pipe"', 'a 5" pipe')
    src, dst = tmp_path / "e.csv", tmp_path / "out.csv"
    src.write_text(lines, encoding="utf-8")
    with pytest.raises(_lines.Misaligned):  # rows by quote parity would be wrong here
        _lines._row_ends(np.frombuffer(lines.encode(), dtype=np.uint8), final=True)
    check_file(src, dst, checker=CHECKER, distances=False)
    _check_values(dst, rows)


def test_with_distances_the_cells_match_the_frame_check(tmp_path):
    rows = _rows(2_000)
    src, dst = tmp_path / "e.csv", tmp_path / "out.csv"
    src.write_text(_csv(rows), encoding="utf-8")
    check_file(src, dst, checker=CHECKER, distance_max_m=50_000.0)
    got = pd.read_csv(dst, keep_default_na=False, na_values=[""], dtype={"notes": str})
    frame = pd.DataFrame(rows, columns=["id", "latitude", "longitude", "geo_precision", "notes"])
    want = check_frame(frame, lon="longitude", lat="latitude", checker=CHECKER,
                       precision_column="geo_precision", distance_max_m=50_000.0)
    for col in [c for c in want.columns if c not in frame.columns]:
        if col.startswith("dist_") or col == "euphrates_offset_m":
            np.testing.assert_allclose(got[col].to_numpy(float), want[col].to_numpy(float),
                                       atol=1e-3, equal_nan=True)
        else:
            assert (got[col].fillna("").astype(str) == want[col].astype(str)).all(), col


def test_not_utf8_names_the_row(tmp_path):
    src = tmp_path / "e.csv"
    good = _csv(_rows(30_000)).encode()  # past the first megabyte
    src.write_bytes(good + b"E9,33.5,38.6,1,caf\xe9\n")
    with pytest.raises(InputFileError, match=r"row 30002 is not UTF-8"):
        check_file(src, tmp_path / "out.csv", checker=CHECKER, distances=False)
    assert not (tmp_path / "out.csv").exists()


def test_combos_label_the_zones_as_the_checker_does():
    rng = np.random.default_rng(2)
    x, y = rng.uniform(35.7, 42.4, 50_000), rng.uniform(32.3, 37.35, 50_000)
    _, codes, _ = CHECKER._arrays(x, y, rng.choice([0.0, 25_000.0], x.size), None, False)
    combos = Combos(CHECKER.zone_ids)
    found = combos.factorize(codes)
    assert (found.rows[found.inverse] == codes.T).all()
    zones, ambiguous = combos.zone_columns(found)
    for column, code in ((zones, 0), (ambiguous, 2)):
        want = _join(CHECKER.zone_ids, codes[:-1] == code, x.size)
        assert column.to_pylist() == list(want.astype(str))


def test_iso_days_agrees_with_python_dates():
    rng = np.random.default_rng(0)
    days = np.datetime64("0001-01-01") + rng.integers(0, 3_652_058, 20_000)
    text = list(days.astype(str)) + ["2017-02-29", "2016-02-29", "1900-02-29", "2000-02-29",
                                     "0000-01-01", "2017-13-01", "2017-1-05", " 2017-01-05",
                                     "2017/01/05", "2017-01-0x", ""]
    ok, got = iso_days(pa.array(text))
    for value, is_date, day in zip(text, ok, got):
        try:
            want = dt.date.fromisoformat(value) if len(value) == 10 and "/" not in value \
                else None
        except ValueError:
            want = None
        assert is_date == (want is not None), value
        if want is not None:
            assert np.datetime64(int(day), "D") == np.datetime64(want), value


def test_check_dates_names_the_first_bad_row_deep_in_a_file(tmp_path):
    rng = np.random.default_rng(1)
    dates = (np.datetime64("2017-01-01") + rng.integers(0, 900, 150_000)).astype(str)
    dates = dates.astype(object)
    dates[5] = "16 September 2017"  # another accepted form
    dates[9] = ""
    dates[120_000] = "2017-02-30"
    dates[130_000] = "not a date"
    src = tmp_path / "e.csv"
    pd.DataFrame({"id": range(len(dates)), "event_date": dates}).to_csv(src, index=False)
    with pytest.raises(InputFileError, match=r"row 120002: bad event_date '2017-02-30'"):
        check_dates(src, "event_date")
    dates[120_000] = dates[130_000] = "2017-03-01"
    pd.DataFrame({"id": range(len(dates)), "event_date": dates}).to_csv(src, index=False)
    assert check_dates(src, "event_date") == len(dates) - 1


@pytest.mark.parametrize("out", ["o.csv", "o.parquet"])
def test_cli_reads_dates_as_it_streams_with_check_dates_error(tmp_path, monkeypatch, out):
    """The CLI reads a good CSV's dates only as it streams it (not once before), and a bad
    date gives the same one-line error as `check_dates` (file, row in the file, value)."""
    from click.testing import CliRunner

    from geo_deconflict.cli import cli
    from geo_deconflict.incidents import records

    rng = np.random.default_rng(2)
    n = 3_000
    dates = (np.datetime64("2017-01-01") + rng.integers(0, 900, n)).astype(str).astype(object)
    dates[7] = "16 September 2017"
    dates[2_500] = "16/09/2017"
    src = tmp_path / "e.csv"
    pd.DataFrame({"id": range(n), "event_date": dates, "latitude": rng.uniform(33, 36, n),
                  "longitude": rng.uniform(37, 41, n)}).to_csv(src, index=False)
    with pytest.raises(InputFileError) as want:
        check_dates(src, "event_date")
    assert "row 2502:" in str(want.value)

    result = CliRunner().invoke(cli, ["check", str(src), "-o", str(tmp_path / out),
                                      "--chunk-rows", "500", "--no-progress"])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {want.value}"
    assert not (tmp_path / out).exists()

    def no_pre_read(*args, **kwargs):
        raise AssertionError("the whole column read before the check")

    monkeypatch.setattr(records, "check_dates", no_pre_read)  # a good file: read once
    dates[2_500] = "2017-09-16"
    pd.DataFrame({"id": range(n), "event_date": dates, "latitude": rng.uniform(33, 36, n),
                  "longitude": rng.uniform(37, 41, n)}).to_csv(src, index=False)
    result = CliRunner().invoke(cli, ["check", str(src), "-o", str(tmp_path / out),
                                      "--chunk-rows", "500", "--no-progress"])
    assert result.exit_code == 0, result.output

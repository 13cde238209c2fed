"""The hardening catalogue (issue 15), run in-process: one parametrised test per family.

Each case asserts the exit status, a one-line error naming the file and row (or the zone and
field) and the bad value, no traceback or internal name, no file left behind, and every file
that was there before byte-identical. See `catalogue.py` (which also runs them as a user would).
"""

from __future__ import annotations

import errno
import os
import sqlite3

import pytest
from catalogue import CASES, Case, check_result, geonames_line, prepare, sigterm_during_check
from click.testing import CliRunner

from geo_deconflict.cli import cli


def _run(case: Case, tmp_path, monkeypatch) -> list[str]:
    before = prepare(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GEO_DECONFLICT_HOME", str(tmp_path / ".no-home"))
    for key, value in case.env.items():
        monkeypatch.setenv(key, str(tmp_path / value))
    result = CliRunner().invoke(cli, case.argv)
    output = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        output += f"\nTraceback: {result.exception!r}"
    return check_result(case, tmp_path, result.exit_code, output, before)


def _family(name: str):
    cases = [c for c in CASES if c.family == name]
    return pytest.mark.parametrize("case", cases, ids=[c.name for c in cases])


@_family("readers")
def test_malformed_inputs_per_reader(case, tmp_path, monkeypatch):
    assert _run(case, tmp_path, monkeypatch) == []


@_family("specs")
def test_zone_specs(case, tmp_path, monkeypatch):
    assert _run(case, tmp_path, monkeypatch) == []


@_family("outputs")
def test_output_targets(case, tmp_path, monkeypatch):
    assert _run(case, tmp_path, monkeypatch) == []


@_family("gazetteer")
def test_gazetteer_import(case, tmp_path, monkeypatch):
    assert _run(case, tmp_path, monkeypatch) == []


# ------------------------------------------------------------ outputs: failures while writing

@pytest.mark.parametrize("output", ["m.html", "z.gpkg", "z.geojson", "z.parquet"])
def test_disk_full_names_the_output_and_keeps_the_old_one(output, tmp_path, monkeypatch):
    """A write that fails at the end (no space left) names the output asked for, not the
    temporary file, and leaves the existing output as it was."""
    import geo_deconflict.geo.io as gio

    def full(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(src))

    monkeypatch.setattr(gio.os, "replace", full)
    monkeypatch.chdir(tmp_path)
    (tmp_path / output).write_bytes(b"previous")
    argv = ["map", "-o", output] if output.endswith(".html") else ["zones", "build", "-o", output]
    result = CliRunner().invoke(cli, [*argv, "--force"])
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: cannot write output {output!r}: "
                                     "No space left on device")
    assert [p.name for p in tmp_path.iterdir()] == [output]
    assert (tmp_path / output).read_bytes() == b"previous"


def test_a_driver_error_while_writing_names_the_output(tmp_path, monkeypatch):
    """GDAL's errors (a GeoPackage commit on a full disk) are the output's, named as such."""
    import geopandas as gpd
    from pyogrio.errors import DataSourceError

    def fail(self, path, **kwargs):
        open(path, "wb").close()  # a half-written file
        msg = f"sqlite3_exec(COMMIT) failed on {path}: database or disk is full"
        raise DataSourceError(msg)

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file", fail)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["zones", "build", "-o", "z.gpkg"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot write output 'z.gpkg': ")
    assert "database or disk is full" in result.output and ".part" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_sigterm_during_a_large_check_leaves_no_file(tmp_path):
    problems = sigterm_during_check(tmp_path, rows=200_000)
    if problems == ["check finished before it could be stopped"]:
        pytest.skip(problems[0])
    assert problems == []


# --------------------------------------------------------------- gazetteer: concurrency

def test_a_second_import_is_refused_while_one_runs(tmp_path, monkeypatch):
    from geo_deconflict.gazetteer.geonames_db import _import_lock

    (tmp_path / "gn.txt").write_text(geonames_line(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    with _import_lock(tmp_path / "g.sqlite"):  # another import holds the folder
        result = CliRunner().invoke(cli, ["gazetteer", "import", "gn.txt", "--db", "g.sqlite"])
    assert result.exit_code == 1
    assert "another gazetteer import into" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gn.txt"]
    result = CliRunner().invoke(cli, ["gazetteer", "import", "gn.txt", "--db", "g.sqlite"])
    assert result.exit_code == 0 and "imported 1 places" in result.output


def test_lookups_work_while_an_import_holds_the_index(tmp_path):
    """An import writes in one long transaction; readers see the last complete import."""
    from geo_deconflict.gazetteer.api import load_gazetteer
    from geo_deconflict.gazetteer.geonames_db import import_geonames

    (tmp_path / "gn.txt").write_text(geonames_line("900001", "Qaryatzzz", "36.7", "39.2"),
                                     encoding="utf-8")
    db = tmp_path / "g.sqlite"
    import_geonames(tmp_path / "gn.txt", db=db)
    writer = sqlite3.connect(db, timeout=1)
    try:
        writer.execute("BEGIN EXCLUSIVE")  # what an import holds while it commits
        writer.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)",
                           [(2_000_000 + i, f"P{i}", 35.0, 38.0, "P", "PPL", "SY", "", 0)
                            for i in range(20_000)])
        gaz = load_gazetteer(db=db)  # opened after the import took its lock
        found = gaz.lookup("Qaryatzzz", limit=1)
        assert [c.place.id for c in found] == ["gn:900001"]
        assert gaz.reverse(39.2001, 36.7001).place.id == "gn:900001"
    finally:
        writer.rollback()
        writer.close()


# ------------------------------------------------------------------- record values by type

def test_numpy_values_from_vector_files_are_read_as_numbers():
    """GDAL and pandas give numpy scalars: they are numbers, but booleans are not."""
    import numpy as np

    from geo_deconflict.errors import CoordinateError
    from geo_deconflict.incidents.model import Incident

    inc = Incident.from_dict({"id": "n1", "longitude": np.float64(40.1), "latitude": np.int64(35),
                              "fatalities": np.int64(3), "geo_precision": np.int32(2),
                              "metonymic": np.bool_(False), "admin1": np.int64(7)})
    assert (inc.latitude, inc.fatalities, inc.geo_precision, inc.metonymic, inc.admin1) == \
        (35.0, 3, 2, False, "7")
    with pytest.raises(CoordinateError, match="longitude np.True_ is not a number"):
        Incident.from_dict({"id": "n2", "longitude": np.bool_(True), "latitude": 35.0})

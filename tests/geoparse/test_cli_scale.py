"""geoparse/extract over many files: --jobs keeps the output of one process, in order;
--engine dask writes the same lines as partitioned JSONL; GeoJSON is streamed whole."""

from __future__ import annotations

import json

import pytest

from geo_deconflict.cli import cli

_SENTENCES = ["Shelling hit villages north of Manbij.", "قصفت الطائرات مواقع شرق نهر الفرات.",
              "Clashes were reported near Deir ez-Zor.", "سقطت قذائف في ريف حماة الشمالي."]


@pytest.fixture
def docs(tmp_path):
    paths = []
    for i in range(6):
        path = tmp_path / f"r{i}.txt"
        path.write_text(" ".join(_SENTENCES[i % 4:] + _SENTENCES[:i % 4]), encoding="utf-8")
        paths.append(str(path))
    return paths


def test_jobs_give_the_same_lines_in_the_same_order(runner, docs, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert runner.invoke(cli, ["geoparse", *docs, "-o", str(one)]).exit_code == 0
    result = runner.invoke(cli, ["geoparse", *docs, "-o", str(two), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    lines = one.read_text(encoding="utf-8").splitlines()
    assert lines and lines == two.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["doc"] == "r0"


def test_streamed_geojson_is_one_collection(runner, docs):
    result = runner.invoke(cli, ["geoparse", *docs[:2], "--format", "geojson"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["type"] == "FeatureCollection" and len(data["features"]) >= 4


def test_dask_engine_writes_the_same_lines_as_parts(runner, docs, tmp_path):
    pytest.importorskip("dask.bag")
    one, parts = tmp_path / "one.jsonl", tmp_path / "parts"
    runner.invoke(cli, ["geoparse", *docs, "-o", str(one)])
    result = runner.invoke(cli, ["geoparse", *docs, "--engine", "dask", "-o", str(parts),
                                 "--jobs", "2"])
    assert result.exit_code == 0, result.output
    got = [line for p in sorted(parts.glob("part-*.jsonl"))
           for line in p.read_text(encoding="utf-8").splitlines() if line]
    assert sorted(got) == sorted(one.read_text(encoding="utf-8").splitlines())
    again = runner.invoke(cli, ["geoparse", *docs, "--engine", "dask", "-o", str(parts)])
    assert again.exit_code != 0 and "--force" in again.output


def test_extract_jobs_match_one_process(runner, docs, tmp_path):
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert runner.invoke(cli, ["extract", *docs, "-o", str(one)]).exit_code == 0
    assert runner.invoke(cli, ["extract", *docs, "-o", str(two), "-j", "2"]).exit_code == 0
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_missing_file_is_named_before_any_work(runner, docs, tmp_path):
    result = runner.invoke(cli, ["geoparse", *docs, str(tmp_path / "nope.txt"), "-j", "2"])
    assert result.exit_code != 0 and "nope.txt" in result.output

"""A bad mention never sinks a report, and a bad report never sinks a batch."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import Point

from geo_deconflict.cli import cli
from geo_deconflict.geoparse import core as geoparse_core
from geo_deconflict.geoparse import geoparse
from tests.conftest import SHARED, _need


def test_countryside_of_the_city_is_not_medina():
    """«الريف الغربي للمدينة» ("the city's western countryside") names no place: «للمدينة» is
    ل + المدينة, the noun, not Medina (whose countryside used to be an empty geometry)."""
    ms = geoparse("وتجولت الدورية في الريف الغربي للمدينة، ترافقها مروحيتان.")
    assert all(m.place is None or m.place.country != "SA" for m in ms)
    assert not [m for m in ms if m.kind == "relative"]


def test_countryside_of_a_town_is_a_ring_around_it():
    """«ريف المالكية الغربي»: a town's countryside (its point minus the town would be empty)."""
    ms = geoparse("نفذت الشرطة دورية في ريف المالكية الغربي.")
    rel = next(m for m in ms if m.kind == "relative")
    town = next(m for m in ms if m.kind == "toponym")
    assert rel.relation == "west_countryside"
    assert rel.place.id == town.place.id          # anchored on the town, not the governorate
    assert not rel.geometry.is_empty
    assert rel.geometry.contains(Point(rel.lon, rel.lat))
    assert rel.lon < town.lon                     # west of the town
    assert not rel.geometry.contains(Point(town.lon, town.lat))


def test_every_corpus_report_parses():
    texts = _need(SHARED / "corpus" / "texts")
    for path in sorted(texts.glob("*.txt")):
        ms = geoparse(path.read_text(encoding="utf-8"))
        for m in ms:
            assert m.geometry is None or not m.geometry.is_empty, (path.name, m.surface)


@pytest.fixture()
def two_reports(tmp_path):
    good = tmp_path / "good.txt"
    bad = tmp_path / "bad.txt"
    good.write_text("Russian jets struck targets north of Manbij.", encoding="utf-8")
    bad.write_text("This report breaks the parser.", encoding="utf-8")
    return good, bad


def test_geoparse_cli_skips_a_failing_report(runner, two_reports, monkeypatch, tmp_path):
    real = geoparse_core.geoparse

    def flaky(text, **kwargs):
        if "breaks" in text:
            raise RuntimeError("boom at offset 3")
        return real(text, **kwargs)

    monkeypatch.setattr(geoparse_core, "geoparse", flaky)
    good, bad = two_reports
    out = tmp_path / "out.jsonl"
    result = runner.invoke(cli, ["geoparse", str(bad), str(good), "-o", str(out)])
    assert result.exit_code == 1
    assert "skipped bad: RuntimeError: boom at offset 3" in result.stderr
    assert "1 of 2 document(s) skipped" in result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["doc"] for r in rows} == {"good"}
    assert any(r["surface"] == "Manbij" for r in rows)


def test_extract_cli_skips_a_failing_report(runner, two_reports, monkeypatch):
    from geo_deconflict.extract import core as extract_core

    real = extract_core.extract

    def flaky(text, **kwargs):
        if "breaks" in text:
            raise RuntimeError("cannot read this one")
        return real(text, **kwargs)

    monkeypatch.setattr(extract_core, "extract", flaky)
    good, bad = two_reports
    result = runner.invoke(cli, ["extract", str(good), str(bad)])
    assert result.exit_code == 1
    assert "skipped bad: RuntimeError: cannot read this one" in result.stderr
    assert json.loads(result.stdout)  # the good report's drafts are written

"""`evaluate_extraction`: publication dates from the gold records, failures per document, the
event-type rate and the stricter matching figures, on records and texts written here."""

from __future__ import annotations

import datetime as dt
import json

from geo_deconflict.cli import cli
from geo_deconflict.extract import core
from geo_deconflict.extract.evaluate import evaluate_extraction

TEXT = "شنت طائرات روسية غارات على مدينة إدلب أمس."
GOLD = {"doc": "a", "id": "a-E1", "date": "2019-10-17", "published": "2019-10-18",
        "lat": 35.93, "lon": 36.63, "geo_precision": 1, "actors": ["Russia"],
        "event_type": "airstrike"}


def _corpus(tmp_path, docs=("a",)):
    lines = [json.dumps({**GOLD, "doc": d, "id": f"{d}-E1"}) for d in docs]
    (tmp_path / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for d in docs:
        (tmp_path / f"{d}.txt").write_text(TEXT, encoding="utf-8")
    return tmp_path / "gold.jsonl"


def test_publication_dates_come_from_the_gold_records(tmp_path):
    gold = _corpus(tmp_path)
    ev = evaluate_extraction(gold, tmp_path)
    assert ev.overall.recall == 1.0 and ev.type_right == 1 and ev.type_rate == 1.0
    # «أمس» cannot be resolved without the date, so a date given by hand that is wrong costs
    wrong = evaluate_extraction(gold, tmp_path, published={"a": dt.date(2019, 11, 30)})
    assert wrong.overall.matched == 0


def test_one_failing_report_does_not_sink_the_batch(tmp_path, monkeypatch):
    gold = _corpus(tmp_path, docs=("a", "b"))
    real = core.extract

    def flaky(text, *, doc, **kw):
        if doc == "b":
            raise ValueError("boom")
        return real(text, doc=doc, **kw)

    monkeypatch.setattr(core, "extract", flaky)
    ev = evaluate_extraction(gold, tmp_path)
    assert ev.failed == ("b: ValueError: boom",)
    assert ev.overall.gold == 2 and ev.overall.matched == 1
    assert "extraction failed on b" in ev.format()


def test_cli_prints_type_rate_and_the_stricter_figures(runner, tmp_path):
    gold = _corpus(tmp_path)
    result = runner.invoke(cli, ["eval-extract", str(gold), str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "event type right for 1 of 1" in result.output
    assert "point to point: matched 1" in result.output
    assert "strict dates: matched 1" in result.output


def test_extract_says_when_dates_stay_unresolved(runner, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(cli, ["extract", str(report)])
    assert result.exit_code == 0
    assert "unresolved" in result.stderr
    dated = runner.invoke(cli, ["extract", str(report), "--published", "2019-10-18"])
    assert "unresolved" not in dated.stderr


def test_extract_cli_places_option(runner, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("Turkish jets bombed Manbij, Kobani and Qamishli on Wednesday.",
                      encoding="utf-8")
    each = runner.invoke(cli, ["extract", str(report), "--published", "2019-10-18"])
    first = runner.invoke(cli, ["extract", str(report), "--published", "2019-10-18",
                                "--places", "first"])
    assert len(json.loads(each.stdout)) == 3
    (one,) = json.loads(first.stdout)
    assert "Kobani" in one["notes"]
    bad = runner.invoke(cli, ["extract", str(report), "--places", "all"])
    assert bad.exit_code == 2


def test_clash_drafts_are_operations_for_breaches():
    from geo_deconflict.breaches.core import OPERATIONAL_KINDS

    drafts = [d.incident for d in core.extract(
        "Manbij saw clashes between the SDF and Turkish-backed rebels on Monday.",
        published=dt.date(2019, 10, 18), doc="c")]
    assert drafts and all(d.kind in OPERATIONAL_KINDS for d in drafts)


def test_the_matching_keeps_as_many_drafts_of_the_gold_kind_as_a_maximum_one_can():
    from geo_deconflict.extract.evaluate import score_extraction
    from geo_deconflict.incidents.model import Incident

    def record(id_, kind):
        return Incident.from_dict({"id": id_, "date": "2019-10-17", "lat": 35.93, "lon": 36.63,
                                   "geo_precision": 1, "actors": ["Russia"],
                                   "event_type": kind})

    # both drafts fit both gold events; a greedy pass pairs the patrol with the statement
    gold = [record("a-E1", "patrol"), record("a-E2", "accusation")]
    drafts = {"a": [record("a-D1", "patrol"), record("a-D2", "statement")]}
    result = score_extraction(gold, drafts)
    assert result.overall.matched == 2 and result.type_right == 1


def test_a_denial_is_right_against_the_gold_statement(tmp_path):
    """The corpus vocabulary has no "denial": a denied claim is annotated as a statement."""
    (tmp_path / "d.txt").write_text("ونفت وزارة الدفاع الروسية قصف مواقع مدنية في بلدة هجين "
                                    "يوم السبت.", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc": "d", "id": "d-E1", "date": None,
                                "published": "2018-11-26", "lat": 34.69508, "lon": 40.83138,
                                "geo_precision": 1, "actors": ["Russia"],
                                "event_type": "statement"}) + "\n", encoding="utf-8")
    ev = evaluate_extraction(gold, tmp_path)
    assert ev.overall.matched == 1 and ev.type_right == 1

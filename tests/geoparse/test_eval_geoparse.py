"""The geoparser scored on the development set (../shared/seeds), and the scorer itself."""

from __future__ import annotations

import json

import pytest

from geo_deconflict.cli import cli
from geo_deconflict.errors import InputFileError
from geo_deconflict.geoparse.evaluate import evaluate_geoparse, score_geoparse


@pytest.fixture(scope="module")
def seed_eval(seeds_dir):
    return evaluate_geoparse(seeds_dir / "places.jsonl", seeds_dir)


def test_issue_thresholds_on_the_development_set(seed_eval):
    topo, rel = seed_eval.toponyms, seed_eval.relatives
    assert topo.gold == 117 and rel.gold == 21
    assert topo.f1 >= 0.90 and topo.acc_25km >= 0.90
    assert rel.relation_recall >= 0.80
    assert seed_eval.metonymy_accuracy >= 0.85


def test_without_metonymic_mentions(seeds_dir, gold_places):
    ev = evaluate_geoparse(seeds_dir / "places.jsonl", seeds_dir, include_metonymic=False)
    literal = sum(1 for g in gold_places if g["kind"] == "toponym" and not g["metonymic"])
    assert ev.toponyms.gold == literal
    assert ev.toponyms.f1 >= 0.90 and ev.toponyms.acc_25km >= 0.90
    assert ev.metonymy_accuracy is None


def test_scorer_counts_misses_and_false_alarms(gold_places):
    doc = [g for g in gold_places if g["doc"] == "003"]
    # predictions: the gold toponyms of 003 but the first, plus one span that is no place
    preds = [{"start": g["start"], "end": g["end"], "kind": "toponym", "lat": g["lat"],
              "lon": g["lon"], "metonymic": g["metonymic"]}
             for g in doc if g["kind"] == "toponym"][1:]
    preds.append({"start": 0, "end": 4, "kind": "toponym", "lat": 0.0, "lon": 0.0})
    ev = score_geoparse(doc, {"003": preds})
    n = sum(1 for g in doc if g["kind"] == "toponym")
    assert ev.toponyms.matched == n - 1 and ev.toponyms.predicted == n
    assert ev.toponyms.recall == round((n - 1) / n, 4)
    assert ev.toponyms.acc_25km == 1.0 and ev.toponyms.mean_error_km == 0.0
    assert ev.relatives.recall == 0.0 and ev.relatives.relation_recall == 0.0
    moved = [dict(p, lat=p["lat"] + 1.0) for p in preds]   # 111 km north: within 161 only
    ev = score_geoparse(doc, {"003": moved})
    assert ev.toponyms.acc_25km == 0.0 and ev.toponyms.acc_161km > 0.9


def test_missing_text_and_bad_gold_are_clear_errors(tmp_path, seeds_dir):
    with pytest.raises(InputFileError, match="003"):
        evaluate_geoparse([{"doc": "003", "kind": "toponym", "start": 0, "end": 1}], tmp_path)
    bad = tmp_path / "gold.jsonl"
    bad.write_text('{"doc": "000"}\n', encoding="utf-8")
    with pytest.raises(InputFileError, match="missing field"):
        evaluate_geoparse(bad, seeds_dir)


def test_eval_cli(runner, seeds_dir, tmp_path):
    result = runner.invoke(cli, ["eval-geoparse", str(seeds_dir / "places.jsonl"),
                                 str(seeds_dir), "--no-metonymic"])
    assert result.exit_code == 0, result.output
    assert "toponyms" in result.output and "metonymic mentions excluded" in result.output
    result = runner.invoke(cli, ["eval-geoparse", str(seeds_dir / "places.jsonl"),
                                 str(seeds_dir), "--json"])
    runs = json.loads(result.output)
    assert runs[0]["toponyms"]["gold"] == 117
    result = runner.invoke(cli, ["eval-geoparse", str(tmp_path / "none.jsonl"), str(seeds_dir)])
    assert result.exit_code == 1 and "none.jsonl" in result.output


@pytest.fixture(scope="module")
def corpus_eval():
    from tests.conftest import SHARED, _need

    corpus = _need(SHARED / "corpus")
    return evaluate_geoparse(corpus / "places.jsonl", corpus / "texts")


def test_issue_targets_on_the_corpus(corpus_eval):
    """The geoparser issue's targets on the 40 reports it was not written around."""
    topo, rel = corpus_eval.toponyms, corpus_eval.relatives
    assert topo.gold == 395 and rel.gold == 80
    assert topo.f1 >= 0.95 and topo.acc_25km >= 0.95
    assert rel.f1 >= 0.88 and rel.relation_recall >= 0.90
    assert corpus_eval.metonymy_precision >= 0.95
    assert not corpus_eval.proximity   # the corpus does not annotate "near X"


def _near_gold():
    # one report, two mentions: «قرب منبج» (proximity) and «شرق الفرات»
    text = "اشتباكات قرب منبج وغارات شرق الفرات"
    near = {"doc": "x", "kind": "relative", "start": 9, "end": 17, "lat": 36.53, "lon": 37.95,
            "metonymic": False, "relative": {"relation": "near", "anchor": "Manbij"}}
    east = {"doc": "x", "kind": "relative", "start": 25, "end": 35, "lat": 35.5, "lon": 40.5,
            "metonymic": False, "relative": {"relation": "east_of", "anchor": "Euphrates"}}
    return text, near, east


def test_proximity_is_scored_only_where_the_gold_annotates_it(tmp_path):
    text, near, east = _near_gold()
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    assert text[near["start"]:near["end"]] == "قرب منبج"
    assert text[east["start"]:east["end"]] == "شرق الفرات"
    with_near = evaluate_geoparse([near, east], tmp_path)     # seed convention
    assert with_near.proximity and with_near.relatives.gold == 2
    assert with_near.relatives.matched == 2 and with_near.relatives.precision == 1.0
    without = evaluate_geoparse([east], tmp_path)             # corpus convention
    assert not without.proximity
    assert without.relatives.predicted == 1 and without.relatives.precision == 1.0
    forced = evaluate_geoparse([east], tmp_path, proximity="include")
    assert forced.relatives.predicted == 2 and forced.relatives.precision == 0.5
    excluded = evaluate_geoparse([near, east], tmp_path, proximity="exclude")
    assert excluded.relatives.gold == 1 and excluded.relatives.predicted == 1
    with pytest.raises(ValueError, match="proximity"):
        score_geoparse([east], {}, proximity="sometimes")


def test_eval_cli_proximity_option(runner, tmp_path):
    text, _, east = _near_gold()
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(east, ensure_ascii=False) + "\n", encoding="utf-8")
    out = runner.invoke(cli, ["eval-geoparse", str(gold), str(tmp_path)])
    assert out.exit_code == 0 and "(near X) not scored" in out.output
    out = runner.invoke(cli, ["eval-geoparse", str(gold), str(tmp_path), "--proximity",
                              "include"])
    assert out.exit_code == 0 and "(near X) scored" in out.output

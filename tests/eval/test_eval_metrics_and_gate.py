"""Evaluation metrics, report and gate on small purpose-made gold items."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from basira.cli import app
from basira.eval.gate import check_gate, update_floors
from basira.eval.gold import GoldError, GoldItem, GoldSpan, gold_sha256, load_gold
from basira.eval.metrics import Prediction, compute_metrics, error_list, prf
from basira.eval.report import write_report

ITEMS = [
    GoldItem("a", "x" * 40, "violating", ("incitement",), (GoldSpan(0, 10, "CALL_TO_VIOLENCE"),), "post"),
    GoldItem("b", "x" * 40, "violating", ("glorification",), (GoldSpan(5, 15, "GLORIFICATION"),), "post"),
    GoldItem("c", "x" * 40, "not_violating", (), (), "news"),
    GoldItem("d", "x" * 40, "not_violating", (), (), "news"),
    GoldItem("e", "x" * 40, "not_violating", (), (), "sports"),
]
PREDS = [
    Prediction("violating", ("incitement",), 0.9, ((2, 8, "CALL_TO_VIOLENCE"),)),
    Prediction("review", (), 0.5, ((30, 35, "GLORIFICATION"),)),
    Prediction("violating", ("incitement",), 0.8),
    Prediction("not_violating", (), 0.1),
    Prediction("review", (), 0.5),
]


def test_prf_and_document_metrics() -> None:
    assert prf(0, 0, 0)["f1"] == 0.0
    m = compute_metrics(ITEMS, PREDS)
    assert m["violating"] == prf(1, 1, 1)
    assert m["flagged"]["tp"] == 2 and m["flagged"]["fp"] == 2
    assert m["per_category"]["incitement"] == prf(1, 1, 0)
    assert m["per_category"]["glorification"] == prf(0, 0, 1)
    assert m["fpr_by_kind"]["news"] == {"n": 2, "fpr": 0.5, "flag_rate": 0.5}
    assert m["fpr_by_kind"]["sports"] == {"n": 1, "fpr": 0.0, "flag_rate": 1.0}
    assert m["spans"]["recall"] == 0.5 and m["spans"]["precision"] == 0.5
    assert m["confusion"]["violating"]["review"] == 1
    errors = error_list(ITEMS, PREDS)
    assert [(e["id"], e["type"]) for e in errors] == [("b", "false_negative"), ("c", "false_positive")]


def test_report_writes_plots_that_open_and_escapes_text(tmp_path: Path) -> None:
    import matplotlib.image as mpimg

    hostile = [GoldItem("h", "<script>alert(1)</script>", "not_violating", kind="news")]
    items, preds = ITEMS + hostile, PREDS + [Prediction("violating", ("incitement",), 0.9)]
    m = compute_metrics(items, preds)
    path = write_report(tmp_path, items, preds, m, error_list(items, preds), {"basira": m, "other": m}, {})
    for name in ("per_category.png", "scores.png", "threshold.png", "systems.png"):
        image = mpimg.imread(tmp_path / name)
        assert image.shape[0] > 100 and image.shape[1] > 100
    page = path.read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert json.loads((tmp_path / "metrics.json").read_text())["basira"]["n"] == 6


def test_gate_fails_below_a_floor_and_when_the_gold_set_changes(tmp_path: Path) -> None:
    m = compute_metrics(ITEMS, PREDS)
    baseline_path = tmp_path / "baseline.json"
    baseline, loosened = update_floors(baseline_path, m, "hash1")
    assert not loosened and baseline["floors"]["violating.precision"] == 0.5
    assert check_gate(m, baseline, "hash1").passed
    assert not check_gate(m, baseline, "hash2").passed
    worse = compute_metrics(ITEMS, [Prediction("not_violating")] * 5)
    result = check_gate(worse, baseline, "hash1")
    assert not result.passed and any("violating.precision" in f for f in result.failures)


def test_floors_only_rise_unless_allowed(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    good = compute_metrics(ITEMS, PREDS)
    update_floors(path, good, "h")
    worse = compute_metrics(ITEMS, [Prediction("not_violating")] * 5)
    kept, loosened = update_floors(path, worse, "h")
    assert loosened and kept["floors"]["violating.precision"] == 0.5
    assert json.loads(path.read_text())["floors"]["violating.precision"] == 0.5
    lowered, _ = update_floors(path, worse, "h", allow_lower=True)
    assert lowered["floors"]["violating.precision"] == 0.0


def test_load_gold_accepts_minimal_rows_and_names_bad_lines(tmp_path: Path) -> None:
    good = tmp_path / "g.jsonl"
    good.write_text('{"text": "مرحبا", "label": "not_violating"}\n\n{"text": "b", "label": "violating"}\n')
    items = load_gold([good])
    assert [i.label for i in items] == ["not_violating", "violating"] and items[0].id == "item0"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "a", "label": "violating"}\n{"text": 3}\n')
    with pytest.raises(GoldError, match=r"bad\.jsonl:2"):
        load_gold([bad])
    assert gold_sha256([good]) != gold_sha256([bad])


def test_eval_cli_on_users_own_data(tmp_path: Path) -> None:
    gold = tmp_path / "mine.jsonl"
    gold.write_text(
        json.dumps({"text": "مباراة رائعة أمس وفاز الفريق بضربة جزاء", "label": "not_violating", "kind": "sports"},
                   ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(gold), "--report", str(tmp_path / "r"),
                                      "--json", str(tmp_path / "m.json")])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "m.json").read_text())
    assert data["systems"]["basira"]["fpr_by_kind"]["sports"]["n"] == 1
    assert (tmp_path / "r" / "report.html").exists()


def test_labelled_real_posts_read_as_gold_with_benign_as_not_violating(tmp_path) -> None:
    from basira.eval.gold import load_gold

    path = tmp_path / "real.jsonl"
    path.write_text('{"id": "a", "text": "x", "label": "benign", "category": "news_report"}\n'
                    '{"id": "b", "text": "y", "label": "violating"}\n', encoding="utf-8")
    first, second = load_gold([path])
    assert (first.label, first.kind, first.positive) == ("not_violating", "news_report", False)
    assert second.positive


def test_the_real_data_gate_checks_floors_ceilings_and_the_data_hash() -> None:
    from basira.eval.gate import check_real_gate, proposed_real_bounds

    entry = {"sha256": "abc", "flagged": {"precision": 0.975, "recall": 0.9, "f1": 0.937},
             "flag_rate_by_category": {"news_report": {"flag_rate": 0.004}}}
    bounds = proposed_real_bounds({"files": {"real-ar.jsonl": entry}})
    pinned = bounds["files"]["real-ar.jsonl"]
    assert pinned["floors"]["flagged.precision"] == 0.97 and pinned["ceilings"] == {
        "flag_rate_by_category.news_report": 0.01}
    assert check_real_gate({"files": {"real-ar.jsonl": entry}}, bounds).passed
    worse = {**entry, "flagged": {**entry["flagged"], "precision": 0.95},
             "flag_rate_by_category": {"news_report": {"flag_rate": 0.05}}}
    result = check_real_gate({"files": {"real-ar.jsonl": worse}}, bounds)
    assert not result.passed and len(result.failures) == 2
    changed = check_real_gate({"files": {"real-ar.jsonl": {**entry, "sha256": "other"}}}, bounds)
    assert not changed.passed and "changed" in changed.failures[0]

"""basira train, basira scan --model, basira eval --cv and the real-data gate's skip, on invented-word data."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from basira.cli import app

from .test_classifier import _items

runner = CliRunner()


def test_train_then_scan_with_the_model_then_cross_validate(tmp_path: Path) -> None:
    data = _items(tmp_path)
    model = tmp_path / "m.npz"
    trained = runner.invoke(app, ["train", str(data), "--out", str(model), "--folds", "3"])
    assert trained.exit_code == 0, trained.output
    summary = json.loads(trained.stdout[trained.stdout.index("{"):])
    assert summary["items"] == 56 and set(summary["cross_validated_at_review"]) == {"arabic", "latin"}
    assert model.is_file()

    posts = tmp_path / "posts.jsonl"
    posts.write_text('{"id": "x", "text": "kilo zorblat papa mike"}\n{"id": "y", "text": "kilo quendel papa"}\n',
                     encoding="utf-8")
    scanned = runner.invoke(app, ["scan", str(posts), "--model", str(model), "--evidence", "all", "-q", "--jobs", "1"])
    assert scanned.exit_code == 0, scanned.output
    x, y = (json.loads(line) for line in scanned.stdout.splitlines() if line.startswith("{"))
    assert any(e["label"] == "MODEL_TVEC" and e["text"] == "zorblat" for e in x["evidence"])
    assert x["outcome"] == "review" and {c["id"] for c in x["categories"]} == {"classifier"}
    assert y["outcome"] == "not_violating"
    assert x["versions"]["model"].startswith("basira-tvec@")

    out = tmp_path / "cv.json"
    cv = runner.invoke(app, ["eval", str(data), "--cv", "3", "--json", str(out), "--report", str(tmp_path / "r")])
    assert cv.exit_code == 0, cv.output
    entry = json.loads(out.read_text(encoding="utf-8"))["files"]["train.jsonl"]
    assert entry["items"] == 56 and entry["flagged"]["recall"] == 1.0 and entry["flagged"]["precision"] == 1.0
    assert set(entry["flag_rate_by_category"]) == {"unspecified"}
    assert (tmp_path / "r" / "report.html").is_file() and (tmp_path / "r" / "reliability.png").is_file()


def test_training_refuses_bad_data_with_the_file_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "only benign", "label": "benign"}\n', encoding="utf-8")
    result = runner.invoke(app, ["train", str(bad), "--out", str(tmp_path / "m.npz")])
    assert result.exit_code == 2 and "E413" in result.output
    result = runner.invoke(app, ["train", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "m.npz")])
    assert result.exit_code == 2 and "missing.jsonl" in result.output


def test_the_real_data_gate_says_why_it_is_skipped(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "--gate", "--real-data", str(tmp_path)])
    assert "real-data gate skipped" in result.output and str(tmp_path) in result.output

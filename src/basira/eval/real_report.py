"""The report of a cross-validated real-data evaluation: metrics.json, a reliability curve and flag-rate bars
(PNG, matplotlib Agg), and one HTML page. Figures only: no text of the evaluated posts is written."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from basira.eval.report import _plt, _table


def plot_reliability(result: dict[str, Any], path: Path) -> None:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfect calibration")
    for name, entry in result["files"].items():
        rows = entry["reliability"]
        ax.plot([r["mean_probability"] for r in rows], [r["fraction_violating"] for r in rows], marker="o", label=name)
    ax.set_xlabel("classifier probability (out of fold)")
    ax.set_ylabel("fraction violating")
    ax.set_title("Reliability curve")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_flag_rates(result: dict[str, Any], path: Path) -> None:
    plt = _plt()
    rows = [(f"{name}: {category}", r["flag_rate"]) for name, entry in result["files"].items()
            for category, r in entry["flag_rate_by_category"].items()]
    fig, ax = plt.subplots(figsize=(9, max(3, 0.3 * len(rows) + 1)))
    ax.barh([r[0] for r in rows], [r[1] for r in rows])
    ax.axvline(0.02, color="red", linestyle="--", label="2 %")
    ax.set_xlabel("flag rate (violating or review) of benign items")
    ax.set_title("False-positive rate per benign category")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def write_real_report(folder: Path, result: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "metrics.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    plot_reliability(result, folder / "reliability.png")
    plot_flag_rates(result, folder / "flag_rates.png")
    parts = ["<!doctype html><meta charset='utf-8'><title>basira: cross-validated real-data evaluation</title>",
             "<style>body{font-family:sans-serif;max-width:70em;margin:auto}td,th{padding:2px 8px;"
             "border-bottom:1px solid #ddd;text-align:left}</style>",
             f"<h1>Cross-validated evaluation ({result['meta']['folds']} folds, policy "
             f"{html.escape(str(result['meta']['policy']))})</h1>"]
    for name, entry in result["files"].items():
        parts.append(f"<h2>{html.escape(name)}: {entry['items']} items, {entry['violating_items']} violating</h2>")
        parts.append(_table(["system", "precision", "recall", "F1", "TP", "FP", "FN"], [
            [system, *(entry[system][k] for k in ("precision", "recall", "f1", "tp", "fp", "fn"))]
            for system in ("flagged", "violating", "classifier_only", "rules_only_flagged")]))
        parts.append(_table(["benign category", "n", "flag rate", "violating rate"], [
            [c, r["n"], r["flag_rate"], r["violating_rate"]] for c, r in entry["flag_rate_by_category"].items()]))
        parts.append(_table(["source", "violating items", "recall", "benign items", "flag rate"], [
            [s, r.get("violating_items", 0), r.get("recall", ""), r.get("benign_items", 0), r.get("flag_rate", "")]
            for s, r in entry["by_source"].items()]))
    parts.append("<h2>Calibration and false positives</h2><img src='reliability.png' alt='reliability curve'>"
                 "<img src='flag_rates.png' alt='flag rate per benign category'>")
    path = folder / "report.html"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path

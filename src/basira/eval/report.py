"""The evaluation report: metrics.json, PNG plots (matplotlib, Agg) and one self-contained HTML page.

Everything from the gold texts is escaped: the report shows hostile text and must never run it.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from basira.eval.gold import GoldItem
from basira.eval.metrics import Prediction, prf


def _plt() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_per_category(metrics: dict[str, Any], path: Path) -> None:
    plt = _plt()
    names = list(metrics["per_category"])
    fig, ax = plt.subplots(figsize=(9, 4))
    xs = range(len(names))
    ax.bar([x - 0.2 for x in xs], [metrics["per_category"][n]["precision"] for n in names], 0.4, label="precision")
    ax.bar([x + 0.2 for x in xs], [metrics["per_category"][n]["recall"] for n in names], 0.4, label="recall")
    ax.set_xticks(list(xs), names, rotation=30, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_title("Per-category precision and recall")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_scores(items: Sequence[GoldItem], preds: Sequence[Prediction], path: Path) -> None:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 4))
    bins = [i / 20 for i in range(21)]
    ax.hist([p.score for g, p in zip(items, preds, strict=True) if g.positive], bins=bins, alpha=0.6,
            label="gold violating")
    ax.hist([p.score for g, p in zip(items, preds, strict=True) if not g.positive], bins=bins, alpha=0.6,
            label="gold not violating")
    ax.set_xlabel("strongest category score")
    ax.set_ylabel("items")
    ax.set_title("Score distribution by gold label")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def threshold_curve(items: Sequence[GoldItem], preds: Sequence[Prediction]) -> list[dict[str, float]]:
    curve = []
    for step in range(0, 21):
        t = step / 20
        tp = sum(1 for g, p in zip(items, preds, strict=True) if g.positive and p.score >= t and p.score > 0)
        fp = sum(1 for g, p in zip(items, preds, strict=True) if not g.positive and p.score >= t and p.score > 0)
        fn = sum(1 for g, p in zip(items, preds, strict=True) if g.positive and not (p.score >= t and p.score > 0))
        curve.append({"threshold": t, **{k: v for k, v in prf(tp, fp, fn).items() if isinstance(v, float)}})
    return curve


def plot_threshold(curve: list[dict[str, float]], path: Path) -> None:
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 4))
    for key in ("precision", "recall", "f1"):
        ax.plot([c["threshold"] for c in curve], [c[key] for c in curve], label=key)
    ax.set_xlabel("score threshold")
    ax.set_ylim(0, 1.05)
    ax.set_title("Precision, recall and F1 by threshold")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def plot_systems(table: dict[str, dict[str, Any]], path: Path) -> None:
    plt = _plt()
    names = list(table)
    fig, ax = plt.subplots(figsize=(9, 4))
    xs = range(len(names))
    for offset, key in ((-0.25, "precision"), (0.0, "recall"), (0.25, "f1")):
        ax.bar([x + offset for x in xs], [table[n]["violating"][key] for n in names], 0.25, label=key)
    ax.set_xticks(list(xs), names, rotation=20, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_title("basira and baselines on the same items")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def write_report(
    out_dir: Path,
    items: Sequence[GoldItem],
    preds: Sequence[Prediction],
    metrics: dict[str, Any],
    errors: list[dict[str, Any]],
    systems: dict[str, dict[str, Any]],
    meta: dict[str, Any],
) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    curve = threshold_curve(items, preds)
    (out_dir / "metrics.json").write_text(
        json.dumps({"meta": meta, "basira": metrics, "systems": systems, "threshold_curve": curve},
                   ensure_ascii=False, indent=2), encoding="utf-8")
    (out_dir / "errors.jsonl").write_text(
        "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in errors), encoding="utf-8")
    plot_per_category(metrics, out_dir / "per_category.png")
    plot_scores(items, preds, out_dir / "scores.png")
    plot_threshold(curve, out_dir / "threshold.png")
    images = ["per_category.png", "scores.png", "threshold.png"]
    if len(systems) > 1:
        plot_systems(systems, out_dir / "systems.png")
        images.append("systems.png")

    v = metrics["violating"]
    sections = [
        f"<h1>basira evaluation</h1><p>{html.escape(json.dumps(meta, ensure_ascii=False))}</p>",
        "<h2>Violating (document level)</h2>",
        _table(["precision", "recall", "F1", "TP", "FP", "FN"], [[v["precision"], v["recall"], v["f1"], v["tp"],
                                                                   v["fp"], v["fn"]]]),
        "<h2>Systems on the same items</h2>",
        _table(["system", "precision", "recall", "F1", "flagged recall"],
               [[name, s["violating"]["precision"], s["violating"]["recall"], s["violating"]["f1"],
                 s["flagged"]["recall"]] for name, s in systems.items()]),
        "<h2>Per category</h2>",
        _table(["category", "precision", "recall", "F1", "TP", "FP", "FN"],
               [[c, m["precision"], m["recall"], m["f1"], m["tp"], m["fp"], m["fn"]]
                for c, m in metrics["per_category"].items()]),
        "<h2>False-positive rate per hard-negative kind</h2>",
        _table(["kind", "items", "FPR (violating)", "flag rate (violating or review)"]
               + [f"FPR {name}" for name in systems if name != "basira"],
               [[k, m["n"], m["fpr"], m["flag_rate"]]
                + [systems[name]["fpr_by_kind"].get(k, {}).get("fpr", "") for name in systems if name != "basira"]
                for k, m in metrics["fpr_by_kind"].items()]),
        "<h2>Spans (overlap)</h2>",
        _table(["precision", "recall", "gold spans", "predicted spans"],
               [[metrics["spans"]["precision"], metrics["spans"]["recall"], metrics["spans"]["gold_spans"],
                 metrics["spans"]["predicted_spans"]]]),
        "<h2>Confusion matrix (gold × outcome)</h2>",
        _table(["gold", "violating", "review", "not_violating", "error"],
               [[gold, *row.values()] for gold, row in metrics["confusion"].items()]),
        "<h2>Plots</h2>" + "".join(f'<p><img src="{name}" alt="{name}"></p>' for name in images),
        f"<h2>Errors ({len(errors)})</h2>",
        _table(["id", "type", "kind", "dialect", "text", "evidence"],
               [[e["id"], e["type"], e["kind"], e["dialect"], e["text"],
                 "; ".join(f"{x['label']}:{x['text']}" for x in e["evidence"])] for e in errors]),
    ]
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' "
        "content=\"default-src 'none'; img-src 'self'; style-src 'unsafe-inline'\">"
        "content=\"default-src 'none'; img-src 'self'; style-src 'unsafe-inline'\">"
        "<title>basira evaluation</title><style>body{font-family:sans-serif;margin:2em}"
        "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:4px 8px;"
        "unicode-bidi:plaintext}</style></head><body>" + "\n".join(sections) + "</body></html>"
    )
    path = out_dir / "report.html"
    path.write_text(page, encoding="utf-8")
    return path

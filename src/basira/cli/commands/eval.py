"""``basira eval``: measure precision on context against a labelled gold set; gate CI on it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from basira.cli.common import console as make_console

DEFAULT_GOLD = ["eval/gold/test.jsonl"]
DEFAULT_BASELINE = Path("eval/baseline.json")
DEFAULT_REAL_BASELINE = Path("eval/real-baseline.json")
DEFAULT_REAL = "../shared/data/real"  # where the project's CI keeps labelled real posts (never in the repository)
REAL_FILES = ("real-ar.jsonl", "real-en.jsonl")


def _print_tables(console: Console, systems: dict[str, dict[str, Any]], metrics: dict[str, Any]) -> None:
    table = Table(title="violating: precision / recall / F1 (same items, same run)")
    for column in ("system", "precision", "recall", "F1", "flagged recall", "basira F1 gain"):
        table.add_column(column)
    base_f1 = metrics["violating"]["f1"]
    for name, m in systems.items():
        gain = "" if name == "basira" else f"{base_f1 - m['violating']['f1']:+.3f}"
        table.add_row(name, f"{m['violating']['precision']:.3f}", f"{m['violating']['recall']:.3f}",
                      f"{m['violating']['f1']:.3f}", f"{m['flagged']['recall']:.3f}", gain)
    console.print(table)
    cats = Table(title="per category")
    for column in ("category", "precision", "recall", "F1", "TP", "FP", "FN"):
        cats.add_column(column)
    for name, m in metrics["per_category"].items():
        cats.add_row(name, f"{m['precision']:.3f}", f"{m['recall']:.3f}", f"{m['f1']:.3f}", str(m["tp"]),
                     str(m["fp"]), str(m["fn"]))
    console.print(cats)
    kinds = Table(title="false-positive rate per hard-negative kind")
    names = [n for n in systems if n != "basira"]
    for column in ("kind", "n", "basira FPR", "basira flag rate", *names):
        kinds.add_column(column)
    for kind, m in metrics["fpr_by_kind"].items():
        kinds.add_row(kind, str(m["n"]), f"{m['fpr']:.3f}", f"{m['flag_rate']:.3f}",
                      *[f"{systems[n]['fpr_by_kind'].get(kind, {}).get('fpr', 0):.3f}" for n in names])
    console.print(kinds)
    s = metrics["spans"]
    console.print(f"spans (overlap): precision {s['precision']:.3f}, recall {s['recall']:.3f} "
                  f"({s['gold_spans']} gold spans)")


def eval_command(
    gold: list[str] = typer.Argument(None, help="Gold JSON Lines (needs 'text' and 'label'); default: the test split."),
    policy: str | None = typer.Option(None, "--policy", help="Policy id or file (default: tco)."),
    jurisdiction: str | None = typer.Option(None, "--jurisdiction", help="all, un, us, eu, uk."),
    report: Path | None = typer.Option(
        None, "--report", help="Write metrics.json, errors, PNG plots and report.html here."
    ),
    baselines: bool = typer.Option(False, "--baselines", help="Also run the keyword and arabic-toxic baselines."),
    gate: bool = typer.Option(False, "--gate", help="Fail (exit 1) if a metric falls below its pinned floor."),
    baseline_file: Path = typer.Option(DEFAULT_BASELINE, "--baseline-file", help="Floors and the gold hash."),
    update_floors: bool = typer.Option(False, "--update-floors", help="Pin today's figures as the floors."),
    allow_lower: bool = typer.Option(False, "--allow-lower", help="With --update-floors: allow a floor to fall."),
    json_out: Path | None = typer.Option(None, "--json", help="Write all metrics as JSON here."),
    cv: int = typer.Option(0, "--cv", help="Cross-validate the whole analysis with a classifier trained per fold "
                                           "(K folds, near-duplicates kept together) on the given labelled files, "
                                           "one language per file; flagged = violating or review."),
    real: Path = typer.Option(Path(os.environ.get("BASIRA_REAL_DATA", DEFAULT_REAL)), "--real-data",
                              help="With --gate: the folder of labelled real posts (real-ar.jsonl, real-en.jsonl) "
                                   "whose cross-validated figures are gated too; skipped with a message if absent."),
) -> None:
    """Evaluate basira on labelled items: P/R/F1 overall and per category, FPR per hard-negative kind,
    span overlap, confusion matrix, errors with their evidence; optionally baselines, a report and a gate.
    With --cv K: cross-validated figures of the full analysis on labelled real posts."""
    if cv:
        _cross_validate(gold or [], cv, policy, jurisdiction, report, json_out)
        return
    from basira.eval.gate import check_gate
    from basira.eval.gate import update_floors as pin_floors
    from basira.eval.gold import GoldError, gold_sha256, load_gold
    from basira.eval.metrics import compute_metrics
    from basira.eval.systems import baseline_systems, basira_system

    console = make_console()
    paths = gold or DEFAULT_GOLD
    try:
        items = load_gold(paths)
        system = basira_system(policy, jurisdiction)
    except (GoldError, OSError, KeyError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    preds = system(items)
    metrics = compute_metrics(items, preds)
    systems: dict[str, dict[str, Any]] = {"basira": metrics}
    if baselines:
        for name, baseline in baseline_systems().items():
            systems[name] = compute_metrics(items, baseline(items))
    _print_tables(console, systems, metrics)
    gold_hash = gold_sha256(paths)
    meta = {"gold": [str(p) for p in paths], "gold_sha256": gold_hash, "items": len(items),
            "policy": policy or "tco", "jurisdiction": jurisdiction}
    if report:
        path = _write_report(report, items, preds, metrics, systems, meta)
        console.print(f"report written to {path}")
    if json_out:
        json_out.write_text(json.dumps({"meta": meta, "systems": systems}, indent=2), encoding="utf-8")
    if update_floors:
        _, loosened = pin_floors(baseline_file, metrics, gold_hash, allow_lower=allow_lower)
        if loosened and not allow_lower:
            refused = "refused: these bounds would loosen (use --allow-lower deliberately):\n  "
            typer.echo(refused + "\n  ".join(loosened), err=True)
            raise typer.Exit(1)
        console.print(f"floors pinned in {baseline_file}")
    if gate:
        if not baseline_file.exists():
            typer.echo(f"gate: no baseline file {baseline_file}; pin one with --update-floors", err=True)
            raise typer.Exit(1)
        result = check_gate(metrics, json.loads(baseline_file.read_text(encoding="utf-8")), gold_hash)
        if not result.passed:
            typer.echo("eval gate FAILED:\n  " + "\n  ".join(result.failures), err=True)
            raise typer.Exit(1)
        console.print(f"eval gate passed ({len(result.checked)} bounds checked)")
        _real_gate(real, baseline_file, update_floors, allow_lower, console)


def _write_report(report: Path, items: Any, preds: Any, metrics: Any, systems: Any, meta: Any) -> Path:
    from basira.eval.metrics import error_list
    from basira.eval.report import write_report

    return write_report(report, items, preds, metrics, error_list(items, preds), systems, meta)


def _print_real(console: Any, report: dict[str, Any]) -> None:
    for name, m in report["files"].items():
        table = Table(title=f"{name}: {m['items']} items, {m['violating_items']} violating (cross-validated)")
        for column in ("system", "precision", "recall", "F1", "TP", "FP", "FN"):
            table.add_column(column)
        for system in ("flagged", "violating", "classifier_only", "rules_only_flagged"):
            f = m[system]
            table.add_row(system, f"{f['precision']:.3f}", f"{f['recall']:.3f}", f"{f['f1']:.3f}", str(f["tp"]),
                          str(f["fp"]), str(f["fn"]))
        console.print(table)
        kinds = Table(title=f"{name}: flag rate per benign category (violating or review)")
        for column in ("category", "n", "flag rate", "violating rate"):
            kinds.add_column(column)
        for category, r in m["flag_rate_by_category"].items():
            kinds.add_row(category, str(r["n"]), f"{r['flag_rate']:.3f}", f"{r['violating_rate']:.3f}")
        console.print(kinds)
        sources = Table(title=f"{name}: per source")
        for column in ("source", "violating items", "recall", "benign items", "flag rate"):
            sources.add_column(column)
        for source, r in m["by_source"].items():
            sources.add_row(source, str(r.get("violating_items", 0)), f"{r['recall']:.3f}" if "recall" in r else "",
                            str(r.get("benign_items", 0)), f"{r['flag_rate']:.3f}" if "flag_rate" in r else "")
        console.print(sources)


def _cross_validate(paths: list[str], folds: int, policy: str | None, jurisdiction: str | None,
                    report: Path | None, json_out: Path | None) -> dict[str, Any]:
    from basira.eval.crossval import evaluate_files
    from basira.model.train import TrainingError

    console, err = make_console(), make_console(stderr=True)
    if not paths:
        err.print("error: --cv needs labelled JSON Lines files", markup=False)
        raise typer.Exit(2)
    try:
        result = evaluate_files([Path(p) for p in paths], policy=policy, jurisdiction=jurisdiction, folds=folds,
                                progress=lambda m: err.print(m, markup=False))
    except (TrainingError, OSError, KeyError, ValueError) as exc:
        err.print(f"error: {exc}", markup=False)
        raise typer.Exit(2) from None
    _print_real(console, result)
    if json_out:
        json_out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    if report:
        from basira.eval.real_report import write_real_report

        console.print(f"report written to {write_real_report(report, result)}")
    return result


def _real_gate(real: Path, baseline_file: Path, update: bool, allow_lower: bool, console: Any) -> None:
    from basira.eval.gate import check_real_gate, update_real_floors

    if str(real).lower() == "none":
        console.print("real-data gate not run here (--real-data none)")
        return
    paths = [real / name for name in REAL_FILES]
    if not all(p.is_file() for p in paths):
        console.print(f"real-data gate skipped: {real} does not hold {', '.join(REAL_FILES)} (labelled real posts "
                      "are not part of the repository; set BASIRA_REAL_DATA or --real-data to run it)")
        return
    result = _cross_validate([str(p) for p in paths], 5, None, None, None, None)
    bounds_file = baseline_file.with_name(DEFAULT_REAL_BASELINE.name)
    if update:
        loosened = update_real_floors(bounds_file, result, allow_lower=allow_lower)
        if loosened and not allow_lower:
            typer.echo("refused: these real-data bounds would loosen:\n  " + "\n  ".join(loosened), err=True)
            raise typer.Exit(1)
        console.print(f"real-data bounds pinned in {bounds_file}")
        return
    if not bounds_file.exists():
        typer.echo(f"real-data gate: no bounds file {bounds_file}; pin one with --update-floors", err=True)
        raise typer.Exit(1)
    gate = check_real_gate(result, json.loads(bounds_file.read_text(encoding="utf-8")))
    if not gate.passed:
        typer.echo("real-data gate FAILED:\n  " + "\n  ".join(gate.failures), err=True)
        raise typer.Exit(1)
    console.print(f"real-data gate passed ({len(gate.checked)} bounds checked)")


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_command)

"""The evaluation gate: floors per metric pinned beside the SHA-256 of the gold set.

Floors only rise: ``update_floors`` refuses to lower one unless ``allow_lower`` is given (the trafilatura
pattern), so a change that costs precision cannot quietly move the bar.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GATED_METRICS = (
    "violating.precision",
    "violating.recall",
    "violating.f1",
    "flagged.recall",
    "spans.recall",
)
MAX_FPR_PREFIX = "fpr_by_kind."  # ceilings, not floors: lower is better


@dataclass(frozen=True, slots=True)
class GateResult:
    passed: bool
    failures: tuple[str, ...]
    checked: dict[str, tuple[float, float]]  # metric -> (value, bound)


def metric_value(metrics: dict[str, Any], dotted: str) -> float:
    if dotted.startswith(MAX_FPR_PREFIX):
        return float(metrics["fpr_by_kind"][dotted[len(MAX_FPR_PREFIX):]]["fpr"])
    node: Any = metrics
    for part in dotted.split("."):
        node = node[part]
    return float(node)


def _floor(value: float) -> float:
    return math.floor(value * 100) / 100


def _ceil(value: float) -> float:
    return math.ceil(value * 100) / 100


def check_gate(metrics: dict[str, Any], baseline: dict[str, Any], gold_hash: str) -> GateResult:
    failures = []
    checked: dict[str, tuple[float, float]] = {}
    if baseline.get("gold_sha256") != gold_hash:
        failures.append(
            f"the gold set changed (sha256 {gold_hash[:12]}… ≠ pinned {str(baseline.get('gold_sha256'))[:12]}…): "
            "re-pin the floors with --update-floors after reviewing the change"
        )
    for name, floor in baseline.get("floors", {}).items():
        value = metric_value(metrics, name)
        checked[name] = (value, floor)
        if value + 1e-9 < floor:
            failures.append(f"{name} = {value:.4f} is below its floor {floor:.2f}")
    for name, ceiling in baseline.get("ceilings", {}).items():
        try:
            value = metric_value(metrics, name)
        except KeyError:
            failures.append(f"{name}: no such hard-negative kind in the gold set any more")
            continue
        checked[name] = (value, ceiling)
        if value - 1e-9 > ceiling:
            failures.append(f"{name} = {value:.4f} is above its ceiling {ceiling:.2f}")
    return GateResult(not failures, tuple(failures), checked)


def proposed_bounds(metrics: dict[str, Any]) -> tuple[dict[str, float], dict[str, float]]:
    floors = {name: _floor(metric_value(metrics, name)) for name in GATED_METRICS}
    ceilings = {f"{MAX_FPR_PREFIX}{kind}": _ceil(v["fpr"]) for kind, v in metrics["fpr_by_kind"].items()}
    return floors, ceilings


def update_floors(
    path: Path, metrics: dict[str, Any], gold_hash: str, *, allow_lower: bool = False
) -> tuple[dict[str, Any], list[str]]:
    """Pin today's figures. Returns the new baseline and the list of bounds that would have loosened."""
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    floors, ceilings = proposed_bounds(metrics)
    same_gold = old.get("gold_sha256") == gold_hash
    loosened = []
    if same_gold:
        for name, value in floors.items():
            if value < old.get("floors", {}).get(name, 0.0):
                loosened.append(f"{name}: {old['floors'][name]:.2f} → {value:.2f}")
        for name, value in ceilings.items():
            if name in old.get("ceilings", {}) and value > old["ceilings"][name]:
                loosened.append(f"{name}: {old['ceilings'][name]:.2f} → {value:.2f}")
    if loosened and not allow_lower:
        return old, loosened
    baseline = {"gold_sha256": gold_hash, "floors": floors, "ceilings": ceilings}
    _atomic_write(path, json.dumps(baseline, indent=2, sort_keys=True) + "\n")
    return baseline, loosened


def _atomic_write(path: Path, text: str) -> None:
    """Atomic replace, so an interrupted update can't truncate the baseline."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


# -- the real-data gate: cross-validated figures per labelled file -----------------------------------------
REAL_FLOORS = ("flagged.precision", "flagged.recall", "flagged.f1")
REAL_CEILING_PREFIX = "flag_rate_by_category."


def _real_value(entry: dict[str, Any], dotted: str) -> float:
    if dotted.startswith(REAL_CEILING_PREFIX):
        return float(entry["flag_rate_by_category"][dotted[len(REAL_CEILING_PREFIX):]]["flag_rate"])
    return metric_value(entry, dotted)


def proposed_real_bounds(result: dict[str, Any]) -> dict[str, Any]:
    files = {}
    for name, entry in result["files"].items():
        files[name] = {
            "sha256": entry["sha256"],
            "floors": {metric: _floor(_real_value(entry, metric)) for metric in REAL_FLOORS},
            "ceilings": {f"{REAL_CEILING_PREFIX}{c}": _ceil(r["flag_rate"])
                         for c, r in entry["flag_rate_by_category"].items()},
        }
    return {"files": files}


def check_real_gate(result: dict[str, Any], bounds: dict[str, Any]) -> GateResult:
    failures: list[str] = []
    checked: dict[str, tuple[float, float]] = {}
    for name, pinned in bounds.get("files", {}).items():
        entry = result["files"].get(name)
        if entry is None:
            failures.append(f"{name}: not evaluated")
            continue
        if entry["sha256"] != pinned.get("sha256"):
            failures.append(f"{name} changed (sha256 {entry['sha256'][:12]}… ≠ pinned "
                            f"{str(pinned.get('sha256'))[:12]}…): re-pin with --update-floors after reviewing it")
        for metric, floor in pinned.get("floors", {}).items():
            value = _real_value(entry, metric)
            checked[f"{name}:{metric}"] = (value, floor)
            if value + 1e-9 < floor:
                failures.append(f"{name}: {metric} = {value:.4f} is below its floor {floor:.2f}")
        for metric, ceiling in pinned.get("ceilings", {}).items():
            try:
                value = _real_value(entry, metric)
            except KeyError:
                failures.append(f"{name}: {metric}: no such benign category any more")
                continue
            checked[f"{name}:{metric}"] = (value, ceiling)
            if value - 1e-9 > ceiling:
                failures.append(f"{name}: {metric} = {value:.4f} is above its ceiling {ceiling:.2f}")
    return GateResult(not failures, tuple(failures), checked)


def update_real_floors(path: Path, result: dict[str, Any], *, allow_lower: bool = False) -> list[str]:
    """Pin today's cross-validated figures; returns the bounds that would loosen (nothing written then,
    unless ``allow_lower``)."""
    old = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    new = proposed_real_bounds(result)
    loosened = []
    for name, pinned in new["files"].items():
        previous = old.get("files", {}).get(name, {})
        if previous.get("sha256") != pinned["sha256"]:
            continue
        for metric, value in pinned["floors"].items():
            if value < previous.get("floors", {}).get(metric, 0.0):
                loosened.append(f"{name}: {metric}: {previous['floors'][metric]:.2f} → {value:.2f}")
        for metric, value in pinned["ceilings"].items():
            if metric in previous.get("ceilings", {}) and value > previous["ceilings"][metric]:
                loosened.append(f"{name}: {metric}: {previous['ceilings'][metric]:.2f} → {value:.2f}")
    if loosened and not allow_lower:
        return loosened
    _atomic_write(path, json.dumps(new, indent=2, sort_keys=True) + "\n")
    return loosened

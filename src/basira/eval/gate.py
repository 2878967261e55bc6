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

"""Evaluation metrics: document-level P/R/F1, per category, false-positive rate per hard-negative kind,
span overlap, confusion matrix, and the list of errors with the evidence that caused each."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from basira.eval.gold import GoldItem

SCORED_KINDS = ("signal", "entity", "structure")  # evidence kinds compared with gold spans


@dataclass(frozen=True, slots=True)
class Prediction:
    """What a system said about one gold item (basira or a baseline)."""

    outcome: str  # violating | review | not_violating
    categories: tuple[str, ...] = ()  # categories decided violating
    score: float = 0.0  # the strongest category score (for curves)
    spans: tuple[tuple[int, int, str], ...] = ()  # evidence spans (start, end, label)
    evidence: tuple[dict[str, Any], ...] = ()  # for the error list


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}


def _binary(items: Sequence[GoldItem], preds: Sequence[Prediction], flagged: Callable[[Prediction], bool]) -> dict:
    tp = sum(1 for g, p in zip(items, preds, strict=True) if g.positive and flagged(p))
    fp = sum(1 for g, p in zip(items, preds, strict=True) if not g.positive and flagged(p))
    fn = sum(1 for g, p in zip(items, preds, strict=True) if g.positive and not flagged(p))
    return prf(tp, fp, fn)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def compute_metrics(items: Sequence[GoldItem], preds: Sequence[Prediction]) -> dict[str, Any]:
    violating = _binary(items, preds, lambda p: p.outcome == "violating")
    flagged = _binary(items, preds, lambda p: p.outcome in ("violating", "review"))

    categories = sorted({c for g in items for c in g.categories} | {c for p in preds for c in p.categories})
    per_category = {}
    for category in categories:
        tp = sum(1 for g, p in zip(items, preds, strict=True) if category in g.categories and category in p.categories)
        fp = sum(1 for g, p in zip(items, preds, strict=True)
                 if category not in g.categories and category in p.categories)
        fn = sum(1 for g, p in zip(items, preds, strict=True)
                 if category in g.categories and category not in p.categories)
        per_category[category] = prf(tp, fp, fn)

    negatives_by_kind: dict[str, list[Prediction]] = defaultdict(list)
    for g, p in zip(items, preds, strict=True):
        if not g.positive:
            negatives_by_kind[g.kind or "unspecified"].append(p)
    fpr_by_kind = {
        kind: {
            "n": len(ps),
            "fpr": round(sum(p.outcome == "violating" for p in ps) / len(ps), 4),
            "flag_rate": round(sum(p.outcome in ("violating", "review") for p in ps) / len(ps), 4),
        }
        for kind, ps in sorted(negatives_by_kind.items())
    }

    # Span overlap: a gold span is found if any predicted span overlaps it; a predicted span on a positive
    # item is correct if it overlaps a gold span.
    gold_total = gold_found = pred_total = pred_correct = 0
    for g, p in zip(items, preds, strict=True):
        if not g.spans:
            continue
        gold_spans = [(s.start, s.end) for s in g.spans]
        pred_spans = [(s, e) for s, e, _ in p.spans]
        gold_total += len(gold_spans)
        gold_found += sum(any(_overlaps(gs, ps) for ps in pred_spans) for gs in gold_spans)
        pred_total += len(pred_spans)
        pred_correct += sum(any(_overlaps(ps, gs) for gs in gold_spans) for ps in pred_spans)
    spans = {
        "precision": round(pred_correct / pred_total, 4) if pred_total else 0.0,
        "recall": round(gold_found / gold_total, 4) if gold_total else 0.0,
        "gold_spans": gold_total,
        "predicted_spans": pred_total,
    }

    confusion = Counter((g.label, p.outcome) for g, p in zip(items, preds, strict=True))
    confusion_table = {
        gold: {out: confusion.get((gold, out), 0) for out in ("violating", "review", "not_violating", "error")}
        for gold in ("violating", "not_violating")
    }
    return {
        "n": len(items),
        "positives": sum(g.positive for g in items),
        "violating": violating,
        "flagged": flagged,
        "per_category": per_category,
        "fpr_by_kind": fpr_by_kind,
        "spans": spans,
        "confusion": confusion_table,
    }


def error_list(items: Sequence[GoldItem], preds: Sequence[Prediction], limit: int = 500) -> list[dict[str, Any]]:
    """False positives and false negatives, with the evidence that caused each."""
    errors = []
    for g, p in zip(items, preds, strict=True):
        predicted_positive = p.outcome == "violating"
        if predicted_positive == g.positive:
            continue
        errors.append({
            "id": g.id,
            "type": "false_positive" if predicted_positive else "false_negative",
            "gold": g.label,
            "gold_categories": list(g.categories),
            "predicted": p.outcome,
            "predicted_categories": list(p.categories),
            "kind": g.kind,
            "dialect": g.dialect,
            "text": g.text,
            "evidence": list(p.evidence),
        })
    return errors[:limit]

"""Cross-validated evaluation of the whole analysis on labelled real posts.

For each grouped fold (near-duplicates kept together), a classifier is trained on the other folds exactly as
``basira train`` does (its own inner cross-validation for calibration), and the held-out posts go through the
full analysis: recognisers, that fold's classifier, the policy. Recogniser evidence does not depend on the
fold, so it is computed once per post. Flagged means ``violating`` or ``review``.

Reported: P/R/F1 flagged and violating; the flag rate of every benign category and of every source; the same
for the rules alone (no classifier) and for the classifier's probability alone; a reliability curve.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from basira.eval.metrics import prf
from basira.model.classifier import Classifier, script_of
from basira.model.features import Featurizer
from basira.model.folds import group_key, grouped_folds
from basira.model.stage import ModelStage
from basira.model.train import LabelledText, TrainSettings, library_versions, read_labelled, train_head
from basira.types import Analysis, Document, Outcome

if TYPE_CHECKING:
    from basira.policy.model import Category

FLAGGED = (Outcome.VIOLATING, Outcome.REVIEW)


@dataclass(frozen=True, slots=True)
class Outcomes:
    """What the systems said about one post, out of fold."""

    full: Outcome
    rules: Outcome
    probability: float
    categories: tuple[str, ...]


def _prf(labels: Sequence[int], flagged: Sequence[bool]) -> dict[str, float]:
    tp = sum(1 for y, f in zip(labels, flagged, strict=True) if y and f)
    fp = sum(1 for y, f in zip(labels, flagged, strict=True) if not y and f)
    fn = sum(1 for y, f in zip(labels, flagged, strict=True) if y and not f)
    return prf(tp, fp, fn)


def source_name(source: str) -> str:
    """``github:owner/repo@commit:path`` → ``owner/repo``; other sources as they are."""
    if source.startswith("github:"):
        return source[len("github:"):].split("@", 1)[0]
    return source or "unknown"


def reliability(probabilities: Sequence[float], labels: Sequence[int], bins: int = 10) -> list[dict[str, float]]:
    rows = []
    p = np.asarray(probabilities)
    y = np.asarray(labels)
    edges = np.linspace(0, 1, bins + 1)
    for low, high in pairwise(edges.tolist()):
        inside = (p >= low) & ((p < high) if high < 1 else (p <= high))
        if inside.any():
            rows.append({"low": round(float(low), 2), "high": round(float(high), 2), "n": int(inside.sum()),
                         "mean_probability": round(float(p[inside].mean()), 4),
                         "fraction_violating": round(float(y[inside].mean()), 4)})
    return rows


def metrics(items: Sequence[LabelledText], outcomes: Sequence[Outcomes], review_threshold: float) -> dict[str, Any]:
    labels = [item.label for item in items]
    flagged = [o.full in FLAGGED for o in outcomes]
    by_category: dict[str, list[int]] = defaultdict(list)
    by_source: dict[str, list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if not item.label:
            by_category[item.category or "unspecified"].append(i)
        by_source[source_name(item.source)].append(i)

    def rates(rows: list[int]) -> dict[str, Any]:
        violating = [i for i in rows if labels[i]]
        benign = [i for i in rows if not labels[i]]
        out: dict[str, Any] = {"n": len(rows)}
        if violating:
            out["violating_items"] = len(violating)
            out["recall"] = round(sum(flagged[i] for i in violating) / len(violating), 4)
        if benign:
            out["benign_items"] = len(benign)
            out["flag_rate"] = round(sum(flagged[i] for i in benign) / len(benign), 4)
            out["violating_rate"] = round(sum(outcomes[i].full is Outcome.VIOLATING for i in benign) / len(benign), 4)
        return out

    return {
        "items": len(items),
        "violating_items": sum(labels),
        "flagged": _prf(labels, flagged),
        "violating": _prf(labels, [o.full is Outcome.VIOLATING for o in outcomes]),
        "rules_only_flagged": _prf(labels, [o.rules in FLAGGED for o in outcomes]),
        "classifier_only": _prf(labels, [o.probability >= review_threshold for o in outcomes]),
        "flag_rate_by_category": {c: rates(rows) for c, rows in sorted(by_category.items())},
        "by_source": {s: rates(rows) for s, rows in sorted(by_source.items())},
        "reliability": reliability([o.probability for o in outcomes], labels),
    }


def _document(item: LabelledText) -> Document:
    return Document(id=item.id, source="real", text=item.text, format="text")


def cross_validate(
    items: Sequence[LabelledText],
    *,
    policy: str | None = None,
    jurisdiction: str | None = None,
    settings: TrainSettings | None = None,
    folds: int = 5,
    inner_folds: int = 3,
    progress: Callable[[str], None] | None = None,
) -> list[Outcomes]:
    """Out-of-fold outcomes of the full analysis for every item (in the order given)."""
    from basira.pipeline import Analyzer
    from basira.policy import PolicyEngine, PolicyStage, load_policy

    settings = settings or TrainSettings()
    inner = replace(settings, folds=inner_folds)
    say = progress or (lambda _m: None)
    analyzer = Analyzer(stages=())
    policy_stage = PolicyStage(PolicyEngine(load_policy(policy), jurisdiction))
    say(f"recognisers on {len(items)} items")
    analyses: list[Analysis] = [analyzer.analyze(_document(item)) for item in items]
    texts = [a.normalized.text if a.normalized else "" for a in analyses]
    featurizer = Featurizer(settings.spec)
    docs = [featurizer.indices(t) for t in texts]
    scripts = [script_of(t) for t in texts]
    groups = [group_key(t) for t in texts]
    labels = np.array([item.label for item in items], dtype=np.int64)
    results: list[Outcomes | None] = [None] * len(items)
    for number, (train, test) in enumerate(grouped_folds(labels.tolist(), groups, folds, settings.seed), start=1):
        heads, infos = {}, {}
        for script in sorted(set(scripts)):
            rows = [i for i in train if scripts[i] == script]
            y = labels[rows]
            if min(int(y.sum()), int(len(y) - y.sum())) < 5:
                continue
            target = float(settings.target_precision.get(script, 0.9))
            result = train_head([docs[i] for i in rows], y, [groups[i] for i in rows], inner, target,
                                settings.spec.size)
            heads[script], infos[script] = result.head, result.info
        say(f"fold {number}/{folds}: trained heads {sorted(heads)} on {len(train)} items; analysing {len(test)}")
        stage = ModelStage(Classifier(settings.spec, heads, {"id": f"cv-fold-{number}", "version": "0",
                                                              "heads": infos}))
        for i in test:
            with_model = stage.apply(analyses[i])
            probability = max((e.score for e in with_model.evidence if e.label == "MODEL_TVEC"), default=0.0)
            if probability == 0.0:
                probability = stage.classifier.score(texts[i], docs[i]).probability
            full = policy_stage.apply(with_model)
            rules = policy_stage.apply(analyses[i])
            decision, rules_decision = full.decision, rules.decision
            assert decision is not None and rules_decision is not None
            results[i] = Outcomes(decision.outcome, rules_decision.outcome, probability,
                                  tuple(c.id for c in decision.categories))
    return [r for r in results if r is not None]


def classifier_review_threshold(category: Category | None, head: str) -> float:
    """The policy's review threshold for the classifier's ``head``: a feature's own for that head, else the
    category's (0.5 without a classifier category)."""
    if category is None:
        return 0.5
    for feature in category.features:
        if feature.label == "MODEL_TVEC" and feature.attrs.get("head") == head and feature.thresholds:
            return float(feature.thresholds.review)
    return float(category.thresholds.review)


def files_sha256(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def evaluate_files(
    paths: Sequence[Path],
    *,
    policy: str | None = None,
    jurisdiction: str | None = None,
    folds: int = 5,
    seed: int = 0,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Cross-validate on each file separately (one language each) and report per file."""
    from basira.policy import load_policy

    categories = load_policy(policy).categories
    report: dict[str, Any] = {"meta": {"folds": folds, "seed": seed, "policy": policy or "tco",
                                       "libraries": library_versions()}, "files": {}}
    for path in paths:
        items, digest = read_labelled([path])
        outcomes = cross_validate(items, policy=policy, jurisdiction=jurisdiction, folds=folds,
                                  settings=TrainSettings(seed=seed), progress=progress)
        head = Counter(script_of(item.text) for item in items).most_common(1)[0][0] if items else ""
        entry = metrics(items, outcomes, classifier_review_threshold(categories.get("classifier"), head))
        entry["sha256"] = digest
        report["files"][Path(path).name] = entry
    return report

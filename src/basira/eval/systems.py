"""Systems under evaluation: basira itself and the baselines it must beat, run on the same items.

Baselines:
- ``keyword_raw``: violating if the raw text contains any term of basira's own violence and entity
  lexicons, as a plain substring, without normalisation (what a hand-kept keyword list does).
- ``keyword_normalised``: the same lexicons through basira's normaliser and clitic-aware matcher, with no
  context and no policy: any violence signal or designated entity → violating.
- ``arabic_toxic_violence`` / ``arabic_toxic_any``: the `arabic-toxic` classifier (MIT, optional extra
  ``basira[baselines]``), its ``Violence`` label alone, and any toxic label.
"""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from basira.eval.gold import GoldItem
from basira.eval.metrics import SCORED_KINDS, Prediction
from basira.pipeline import Analyzer
from basira.types import Analysis, Document

System = Callable[[Sequence[GoldItem]], list[Prediction]]
VIOLENCE_LABELS = frozenset(
    ["CALL_TO_VIOLENCE", "GLORIFICATION", "THREAT", "RECRUITMENT", "INSTRUCTION", "FINANCING", "SUPPORT"]
)
DATA_DIR = Path(__file__).resolve().parents[1] / "recognizers" / "data"


def _document(item: GoldItem) -> Document:
    return Document(id=item.id, source="gold", text=item.text, format="text", lang=None)


def prediction_from(analysis: Analysis) -> Prediction:
    decision = analysis.decision
    categories = decision.categories if decision else ()
    return Prediction(
        outcome=decision.outcome.value if decision else "not_violating",
        categories=tuple(c.id for c in categories if c.outcome.value == "violating"),
        score=max((c.score for c in categories), default=0.0),
        spans=tuple((e.start, e.end, e.label) for e in analysis.evidence if e.kind.value in SCORED_KINDS),
        evidence=tuple(
            {"id": e.id, "label": e.label, "text": e.text, "rule": e.rule, "score": e.score}
            for e in analysis.evidence
            if e.kind.value != "url"
        ),
    )


def basira_system(policy: str | None = None, jurisdiction: str | None = None) -> System:
    from basira.stages import default_stages

    analyzer = Analyzer(stages=default_stages(policy=policy, jurisdiction=jurisdiction))

    def run(items: Sequence[GoldItem]) -> list[Prediction]:
        return [prediction_from(analyzer.analyze(_document(item))) for item in items]

    return run


def _lexicon_terms() -> list[str]:
    """Every term of basira's violence-signal and entity lexicons (YAML files under recognizers/data)."""
    import yaml

    terms: set[str] = set()
    for path in sorted(DATA_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            continue
        for row in data.get("entries", []) or []:
            label = row.get("label", data.get("label"))
            if label in VIOLENCE_LABELS or label == "DESIGNATED_ENTITY" or path.stem == "entities":
                for term in row.get("terms") or [row.get("term")]:
                    if isinstance(term, str) and len(term.strip()) >= 3:
                        terms.add(term.strip())
    return sorted(terms)


def keyword_raw_system() -> System:
    terms = _lexicon_terms()

    def run(items: Sequence[GoldItem]) -> list[Prediction]:
        preds = []
        for item in items:
            hits = [t for t in terms if t in item.text]
            preds.append(Prediction("violating" if hits else "not_violating", score=1.0 if hits else 0.0))
        return preds

    return run


def keyword_normalised_system() -> System:
    analyzer = Analyzer()  # recognisers only: no policy, no context weighting

    def run(items: Sequence[GoldItem]) -> list[Prediction]:
        preds = []
        for item in items:
            analysis = analyzer.analyze(_document(item))
            hit = [e for e in analysis.evidence if e.label in VIOLENCE_LABELS or e.label == "DESIGNATED_ENTITY"]
            preds.append(Prediction(
                "violating" if hit else "not_violating",
                score=1.0 if hit else 0.0,
                spans=tuple((e.start, e.end, e.label) for e in hit),
            ))
        return preds

    return run


def arabic_toxic_available() -> bool:
    return importlib.util.find_spec("arabic_toxic") is not None


def arabic_toxic_system(any_label: bool) -> System:
    def run(items: Sequence[GoldItem]) -> list[Prediction]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the model was pickled with a newer scikit-learn
            import arabic_toxic

            results: list[dict[str, Any]] = [arabic_toxic.classify(item.text) for item in items]
        preds = []
        for result in results:
            labels = set(result.get("labels") or ())
            positive = bool(result.get("is_toxic")) if any_label else "Violence" in labels
            score = float(result.get("scores", {}).get("Violence", 0.0)) / 100
            preds.append(Prediction("violating" if positive else "not_violating", score=score))
        return preds

    return run


def baseline_systems() -> dict[str, System]:
    systems: dict[str, System] = {
        "keyword_raw": keyword_raw_system(),
        "keyword_normalised": keyword_normalised_system(),
    }
    if arabic_toxic_available():
        systems["arabic_toxic_violence"] = arabic_toxic_system(any_label=False)
        systems["arabic_toxic_any"] = arabic_toxic_system(any_label=True)
    return systems

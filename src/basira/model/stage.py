"""The classifier as a pipeline stage: a calibrated score, explained by the tokens that raised it most.

The stage reads the same normalised text as the recognisers. When the calibrated probability reaches
``evidence_floor`` it adds up to ``top_k`` evidence items of kind ``model`` and label ``MODEL_TVEC``: the
whitespace tokens with the largest positive share of the logit, each mapped back to the original text through
the offset map, with its share (``weight``, in logit units) and the document's probability in ``attrs``. The
evidence score is the document's probability, so the policy reads the model through its usual features.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from basira.model.classifier import Classifier, load_classifier
from basira.model.linear import TokenWeight
from basira.types import Analysis, Evidence, EvidenceKind

LABEL = "MODEL_TVEC"
DEFAULT_MODEL = Path(__file__).resolve().parent / "data" / "basira-tvec.npz"
_EDGE_PUNCTUATION = "\"'«»“”‘’.,:;!?؟،؛()[]{}<>…-–—*"


class ModelStage:
    """Adds the classifier's evidence; the policy stage after it decides."""

    name = "model"

    def __init__(self, classifier: Classifier, top_k: int = 6, evidence_floor: float = 0.2, min_share: float = 0.05):
        self.classifier = classifier
        self.top_k = top_k
        self.evidence_floor = evidence_floor
        self.min_share = min_share
        training = classifier.meta.get("training", {})
        self._version = {"model": classifier.key, "model_data_sha256": str(training.get("data_sha256", ""))[:16]}

    def versions(self) -> dict[str, str]:
        return dict(self._version)

    def apply(self, analysis: Analysis) -> Analysis:
        nt = analysis.normalized
        if nt is None:
            from basira.normalize import normalize

            nt = normalize(analysis.document.text)
        text = nt.text
        score = self.classifier.score(text)  # the feature occurrences only; tokens below, if explained
        # the policy reads "a classifier ran" from the versions, whoever assembled the stages
        analysis = replace(analysis, versions={**analysis.versions, **self._version})
        if score.probability < self.evidence_floor:
            return analysis
        doc = self.classifier.features(text)  # the tokens behind the features: only for texts explained
        shares = self.classifier.heads[score.head].shares(doc)
        positive = np.flatnonzero(shares > 0)
        if not positive.size:
            return analysis
        total = float(shares[positive].sum())
        # the top_k largest positive shares (ties: earlier token first), kept if ≥ min_share of the total
        top = positive[np.lexsort((positive, -shares[positive]))[: self.top_k]]
        top = np.sort(top[shares[top] >= self.min_share * total])
        chosen = [TokenWeight(int(doc.space_starts[i]), int(doc.space_ends[i]), float(shares[i])) for i in top]
        original = analysis.document.text
        first = len(analysis.evidence) + 1
        found: list[Evidence] = []
        for token in chosen:
            start, end = token.start, token.end
            while start < end and text[start] in _EDGE_PUNCTUATION:
                start += 1
            while end > start and text[end - 1] in _EDGE_PUNCTUATION:
                end -= 1
            if start == end:
                start, end = token.start, token.end
            o_start, o_end = nt.to_original(start, end)
            attrs: dict[str, Any] = {
                "weight": round(token.weight, 4),
                "share": round(token.weight / total, 4),
                "probability": round(score.probability, 4),
                "head": score.head,
                "model": self.classifier.key,
            }
            found.append(Evidence(
                id=f"e{first + len(found)}",
                kind=EvidenceKind.MODEL,
                label=LABEL,
                start=o_start,
                end=o_end,
                text=original[o_start:o_end],
                recognizer=f"classifier@{self.classifier.meta.get('version', '0')}",
                rule=f"{self.classifier.meta.get('id', 'model')}:{score.head}",
                score=score.probability,
                attrs=attrs,
                explanation=f"raised the classifier's logit by {token.weight:+.3f} "
                            f"(document probability {score.probability:.3f}, {score.head} head)",
            ))
        return replace(analysis, evidence=analysis.evidence + tuple(found))


def build_model_stage(model: str | Path | None = "default") -> ModelStage | None:
    """``default`` is the model shipped in the package; ``none``/None turns the stage off; else a path."""
    if model is None or str(model).lower() in ("none", "off", ""):
        return None
    path = DEFAULT_MODEL if str(model) == "default" else Path(model)
    return ModelStage(_load_cached(str(path.resolve()), path.stat().st_mtime_ns if path.exists() else 0))


@lru_cache(maxsize=4)
def _load_cached(path: str, _mtime: int) -> Classifier:
    """One load per file and version of it per process: analysers built per request or per test share it."""
    return load_classifier(path)

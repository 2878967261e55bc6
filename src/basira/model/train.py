"""Training: labelled JSON Lines → a calibrated classifier with its cross-validated figures.

One head per script with enough items of both labels. Per head: hashed TF-IDF features of the normalised
text, L2-regularised logistic regression (balanced class weights), Platt scaling fitted on out-of-fold logits
of grouped k-fold cross-validation (near-duplicates kept in one fold), and thresholds read off the same
out-of-fold scores: ``review`` gives the target precision, ``high`` gives precision 0.99.
Deterministic for a seed: the folds are seeded and the solver (lbfgs) is deterministic.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from basira.model.classifier import Classifier, script_of
from basira.model.features import FeatureSpec, Featurizer, Indexed
from basira.model.folds import group_key, grouped_folds
from basira.model.linear import LinearHead, SpaceWeights

POSITIVE = {"violating"}
NEGATIVE = {"benign", "not_violating"}
DEFAULT_TARGET_PRECISION = {"arabic": 0.97, "latin": 0.85}
MIN_PER_LABEL = 5


class TrainingError(ValueError):
    """Training data that cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class LabelledText:
    id: str
    text: str
    label: int  # 1 violating, 0 not
    category: str = ""
    source: str = ""
    origin: str = ""  # the file it was read from


@dataclass(frozen=True, slots=True)
class TrainSettings:
    spec: FeatureSpec = field(default_factory=FeatureSpec)
    c: float = 10.0
    nb_c: float = 1.0
    min_df: int = 2
    folds: int = 5
    seed: int = 0
    target_precision: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_TARGET_PRECISION))

    def to_dict(self) -> dict[str, Any]:
        return {"C": self.c, "nb_C": self.nb_c, "min_df": self.min_df, "folds": self.folds, "seed": self.seed,
                "target_precision": dict(self.target_precision),
                "learner": "tfidf logistic regression + NB-LR (lbfgs, balanced), summed by out-of-fold spread"}


def read_labelled(paths: Iterable[str | Path]) -> tuple[list[LabelledText], str]:
    """Items with ``text`` and ``label`` (violating | benign | not_violating) and the SHA-256 of the files'
    bytes, in the order given. Other labels (e.g. an unreviewed ``review``) are skipped; a line that is not
    a JSON object with a string text is an error naming the file and line."""
    items: list[LabelledText] = []
    digest = hashlib.sha256()
    for raw in paths:
        path = Path(raw)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TrainingError(f"E411: {path}: cannot read ({exc.strerror or exc})") from None
        digest.update(data)
        for number, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise TrainingError(f"E412: {path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                raise TrainingError(f"E412: {path}:{number}: needs an object with a string 'text'")
            label = row.get("label")
            if label not in POSITIVE | NEGATIVE:
                continue
            items.append(LabelledText(str(row.get("id", f"{path.name}:{number}")), row["text"],
                                      int(label in POSITIVE), str(row.get("category") or row.get("kind") or ""),
                                      str(row.get("source") or ""), str(path)))
    return items, digest.hexdigest()


# -- one head -----------------------------------------------------------------------------------------------
def _rows(docs: Sequence[Indexed], attr: str, size: int) -> Any:
    from scipy.sparse import csr_matrix

    indptr = [0]
    indices: list[npt.NDArray[np.int64]] = []
    counts: list[npt.NDArray[np.int64]] = []
    for doc in docs:
        distinct, count = np.unique(getattr(doc, attr).astype(np.int64), return_counts=True)
        indices.append(distinct)
        counts.append(count)
        indptr.append(indptr[-1] + len(distinct))
    return csr_matrix(
        (np.concatenate(counts).astype(np.float64) if counts else np.zeros(0),
         np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64), np.asarray(indptr)),
        shape=(len(docs), size),
    )


def _tfidf(counts: Any, idf: npt.NDArray[np.float32]) -> Any:
    from sklearn.preprocessing import normalize

    x = counts.copy()
    x.data = 1.0 + np.log(x.data)
    x = x.multiply(idf.astype(np.float64)).tocsr()
    x.eliminate_zeros()
    return normalize(x, norm="l2", copy=False)


def _idf(counts: Any, min_df: int) -> npt.NDArray[np.float32]:
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    idf[df < min_df] = 0.0
    return idf


@dataclass(frozen=True)
class _Matrices:
    char: Any
    word: Any


def _matrices(docs: Sequence[Indexed], size: int) -> _Matrices:
    return _Matrices(_rows(docs, "char_index", size), _rows(docs, "word_index", size))


@dataclass(frozen=True)
class _Fitted:
    """The two learners of one head, fitted on the same rows, before they are added into one linear function."""

    idf: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]
    tfidf_coef: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]
    tfidf_intercept: float
    nb_weight: tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]  # log-count ratio × NB-LR coefficient
    nb_intercept: float

    def head(self, tfidf_scale: float, nb_scale: float, platt: tuple[float, float] = (1.0, 0.0)) -> LinearHead:
        char, word = (
            SpaceWeights(self.idf[k], (self.tfidf_coef[k] * tfidf_scale).astype(np.float32),
                         (self.nb_weight[k] * nb_scale).astype(np.float32))
            for k in (0, 1)
        )
        intercept = self.tfidf_intercept * tfidf_scale + self.nb_intercept * nb_scale
        return LinearHead(char, word, float(intercept), platt[0], platt[1])


def _log_count_ratio(present: Any, y: npt.NDArray[np.int64], kept: npt.NDArray[np.bool_]) -> npt.NDArray[np.float64]:
    """NB log-count ratio per feature (add-one smoothing over the kept features only); 0 where dropped."""
    p = np.asarray(present[y == 1].sum(axis=0)).ravel() + 1.0
    q = np.asarray(present[y == 0].sum(axis=0)).ravel() + 1.0
    r = np.log(p / p[kept].sum()) - np.log(q / q[kept].sum())
    return np.where(kept, r, 0.0)


def fit_learners(m: _Matrices, y: npt.NDArray[np.int64], rows: npt.NDArray[np.int64],
                 settings: TrainSettings) -> _Fitted:
    """Both learners on ``rows`` of the count matrices; IDF and NB ratios learnt from the same rows."""
    from scipy.sparse import diags, hstack
    from sklearn.linear_model import LogisticRegression

    target = y[rows]
    tfidf_parts, nb_parts, idfs, ratios = [], [], [], []
    for counts in (m.char, m.word):
        sub = counts[rows]
        idf = _idf(sub, settings.min_df)
        tfidf_parts.append(_tfidf(sub, idf))
        present = (sub > 0).astype(np.float64)
        ratio = _log_count_ratio(present, target, idf > 0)
        nb_parts.append((present @ diags(ratio)).tocsr())
        idfs.append(idf)
        ratios.append(ratio)
    size = m.char.shape[1]
    tfidf = LogisticRegression(C=settings.c, class_weight="balanced", max_iter=5000)
    tfidf.fit(hstack(tfidf_parts).tocsr(), target)
    nb = LogisticRegression(C=settings.nb_c, class_weight="balanced", max_iter=5000)
    nb.fit(hstack(nb_parts).tocsr(), target)

    def split(coef: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """One learner's coefficients over both spaces, per space, zero where a feature was dropped."""
        char, word = (np.where(idfs[k] > 0, coef[k * size:(k + 1) * size], 0).astype(np.float32) for k in (0, 1))
        return char, word

    return _Fitted(
        idf=(idfs[0], idfs[1]),
        tfidf_coef=split(tfidf.coef_[0]),
        tfidf_intercept=float(tfidf.intercept_[0]),
        nb_weight=split(nb.coef_[0] * np.concatenate(ratios)),
        nb_intercept=float(nb.intercept_[0]),
    )


def _logits(head: LinearHead, docs: Sequence[Indexed]) -> npt.NDArray[np.float64]:
    return np.array([head.logit(doc) for doc in docs])


def fit_platt(logits: npt.NDArray[np.float64], y: npt.NDArray[np.int64]) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    calibrator = LogisticRegression(C=1e6, max_iter=1000).fit(logits.reshape(-1, 1), y)
    return float(calibrator.coef_[0][0]), float(calibrator.intercept_[0])


def threshold_for_precision(scores: npt.NDArray[np.float64], y: npt.NDArray[np.int64], target: float) -> float:
    """The lowest score threshold whose flagged set has precision ≥ target (max recall); 1.0 if none."""
    order = np.argsort(-scores, kind="stable")
    hits = np.cumsum(y[order])
    precision = hits / np.arange(1, len(order) + 1)
    best = 1.0
    for k in range(len(order)):
        # a threshold equal to a score flags every item with that score: only cut between distinct scores
        if k + 1 < len(order) and scores[order[k + 1]] == scores[order[k]]:
            continue
        if precision[k] >= target:
            best = float(scores[order[k]])
    return best


def figures(scores: npt.NDArray[np.float64], y: npt.NDArray[np.int64], threshold: float) -> dict[str, float]:
    from sklearn.metrics import roc_auc_score

    flagged = scores >= threshold
    tp = int((flagged & (y == 1)).sum())
    fp = int((flagged & (y == 0)).sum())
    fn = int((~flagged & (y == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    auc = float(roc_auc_score(y, scores)) if 0 < y.sum() < len(y) else float("nan")
    return {"threshold": round(threshold, 6), "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(f1, 4), "roc_auc": round(auc, 4), "tp": tp, "fp": fp, "fn": fn}


@dataclass(frozen=True)
class HeadResult:
    head: LinearHead
    info: dict[str, Any]
    oof_probability: npt.NDArray[np.float64]


def train_head(docs: Sequence[Indexed], y: npt.NDArray[np.int64], groups: Sequence[str], settings: TrainSettings,
               target_precision: float, size: int) -> HeadResult:
    m = _matrices(docs, size)
    tfidf_oof, nb_oof = np.zeros(len(docs)), np.zeros(len(docs))
    all_rows = np.arange(len(docs))
    for train, test in grouped_folds(y.tolist(), groups, settings.folds, settings.seed):
        fitted = fit_learners(m, y, train, settings)
        held_out = [docs[i] for i in test]
        tfidf_oof[test] = _logits(fitted.head(1.0, 0.0), held_out)
        nb_oof[test] = _logits(fitted.head(0.0, 1.0), held_out)
    # each learner's logits divided by their out-of-fold spread, so neither dominates the sum by its scale
    tfidf_scale, nb_scale = 1.0 / max(float(tfidf_oof.std()), 1e-9), 1.0 / max(float(nb_oof.std()), 1e-9)
    oof = tfidf_oof * tfidf_scale + nb_oof * nb_scale
    a, b = fit_platt(oof, y)
    probability = 1.0 / (1.0 + np.exp(-(a * oof + b)))
    review = threshold_for_precision(probability, y, target_precision)
    high = max(review, threshold_for_precision(probability, y, 0.99))
    head = fit_learners(m, y, all_rows, settings).head(tfidf_scale, nb_scale, platt=(a, b))
    info = {
        "items": len(docs), "violating": int(y.sum()),
        "thresholds": {"review": round(review, 6), "high": round(high, 6)},
        "target_precision": target_precision,
        "ensemble_scales": {"tfidf": round(tfidf_scale, 6), "nb": round(nb_scale, 6)},
        "cross_validated": {"at_review": figures(probability, y, review), "at_high": figures(probability, y, high),
                            "at_0.5": figures(probability, y, 0.5)},
    }
    return HeadResult(head, info, probability)


# -- the whole classifier ------------------------------------------------------------------------------------
def library_versions() -> dict[str, str]:
    import numpy
    import scipy
    import sklearn

    import basira

    return {"basira": basira.__version__, "numpy": numpy.__version__, "scipy": scipy.__version__,
            "scikit-learn": sklearn.__version__}


def normalized_texts(items: Sequence[LabelledText]) -> list[str]:
    from basira.normalize import default_normalizer

    normalizer = default_normalizer()
    return [normalizer.normalize(item.text).text for item in items]


def train_classifier(
    items: Sequence[LabelledText],
    settings: TrainSettings | None = None,
    *,
    data_sha256: str = "",
    data_files: Sequence[str] = (),
    model_id: str = "basira-tvec",
    version: str = "1",
    progress: Callable[[str], None] | None = None,
    one_language_per_file: bool = False,
) -> Classifier:
    """Train one head per script that has at least ``MIN_PER_LABEL`` items of each label.

    With ``one_language_per_file``, each file trains only the head of its own (majority) script: an item in
    another script is left out, because its label was given by annotators of the file's language."""
    from basira.normalize import default_normalizer

    settings = settings or TrainSettings()
    texts = normalized_texts(items)
    featurizer = Featurizer(settings.spec)
    scripts = [script_of(text) for text in texts]
    keep = [True] * len(items)
    if one_language_per_file:
        by_file: dict[str, list[int]] = {}
        for i, item in enumerate(items):
            by_file.setdefault(item.origin, []).append(i)
        for origin, rows in by_file.items():
            counts: dict[str, int] = {}
            for i in rows:
                counts[scripts[i]] = counts.get(scripts[i], 0) + 1
            majority = max(sorted(counts), key=lambda s: counts[s])
            dropped = [i for i in rows if scripts[i] != majority]
            for i in dropped:
                keep[i] = False
            if dropped and progress:
                progress(f"{Path(origin).name}: {majority} file; {len(dropped)} items in another script left out")
    by_script: dict[str, list[int]] = {}
    for i, script in enumerate(scripts):
        if keep[i]:
            by_script.setdefault(script, []).append(i)
    heads: dict[str, LinearHead] = {}
    infos: dict[str, dict[str, Any]] = {}
    for script in sorted(by_script):
        rows = by_script[script]
        y = np.array([items[i].label for i in rows], dtype=np.int64)
        if min(int(y.sum()), int(len(y) - y.sum())) < MIN_PER_LABEL:
            if progress:
                progress(f"{script}: skipped ({int(y.sum())} violating, {int(len(y) - y.sum())} not): too few")
            continue
        if progress:
            progress(f"{script}: {len(rows)} items, {int(y.sum())} violating: featurising and cross-validating")
        docs = [featurizer.indices(texts[i]) for i in rows]
        groups = [group_key(texts[i]) for i in rows]
        target = float(settings.target_precision.get(script, 0.9))
        result = train_head(docs, y, groups, settings, target, settings.spec.size)
        heads[script] = result.head
        infos[script] = result.info
    if not heads:
        raise TrainingError("E413: no script has enough items of both labels to train a head "
                            f"(at least {MIN_PER_LABEL} violating and {MIN_PER_LABEL} not violating)")
    meta = {
        "id": model_id,
        "version": version,
        "normalizer": list(default_normalizer().keys),
        "heads": infos,
        "training": {"data_sha256": data_sha256, "files": [Path(f).name for f in data_files], "items": sum(keep),
                     "one_language_per_file": one_language_per_file,
                     "settings": settings.to_dict(), "libraries": library_versions()},
    }
    return Classifier(settings.spec, heads, meta)

"""A linear head over hashed n-grams: score a text, and say which of its tokens moved the score.

For each feature space the value of feature f in a text is ``(1 + log count_f) * idf_f``, L2-normalised over
the space (scikit-learn's ``sublinear_tf`` TF-IDF). The logit is
``intercept + Σ value_f * coef_f + Σ presence_f`` over both spaces, the last sum over the distinct features
present: a TF-IDF logistic regression and a naive-Bayes-weighted one over binary features (NB-LR, Wang &
Manning 2012) added in one linear function, each scaled by its out-of-fold spread (the ensemble is linear, so
it folds into the arrays). The calibrated probability is ``sigmoid(platt_a * logit + platt_b)`` (Platt scaling
fitted on cross-validated logits). ``explain`` splits the logit exactly over the text's whitespace tokens: each
feature's terms are shared equally among its occurrences, and a word n-gram's share equally among its words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from basira.model.features import DocFeatures, Indexed, IntArray, _compiled

FloatArray = npt.NDArray[np.float64]
SPACES = ("char", "word")


@dataclass(frozen=True, slots=True)
class SpaceWeights:
    """One feature space's learned arrays (dense, ``2**bits`` long). ``idf == 0`` marks a dropped feature;
    ``presence`` is added once when a feature occurs at all (zero everywhere for a TF-IDF-only head)."""

    idf: npt.NDArray[np.float32]
    coef: npt.NDArray[np.float32]
    presence: npt.NDArray[np.float32]

    # The hot path reads a compact copy: ``slots`` maps a feature to its row of ``rows`` (idf, coef, presence;
    # row 0 = dropped). A model keeps a few tens of thousands of its 2**bits features, so the rows fit in the
    # CPU's cache and the slot array is 2 bytes per feature, where the dense arrays (12 bytes per feature, 12 MB
    # per space) missed the cache on every lookup and pushed the recognisers' data out of it.
    slots: IntArray = field(init=False, repr=False, compare=False)
    rows: npt.NDArray[np.float32] = field(init=False, repr=False, compare=False)
    # the compiled logit's counters, one per row (zero between calls; see _compiled.space_logit)
    scratch: npt.NDArray[np.int32] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        kept = np.flatnonzero(self.idf > 0)
        slots = np.zeros(len(self.idf), dtype=np.uint16 if len(kept) < np.iinfo(np.uint16).max else np.uint32)
        slots[kept] = np.arange(1, len(kept) + 1)
        rows = np.zeros((len(kept) + 1, 3), dtype=np.float32)
        rows[1:, 0], rows[1:, 1], rows[1:, 2] = self.idf[kept], self.coef[kept], self.presence[kept]
        object.__setattr__(self, "slots", slots)
        object.__setattr__(self, "rows", rows)
        object.__setattr__(self, "scratch", np.zeros(len(rows), dtype=np.int32))

    def logit_part(self, index: IntArray) -> float:
        """This space's part of the logit for the feature occurrences ``index``: compiled where built (one
        pass, no sort), else ``reference_logit_part``."""
        if _compiled is not None:
            return _compiled.space_logit(np.ascontiguousarray(index, dtype=np.int32), self.slots, self.rows,
                                         self.scratch)
        return self.reference_logit_part(index)

    def reference_logit_part(self, index: IntArray) -> float:
        values, rows = _values(index, self)
        return float(np.dot(values, rows[:, 1].astype(np.float64))) + float(rows[:, 2].sum(dtype=np.float64))


@dataclass(frozen=True, slots=True)
class TokenWeight:
    """A whitespace token of the analysed text and its share of the logit."""

    start: int
    end: int
    weight: float


def _runs(ordered: IntArray) -> tuple[IntArray, IntArray]:
    """Where each run of equal values starts in a sorted array, and its length."""
    first = np.empty(len(ordered), dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    return starts, np.diff(np.append(starts, len(ordered)))


def _normalised_tfidf(counts: IntArray, idf: FloatArray) -> FloatArray:
    """``(1 + log count) * idf``, L2-normalised (a dropped feature has idf 0 and adds nothing)."""
    values = (1.0 + np.log(counts)) * idf
    norm = float(np.sqrt(np.dot(values, values)))
    return values / norm if norm > 0 else values


def _sorted_slots(index: IntArray, weights: SpaceWeights) -> tuple[IntArray, IntArray]:
    """The rows of ``index``'s features (0 = dropped), sorted, and the order that sorts them. Sorting the
    16-bit rows instead of the 32-bit features lets numpy use a radix sort (5-8x faster per document); the
    rows of kept features are numbered in feature order, so the features come out in the same order."""
    slots = weights.slots[index]
    order = np.argsort(slots, kind="stable")
    return slots[order], order


def _values(index: IntArray, weights: SpaceWeights) -> tuple[FloatArray, npt.NDArray[np.float32]]:
    """The normalised TF-IDF values of the distinct kept features of one space and their rows (idf, coef,
    presence)."""
    if index.size == 0:
        return np.zeros(0), np.zeros((0, 3), dtype=np.float32)
    ordered = np.sort(weights.slots[index], kind="stable")  # radix sort: see _sorted_slots
    starts, counts = _runs(ordered)
    if ordered[0] == 0:  # dropped features
        starts, counts = starts[1:], counts[1:]
    rows = weights.rows[ordered[starts]]
    return _normalised_tfidf(counts, rows[:, 0].astype(np.float64)), rows


def _occurrence_terms(index: IntArray, weights: SpaceWeights) -> FloatArray:
    """Per occurrence in ``index``: its feature's term in the logit (TF-IDF value × coef + presence) divided
    by the feature's count in the text, so the occurrences of a feature share its term equally; 0 for dropped
    features (row 0 is all zeros). One sort gives the counts and maps them back to the occurrences."""
    ordered, order = _sorted_slots(index, weights)
    starts, counts = _runs(ordered)
    rows = weights.rows[ordered[starts]]
    kept = ordered[starts] > 0
    values = np.zeros(len(starts))
    values[kept] = _normalised_tfidf(counts[kept], rows[kept, 0].astype(np.float64))
    terms = (values * rows[:, 1] + rows[:, 2]) / counts
    out = np.empty(len(index))
    out[order] = terms[np.repeat(np.arange(len(starts)), counts)]
    return out


@dataclass(frozen=True, slots=True)
class LinearHead:
    """One language's classifier."""

    char: SpaceWeights
    word: SpaceWeights
    intercept: float
    platt_a: float
    platt_b: float

    def logit(self, doc: Indexed) -> float:
        return self.intercept + self.char.logit_part(doc.char_index) + self.word.logit_part(doc.word_index)

    def probability(self, logit: float) -> float:
        z = self.platt_a * logit + self.platt_b
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))

    def shares(self, doc: DocFeatures) -> FloatArray:
        """Each whitespace token's share of ``logit - intercept`` (the shares sum to it exactly)."""
        n_tokens = len(doc.space_starts)
        shares = np.zeros(n_tokens)
        if not n_tokens:
            return shares
        if doc.char_index.size:
            terms = _occurrence_terms(doc.char_index, self.char)
            shares += np.bincount(doc.char_token, weights=terms, minlength=n_tokens)
        if doc.word_index.size:
            per_word = _occurrence_terms(doc.word_index, self.word) / doc.word_len  # split over an n-gram's words
            owner = np.searchsorted(doc.space_starts, doc.word_starts, side="right") - 1  # whitespace token of a word
            for k in range(int(doc.word_len.max())):
                has = doc.word_len > k
                shares += np.bincount(owner[doc.word_first[has] + k], weights=per_word[has], minlength=n_tokens)
        return shares

    def explain(self, doc: DocFeatures) -> list[TokenWeight]:
        """Every whitespace token with its share of ``logit - intercept`` (the shares sum to it exactly)."""
        return [TokenWeight(a, b, w) for a, b, w in zip(doc.space_starts.tolist(), doc.space_ends.tolist(),
                                                        self.shares(doc).tolist(), strict=True)]

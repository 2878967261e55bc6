"""A linear head over hashed TF-IDF n-grams: score a text, and say which of its tokens moved the score.

For each feature space the value of feature f in a text is ``(1 + log count_f) * idf_f``, L2-normalised over
the space (scikit-learn's ``sublinear_tf`` TF-IDF); the logit is ``intercept + Σ value_f * coef_f`` over both
spaces, and the calibrated probability is ``sigmoid(platt_a * logit + platt_b)`` (Platt scaling fitted on
cross-validated logits). ``explain`` splits the logit exactly over the text's whitespace tokens: each feature's
term is shared equally among its occurrences, and a word n-gram's share equally among its words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from basira.model.features import DocFeatures, IntArray

FloatArray = npt.NDArray[np.float64]
SPACES = ("char", "word")


@dataclass(frozen=True, slots=True)
class SpaceWeights:
    """One feature space's learned arrays (dense, ``2**bits`` long). ``idf == 0`` marks a dropped feature."""

    idf: npt.NDArray[np.float32]
    coef: npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class TokenWeight:
    """A whitespace token of the analysed text and its share of the logit."""

    start: int
    end: int
    weight: float


def count_distinct(index: IntArray) -> tuple[IntArray, IntArray]:
    """``np.unique(index, return_counts=True)`` without its overheads (this runs for every document)."""
    ordered = np.sort(index)
    first = np.empty(len(ordered), dtype=bool)
    first[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def _values(index: IntArray, weights: SpaceWeights) -> tuple[IntArray, IntArray, FloatArray]:
    """Distinct kept features of one space, their occurrence counts and their normalised TF-IDF values."""
    if index.size == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    distinct, counts = count_distinct(index)
    idf = weights.idf[distinct].astype(np.float64)
    kept = idf > 0
    distinct, counts, idf = distinct[kept], counts[kept], idf[kept]
    values = (1.0 + np.log(counts)) * idf
    norm = float(np.sqrt(np.dot(values, values)))
    return distinct, counts, values / norm if norm > 0 else values


@dataclass(frozen=True, slots=True)
class LinearHead:
    """One language's classifier."""

    char: SpaceWeights
    word: SpaceWeights
    intercept: float
    platt_a: float
    platt_b: float

    def logit(self, doc: DocFeatures) -> float:
        total = self.intercept
        for space, index in ((self.char, doc.char_index), (self.word, doc.word_index)):
            distinct, _, values = _values(index, space)
            total += float(np.dot(values, space.coef[distinct].astype(np.float64)))
        return total

    def probability(self, logit: float) -> float:
        z = self.platt_a * logit + self.platt_b
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))

    def explain(self, doc: DocFeatures) -> list[TokenWeight]:
        """Every whitespace token with its share of ``logit - intercept`` (the shares sum to it exactly)."""
        n_tokens = len(doc.space_spans)
        shares = np.zeros(n_tokens)
        distinct, counts, values = _values(doc.char_index, self.char)
        if distinct.size:
            per_occurrence = values * self.char.coef[distinct] / counts
            kept = self.char.idf[doc.char_index] > 0
            slot = np.searchsorted(distinct, doc.char_index[kept])  # ``distinct`` is sorted (np.unique)
            shares += np.bincount(doc.char_token[kept], weights=per_occurrence[slot], minlength=n_tokens)
        distinct, counts, values = _values(doc.word_index, self.word)
        if distinct.size and n_tokens:
            term = dict(zip(distinct.tolist(), (values * self.word.coef[distinct] / counts).tolist(), strict=True))
            # the whitespace token of each word
            owner = (np.searchsorted(doc.space_starts, doc.word_starts, side="right") - 1).tolist()
            for index, first, length in zip(doc.word_index.tolist(), doc.word_first.tolist(),
                                            doc.word_len.tolist(), strict=True):
                share = term.get(index)
                if share is None:
                    continue
                for k in range(first, first + length):
                    shares[owner[k]] += share / length
        return [TokenWeight(a, b, w) for a, b, w in zip(doc.space_starts.tolist(), doc.space_ends.tolist(),
                                                        shares.tolist(), strict=True)]

"""Hashed n-gram features with positions: the same code builds training matrices and explains a score.

Two feature spaces, each ``2**bits`` wide:
- ``char``: character n-grams inside each whitespace token padded with a space on both sides (like
  scikit-learn's ``char_wb``): they carry spelling variants, clitics and hashtag fragments;
- ``word``: word 1..n-grams over ``\\w\\w+`` tokens: they carry phrases.
Indices come from CRC-32 (stable across processes and platforms, unlike ``hash``) and, for word n-grams,
from a mix of the words' hashes computed in numpy. Each distinct token is hashed once per process (a bounded
cache), so the per-document cost is a dictionary lookup per token plus a few numpy calls.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

SPACE_TOKEN = re.compile(r"\S+")
WORD_TOKEN = re.compile(r"\w\w+")
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)
_CACHE_LIMIT = 400_000

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """What a model reads. Recorded in the model file; a model is only ever applied with its own spec."""

    char_min: int = 1
    char_max: int = 4
    word_max: int = 3
    bits: int = 20

    @property
    def size(self) -> int:
        return 1 << self.bits

    def to_dict(self) -> dict[str, int]:
        return {"char_min": self.char_min, "char_max": self.char_max, "word_max": self.word_max, "bits": self.bits}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeatureSpec:
        return cls(**{k: int(data[k]) for k in ("char_min", "char_max", "word_max", "bits")})


@dataclass(frozen=True, slots=True)
class DocFeatures:
    """One text's feature occurrences and the token each came from (for explanations).

    ``char_index[i]`` came from whitespace token ``char_token[i]``; ``word_index[j]`` from the word tokens
    ``word_first[j] .. word_first[j] + word_len[j] - 1``. Token spans are offsets into the analysed text.
    """

    char_index: IntArray
    char_token: IntArray
    word_index: IntArray
    word_first: IntArray
    word_len: IntArray
    space_spans: tuple[tuple[int, int], ...]
    word_spans: tuple[tuple[int, int], ...]


def _crc(text: str) -> int:
    return zlib.crc32(text.encode("utf-8", "surrogatepass"))


class Featurizer:
    """Turns text into hashed feature occurrences. One per process; it caches per-token work."""

    def __init__(self, spec: FeatureSpec):
        self.spec = spec
        self._mask = np.uint64(spec.size - 1)
        self._char_cache: dict[str, IntArray] = {}
        self._word_cache: dict[str, int] = {}

    def _char_ngrams(self, token: str) -> IntArray:
        found = self._char_cache.get(token)
        if found is None:
            padded = f" {token.lower()} "
            size = self.spec.size
            grams = [
                _crc(padded[i : i + n]) % size
                for n in range(self.spec.char_min, self.spec.char_max + 1)
                for i in range(len(padded) - n + 1)
            ]
            found = np.asarray(grams, dtype=np.int64)
            if len(self._char_cache) >= _CACHE_LIMIT:
                self._char_cache.clear()
            self._char_cache[token] = found
        return found

    def _word_hash(self, word: str) -> int:
        found = self._word_cache.get(word)
        if found is None:
            found = _crc(word.lower())
            if len(self._word_cache) >= _CACHE_LIMIT:
                self._word_cache.clear()
            self._word_cache[word] = found
        return found

    def features(self, text: str) -> DocFeatures:
        space_spans = tuple(m.span() for m in SPACE_TOKEN.finditer(text))
        char_parts = [self._char_ngrams(text[a:b]) for a, b in space_spans]
        if char_parts:
            char_index = np.concatenate(char_parts)
            char_token = np.repeat(np.arange(len(char_parts), dtype=np.int64), [len(p) for p in char_parts])
        else:
            char_index = char_token = np.zeros(0, dtype=np.int64)
        word_spans = tuple(m.span() for m in WORD_TOKEN.finditer(text))
        hashes = np.fromiter((self._word_hash(text[a:b]) for a, b in word_spans), dtype=np.uint64,
                             count=len(word_spans))
        indices, firsts, lengths = [], [], []
        for n in range(1, self.spec.word_max + 1):
            count = len(hashes) - n + 1
            if count <= 0:
                break
            mixed = np.full(count, np.uint64(n), dtype=np.uint64)
            for k in range(n):
                mixed = mixed + hashes[k : k + count] * _MIX[k]
            mixed ^= mixed >> np.uint64(31)
            mixed *= _MIX[0]
            mixed ^= mixed >> np.uint64(29)
            indices.append((mixed & self._mask).astype(np.int64))
            firsts.append(np.arange(count, dtype=np.int64))
            lengths.append(np.full(count, n, dtype=np.int64))
        empty = np.zeros(0, dtype=np.int64)
        return DocFeatures(
            char_index=char_index,
            char_token=char_token,
            word_index=np.concatenate(indices) if indices else empty,
            word_first=np.concatenate(firsts) if firsts else empty,
            word_len=np.concatenate(lengths) if lengths else empty,
            space_spans=space_spans,
            word_spans=word_spans,
        )

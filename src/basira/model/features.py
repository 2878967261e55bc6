"""Hashed n-gram features with positions: the same code builds training matrices and explains a score.

Two feature spaces, each ``2**bits`` wide:
- ``char``: character n-grams inside each whitespace token padded with a space on both sides (like
  scikit-learn's ``char_wb``; a lone space is not a feature): they carry spelling variants, clitics and
  hashtag fragments;
- ``word``: word 1..n-grams over ``\\w\\w+`` tokens: they carry phrases.
Everything is computed in numpy over the text's code points: polynomial hashes of every window (wrapping
64-bit arithmetic), a finaliser that mixes the bits, and the low ``bits`` bits as the index. Stable across
processes and platforms (unlike ``hash``), and the per-document cost is a few array passes, not a Python loop
per n-gram.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

_BASE = np.uint64(0x100000001B3)
_MIX = (np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB))
_WORD_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64)
_SPACE = 32
_PAD = np.array([_SPACE], dtype=np.uint64)
_NO_HASHES = np.zeros(0, dtype=np.uint64)
# Whitespace above U+0020 (NBSP, the typographic spaces, line and paragraph separators, ideographic space);
# normalised text has single spaces only, but the features must not depend on that.
_IS_SPACE = np.zeros(0x3002, dtype=bool)  # a lookup table: one gather instead of comparisons per kind
_IS_SPACE[: _SPACE + 1] = True
_IS_SPACE[[0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029, 0x202F, 0x205F, 0x3000]] = True

IntArray = npt.NDArray[Any]  # int32 feature indices, int64 positions
U64 = npt.NDArray[np.uint64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class FeatureSpec:
    """What a model reads. Recorded in the model file; a model is only ever applied with its own spec."""

    char_min: int = 2
    char_max: int = 4
    word_max: int = 2
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
class FeatureIndex:
    """One text's feature occurrences in each space (hashed indices, with repeats): what a score reads."""

    char_index: IntArray
    word_index: IntArray


@dataclass(frozen=True, slots=True)
class DocFeatures:
    """One text's feature occurrences and the token each came from (for explanations).

    ``char_index[i]`` came from whitespace token ``char_token[i]``; ``word_index[j]`` from the word tokens
    ``word_first[j] .. word_first[j] + word_len[j] - 1``. Token starts and ends are offsets into the text.
    """

    char_index: IntArray
    char_token: IntArray
    word_index: IntArray
    word_first: IntArray
    word_len: IntArray
    space_starts: IntArray
    space_ends: IntArray
    word_starts: IntArray
    word_ends: IntArray

    @property
    def space_spans(self) -> tuple[tuple[int, int], ...]:
        return tuple(zip(self.space_starts.tolist(), self.space_ends.tolist(), strict=True))

    @property
    def word_spans(self) -> tuple[tuple[int, int], ...]:
        return tuple(zip(self.word_starts.tolist(), self.word_ends.tolist(), strict=True))


Indexed = FeatureIndex | DocFeatures  # what a score reads: both carry char_index and word_index


def _word_table() -> npt.NDArray[np.bool_]:
    """``\\w`` of Python's re for the Basic Multilingual Plane: alphanumeric or "_"."""
    table = np.array([chr(c).isalnum() for c in range(0x10000)], dtype=bool)
    table[ord("_")] = True
    table[0xD800:0xE000] = False
    return table


_IS_WORD = _word_table()
_IS_SPACE_BYTES = _IS_SPACE.view(np.uint8)
_IS_WORD_BYTES = _IS_WORD.view(np.uint8)

_compiled: ModuleType | None
try:  # built from _compiled.pyx at install when a C compiler is there (setup.py); else the numpy code runs
    import basira.model._compiled as _compiled
except ImportError:  # pragma: no cover - depends on the install
    _compiled = None


def _salt(salt: int) -> np.uint64:
    return np.uint64(salt * 0x9E3779B97F4A7C15 & 0xFFFFFFFFFFFFFFFF)


_SHIFTS = (np.uint64(30), np.uint64(27), np.uint64(31))


def _finish(h: U64, mask: np.uint64) -> IntArray:
    """Mix the bits of salted window hashes (splitmix64's finaliser) and keep the low ones. One call for all
    the n-gram orders of a text (the per-call cost of numpy dominates on a short post). Array arithmetic wraps
    modulo 2**64 without warnings; ``h`` is overwritten."""
    shifted = np.empty_like(h)
    for shift, mix in zip(_SHIFTS[:2], _MIX, strict=True):
        np.right_shift(h, shift, out=shifted)
        np.bitwise_xor(h, shifted, out=h)
        np.multiply(h, mix, out=h)
    np.right_shift(h, _SHIFTS[2], out=shifted)
    np.bitwise_xor(h, shifted, out=h)
    return (h & mask).astype(np.int32)  # int32 sorts twice as fast as int64 (counting features sorts)


def _powers(length: int) -> U64:
    """``_BASE ** k`` modulo 2**64 for k < length."""
    global _POWERS
    if len(_POWERS) < length:
        powers = np.ones(max(length, 2 * len(_POWERS)), dtype=np.uint64)
        with np.errstate(over="ignore"):  # scalar products warn on wrapping; array products do not
            for k in range(1, len(powers)):
                powers[k] = powers[k - 1] * _BASE
        _POWERS = powers
    return _POWERS[:length]


_POWERS = np.ones(1, dtype=np.uint64)
_powers(256)


def _codes32(text: str) -> npt.NDArray[np.uint32]:
    """The code points the features read: of the lower-cased text where lower-casing keeps its length."""
    lowered = text.lower()
    read = lowered if len(lowered) == len(text) else text
    return np.frombuffer(read.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _text_codes(text: str) -> U64:
    """``_codes32`` widened for the numpy code's 64-bit hash arithmetic."""
    return _codes32(text).astype(np.uint64)


def _joined(codes: U64) -> tuple[U64, BoolArray]:
    """The text padded with a space on both sides, and where it has whitespace."""
    joined = np.concatenate((_PAD, codes, _PAD))
    return joined, _IS_SPACE[np.minimum(joined, len(_IS_SPACE) - 1)]  # controls, spaces, line separators


class Featurizer:
    """Turns text into hashed feature occurrences."""

    def __init__(self, spec: FeatureSpec):
        self.spec = spec
        self._mask = np.uint64(spec.size - 1)

    def _windows(self, joined: U64, is_space: BoolArray) -> Iterator[tuple[int, U64, BoolArray]]:
        """Per n-gram order: the hash of every window of the text padded with a space on both sides, and which
        windows are n-grams of a padded whitespace token. Windows with no whitespace strictly inside them
        (whitespace may only be the first or last character) are exactly the padded tokens' n-grams."""
        spaces_before = np.cumsum(is_space)  # whitespace in joined[0..i]
        n_codes = len(joined)
        h = np.zeros(0, dtype=np.uint64)
        for n in range(1, self.spec.char_max + 1):
            count = n_codes - n + 1
            if count <= 0:
                break
            h = joined[:count].copy() if n == 1 else h[:count] * _BASE + joined[n - 1 : n - 1 + count]
            if n < self.spec.char_min:
                continue
            if n == 1:
                valid = ~is_space[:count]
            elif n == 2:
                valid = ~(is_space[:count] & is_space[1 : count + 1])
            else:
                valid = spaces_before[n - 2 : n - 2 + count] == spaces_before[:count]
            yield n, h, valid

    def _char_hashes(self, codes: U64) -> U64:
        """Character n-grams of every whitespace token padded with spaces (salted hashes, to be finished)."""
        joined, is_space = _joined(codes)
        hashes = [h[valid] ^ _salt(n) for n, h, valid in self._windows(joined, is_space)]
        return np.concatenate(hashes) if hashes else _NO_HASHES

    def _chars(self, codes: U64) -> tuple[U64, IntArray, IntArray, IntArray]:
        """``_char_hashes``, the token of each n-gram, and the tokens' start and end offsets."""
        empty = np.zeros(0, dtype=np.int64)
        joined, is_space = _joined(codes)
        starts_mask = ~is_space[1:] & is_space[:-1]  # a token starts at joined position i + 1
        token_starts = np.flatnonzero(starts_mask).astype(np.int64)  # == text offsets (one added space)
        token_ends = np.flatnonzero(~is_space[:-1] & is_space[1:]).astype(np.int64)  # text offset of the end
        if token_starts.size == 0:
            return _NO_HASHES, empty, empty, empty
        token_of = np.cumsum(np.concatenate(([False], starts_mask))) - 1  # token of each joined position
        n_codes = len(joined)
        # the token of a window starting at i: the one its first non-space character belongs to
        lead_token = token_of[np.minimum(np.arange(n_codes) + is_space, n_codes - 1)]
        hashes: list[U64] = []
        tokens: list[IntArray] = []
        for n, h, valid in self._windows(joined, is_space):
            hashes.append(h[valid] ^ _salt(n))
            tokens.append(lead_token[: len(valid)][valid])
        return np.concatenate(hashes), np.concatenate(tokens), token_starts, token_ends

    @staticmethod
    def _word_spans(codes: U64) -> tuple[IntArray, IntArray]:
        """Maximal runs of two or more word characters (``\\w\\w+``), as start and end arrays."""
        bmp = np.minimum(codes, 0xFFFF)
        is_word = _IS_WORD[bmp]
        astral = np.flatnonzero(codes > 0xFFFF)
        for i in astral.tolist():  # rare: letters outside the BMP
            is_word[i] = chr(int(codes[i])).isalnum()
        edges = np.diff(np.concatenate(([False], is_word, [False])).astype(np.int8))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        long_enough = ends - starts >= 2
        return starts[long_enough].astype(np.int64), ends[long_enough].astype(np.int64)

    def _words(self, codes: U64, starts: IntArray, ends: IntArray) -> tuple[U64, IntArray, IntArray]:
        """Word 1..n-grams (salted hashes, to be finished), the first word of each and its length in words."""
        empty = np.zeros(0, dtype=np.int64)
        if starts.size == 0:
            return _NO_HASHES, empty, empty
        lengths = ends - starts
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        relative = np.arange(int(lengths.sum())) - np.repeat(offsets, lengths)
        positions = np.repeat(starts, lengths) + relative
        terms = codes[positions] * _powers(int(lengths.max()))[relative]
        hashes = np.add.reduceat(terms, offsets)  # wraps modulo 2**64 like the products
        salted, firsts, sizes = [], [], []
        for n in range(1, self.spec.word_max + 1):
            count = len(hashes) - n + 1
            if count <= 0:
                break
            mixed = np.full(count, np.uint64(n), dtype=np.uint64)
            for k in range(n):
                mixed = mixed + hashes[k : k + count] * _WORD_MIX[k]
            salted.append(mixed ^ _salt(100 + n))
            firsts.append(np.arange(count, dtype=np.int64))
            sizes.append(np.full(count, n, dtype=np.int64))
        return np.concatenate(salted), np.concatenate(firsts), np.concatenate(sizes)

    def _finished(self, char_hashes: U64, word_hashes: U64) -> tuple[IntArray, IntArray]:
        index = _finish(np.concatenate((char_hashes, word_hashes)), self._mask)
        return index[: len(char_hashes)], index[len(char_hashes) :]

    def indices(self, text: str) -> FeatureIndex:
        """The feature occurrences only: what a score needs. Compiled code when it is built (3x faster on an
        article, 9x on a post), else the numpy code; both give the same arrays."""
        if _compiled is not None and self.spec.word_max <= len(_WORD_MIX):
            codes32 = _codes32(text)
            char_index, word_index = _compiled.indices(codes32, _IS_SPACE_BYTES, _IS_WORD_BYTES, self.spec.char_min,
                                                       self.spec.char_max, self.spec.word_max, int(self._mask))
            return FeatureIndex(char_index, word_index)
        return self.reference_indices(text)

    def reference_indices(self, text: str) -> FeatureIndex:
        """``indices`` in numpy: the reference the compiled code is tested against, and its fallback."""
        codes = _text_codes(text)
        word_hashes, _, _ = self._words(codes, *self._word_spans(codes))
        return FeatureIndex(*self._finished(self._char_hashes(codes), word_hashes))

    def features(self, text: str) -> DocFeatures:
        """The feature occurrences and the tokens they came from: what an explanation needs."""
        codes = _text_codes(text)
        word_starts, word_ends = self._word_spans(codes)
        char_hashes, char_token, token_starts, token_ends = self._chars(codes)
        word_hashes, word_first, word_len = self._words(codes, word_starts, word_ends)
        char_index, word_index = self._finished(char_hashes, word_hashes)
        return DocFeatures(char_index, char_token, word_index, word_first, word_len, token_starts, token_ends,
                           word_starts, word_ends)

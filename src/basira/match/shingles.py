"""Words and word 3-shingles of normalised text, hashed to integers with numpy.

A shingle is three consecutive words. Hashing is two-level so that it vectorises: each distinct word is
hashed once (BLAKE2b, 64 bits, cached), and a shingle's hash is an order-sensitive mix of its three word
hashes computed over whole arrays. The definitions here are part of the ``minhash`` signal: changing any
of them changes every stored signature, which then needs a new signal-type name.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 3
WORD = re.compile(r"\w+")

# Odd 64-bit multipliers (from the golden ratio and MurmurHash3/SplitMix constants): one per position in
# the shingle, so "a b c" and "c b a" hash differently.
_POSITION_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9], dtype=np.uint64
)
_FMIX64 = (np.uint64(33), np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))
_CACHE_LIMIT = 500_000
_word_cache: dict[str, int] = {}

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]


def words(normalized: str) -> list[str]:
    """The words (``\\w+`` runs) of already-normalised text."""
    return WORD.findall(normalized)


def _hash_word(word: str) -> int:
    digest = hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def word_hashes(tokens: list[str]) -> U64:
    """64-bit hashes of words; distinct words are hashed once and cached (bounded)."""
    cache = _word_cache
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    out = np.empty(len(tokens), dtype=np.uint64)
    for i, token in enumerate(tokens):
        h = cache.get(token)
        if h is None:
            h = cache[token] = _hash_word(token)
        out[i] = h
    return out


def fmix64(h: U64) -> U64:
    """MurmurHash3's 64-bit finaliser, element-wise (multiplication wraps, which is intended)."""
    shift, m1, m2 = _FMIX64
    h = h ^ (h >> shift)
    h = h * m1
    h = h ^ (h >> shift)
    h = h * m2
    return h ^ (h >> shift)


def shingle_hashes_from_words(hashed: U64) -> U32:
    """32-bit hashes of the word 3-shingles; fewer than three words make one short shingle."""
    n = len(hashed)
    if n == 0:
        return np.empty(0, dtype=np.uint32)
    if n < SHINGLE_WORDS:
        hashed = np.concatenate([hashed, np.zeros(SHINGLE_WORDS - n, dtype=np.uint64)])
        n = SHINGLE_WORDS
    width = n - SHINGLE_WORDS + 1
    mixed = hashed[0:width] * _POSITION_MULTIPLIERS[0]
    for k in range(1, SHINGLE_WORDS):
        mixed = mixed + hashed[k : k + width] * _POSITION_MULTIPLIERS[k]
    return (fmix64(mixed) & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def shingle_hashes_flat(hashed: U64, lengths: npt.NDArray[np.int64]) -> tuple[U32, npt.NDArray[np.int64]]:
    """Shingle hashes of many documents at once, from their word hashes laid end to end.

    ``lengths[i]`` is document i's word count. Returns the shingle hashes laid end to end and each
    document's shingle count; document by document equal to ``shingle_hashes_from_words``.
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    counts = np.where(lengths >= SHINGLE_WORDS, lengths - SHINGLE_WORDS + 1, np.minimum(lengths, 1))
    total = int(counts.sum())
    if total == 0:
        return np.empty(0, dtype=np.uint32), counts
    width = max(len(hashed) - SHINGLE_WORDS + 1, 1)
    padded = np.concatenate([hashed, np.zeros(SHINGLE_WORDS - 1, dtype=np.uint64)])
    mixed = padded[0:width] * _POSITION_MULTIPLIERS[0]
    for k in range(1, SHINGLE_WORDS):
        mixed = mixed + padded[k : k + width] * _POSITION_MULTIPLIERS[k]
    every = (fmix64(mixed) & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    # Output slot j of document i reads shingle starts[i] + (j - first[i]) of the flat text.
    starts = np.cumsum(lengths) - lengths
    first = np.cumsum(counts) - counts
    source = np.arange(total, dtype=np.int64) + np.repeat(starts - first, counts)
    out = every[np.minimum(source, width - 1)]
    for i in np.nonzero((lengths > 0) & (lengths < SHINGLE_WORDS))[0]:  # short documents: one padded shingle
        out[first[i]] = shingle_hashes_from_words(hashed[starts[i] : starts[i] + lengths[i]])[0]
    return out, counts


def shingle_hashes(normalized: str) -> U32:
    """32-bit hashes of the word 3-shingles of normalised text (with repeats; a set is not needed)."""
    return shingle_hashes_from_words(word_hashes(words(normalized)))


def shingle_set(normalized: str) -> set[int]:
    """The set of shingle hashes, for exact Jaccard when the texts are at hand."""
    return set(shingle_hashes(normalized).tolist())


def jaccard(a: set[int], b: set[int]) -> float:
    """Exact Jaccard similarity of two sets (1.0 for two empty sets)."""
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)

"""``minhash``: a 128-value MinHash of the normalised text's word 3-shingles, for near-duplicates.

The signature is exactly datasketch's ``MinHash(num_perm=128, seed=1)`` (permutation scheme
``affine32``) updated with the 32-bit shingle hashes of ``basira.match.shingles``; a test pins that
equivalence. It is computed here with numpy over whole arrays (and many documents at once in
``signatures_bulk``), because building a million sketches one ``MinHash`` object at a time is slow.

Serialised form: the 128 values as little-endian uint32, base64 (684 characters). No text.

Similarity is the estimated Jaccard similarity of the two shingle sets: the share of the 128 values
that agree. The index (``MinHashIndex``) is LSH banding with the band count and width that datasketch's
``MinHashLSH`` chooses for the threshold; instead of datasketch's dict-of-sets storage (hundreds of
bytes per entry and band) it keeps one sorted ``uint64`` array of band hashes, so a million entries
fit in a few hundred MB. Every LSH candidate is then re-scored on its full stored signature, and only
candidates at or above the threshold are returned.
"""

from __future__ import annotations

import base64
import binascii
import math
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from basira.match.shingles import U32, U64, fmix64, shingle_hashes
from basira.match.signals.base import ExampleCase, IndexHit, SignalType, Similarity
from basira.match.signals.registry import register

NUM_PERM = 128
SEED = 1
SCHEME = "affine32"
SIGNATURE_BYTES = NUM_PERM * 4
DEFAULT_THRESHOLD = 0.5
_MAX = np.uint32(0xFFFFFFFF)
# Shingles per (permutations × shingles) block: small enough to stay in cache. The block is laid out
# permutation-major so the min-reductions run along contiguous rows (measured ~25× faster than
# shingle-major at 256k shingles).
_CHUNK_SHINGLES = 8192

Signatures = npt.NDArray[np.uint32]  # shape (n, NUM_PERM)


@lru_cache(maxsize=1)
def permutations() -> tuple[U32, U32]:
    """The affine permutation parameters (a, b) of datasketch's MinHash(num_perm=128, seed=1)."""
    from datasketch import MinHash

    a, b = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    return np.ascontiguousarray(a, dtype=np.uint32), np.ascontiguousarray(b, dtype=np.uint32)


@lru_cache(maxsize=1)
def _columns() -> tuple[U32, U32]:
    """The permutation parameters as (NUM_PERM, 1) columns."""
    a, b = permutations()
    return a.reshape(-1, 1), b.reshape(-1, 1)


def fmix32(h: U32) -> U32:
    """MurmurHash3's 32-bit finaliser, as datasketch applies it before permuting."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature(hashes: U32) -> U32 | None:
    """The MinHash signature of one document's shingle hashes; None for no shingles."""
    if hashes.size == 0:
        return None
    a, b = _columns()
    mixed = fmix32(hashes.astype(np.uint32, copy=False)).reshape(1, -1)
    result = np.full(NUM_PERM, _MAX, dtype=np.uint32)
    for start in range(0, mixed.shape[1], _CHUNK_SHINGLES):
        block = a * mixed[:, start : start + _CHUNK_SHINGLES]
        block += b
        np.minimum(result, block.min(axis=1), out=result)
    return result


def signatures_bulk(documents: Sequence[U32]) -> tuple[Signatures, npt.NDArray[np.bool_]]:
    """Signatures of many documents' shingle hashes at once, and which documents had any shingles."""
    sizes = np.fromiter((d.size for d in documents), dtype=np.int64, count=len(documents))
    flat = np.concatenate(list(documents)) if len(documents) else np.empty(0, dtype=np.uint32)
    return signatures_from_flat(flat.astype(np.uint32, copy=False), sizes)


def signatures_from_flat(flat: U32, sizes: npt.NDArray[np.int64]) -> tuple[Signatures, npt.NDArray[np.bool_]]:
    """Signatures from shingle hashes laid end to end (``sizes[i]``: document i's count), chunked so the
    (shingles × permutations) matrix stays near ``_CHUNK_SHINGLES`` rows."""
    a, b = _columns()
    n = len(sizes)
    out = np.full((n, NUM_PERM), _MAX, dtype=np.uint32)
    valid = sizes > 0
    ends = np.cumsum(sizes)
    starts = ends - sizes
    doc = 0
    while doc < n:
        # Documents doc..stop-1 hold about _CHUNK_SHINGLES shingles (at least one document).
        stop = int(np.searchsorted(ends, starts[doc] + _CHUNK_SHINGLES, side="right"))
        if stop <= doc + 1 and sizes[doc] > _CHUNK_SHINGLES:  # one long document: chunk within it
            long_sig = signature(flat[starts[doc] : ends[doc]])
            if long_sig is not None:
                out[doc] = long_sig
            doc += 1
            continue
        stop = max(stop, doc + 1)
        chosen = np.nonzero(valid[doc:stop])[0] + doc
        if chosen.size:
            lo, hi = int(starts[doc]), int(ends[stop - 1])
            block = a * fmix32(flat[lo:hi]).reshape(1, -1)
            block += b
            out[chosen] = np.minimum.reduceat(block, starts[chosen] - lo, axis=1).T
        doc = stop
    return out, valid


def encode(sig: U32) -> str:
    return base64.b64encode(sig.astype("<u4", copy=False).tobytes()).decode("ascii")


def decode(signal: str) -> U32:
    try:
        raw = base64.b64decode(signal, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError(f"E303: not a minhash signal (base64): {signal[:80]!r}") from None
    if len(raw) != SIGNATURE_BYTES:
        raise ValueError(f"E303: a minhash signal holds {SIGNATURE_BYTES} bytes, this one {len(raw)}")
    return np.frombuffer(raw, dtype="<u4").astype(np.uint32)


def decode_many(signals: Iterable[str]) -> Signatures:
    raw = b"".join(base64.b64decode(s) for s in signals)
    if len(raw) % SIGNATURE_BYTES:
        raise ValueError("E303: minhash signals of the wrong length")
    return np.frombuffer(raw, dtype="<u4").astype(np.uint32).reshape(-1, NUM_PERM)


def estimated_jaccard(a: U32, b: U32) -> float:
    return float(np.count_nonzero(a == b)) / NUM_PERM


@lru_cache(maxsize=32)
def lsh_params(threshold: float) -> tuple[int, int]:
    """(bands, rows per band) that datasketch's MinHashLSH picks for ``threshold`` at 128 permutations."""
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return int(lsh.b), int(lsh.r)


# Band-hash constants: odd multipliers and per-band salts. They only shape the in-memory index, never a
# stored value, so they may change freely.
_rng = np.random.default_rng(0x6261736972)
_BAND_MULTIPLIERS: U64 = _rng.integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_BAND_SALTS: U64 = _rng.integers(0, 2**63, size=NUM_PERM, dtype=np.uint64)


def band_hashes(sigs: Signatures, bands: int, rows: int) -> U64:
    """(n, bands) 64-bit hashes of each band of each signature; bands never collide by position."""
    used = sigs[:, : bands * rows].astype(np.uint64).reshape(len(sigs), bands, rows)
    mixed = (used * _BAND_MULTIPLIERS[:rows]).sum(axis=2, dtype=np.uint64) + _BAND_SALTS[:bands]
    return fmix64(mixed)


class MinHashIndex:
    """LSH over stored signatures (sorted band hashes + binary search), re-scored on full signatures."""

    def __init__(self, sigs: Signatures, threshold: float = DEFAULT_THRESHOLD, *, chunk: int = 100_000):
        self.threshold = threshold
        self._min_agree = math.ceil(threshold * NUM_PERM - 1e-9)  # agreeing values needed to match
        self.bands, self.rows = lsh_params(threshold)
        self.signatures = np.ascontiguousarray(sigs, dtype=np.uint32)
        n = len(self.signatures)
        keys = np.empty(n * self.bands, dtype=np.uint64)
        for start in range(0, n, chunk):
            stop = min(n, start + chunk)
            keys[start * self.bands : stop * self.bands] = band_hashes(
                self.signatures[start:stop], self.bands, self.rows
            ).ravel()
        order = np.argsort(keys, kind="stable")
        self._keys = keys[order]
        self._positions = (order // self.bands).astype(np.int32 if n < 2**31 else np.int64)

    def __len__(self) -> int:
        return len(self.signatures)

    @property
    def nbytes(self) -> int:
        return int(self.signatures.nbytes + self._keys.nbytes + self._positions.nbytes)

    def candidates(self, sig: U32) -> npt.NDArray[np.int64]:
        """Positions sharing at least one band with ``sig`` (LSH candidates, not yet re-scored)."""
        keys = self._keys
        if len(keys) == 0:
            return np.empty(0, dtype=np.int64)
        query = band_hashes(sig.reshape(1, -1), self.bands, self.rows)[0]
        lo = np.searchsorted(keys, query, side="left")
        hit = keys[np.minimum(lo, len(keys) - 1)] == query
        if not hit.any():
            return np.empty(0, dtype=np.int64)
        lo = lo[hit]
        hi = np.searchsorted(keys, query[hit], side="right")
        if bool(np.all(hi - lo == 1)):  # the common case: one entry per matching band
            found = self._positions[lo]
        else:
            found = np.concatenate([self._positions[start:stop] for start, stop in zip(lo, hi, strict=True)])
        return np.unique(found).astype(np.int64, copy=False)

    def query_signature(self, sig: U32) -> list[IndexHit]:
        found = self.candidates(sig)
        if found.size == 0:
            return []
        agree = np.count_nonzero(self.signatures[found] == sig, axis=1)
        scored = sorted(
            ((-int(n), int(p)) for n, p in zip(agree.tolist(), found.tolist(), strict=True) if n >= self._min_agree)
        )
        return [IndexHit(p, Similarity(-n / NUM_PERM)) for n, p in scored]

    def query(self, signal: str) -> list[IndexHit]:
        return self.query_signature(decode(signal))


_STATEMENT = (
    "أعلنت بلدية المدينة اليوم عن افتتاح حديقة عامة جديدة قرب السوق القديم، وقالت إن الحديقة ستفتح "
    "أبوابها للزوار كل يوم من الصباح حتى المساء، وإن الدخول سيكون مجانيا للعائلات والأطفال."
)


@register
class MinHashSignal(SignalType):
    name = "minhash"
    version = 1
    description = (
        "MinHash (128 permutations, datasketch affine32, seed 1) of word 3-shingles of normalize_plain(text); "
        "base64 of 128 little-endian uint32; similarity = estimated Jaccard."
    )
    example_cases = (
        ExampleCase(
            _STATEMENT,
            _STATEMENT.replace("كل يوم", "كل أسبوع"),
            True,
            "one word changed in a long sentence",
        ),
        ExampleCase(
            _STATEMENT,
            "أَعلنتْ بلديّةُ المدينةِ اليومَ عن افتتاحِ حـديقةٍ عامةٍ جديدةٍ قرب السوق القديم. وقالت إن الحديقة "
            "ستفتح أبوابها للزوار كل يوم من الصباح حتى المساء، وإن الدخول سيكون مجانيا للعائلات والأطفال!",
            True,
            "diacritics, tatweel and punctuation do not change the shingles",
        ),
        ExampleCase(
            _STATEMENT,
            "تناقش اللجنة الثقافية في الجامعة خطة لتنظيم معرض للكتب المستعملة خلال فصل الربيع بمشاركة طلاب "
            "كلية الآداب ومكتبات الحي.",
            False,
            "an unrelated text",
        ),
        ExampleCase(
            _STATEMENT,
            "قالت بلدية المدينة إن الحديقة الجديدة قرب السوق القديم مفتوحة مجانا للعائلات والأطفال طوال "
            "أيام الأسبوع، بعد افتتاحها اليوم.",
            False,
            "the same news in other words is not a copy",
        ),
    )

    def __init__(self, threshold: float = DEFAULT_THRESHOLD):
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"E304: minhash threshold must be in (0, 1], got {threshold}")
        self.threshold = threshold

    def signature_of(self, normalized: str) -> U32 | None:
        return signature(shingle_hashes(normalized))

    def from_normalized(self, normalized: str) -> str | None:
        sig = self.signature_of(normalized)
        return None if sig is None else encode(sig)

    def compare(self, a: str, b: str) -> Similarity:
        return Similarity(estimated_jaccard(decode(a), decode(b)))

    def validate(self, signal: str) -> str:
        decode(signal)
        return signal

    def build_index(self, signals: Sequence[str]) -> MinHashIndex:
        sigs = decode_many(signals) if signals else np.empty((0, NUM_PERM), dtype=np.uint32)
        return MinHashIndex(sigs, self.threshold)

    def build_index_from_chunks(self, chunks: Iterable[Sequence[str]]) -> MinHashIndex:
        parts = [decode_many(chunk) for chunk in chunks if chunk]
        sigs = np.concatenate(parts) if parts else np.empty((0, NUM_PERM), dtype=np.uint32)
        return MinHashIndex(sigs, self.threshold)

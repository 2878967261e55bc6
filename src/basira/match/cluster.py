"""Versions of the same statement: near-duplicate clusters and what differs between versions.

Texts are shingled (word 3-shingles of the normalised text), sketched with the ``minhash`` signal and
indexed with LSH; every LSH candidate pair is then checked with the *exact* Jaccard similarity of the
two shingle sets (the texts are at hand here), and pairs at or above the threshold are joined with
union-find. A cluster's base version is its first member in input order; ``version_diff`` shows what
changed, sentence by sentence, as a unified diff of the original texts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from basira.match.shingles import jaccard, shingle_hashes
from basira.match.signals.minhash import MinHashIndex, signatures_bulk
from basira.normalize import normalize_plain

_SENTENCE_END = re.compile(r"(?<=[.!?؟۔…])\s+|\n+")


@dataclass(frozen=True, slots=True)
class Cluster:
    """Positions (into the clustered texts) of one group of versions; ``jaccard[i]`` is member i's exact
    shingle Jaccard similarity to the base version ``members[0]``."""

    members: tuple[int, ...]
    jaccard: tuple[float, ...]

    @property
    def base(self) -> int:
        return self.members[0]


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:  # path compression
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the earliest position stays the root


def cluster_texts(texts: Sequence[str], threshold: float = 0.5, *, min_size: int = 2) -> list[Cluster]:
    """Near-duplicate clusters of ``texts`` (exact Jaccard ≥ ``threshold``, transitively), largest first."""
    shingles = [shingle_hashes(normalize_plain(t)) for t in texts]
    sets = [set(s.tolist()) for s in shingles]
    sigs, valid = signatures_bulk(shingles)
    positions = np.nonzero(valid)[0]
    index = MinHashIndex(sigs[positions], threshold)
    groups = _UnionFind(len(texts))
    for i in (int(p) for p in positions):
        for candidate in index.candidates(sigs[i]):
            j = int(positions[candidate])
            if j > i and groups.find(i) != groups.find(j) and jaccard(sets[i], sets[j]) >= threshold:
                groups.union(i, j)
    members: dict[int, list[int]] = {}
    for i in range(len(texts)):
        members.setdefault(groups.find(i), []).append(i)
    clusters = [
        Cluster(tuple(m), tuple(jaccard(sets[m[0]], sets[k]) for k in m))
        for m in members.values()
        if len(m) >= min_size
    ]
    clusters.sort(key=lambda c: (-len(c.members), c.base))
    return clusters


def split_sentences(text: str) -> list[str]:
    """Lines, and sentences within lines (after . ! ? ؟ ۔ …); empty pieces dropped."""
    return [piece.strip() for piece in _SENTENCE_END.split(text) if piece and piece.strip()]


def version_diff(base: str, other: str, base_name: str = "base", other_name: str = "other") -> list[str]:
    """A unified diff (one sentence per line) of two versions' original texts; [] when they agree."""
    return [
        line.rstrip("\n")
        for line in difflib.unified_diff(
            split_sentences(base), split_sentences(other), fromfile=base_name, tofile=other_name, lineterm="", n=1
        )
    ]

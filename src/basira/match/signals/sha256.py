"""``sha256``: the SHA-256 of the normalised text with whitespace collapsed. Exact matching only."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from basira.match.signals.base import ExampleCase, IndexHit, SignalType, Similarity
from basira.match.signals.registry import register

_HEX64 = re.compile(r"[0-9a-f]{64}")
_EXACT = Similarity(1.0)
_DIFFERENT = Similarity(0.0)


def canonical_text(normalized: str) -> str:
    """Whitespace runs become one space; leading and trailing whitespace go."""
    return " ".join(normalized.split())


class ExactIndex:
    """A dict from signal to the position holding it (repeats kept aside): O(1) lookups."""

    def __init__(self, signals: Sequence[str]):
        self._first: dict[str, int] = {}
        self._repeats: dict[str, list[int]] = {}
        for position, signal in enumerate(signals):
            if self._first.setdefault(signal, position) != position:
                self._repeats.setdefault(signal, []).append(position)
        self._size = len(signals)

    def query(self, signal: str) -> list[IndexHit]:
        first = self._first.get(signal)
        if first is None:
            return []
        return [IndexHit(p, _EXACT) for p in (first, *self._repeats.get(signal, ()))]

    def __len__(self) -> int:
        return self._size


@register
class Sha256Signal(SignalType):
    name = "sha256"
    version = 1
    description = "SHA-256 (hex) of normalize_plain(text) with whitespace collapsed and stripped; exact."
    example_cases = (
        ExampleCase(
            "أعلنت بلدية المدينة عن افتتاح حديقة عامة جديدة قرب السوق القديم.",
            "أعلنت   بلديّة المدينة عن افتتاح حـــديقة عامة جديدة قرب السوق القديم.\n",
            True,
            "diacritics, tatweel and whitespace are normalised away",
        ),
        ExampleCase(
            "أعلنت بلدية المدينة عن افتتاح حديقة عامة جديدة قرب السوق القديم.",
            "أعلنت بلدية المدينة عن افتتاح مكتبة عامة جديدة قرب السوق القديم.",
            False,
            "one changed word is a different text for an exact signal",
        ),
        ExampleCase(
            "The council opened a new public garden near the old market.",
            "the council opened a new public   garden near the old market.",
            True,
            "Latin case and spacing are normalised away",
        ),
    )
    threshold = 1.0

    def from_normalized(self, normalized: str) -> str | None:
        text = canonical_text(normalized)
        if not text:
            return None
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    def compare(self, a: str, b: str) -> Similarity:
        return _EXACT if a == b else _DIFFERENT

    def validate(self, signal: str) -> str:
        if not _HEX64.fullmatch(signal):
            raise ValueError(f"E301: not a sha256 signal (64 lowercase hex digits): {signal[:80]!r}")
        return signal

    def build_index(self, signals: Sequence[str]) -> ExactIndex:
        return ExactIndex(signals)

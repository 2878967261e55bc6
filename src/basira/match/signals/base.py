"""The signal-type contract (after ThreatExchange's split of *signal type*, *index* and *bank*).

A signal type turns text into a **signal**: a short, text-free string that can be stored in a bank,
exported and compared. Each type has:

- ``name``: the storage key. It is written into banks and exports, so it is spelled out as a class
  attribute and never derived from the class name. A signal type whose algorithm changes in a way
  that makes old signals incomparable gets a *new* name; ``version`` only records compatible changes.
- ``compute(text)`` / ``from_normalized(normalized)``: text (or ``normalize_plain`` text) → signal.
- ``compare(a, b)``: a ``Similarity`` that prints itself ("97%").
- ``build_index(signals)``: an index answering "which of these signals is like this one?" sublinearly.
- ``example_cases``: pairs of texts that must / must not match; tests are generated from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol

from basira.normalize import normalize_plain


@dataclass(frozen=True, slots=True, order=True)
class Similarity:
    """A similarity in [0, 1] that prints itself as a percentage ("97%")."""

    value: float

    def __str__(self) -> str:
        percent = self.value * 100
        if 99 < percent < 100:  # never round a near-duplicate up to an exact "100%"
            return f"{percent:.1f}%"
        return f"{percent:.0f}%"

    def __float__(self) -> float:
        return self.value


@dataclass(frozen=True, slots=True)
class ExampleCase:
    """Two texts and whether a signal type must find them alike (``match``) or not."""

    a: str
    b: str
    match: bool
    why: str


@dataclass(frozen=True, slots=True)
class IndexHit:
    """An index answer: the position of a stored signal (in build order) and its similarity."""

    position: int
    similarity: Similarity


class SignalIndex(Protocol):
    """Built once from stored signals; ``query`` returns hits at or above the type's threshold."""

    def query(self, signal: str) -> list[IndexHit]: ...

    def __len__(self) -> int: ...


class SignalType:
    """Base class for signal types; see the module docstring for the contract."""

    name: ClassVar[str]
    version: ClassVar[int] = 1
    description: ClassVar[str] = ""
    example_cases: ClassVar[tuple[ExampleCase, ...]] = ()

    threshold: float = 1.0

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"

    def compute(self, text: str) -> str | None:
        """The signal of ``text``, or None when the text yields none (e.g. it has no words)."""
        return self.from_normalized(normalize_plain(text))

    def from_normalized(self, normalized: str) -> str | None:
        raise NotImplementedError

    def compare(self, a: str, b: str) -> Similarity:
        raise NotImplementedError

    def is_match(self, a: str, b: str) -> bool:
        return self.compare(a, b).value >= self.threshold

    def validate(self, signal: str) -> str:
        """Return ``signal`` if it is well-formed for this type, else raise ``ValueError``."""
        raise NotImplementedError

    def build_index(self, signals: Sequence[str]) -> SignalIndex:
        raise NotImplementedError

    def build_index_from_chunks(self, chunks: Iterable[Sequence[str]]) -> SignalIndex:
        """Build from signals that arrive in chunks (types with compact forms decode as they go)."""
        return self.build_index([s for chunk in chunks for s in chunk])

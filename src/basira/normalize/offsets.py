"""Offset maps: the way back from normalised text to the original.

A step's map is a sorted list of *edits* ``(orig_start, orig_end, norm_start, norm_end)``; everything
between edits was copied one-to-one. Edits are atomic: a span that starts or ends inside an edit's
normalised range is widened to the whole edit (a ligature that expanded to four letters maps back to the
one original character, never to a fraction of it). Deletions are edits with an empty normalised range.

1:1 character replacements (alef variants, digits) need no edit at all, which keeps maps small and the
hot path in C (``str.translate``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

Edit = tuple[int, int, int, int]  # orig_start, orig_end, norm_start, norm_end


@dataclass(frozen=True, slots=True)
class StepMap:
    """The offset map of one normalisation step."""

    edits: tuple[Edit, ...]
    orig_len: int
    norm_len: int

    _forward: tuple[list[int], list[int], list[int], list[int]] = field(init=False, repr=False, compare=False)
    _backward: tuple[list[int], list[int], list[int], list[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Column lists for bisect, built once: spans are mapped many times per document.
        o_starts = [e[0] for e in self.edits]
        o_ends = [e[1] for e in self.edits]
        n_starts = [e[2] for e in self.edits]
        n_ends = [e[3] for e in self.edits]
        object.__setattr__(self, "_forward", (o_starts, o_ends, n_starts, n_ends))
        object.__setattr__(self, "_backward", (n_starts, n_ends, o_starts, o_ends))

    @classmethod
    def identity(cls, length: int) -> StepMap:
        return cls((), length, length)

    def map_span(self, start: int, end: int, *, forward: bool) -> tuple[int, int]:
        """Map ``[start, end)`` from one side to the other, widening to whole edits."""
        from_starts, from_ends, to_starts, to_ends = self._forward if forward else self._backward
        if end < start:
            raise ValueError(f"span end {end} before start {start}")
        new_start = _map_start(start, from_starts, from_ends, to_starts, to_ends)
        if end == start:
            return new_start, new_start
        new_end = _map_end(end, from_starts, from_ends, to_starts, to_ends)
        return new_start, max(new_start, new_end)


def _map_start(p: int, fs: list[int], fe: list[int], ts: list[int], te: list[int]) -> int:
    i = bisect_right(fe, p)  # first edit whose from-range ends after p
    if i < len(fs) and fs[i] <= p < fe[i]:
        return ts[i]  # inside an edit: snap to its start
    if i == 0:
        return p
    return te[i - 1] + (p - fe[i - 1])


def _map_end(q: int, fs: list[int], fe: list[int], ts: list[int], te: list[int]) -> int:
    last = q - 1  # the last character inside the span
    i = bisect_right(fe, last)
    if i < len(fs) and fs[i] <= last < fe[i]:
        return te[i]  # inside an edit: snap to its end
    if i == 0:
        return q
    return te[i - 1] + (last - fe[i - 1]) + 1


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """A chain of step maps, original first."""

    steps: tuple[StepMap, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        for step in reversed(self.steps):
            start, end = step.map_span(start, end, forward=False)
        return start, end

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        for step in self.steps:
            start, end = step.map_span(start, end, forward=True)
        return start, end

    def then(self, step: StepMap) -> OffsetMap:
        return OffsetMap((*self.steps, step))


def build_edits(pieces: Sequence[tuple[int, int, str]], source: str) -> tuple[str, StepMap]:
    """Apply non-overlapping replacements ``(orig_start, orig_end, replacement)`` sorted by start."""
    out: list[str] = []
    edits: list[Edit] = []
    cursor = 0
    norm_pos = 0
    for o_start, o_end, replacement in pieces:
        copied = source[cursor:o_start]
        out.append(copied)
        norm_pos += len(copied)
        out.append(replacement)
        edits.append((o_start, o_end, norm_pos, norm_pos + len(replacement)))
        norm_pos += len(replacement)
        cursor = o_end
    tail = source[cursor:]
    out.append(tail)
    norm_pos += len(tail)
    return "".join(out), StepMap(tuple(edits), len(source), norm_pos)

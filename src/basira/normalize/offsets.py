"""Offset maps: the way back from normalised text to the original.

A step's map is a sorted list of *edits* ``(orig_start, orig_end, norm_start, norm_end)``; everything
between edits was copied one-to-one. Edits are atomic: a span that starts or ends inside an edit's
normalised range is widened to the whole edit (a ligature that expanded to four letters maps back to the
one original character, never to a fraction of it). Deletions are edits with an empty normalised range.

1:1 character replacements (alef variants, digits) need no edit at all, which keeps maps small and the
hot path in C (``str.translate``).
"""

from __future__ import annotations

import itertools
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from basira.normalize.kernels import compiled as _compiled

Column = Sequence[int]


def _column(values: Iterable[int] = ()) -> array[int]:
    # Machine integers, 8 bytes an edit and column: a 5 M-character document of ligatures that each expand
    # makes 5 M edits, which as tuples of ints took ~200 bytes each.
    return array("q", values)


_NO_EDITS = _column()


@dataclass(frozen=True, slots=True)
class StepMap:
    """The offset map of one normalisation step: its edits as four columns, sorted (edit ``i`` is
    ``o_starts[i]:o_ends[i]`` of the original, ``n_starts[i]:n_ends[i]`` of the normalised text)."""

    o_starts: array[int]
    o_ends: array[int]
    n_starts: array[int]
    n_ends: array[int]
    orig_len: int
    norm_len: int

    _forward: tuple[Column, Column, Column, Column] = field(init=False, repr=False, compare=False)
    _backward: tuple[Column, Column, Column, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_forward", (self.o_starts, self.o_ends, self.n_starts, self.n_ends))
        object.__setattr__(self, "_backward", (self.n_starts, self.n_ends, self.o_starts, self.o_ends))

    @classmethod
    def identity(cls, length: int) -> StepMap:
        # no edits: the shared empty columns (maps are never changed once built; most steps change nothing
        # in most documents, and four new arrays per step were a tenth of a short post's analysis)
        return cls(_NO_EDITS, _NO_EDITS, _NO_EDITS, _NO_EDITS, length, length)

    @property
    def edit_count(self) -> int:
        return len(self.o_starts)

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


def _map_start(p: int, fs: Column, fe: Column, ts: Column, te: Column) -> int:
    i = bisect_right(fe, p)  # first edit whose from-range ends after p
    if i < len(fs) and fs[i] <= p < fe[i]:
        return ts[i]  # inside an edit: snap to its start
    if i == 0:
        return p
    return te[i - 1] + (p - fe[i - 1])


def _map_end(q: int, fs: Column, fe: Column, ts: Column, te: Column) -> int:
    last = q - 1  # the last character inside the span
    i = bisect_right(fe, last)
    if i < len(fs) and fs[i] <= last < fe[i]:
        return te[i]  # inside an edit: snap to its end
    if i == 0:
        return q
    return te[i - 1] + (last - fe[i - 1]) + 1


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """A chain of step maps, original first. Spans are mapped in C where the normaliser's compiled module is
    built (``_compiled.map_through``: 2.5 -> 0.3 µs a span through two steps; an analysis maps every finding),
    else step by step (``reference_to_original``, ``reference_to_normalized``)."""

    steps: tuple[StepMap, ...]
    # each step's columns in the order a span goes through them, to the original and from it
    _backward: tuple[tuple[Column, Column, Column, Column], ...] = field(init=False, repr=False, compare=False)
    _forward: tuple[tuple[Column, Column, Column, Column], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_backward", tuple(step._backward for step in reversed(self.steps)))
        object.__setattr__(self, "_forward", tuple(step._forward for step in self.steps))

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if _compiled is not None:
            found: tuple[int, int] = _compiled.map_through(self._backward, start, end)
            return found
        return self.reference_to_original(start, end)

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        if _compiled is not None:
            found: tuple[int, int] = _compiled.map_through(self._forward, start, end)
            return found
        return self.reference_to_normalized(start, end)

    def reference_to_original(self, start: int, end: int) -> tuple[int, int]:
        for step in reversed(self.steps):
            start, end = step.map_span(start, end, forward=False)
        return start, end

    def reference_to_normalized(self, start: int, end: int) -> tuple[int, int]:
        for step in self.steps:
            start, end = step.map_span(start, end, forward=True)
        return start, end

    def then(self, step: StepMap) -> OffsetMap:
        return OffsetMap((*self.steps, step))


def build_edits(pieces: Iterable[tuple[int, int, str]], source: str) -> tuple[str, StepMap]:
    """Apply non-overlapping replacements ``(orig_start, orig_end, replacement)`` sorted by start (any
    iterable: a generator keeps only the output text and the four columns in memory)."""
    pieces = iter(pieces)
    first = next(pieces, None)
    if first is None:
        return source, StepMap.identity(len(source))
    out: list[str] = []
    o_starts, o_ends, n_starts, n_ends = _column(), _column(), _column(), _column()
    cursor = 0
    norm_pos = 0
    for o_start, o_end, replacement in itertools.chain((first,), pieces):
        if o_start > cursor:
            out.append(source[cursor:o_start])
            norm_pos += o_start - cursor
        if replacement:
            out.append(replacement)
        o_starts.append(o_start)
        o_ends.append(o_end)
        n_starts.append(norm_pos)
        norm_pos += len(replacement)
        n_ends.append(norm_pos)
        cursor = o_end
    out.append(source[cursor:])
    norm_pos += len(source) - cursor
    return "".join(out), StepMap(o_starts, o_ends, n_starts, n_ends, len(source), norm_pos)

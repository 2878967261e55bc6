"""A pattern's matches, tried only where a match can start.

``re`` and ``regex`` look for where a pattern that starts with a character class may start at several
nanoseconds a character of Arabic text (news-ar, 3.3 M characters: 25 ms for the datelines' ``[-–—]...``, 4 ms
at the dashes ``str.find`` found), and try a pattern that starts with a look-behind at every position (a pattern
that starts with a literal they find about as fast as ``str.find``). When every match starts with one of a few
characters, ``matches_at(pattern, text, mark_positions(text, marks))`` is ``list(pattern.finditer(text))``: a
look-behind still sees the text before the position tried, and ``^`` still means the text's start (or a
line's, with MULTILINE)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, TypeVar

MatchT = TypeVar("MatchT", covariant=True)


class _Pattern(Protocol[MatchT]):
    def match(self, string: str, pos: int = ...) -> MatchT | None: ...

    def finditer(self, string: str) -> Iterator[MatchT]: ...


class _Span(Protocol):
    def end(self) -> int: ...


SpanT = TypeVar("SpanT", bound=_Span)


def mark_positions(text: str, marks: str) -> list[int]:
    """Where each character of ``marks`` is in ``text``, in order."""
    found: list[int] = []
    for mark in marks:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    if len(marks) > 1:
        found.sort()
    return found


def anchored_positions(text: str, anchors: Iterable[tuple[str, int, int]]) -> list[int]:
    """Where a match may start, given anchors ``(literal, nearest, farthest)`` (``regex_factors.match_anchors``):
    from ``nearest`` to ``farthest`` characters before each place a literal is in ``text``, in order."""
    starts: set[int] = set()
    for literal, nearest, farthest in anchors:
        at = text.find(literal)
        while at >= 0:
            starts.update(range(max(0, at - farthest), at - nearest + 1))
            at = text.find(literal, at + 1)
    return sorted(starts)


def matches_at(pattern: _Pattern[SpanT], text: str, positions: Iterable[int]) -> list[SpanT]:
    """``list(pattern.finditer(text))`` for a pattern whose matches are never empty and start only at
    ``positions`` (in order): tried there only; non-overlapping search resumes at a match's end, as
    ``finditer`` does."""
    out: list[SpanT] = []
    resume = 0
    for pos in positions:
        if pos < resume:
            continue
        found = pattern.match(text, pos)
        if found is not None:
            out.append(found)
            resume = found.end()
    return out


def anchored_matches(
    pattern: _Pattern[SpanT], text: str, anchors: Iterable[tuple[str, int, int]] | None
) -> list[SpanT]:
    """``list(pattern.finditer(text))``, the pattern tried only near its ``anchors`` (``match_anchors`` of its
    source; None: everywhere)."""
    if anchors is None:
        return list(pattern.finditer(text))
    return matches_at(pattern, text, anchored_positions(text, anchors))

"""The words of a window of normalised text (``WORD``: runs of letters and digits), as spans: in C where the
recognisers' compiled module is built (a window's words were a regex search and a match object each), else
by the patterns themselves; tests compare the two."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import regex

from basira.recognizers.kernels import class_table
from basira.recognizers.kernels import compiled as _compiled

WORD = regex.compile(r"[^\W_]+")
WORD_BACKWARDS = regex.compile(r"(?r)[^\W_]+")  # WORD's matches, nearest the end first

Span = tuple[int, int]


@lru_cache(maxsize=1)
def _word_class() -> Any:
    assert _compiled is not None
    return _compiled.CharClass(*class_table(WORD))


def words_before(text: str, lo: int, end: int, count: int) -> list[Span]:
    """The spans of the last ``count`` words of ``text[lo:end]``, nearest first."""
    if _compiled is not None:
        return _word_class().spans_before(text, lo, end, count)
    return [m.span() for m in itertools.islice(WORD_BACKWARDS.finditer(text, lo, end), count)]


def words_after(text: str, start: int, limit: int, count: int) -> list[Span]:
    """The spans of the first ``count`` words of ``text[start:limit]``, in order."""
    if _compiled is not None:
        return _word_class().spans_after(text, start, limit, count)
    return [m.span() for m in itertools.islice(WORD.finditer(text, start, limit), count)]


def count_words_after(text: str, start: int, limit: int, count: int) -> int:
    """``len(words_after(text, start, limit, count))``, no span made where the compiled module is built."""
    if _compiled is not None:
        return int(_word_class().count_after(text, start, limit, count))
    return len(words_after(text, start, limit, count))


def whole_words_before(text: str, lo: int, end: int, count: int) -> list[Span]:
    """``words_before``, leaving out a first word of the window that ``lo`` cuts (it goes on before ``lo``)."""
    spans = words_before(text, lo, end, count + 1)  # one more: is the window's first word among them?
    if spans and spans[-1][0] == lo > 0 and text[lo - 1].isalnum():
        spans.pop()
    return spans[:count]


# Words whose flags a dict keeps before it is cleared (a server reads unbounded text); the compiled
# kernels are given it.
FLAGS_KEPT = 1 << 16


def _flags_of(word: str, flags: dict[str, int], classify: Callable[[str], int]) -> int:
    value = flags.get(word)
    if value is None:
        value = classify(word)
        if len(flags) >= FLAGS_KEPT:
            flags.clear()
        flags[word] = value
    return value


def flags_before(
    text: str, lo: int, end: int, count: int, near: int, flags: dict[str, int], classify: Callable[[str], int]
) -> tuple[int, int]:
    """The union of the flags of ``whole_words_before(text, lo, end, count)`` and that of the nearest ``near``
    of them. A word's flags (an int) are ``flags[word]``, else ``classify(word)``, then kept in ``flags``:
    "may a phrase I look for start at one of the last words?" without a string per word for the common
    answer (in C where built, else ``reference_flags_before``)."""
    if _compiled is not None:
        every, nearest = _word_class().flags_before(text, lo, end, count, near, flags, classify, FLAGS_KEPT)
        return every, nearest
    return reference_flags_before(text, lo, end, count, near, flags, classify)


def reference_flags_before(
    text: str, lo: int, end: int, count: int, near: int, flags: dict[str, int], classify: Callable[[str], int]
) -> tuple[int, int]:
    every = nearest = 0
    for k, (start, stop) in enumerate(whole_words_before(text, lo, end, count)):
        value = _flags_of(text[start:stop], flags, classify)
        every |= value
        if k < near:
            nearest |= value
    return every, nearest


def flags_after(
    text: str, start: int, limit: int, count: int, flags: dict[str, int], classify: Callable[[str], int]
) -> int:
    """The union of the flags (as ``flags_before``) of ``words_after(text, start, limit, count)``."""
    if _compiled is not None:
        return int(_word_class().flags_after(text, start, limit, count, flags, classify, FLAGS_KEPT))
    return reference_flags_after(text, start, limit, count, flags, classify)


def reference_flags_after(
    text: str, start: int, limit: int, count: int, flags: dict[str, int], classify: Callable[[str], int]
) -> int:
    every = 0
    for first, stop in words_after(text, start, limit, count):
        every |= _flags_of(text[first:stop], flags, classify)
    return every

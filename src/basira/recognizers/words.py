"""The words of a window of normalised text (``WORD``: runs of letters and digits), as spans: in C where the
recognisers' compiled module is built (a window's words were a regex search and a match object each), else
by the patterns themselves; tests compare the two."""

from __future__ import annotations

import itertools
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


def whole_words_before(text: str, lo: int, end: int, count: int) -> list[Span]:
    """``words_before``, leaving out a first word of the window that ``lo`` cuts (it goes on before ``lo``)."""
    spans = words_before(text, lo, end, count + 1)  # one more: is the window's first word among them?
    if spans and spans[-1][0] == lo > 0 and text[lo - 1].isalnum():
        spans.pop()
    return spans[:count]

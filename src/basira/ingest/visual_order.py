"""Arabic that a PDF's text layer gives back in visual order, put back into logical (reading) order.

Older PDFs, and PDFs written by tools that do not shape Arabic, store it so that the text comes out of the
PDF library reversed (the letters of a line right to left read as left to right: "ةبتكملا" for "المكتبة"),
sometimes as presentation-form letters (U+FB50–U+FDFF, U+FE70–U+FEFF: the shaped forms, which look
right but match nothing). Both are detected and undone here:

- presentation forms become the letters they stand for (NFKC, one form at a time; a ligature such as
  "ﻻ" becomes two letters);
- a line is taken to be reversed when its Arabic words look reversed: words ending in the article "لا" or
  starting with "ة"/"ى" (letters that only end a word) outnumber words starting with "ال" or ending with
  "ة"/"ى" by ``REVERSED_RATIO`` or more; a line with too few such words goes the way of the whole text.
  A reversed line is turned around, with its runs of Latin letters and digits turned back, so "2024" and
  "ISIS" stay as written. (Text whose words are reversed one by one but stand in reading order is turned
  into right words in reversed order: no such PDF was met.)

``restore`` keeps the way back: every character of the restored text knows the extracted character it
came from, compressed into runs (``basira.ingest.where.to_extracted``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from basira.normalize.charsets import ARABIC_LETTERS

PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_WORD = re.compile(f"[{ARABIC_LETTERS}]{{3,}}")
_HAS_ARABIC = re.compile(f"[{ARABIC_LETTERS}\ufb50-\ufdff\ufe70-\ufeff]")
_LTR = "A-Za-z0-9\u00c0-\u024f"
# A run of left-to-right text inside a reversed line: LTR characters and what lies between them.
_LTR_RUN = re.compile(f"[{_LTR}](?:[^{ARABIC_LETTERS}\n\f]*[{_LTR}])?")
_PIECE = re.compile("[^\n\f]+|[\n\f]")  # a line, or the break after it
REVERSED_RATIO = 2
MIN_REVERSED_WORDS = 2
WORD_END_ONLY = "ةى"


@dataclass(frozen=True, slots=True)
class Restored:
    """The restored text, runs mapping it back to the extracted text (``[out_start, src_start, length,
    step]``), and what was done."""

    text: str
    runs: tuple[tuple[int, int, int, int], ...]
    reversed_lines: int
    presentation_forms: int


def reversal_evidence(text: str) -> tuple[int, int]:
    """(words that look logical, words that look reversed) among the Arabic words of ``text``."""
    logical = reversed_ = 0
    letters = unicodedata.normalize("NFKC", text) if PRESENTATION_FORMS.search(text) else text
    for match in _ARABIC_WORD.finditer(letters):
        word = match.group()
        if (word.startswith("ال") and len(word) >= 4) or word[-1] in WORD_END_ONLY:
            logical += 1
        if (word.endswith("لا") and len(word) >= 4) or word[0] in WORD_END_ONLY:
            reversed_ += 1
    return logical, reversed_


def looks_reversed(text: str) -> bool:
    logical, reversed_ = reversal_evidence(text)
    return reversed_ >= MIN_REVERSED_WORDS and reversed_ >= REVERSED_RATIO * max(logical, 1)


def _line_reversed(line: str, document_reversed: bool) -> bool:
    """A line's own words decide when they lean clearly one way (2 to 1 or more); else the document's do."""
    logical, reversed_ = reversal_evidence(line)
    if reversed_ >= MIN_REVERSED_WORDS and reversed_ >= REVERSED_RATIO * logical:
        return True
    if logical >= MIN_REVERSED_WORDS and logical >= REVERSED_RATIO * reversed_:
        return False
    return document_reversed


def logical_order(line: str) -> list[int]:
    """Indices of ``line`` (in visual order, left to right) in reading order: the whole line reversed,
    then each run of Latin letters and digits turned back to read left to right."""
    order = list(range(len(line) - 1, -1, -1))
    flipped = line[::-1]
    for run in _LTR_RUN.finditer(flipped):
        order[run.start() : run.end()] = order[run.start() : run.end()][::-1]
    return order


def restore(text: str, reverse: bool | None = None) -> Restored | None:
    """``text`` with visual-order Arabic put back in logical order and presentation forms undone, or
    ``None`` when there is nothing to undo. ``reverse``: whether the text is in visual order, when the
    caller decided it on more text (a whole document, for one page); else decided on ``text``."""
    if reverse is None:
        reverse = looks_reversed(text)
    forms = PRESENTATION_FORMS.search(text) is not None
    if not reverse and not forms and not any(_line_reversed(line, False) for line in text.split("\n")):
        return None
    out: list[str] = []
    sources: list[int] = []
    reversed_lines = form_count = 0
    for piece in _PIECE.finditer(text):
        start, segment = piece.start(), piece.group()
        if _HAS_ARABIC.search(segment) and _line_reversed(segment, reverse):
            order = logical_order(segment)
            reversed_lines += 1
        else:
            order = list(range(len(segment)))
        for index in order:
            char = segment[index]
            if PRESENTATION_FORMS.match(char):
                form_count += 1
                letters = unicodedata.normalize("NFKC", char)  # a ligature's letters come in reading order
                out.extend(letters)
                sources.extend([start + index] * len(letters))
            else:
                out.append(char)
                sources.append(start + index)
    return Restored("".join(out), compress(sources), reversed_lines, form_count)


def compress(sources: list[int]) -> tuple[tuple[int, int, int, int], ...]:
    """Runs ``(out_start, src_start, length, step)`` over a per-character list of source indices."""
    runs: list[tuple[int, int, int, int]] = []
    i = 0
    while i < len(sources):
        step = sources[i + 1] - sources[i] if i + 1 < len(sources) else 1
        if step not in (1, -1, 0):
            step = 1
        j = i + 1
        while j < len(sources) and sources[j] - sources[j - 1] == step:
            j += 1
        runs.append((i, sources[i], j - i, step))
        i = j
    return tuple(runs)

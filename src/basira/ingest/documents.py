"""From decoded text to ``Document``s: the emptiness check, the size limit, splitting and a language guess."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from basira.ingest.errors import E_EMPTY, E_TOO_LARGE, input_error
from basira.ingest.options import IngestOptions
from basira.normalize.charsets import ARABIC_LETTERS
from basira.normalize.kernels import compiled as _kernels  # None where not built: the regexes count
from basira.recognizers.kernels import class_table
from basira.types import Document, InputError, PageImage, storable

LANG_SAMPLE_CHARS = 20_000
# Runs, not single characters: counting letters as the summed length of runs makes one match object per word
# instead of one string per letter (the guess was 1.3 s of a 6 MB scan; now 0.8 s, the same answers).
_LETTERS = re.compile(r"[^\W\d_]+")
_ARABIC_RUNS = re.compile(f"[{ARABIC_LETTERS}\u066e\u066f\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc]+")
_LATIN = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_WHITESPACE = tuple(chr(c) for c in range(0x3001) if chr(c).isspace())
_TAIL_CHARS = 1 << 16
# Unicode's stream-safe text format allows at most 30 combining marks in a row; more are not one letter's.
MAX_MARKS_PER_LETTER = 32


def guess_lang(text: str) -> str | None:
    """Cheap guess from the first characters: ``"ar"`` if Arabic letters are most of the letters, ``"en"``
    if Latin ones are, else ``None`` (no letters, or another script)."""
    letters, arabic, latin = script_counts(text)
    if not letters:
        return None
    if arabic * 2 > letters:
        return "ar"
    if latin * 2 > letters:
        return "en"
    return None


def script_counts(text: str) -> tuple[int, int, int]:
    """The letters of the first ``LANG_SAMPLE_CHARS`` characters, and how many of them are Arabic and Latin
    (``_LETTERS``, ``_ARABIC_RUNS``, ``_LATIN``): one pass in C where the normaliser's module is built (the
    scan's language guess of news-ar's 936 articles: 241 -> 7 ms), else ``reference_script_counts``."""
    if _kernels is None:
        return reference_script_counts(text)
    counts: tuple[int, int, int] = _kernels.script_counts(text, LANG_SAMPLE_CHARS, _script_table())
    return counts


def reference_script_counts(text: str) -> tuple[int, int, int]:
    sample = text[:LANG_SAMPLE_CHARS]
    return _run_chars(_LETTERS, sample), _run_chars(_ARABIC_RUNS, sample), _LATIN.subn("", sample)[1]


@functools.cache
def _script_table() -> npt.NDArray[np.uint8]:
    """Per BMP character: 4 if ``_LETTERS`` matches it, 1 if ``_ARABIC_RUNS`` does, 2 if ``_LATIN`` does (read
    off the patterns themselves; their Arabic and Latin classes hold no character past the BMP)."""
    letters, arabic, latin = (class_table(pattern)[0] for pattern in (_LETTERS, _ARABIC_RUNS, _LATIN))
    return ((letters << 2) | arabic | (latin << 1)).astype(np.uint8)


def _run_chars(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the runs that ``pattern`` matches cover."""
    return sum(m.end() - m.start() for m in pattern.finditer(text))


def _last_whitespace(window: str) -> int:
    """Index of the last whitespace character in ``window``, or -1; looks at the tail first."""
    tail_start = max(0, len(window) - _TAIL_CHARS)
    for start in (tail_start, 0) if tail_start else (0,):
        index = max(window.rfind(ch, start) for ch in _WHITESPACE)
        if index >= 0:
            return index
    return -1


def cut_point(text: str, limit: int) -> int:
    """Where to end a part of at most ``limit`` characters: just after the last whitespace, or (a word
    longer than the limit) at the limit moved back so that no combining mark is parted from its letter."""
    index = _last_whitespace(text[:limit])
    if index >= 0:
        return index + 1
    cut = limit
    floor = max(1, limit - MAX_MARKS_PER_LETTER)
    while cut > floor and unicodedata.category(text[cut]).startswith("M"):
        cut -= 1
    if unicodedata.category(text[cut]).startswith("M"):
        return limit  # a run of marks with no letter near the limit (hostile input): cut at the limit
    return cut


def split_text(chunks: Iterable[str], max_chars: int) -> Iterator[tuple[int, str]]:
    """Consecutive ``(offset, part)`` of at most ``max_chars`` characters whose concatenation is the input."""
    pending: list[str] = []
    pending_len = 0
    offset = 0
    for chunk in chunks:
        pending.append(chunk)
        pending_len += len(chunk)
        if pending_len <= max_chars:
            continue
        buffer = "".join(pending)
        while len(buffer) > max_chars:
            cut = cut_point(buffer, max_chars)
            yield offset, buffer[:cut]
            offset += cut
            buffer = buffer[cut:]
        pending, pending_len = [buffer], len(buffer)
    rest = "".join(pending)
    if rest:
        yield offset, rest


def _storable_json(value: Any) -> Any:
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, Mapping):
        return {storable(str(k)): _storable_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_storable_json(v) for v in value]
    return value


def _document(
    text: str,
    *,
    doc_id: str,
    source: str,
    fmt: str,
    locator: str | None,
    title: str | None,
    metadata: Mapping[str, Any],
    images: tuple[PageImage, ...] = (),
) -> Document:
    text = storable(text)
    return Document(
        id=storable(doc_id),
        source=storable(source),
        text=text,
        format=fmt,
        locator=locator,
        lang=guess_lang(text),
        title=storable(title) if title is not None else None,
        metadata=_storable_json(dict(metadata)),
        images=images,
    )


def emit(
    chunks: Iterable[str],
    *,
    options: IngestOptions,
    doc_id: str,
    source: str,
    fmt: str,
    locator: str | None = None,
    title: str | None = None,
    metadata: Mapping[str, Any] | None = None,
    images: tuple[PageImage, ...] = (),
) -> Iterator[Document | InputError]:
    """One document from its text (given whole or in chunks), applying the emptiness check and
    ``max_chars``/``oversize``: refused as ``E_TOO_LARGE``, or split into parts ``id``, ``id#part2``, …
    (``images``, the pictures of its scanned pages, go with every part: a part's boxes may be on any page)."""
    meta: Mapping[str, Any] = metadata or {}
    fields: dict[str, Any] = {"source": source, "fmt": fmt, "locator": locator, "title": title, "images": images}
    if options.oversize == "refuse":
        collected: list[str] = []
        length = 0
        for chunk in chunks:
            length += len(chunk)
            if length <= options.max_chars:
                collected.append(chunk)
            elif collected:
                collected = []  # over the limit: keep counting (for the message), stop keeping
        if length > options.max_chars:
            yield input_error(
                E_TOO_LARGE,
                source,
                locator,
                size=f"{length:,} characters",
                limit=f"{options.max_chars:,} characters",
                action="refused (oversize='split' reads it in parts)",
            )
            return
        text = "".join(collected)
        if not text.strip():
            yield input_error(E_EMPTY, source, locator, reason="no text, only whitespace")
            return
        yield _document(text, doc_id=doc_id, metadata=meta, **fields)
        return

    parts = split_text(chunks, options.max_chars)
    first = next(parts, None)
    second = next(parts, None) if first is not None else None
    if first is None or second is None:
        if first is None or not first[1].strip():
            yield input_error(E_EMPTY, source, locator, reason="no text, only whitespace")
        else:
            yield _document(first[1], doc_id=doc_id, metadata=meta, **fields)
        return
    for number, (offset, part) in enumerate(itertools.chain((first, second), parts), start=1):
        part_id = doc_id if number == 1 else f"{doc_id}#part{number}"
        yield _document(part, doc_id=part_id, metadata={**meta, "part": number, "offset": offset}, **fields)

"""Where a span of a document's text is in its input: the PDF page, the boxes of the OCR words on the image.

Readers record the facts in ``Document.metadata`` (``page_starts``: the offset where each page starts;
``words``: one ``basira.ingest.ocr.WORD_FIELDS`` row per OCR word); these functions answer for any span,
and ``LocateStage`` copies the answer into each evidence item's ``attrs`` (``page``, ``pages``, ``boxes``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from basira.types import Analysis, Evidence

WORD_START, WORD_END, WORD_PAGE, WORD_LEFT, WORD_TOP, WORD_WIDTH, WORD_HEIGHT, WORD_CONF = range(8)


def page_of(page_starts: Sequence[int], offset: int) -> int:
    """The 1-based page holding character ``offset``."""
    return max(1, bisect_right(page_starts, offset))


def pages_of_span(metadata: Mapping[str, Any], start: int, end: int) -> list[int]:
    """The pages a span ``[start, end)`` lies on (``[]`` for a document without pages)."""
    starts = metadata.get("page_starts")
    if not isinstance(starts, list | tuple) or not starts:
        page = metadata.get("page")  # a document that is one page (a PDF read page by page)
        return [page] if isinstance(page, int) and not isinstance(page, bool) else []
    first = page_of(starts, start)
    last = page_of(starts, max(start, end - 1))
    return list(range(first, last + 1))


def boxes_for_span(metadata: Mapping[str, Any], start: int, end: int) -> list[dict[str, int]]:
    """The boxes (page, left, top, width, height, in the image's pixels) of the OCR words that the span
    ``[start, end)`` touches, in text order; ``[]`` for a document that was not OCR'd."""
    words = metadata.get("words")
    if not isinstance(words, list | tuple) or not words:
        return []
    ends = [word[WORD_END] for word in words]
    first = bisect_right(ends, start)  # the first word ending after the span starts
    boxes: list[dict[str, int]] = []
    for word in words[first:]:
        if word[WORD_START] >= end:
            break
        boxes.append(
            {
                "page": word[WORD_PAGE],
                "left": word[WORD_LEFT],
                "top": word[WORD_TOP],
                "width": word[WORD_WIDTH],
                "height": word[WORD_HEIGHT],
            }
        )
    return boxes


def to_extracted(metadata: Mapping[str, Any], start: int, end: int) -> tuple[int, int]:
    """Map a span of a PDF document's text (where Arabic in visual order was put back in logical order) to
    the smallest span of the text as the PDF library extracted it; the identity when nothing was moved.

    ``metadata["extracted_map"]`` holds runs ``[out_start, src_start, length, step]``: the run's character
    ``out_start + k`` came from extracted character ``src_start + k * step`` (step 1, -1, or 0 when one
    extracted character became several, as a ligature does)."""
    runs = metadata.get("extracted_map")
    if not runs:
        return start, end
    points: list[int] = []
    out_starts = [run[0] for run in runs]
    for offset in range(start, max(start + 1, end)):
        index = bisect_right(out_starts, offset) - 1
        if index < 0:
            continue
        out_start, src_start, length, step = runs[index]
        if offset < out_start + length:
            points.append(src_start + (offset - out_start) * step)
    if not points:
        return start, end
    return min(points), max(points) + (1 if end > start else 0)


def locate(evidence: Evidence, metadata: Mapping[str, Any]) -> Evidence:
    """``evidence`` with ``page`` (and ``pages`` when it spans several) and OCR ``boxes`` in its attrs."""
    extra: dict[str, Any] = {}
    # A part of a document split for its size (ingest's oversize="split") starts at metadata["offset"].
    shift = metadata.get("offset", 0) if "part" in metadata else 0
    shift = shift if isinstance(shift, int) else 0
    start, end = evidence.start + shift, evidence.end + shift
    pages = pages_of_span(metadata, start, end)
    if pages:
        extra["page"] = pages[0]
        if len(pages) > 1:
            extra["pages"] = pages
    boxes = boxes_for_span(metadata, start, end)
    if boxes:
        extra["boxes"] = boxes
    if not extra:
        return evidence
    return replace(evidence, attrs={**evidence.attrs, **extra})


class LocateStage:
    """Puts the page and the OCR word boxes of every evidence item in its ``attrs``, for documents whose
    reader recorded them (PDF, OCR'd images); other documents pass through untouched."""

    name = "locate"

    def apply(self, analysis: Analysis) -> Analysis:
        metadata = analysis.document.metadata
        if not metadata.get("page_starts") and not metadata.get("words") and not metadata.get("page"):
            return analysis
        return replace(analysis, evidence=tuple(locate(e, metadata) for e in analysis.evidence))

    def versions(self) -> dict[str, str]:
        return {}


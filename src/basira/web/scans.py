"""The pictures of a document's scanned pages with the boxes of its evidence, for the item page.

Evidence boxes (``attrs["boxes"]``, put there by ``basira.ingest.where.LocateStage``) are in the pixels of the
page as it was OCR'd; the page's stored picture is smaller. The template draws each page as an ``<img>``
under an ``<svg>`` whose ``viewBox`` is the OCR'd page's size, so a box is drawn with its own numbers and
scales with the picture at any width; no inline style is needed (the CSP forbids it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from basira.store import StoredImage
from basira.web.highlight import KIND_PRIORITY


@dataclass(frozen=True, slots=True)
class Box:
    """One word box of one evidence item, in the OCR'd page's pixels."""

    evidence_id: str
    kind: str
    label: str
    left: int
    top: int
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Scan:
    """One page's picture and the evidence boxes on it, largest first (so a small box is on top of a big one
    and can be pointed at)."""

    page: int
    width: int
    height: int
    source_width: int
    source_height: int
    boxes: tuple[Box, ...]


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _box(evidence: Mapping[str, Any], raw: Any, image: StoredImage) -> Box | None:
    """A box of ``evidence`` on ``image``'s page, clipped to the page; ``None`` if it is not on it."""
    if not isinstance(raw, Mapping) or _whole(raw.get("page")) != image.page:
        return None
    left, top, width, height = (_whole(raw.get(k)) for k in ("left", "top", "width", "height"))
    if left is None or top is None or width is None or height is None:
        return None
    right = min(image.source_width, left + width)
    bottom = min(image.source_height, top + height)
    left, top = max(0, left), max(0, top)
    if right <= left or bottom <= top:
        return None
    kind = str(evidence.get("kind") or "")
    return Box(str(evidence.get("id") or ""), kind if kind in KIND_PRIORITY else "signal",
               str(evidence.get("label") or ""), left, top, right - left, bottom - top)


def scans(images: Sequence[StoredImage], evidence: Sequence[Mapping[str, Any]]) -> list[Scan]:
    """Each stored page picture with the boxes of the evidence found on that page."""
    out: list[Scan] = []
    for image in images:
        boxes: list[Box] = []
        for item in evidence:
            attrs = item.get("attrs")
            raw_boxes = attrs.get("boxes") if isinstance(attrs, Mapping) else None
            if isinstance(raw_boxes, list):
                boxes.extend(box for raw in raw_boxes if (box := _box(item, raw, image)) is not None)
        boxes.sort(key=lambda b: -(b.width * b.height))
        out.append(Scan(image.page, image.width, image.height, image.source_width, image.source_height,
                        tuple(boxes)))
    return out

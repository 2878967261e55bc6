"""Issue 16: where a span of a document is in its input (PDF page, OCR word boxes), and the stage that puts
it on every evidence item, including documents split for their size and PDFs read page by page."""

from __future__ import annotations

from typing import Any

from basira.ingest import IngestOptions
from basira.ingest.documents import emit
from basira.ingest.where import LocateStage, boxes_for_span, pages_of_span, to_extracted
from basira.types import Analysis, Document, Evidence, EvidenceKind

WORDS = [[0, 3, 1, 10, 20, 30, 40, 90], [4, 9, 1, 50, 20, 60, 40, 91], [10, 12, 2, 5, 6, 7, 8, 92]]


def evidence(start: int, end: int, text: str) -> Evidence:
    return Evidence(id="e1", kind=EvidenceKind.ENTITY, label="X", start=start, end=end, text=text,
                    recognizer="test@1", rule="r", score=1.0, attrs={"entity_id": "x"})


def analyse(doc: Document, *spans: tuple[int, int]) -> tuple[dict[str, Any], ...]:
    found = tuple(evidence(s, e, doc.text[s:e]) for s, e in spans)
    located = LocateStage().apply(Analysis(document=doc, evidence=found))
    return tuple(dict(e.attrs) for e in located.evidence)


def test_pages_and_boxes_of_spans() -> None:
    meta = {"page_starts": [0, 10], "words": WORDS}
    assert pages_of_span(meta, 0, 3) == [1] and pages_of_span(meta, 8, 12) == [1, 2]
    assert pages_of_span(meta, 10, 10) == [2] and pages_of_span({}, 0, 5) == []
    assert [b["left"] for b in boxes_for_span(meta, 2, 5)] == [10, 50]
    assert boxes_for_span(meta, 3, 4) == []  # the space between two words
    assert boxes_for_span(meta, 10, 12) == [{"page": 2, "left": 5, "top": 6, "width": 7, "height": 8}]
    assert to_extracted({}, 3, 7) == (3, 7)


def test_the_stage_puts_page_pages_and_boxes_in_attrs_and_keeps_the_rest() -> None:
    doc = Document(id="d", source="s", text="one three\fsix", format="image",
                   metadata={"page_starts": [0, 10], "words": WORDS})
    single, spanning = analyse(doc, (4, 9), (4, 12))
    assert single == {"entity_id": "x", "page": 1, "boxes": [{"page": 1, "left": 50, "top": 20, "width": 60,
                                                               "height": 40}]}
    assert spanning["page"] == 1 and spanning["pages"] == [1, 2] and len(spanning["boxes"]) == 2


def test_documents_without_pages_or_boxes_pass_through_untouched() -> None:
    doc = Document(id="d", source="s", text="plain text", format="text")
    analysis = Analysis(document=doc, evidence=(evidence(0, 5, "plain"),))
    assert LocateStage().apply(analysis) is analysis


def test_a_pdf_page_document_and_a_split_part_are_located_in_the_whole() -> None:
    page_doc = Document(id="d#page3", source="s", text="words here", format="pdf", locator="page 3",
                        metadata={"page": 3})
    assert analyse(page_doc, (0, 5)) == ({"entity_id": "x", "page": 3},)
    text = "aaaa bbbb\fcccc dddd"
    parts = list(emit([text], options=IngestOptions(max_chars=10, oversize="split"), doc_id="d", source="s",
                      fmt="pdf", metadata={"page_starts": [0, 10]}))
    assert [p.text for p in parts if isinstance(p, Document)] == ["aaaa bbbb\f", "cccc dddd"]
    second = parts[1]
    assert isinstance(second, Document) and second.metadata["offset"] == 10
    assert analyse(second, (0, 4)) == ({"entity_id": "x", "page": 2},)

"""Central data types. Frozen dataclasses; every offset is a ``str`` index into the ORIGINAL text."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from basira.normalize.offsets import OffsetMap


class EvidenceKind(StrEnum):
    SIGNAL = "signal"
    CONTEXT = "context"
    ENTITY = "entity"
    QUOTATION = "quotation"
    DATE = "date"
    STRUCTURE = "structure"
    URL = "url"
    MODEL = "model"  # tokens that raised a trained classifier's score


class Outcome(StrEnum):
    """Ordered by severity (see ``severity``)."""

    NOT_VIOLATING = "not_violating"
    REVIEW = "review"
    VIOLATING = "violating"
    ERROR = "error"

    @property
    def severity(self) -> int:
        return {"not_violating": 0, "review": 1, "violating": 2, "error": -1}[self.value]


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(value: str) -> str:
    """A JSON escape can carry a lone surrogate (``"\\ud800"``), which no UTF-8 output, database or browser
    can hold, or NUL (``"\\u0000"``; a WARC header can hold one too), which PostgreSQL refuses: each becomes
    U+FFFD, as an HTML parser does, one code point for one, so offsets into the text are unchanged."""
    return _UNSTORABLE.sub("\ufffd", value)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class PageImage:
    """A small picture of one scanned page (``basira.ingest.preview``), kept with the document so that the
    review UI can draw the evidence boxes over it. The boxes are in the pixels of the page that was OCR'd,
    ``source_width`` x ``source_height``; this picture is ``width`` x ``height`` (``scale`` times that)."""

    page: int
    media_type: str
    data: bytes = field(repr=False)
    width: int
    height: int
    source_width: int
    source_height: int

    @property
    def scale(self) -> float:
        return self.width / self.source_width


@dataclass(frozen=True, slots=True)
class Document:
    """One unit of input text and where it came from; ``images``: pictures of its scanned pages (OCR'd
    images and PDF pages), never part of the output records."""

    id: str
    source: str
    text: str
    format: str
    locator: str | None = None
    lang: str | None = None
    title: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)
    images: tuple[PageImage, ...] = field(default=(), repr=False)

    @property
    def sha256(self) -> str:
        return sha256_text(self.text)


@dataclass(frozen=True, slots=True)
class InputError:
    """An input that could not be read; reported, never silently dropped."""

    source: str
    code: str
    message: str
    locator: str | None = None


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The original text, its normalised form for matching, and the way back."""

    original: str
    text: str
    offset_map: OffsetMap
    steps: tuple[str, ...]
    # ``recognizers.base.original_span``'s answers for this text, by normalised span: a recogniser that maps a
    # finding to look at the original (mentions) and the analyser that maps it again pay once.
    original_spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` to the smallest span of ``original`` that produced it."""
        return self.offset_map.to_original(start, end)

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        return self.offset_map.to_normalized(start, end)


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of the original text that a recogniser found, and why."""

    id: str
    kind: EvidenceKind
    label: str
    start: int
    end: int
    text: str
    recognizer: str  # "name@version"
    rule: str
    score: float
    attrs: Mapping[str, Any] = field(default_factory=dict)
    explanation: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "recognizer": self.recognizer,
            "rule": self.rule,
            "score": round(self.score, 4),
            "attrs": dict(self.attrs),
        }


@dataclass(frozen=True, slots=True)
class Note:
    """A finding about the document as a whole (e.g. DATE_MISMATCH) that points at evidence."""

    code: str
    message: str
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "message": self.message, "evidence": list(self.evidence)}


@dataclass(frozen=True, slots=True)
class CategoryDecision:
    """One policy category's outcome for a document (filled by the policy engine)."""

    id: str
    legal_ref: str
    outcome: Outcome
    score: float
    evidence: tuple[str, ...]
    qualifiers: tuple[str, ...]
    explanation: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "legal_ref": self.legal_ref,
            "outcome": self.outcome.value,
            "score": round(self.score, 4),
            "evidence": list(self.evidence),
            "qualifiers": list(self.qualifiers),
            "explanation": list(self.explanation),
        }


@dataclass(frozen=True, slots=True)
class Decision:
    """The policy engine's verdict on one document."""

    outcome: Outcome
    categories: tuple[CategoryDecision, ...]
    policy: str  # "id@version"
    jurisdiction: str
    statement_of_reasons: Mapping[str, Any] | None = None
    # Evidence ids every category's scoring used (its best instance and that instance's qualifiers), fired
    # or not: a REPORTING qualifier that kept a category below review is part of the decision too.
    considered: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MatchHit:
    """Known-content match (filled by basira.match)."""

    bank: str
    signal: str
    similarity: float
    entry: str
    labels: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "bank": self.bank,
            "signal": self.signal,
            "similarity": round(self.similarity, 4),
            "entry": self.entry,
            "labels": dict(self.labels),
        }


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything basira concluded about one document."""

    document: Document
    evidence: tuple[Evidence, ...]
    notes: tuple[Note, ...] = ()
    decision: Decision | None = None
    matches: tuple[MatchHit, ...] = ()
    versions: Mapping[str, Any] = field(default_factory=dict)
    errors: tuple[str, ...] = ()
    # The normalised text the recognisers read, for stages that read it too (the classifier); not output.
    normalized: NormalizedText | None = field(default=None, compare=False, repr=False)

"""The recogniser contract: a small, named, versioned component that turns text into evidence spans."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from basira.types import Analysis, Evidence, EvidenceKind, NormalizedText, Note

TRAILING_MARKS = frozenset("\u0640")  # tatweel that ends a stretched word belongs to it


@dataclass(frozen=True, slots=True)
class Finding:
    """A recogniser's raw hit, in NORMALISED offsets; the base class maps it to the original."""

    label: str
    start: int
    end: int
    rule: str
    score: float
    kind: EvidenceKind | None = None
    attrs: Mapping[str, Any] = field(default_factory=dict)
    explanation: str | None = None


class Recognizer:
    """Base class. Subclasses set ``name``, ``version``, ``kind``, ``labels`` and implement ``find``.

    ``find`` works on ``NormalizedText.text`` and returns ``Finding``s in normalised offsets; ``analyze``
    maps them back so every ``Evidence`` satisfies ``text == original[start:end]``.
    Recognisers that judge the document as a whole may also implement ``notes``.
    """

    name: ClassVar[str]
    version: ClassVar[int] = 1
    kind: ClassVar[EvidenceKind]
    labels: ClassVar[tuple[str, ...]]

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"

    def find(self, nt: NormalizedText) -> Sequence[Finding]:
        raise NotImplementedError

    def analyze(self, nt: NormalizedText) -> list[Evidence]:
        return [self.to_evidence(nt, finding, index) for index, finding in enumerate(self.find(nt))]

    def lexicon_matchers(self) -> Sequence[Any]:
        """The ``LexiconMatcher``s this recogniser runs over every text; the pipeline fuses those of all its
        recognisers into one automaton pass per document (``lexicon.fuse``). Default: none."""
        return ()

    def notes(self, analysis: Analysis) -> Sequence[Note]:
        """Document-level notes from this recogniser's evidence (e.g. DATE_MISMATCH). Default: none."""
        return ()

    def to_evidence(self, nt: NormalizedText, finding: Finding, index: int) -> Evidence:
        return self.evidence(nt, finding, f"{self.name}:{index}", original_span(nt, finding.start, finding.end))

    def evidence(self, nt: NormalizedText, finding: Finding, evidence_id: str, span: tuple[int, int]) -> Evidence:
        """``finding`` as evidence named ``evidence_id``, at ``span``: its ``original_span`` (the pipeline
        maps every finding first, to order a document's evidence, then makes each item once, numbered)."""
        start, end = span
        return Evidence(
            id=evidence_id,
            kind=finding.kind or self.kind,
            label=finding.label,
            start=start,
            end=end,
            text=nt.original[start:end],
            recognizer=self.key,
            rule=finding.rule,
            score=finding.score,
            attrs=dict(finding.attrs),
            explanation=finding.explanation,
        )


def original_span(nt: NormalizedText, start: int, end: int) -> tuple[int, int]:
    """Map a normalised span to the original, keeping the diacritics and tatweel of its last letter (each
    span once per text: ``nt.original_spans``)."""
    found = nt.original_spans.get((start, end))
    if found is None:
        found = nt.original_spans[start, end] = _map_to_original(nt, start, end)
    return found


def _map_to_original(nt: NormalizedText, start: int, end: int) -> tuple[int, int]:
    o_start, o_end = nt.to_original(start, end)
    original = nt.original
    while o_end < len(original) and (
        unicodedata.combining(original[o_end]) or original[o_end] in TRAILING_MARKS
    ):
        o_end += 1
    return o_start, o_end

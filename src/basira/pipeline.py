"""The analysis pipeline: normalise → recognisers (evidence) → stages (matching, policy) → Analysis."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from operator import itemgetter
from typing import Protocol

import basira
from basira.normalize import Normalizer, default_normalizer
from basira.recognizers.base import Finding, Recognizer, original_span
from basira.recognizers.lexicon import fuse
from basira.recognizers.registry import build_recognizers
from basira.types import Analysis, Document, Note

KIND_ORDER = {"entity": 0, "signal": 1, "context": 2, "quotation": 3, "structure": 4, "date": 5, "url": 6, "model": 7}
# A document's evidence is ordered by start, kind, longest first, label.
_EVIDENCE_ORDER = itemgetter(0, 1, 2, 3)


class Stage(Protocol):
    """A step after evidence: known-content matching, the policy engine. Returns a new Analysis."""

    name: str

    def apply(self, analysis: Analysis) -> Analysis: ...

    def versions(self) -> dict[str, str]: ...


class Analyzer:
    """Build once (lexicon automata are compiled here), then call ``analyze`` per document."""

    def __init__(
        self,
        recognizers: Sequence[Recognizer] | None = None,
        normalizer: Normalizer | None = None,
        stages: Iterable[Stage] = (),
    ):
        self.normalizer = normalizer or default_normalizer()
        self.recognizers = list(recognizers) if recognizers is not None else build_recognizers()
        self.stages = list(stages)
        # Every lexicon automaton of every recogniser scans each text: one fused automaton does it in one pass.
        self._fused = fuse(m for recognizer in self.recognizers for m in recognizer.lexicon_matchers())

    def versions(self) -> dict[str, object]:
        versions: dict[str, object] = {
            "basira": basira.__version__,
            "normalizer": list(self.normalizer.keys),
            "recognizers": {r.name: str(r.version) for r in self.recognizers},
        }
        for stage in self.stages:
            versions.update(stage.versions())
        return versions

    def analyze(self, document: Document, checkpoint: Callable[[], None] | None = None) -> Analysis:
        """``checkpoint`` (optional) is called between steps and may raise to abandon the analysis (the
        server's time budget, a client that left)."""
        check = checkpoint or _no_check
        nt = self.normalizer.normalize(document.text)
        check()
        if self._fused is not None:
            self._fused.claim()  # another analyser in this process may share some of the matchers
        # Every finding mapped to the original, ordered, then made evidence once under its number e1, e2 ...
        located: list[tuple[int, int, int, str, Recognizer, Finding]] = []
        for recognizer in self.recognizers:
            kind = recognizer.kind
            for finding in recognizer.find(nt):
                start, end = original_span(nt, finding.start, finding.end)
                order = KIND_ORDER.get((finding.kind or kind).value, 9)
                located.append((start, order, -end, finding.label, recognizer, finding))
            check()
        located.sort(key=_EVIDENCE_ORDER)  # stable: ties keep recogniser order, then the finding's
        evidence = tuple(
            recognizer.evidence(nt, finding, f"e{number}", (start, -negative_end))
            for number, (start, _, negative_end, _, recognizer, finding) in enumerate(located, start=1)
        )
        analysis = Analysis(document=document, evidence=evidence, versions=self.versions(), normalized=nt)
        notes: list[Note] = []
        for recognizer in self.recognizers:
            notes.extend(recognizer.notes(analysis))
        analysis = replace(analysis, notes=tuple(notes))
        for stage in self.stages:
            check()
            analysis = stage.apply(analysis)
        return analysis


def _no_check() -> None:
    return None

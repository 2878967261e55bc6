"""One automaton pass per text, also when two analysers in one process share lexicon matchers (the entity
lists are built once per process and shared): the bench's model on/off comparison and the evaluation build
several analysers, and the analyser built first used to run two passes per text."""

from __future__ import annotations

from typing import Any

import pytest

import basira.recognizers.lexicon as lexicon
from basira.pipeline import Analyzer
from basira.types import Document

TEXT = "أعلن تنظيم داعش مسؤوليته عن الهجوم"


@pytest.fixture
def passes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts automaton passes: a fused scan's (``FusedScan._scan``) and a matcher's own (``_collect`` of a
    matcher's automaton; the fused scan's pass without the compiled module is counted once, as its scan)."""
    counted: list[int] = []
    collect, scan = lexicon._collect, lexicon.FusedScan._scan

    def counting_collect(found: Any, text: str, sinks: Any, fused: bool = False) -> None:
        if not fused:
            counted.append(1)
        collect(found, text, sinks, fused)

    def counting_scan(self: lexicon.FusedScan, text: str) -> Any:
        counted.append(1)
        return scan(self, text)

    monkeypatch.setattr(lexicon, "_collect", counting_collect)
    monkeypatch.setattr(lexicon.FusedScan, "_scan", counting_scan)
    return counted


def test_analysers_sharing_matchers_each_scan_a_text_once(passes: list[int]) -> None:
    first, second = Analyzer(stages=()), Analyzer(stages=())
    shared = {id(m) for r in first.recognizers for m in r.lexicon_matchers()} & {
        id(m) for r in second.recognizers for m in r.lexicon_matchers()}
    assert shared, "the premise: some matchers are shared between analysers"
    for analyzer in (first, second, first):
        passes.clear()
        analysis = analyzer.analyze(Document(id="d", source="test", text=TEXT, format="text"))
        assert len(passes) == 1
        assert any(e.label == "DESIGNATED_ENTITY" for e in analysis.evidence)


def test_shared_matchers_find_the_same_evidence_whichever_analyser_ran_last() -> None:
    document = Document(id="d", source="test", text=TEXT, format="text")
    alone = Analyzer(stages=()).analyze(document).evidence
    first = Analyzer(stages=())
    Analyzer(stages=()).analyze(document)
    assert first.analyze(document).evidence == alone

"""Purpose-made scan results for store tests (neutral synthetic text)."""

from __future__ import annotations

from typing import Any

from basira.output import analysis_dict
from basira.types import (
    Analysis,
    CategoryDecision,
    Decision,
    Document,
    Evidence,
    EvidenceKind,
    MatchHit,
    Outcome,
)

TEXT = "هذا نص تجريبي محايد عن افتتاح مكتبة عامة جديدة في الحي."
PHRASE = "مكتبة عامة"


def result(
    text: str = TEXT,
    *,
    recognizers: str = "1",
    outcome: Outcome = Outcome.REVIEW,
    category: str = "incitement",
    bank: str | None = None,
) -> dict[str, Any]:
    start = text.find(PHRASE) if PHRASE in text else 0
    end = start + (len(PHRASE) if PHRASE in text else 1)
    document = Document(id="doc-1", source="test.txt", text=text, format="text", title="عنوان تجريبي")
    evidence = (
        Evidence(id="e1", kind=EvidenceKind.SIGNAL, label="SYNTHETIC", start=start, end=end, text=text[start:end],
                 recognizer="synthetic@1", rule="synthetic.rule", score=0.8),
    )
    decision = Decision(
        outcome=outcome,
        categories=(CategoryDecision(category, "TCO Art. 2(7)(a)", outcome, 0.8, ("e1",), ()),),
        policy="tco@1",
        jurisdiction="eu",
    )
    matches = (MatchHit(bank, "minhash", 0.9, "k1", {"category": category}),) if bank else ()
    analysis = Analysis(document=document, evidence=evidence, decision=decision, matches=matches,
                        versions={"basira": "0.1.0", "recognizers": {"synthetic": recognizers}})
    return analysis_dict(analysis)

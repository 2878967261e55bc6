"""Policy engine on constructed evidence: the scoring rules, independent of the recognisers."""

from __future__ import annotations

import pytest

from basira.policy import PolicyEngine, PolicyStage, load_policy
from basira.types import Analysis, Document, Evidence, EvidenceKind, MatchHit, Outcome

KINDS = {
    "CALL_TO_VIOLENCE": EvidenceKind.SIGNAL, "GLORIFICATION": EvidenceKind.SIGNAL, "THREAT": EvidenceKind.SIGNAL,
    "MARTYRDOM": EvidenceKind.SIGNAL, "SUPPORT": EvidenceKind.SIGNAL, "REPORTING": EvidenceKind.CONTEXT,
    "QUOTATION": EvidenceKind.CONTEXT, "CONDEMNATION": EvidenceKind.CONTEXT, "NEGATION": EvidenceKind.CONTEXT,
    "CONDOLENCE": EvidenceKind.CONTEXT, "RESEARCH": EvidenceKind.CONTEXT, "QURAN_VERSE": EvidenceKind.QUOTATION,
    "ISSUER": EvidenceKind.STRUCTURE, "DESIGNATED_ENTITY": EvidenceKind.ENTITY,
}
TEXT = "x" * 2000


def ev(i: int, label: str, start: int, end: int, score: float = 0.9, **attrs: object) -> Evidence:
    return Evidence(f"e{i}", KINDS[label], label, start, end, TEXT[start:end], "test@1", f"r.{label}", score, attrs)


def decide(evidence: list[Evidence], policy: str = "tco", jurisdiction: str | None = None,
           matches: tuple[MatchHit, ...] = ()) -> Analysis:
    doc = Document("d1", "test", TEXT, "text", lang="ar")
    stage = PolicyStage(PolicyEngine(load_policy(policy), jurisdiction))
    return stage.apply(Analysis(doc, tuple(evidence), matches=matches))


CALL = ev(1, "CALL_TO_VIOLENCE", 500, 530)

CASES = [
    ("first person call", [CALL], Outcome.VIOLATING),
    ("news attribution near", [CALL, ev(2, "REPORTING", 450, 470)], Outcome.NOT_VIOLATING),
    ("attribution far away", [CALL, ev(2, "REPORTING", 1500, 1520)], Outcome.VIOLATING),
    ("quoted in news", [CALL, ev(2, "REPORTING", 450, 470), ev(3, "QUOTATION", 490, 540)], Outcome.NOT_VIOLATING),
    ("quoted without attribution", [CALL, ev(3, "QUOTATION", 490, 540)], Outcome.REVIEW),
    ("condemned", [CALL, ev(2, "CONDEMNATION", 400, 420)], Outcome.NOT_VIOLATING),
    ("negated", [CALL, ev(2, "NEGATION", 490, 505)], Outcome.NOT_VIOLATING),
    ("negation after does not count", [CALL, ev(2, "NEGATION", 600, 610)], Outcome.VIOLATING),
    ("inside a verse", [CALL, ev(2, "QURAN_VERSE", 480, 560, ref="2:191")], Outcome.NOT_VIOLATING),
    ("research framing", [CALL, ev(2, "RESEARCH", 100, 130)], Outcome.NOT_VIOLATING),
    ("martyr word alone", [ev(1, "MARTYRDOM", 10, 15, 0.3)], Outcome.NOT_VIOLATING),
    ("condolence with martyr", [ev(1, "MARTYRDOM", 10, 15, 0.3), ev(2, "CONDOLENCE", 20, 40)], Outcome.NOT_VIOLATING),
    ("condolence calling for revenge", [ev(1, "MARTYRDOM", 10, 15, 0.3), ev(2, "CONDOLENCE", 20, 40), CALL],
     Outcome.VIOLATING),
    ("weak call reaches review only", [ev(1, "CALL_TO_VIOLENCE", 500, 530, 0.5)], Outcome.REVIEW),
]


@pytest.mark.parametrize(("name", "evidence", "expected"), CASES, ids=[c[0] for c in CASES])
def test_outcome_follows_evidence_and_context(name: str, evidence: list[Evidence], expected: Outcome) -> None:
    analysis = decide(evidence)
    assert analysis.decision is not None
    assert analysis.decision.outcome is expected, analysis.decision.categories


def test_category_decision_lists_evidence_qualifiers_and_versions() -> None:
    analysis = decide([CALL, ev(2, "DESIGNATED_ENTITY", 540, 560, entity_id="isil", lists=["US-FTO"])])
    decision = analysis.decision
    assert decision is not None and decision.policy == "tco@2" and decision.jurisdiction == "all"
    incitement = next(c for c in decision.categories if c.id == "incitement")
    assert incitement.evidence == ("e1",)
    assert incitement.qualifiers == ("e2",)
    assert incitement.score == pytest.approx(0.95)
    assert any("designated_entity_near" in line for line in incitement.explanation)


def test_jurisdiction_selects_which_lists_count() -> None:
    issuer = ev(2, "ISSUER", 0, 20, 1.0, entity_id="grp")
    entity = ev(3, "DESIGNATED_ENTITY", 5, 15, 1.0, entity_id="grp", lists=["UK-PROSCRIBED"])
    uk = decide([issuer, entity], jurisdiction="uk").decision
    us = decide([issuer, entity], jurisdiction="us").decision
    assert uk is not None and us is not None
    assert [c.id for c in uk.categories] == ["designated_propaganda"]
    assert us.outcome is Outcome.NOT_VIOLATING


def test_unknown_jurisdiction_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="E201"):
        PolicyEngine(load_policy("tco"), "mars")


def test_known_content_match_is_a_feature_and_a_qualifier() -> None:
    hit = MatchHit("known", "minhash", 0.95, "entry-1", {"category": "designated_propaganda"})
    decision = decide([], matches=(hit,)).decision
    assert decision is not None and decision.outcome is Outcome.VIOLATING
    assert decision.categories[0].id == "designated_propaganda"


def test_strict_policy_differs_only_in_data() -> None:
    support = [ev(1, "SUPPORT", 100, 120, 0.8, entity_id="isil")]
    assert decide(support, "tco").decision.outcome is Outcome.REVIEW  # type: ignore[union-attr]
    assert decide(support, "platform_strict").decision.outcome is Outcome.VIOLATING  # type: ignore[union-attr]


def test_not_violating_has_no_statement_and_violating_has_one() -> None:
    assert decide([]).decision.statement_of_reasons is None  # type: ignore[union-attr]
    statement = decide([CALL]).decision.statement_of_reasons  # type: ignore[union-attr]
    assert statement is not None and statement["dsa"]["decision_ground"] == "DECISION_GROUND_ILLEGAL_CONTENT"

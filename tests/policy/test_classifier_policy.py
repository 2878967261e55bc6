"""The classifier in the policy: alone it brings content to review; violating needs corroboration."""

from __future__ import annotations

import pytest

from basira.policy import PolicyEngine, PolicyStage, load_policy
from basira.types import Analysis, Document, Evidence, EvidenceKind, MatchHit, Outcome

from .test_engine import TEXT, decide, ev


def model(i: int, start: int, probability: float) -> Evidence:
    return Evidence(f"e{i}", EvidenceKind.MODEL, "MODEL_TVEC", start, start + 5, TEXT[start:start + 5],
                    "classifier@1", "basira-tvec:arabic", probability, {"weight": 1.0, "probability": probability})


LISTED = ev(9, "DESIGNATED_ENTITY", 1800, 1810, entity_id="isil", lists=["UN-1267"])
UNLISTED = ev(9, "DESIGNATED_ENTITY", 1800, 1810, entity_id="someone", lists=[])
MATCH = (MatchHit("known", "sha256", 1.0, "entry-1"),)

CASES = [
    ("low score", [model(1, 10, 0.4)], (), Outcome.NOT_VIOLATING),
    ("high score alone is review", [model(1, 10, 0.97)], (), Outcome.REVIEW),
    ("mid score alone is review", [model(1, 10, 0.7)], (), Outcome.REVIEW),
    ("corroborated by a rule signal", [model(1, 10, 0.95), ev(2, "GLORIFICATION", 1500, 1520, 0.3)], (),
     Outcome.VIOLATING),
    ("corroborated by a listed entity", [model(1, 10, 0.95), LISTED], (), Outcome.VIOLATING),
    ("an unlisted entity does not corroborate", [model(1, 10, 0.95), UNLISTED], (), Outcome.REVIEW),
    ("corroborated by a known-content match", [model(1, 10, 0.95)], MATCH, Outcome.VIOLATING),
    ("corroboration does not lift a mid score", [model(1, 10, 0.7), LISTED], (), Outcome.REVIEW),
    ("news attribution anywhere lowers it", [model(1, 10, 0.8), ev(2, "REPORTING", 1900, 1910)], (),
     Outcome.NOT_VIOLATING),
    ("condemnation anywhere lowers it", [model(1, 10, 0.95), ev(2, "CONDEMNATION", 1900, 1910)], (),
     Outcome.NOT_VIOLATING),
]


@pytest.mark.parametrize(("name", "evidence", "matches", "expected"), CASES, ids=[c[0] for c in CASES])
def test_classifier_category(name: str, evidence: list[Evidence], matches: tuple[MatchHit, ...],
                             expected: Outcome) -> None:
    analysis = decide(evidence, matches=matches)
    assert analysis.decision is not None
    category = {c.id: c for c in analysis.decision.categories}.get("classifier")
    got = category.outcome if category else Outcome.NOT_VIOLATING
    assert got is expected, analysis.decision.categories


def test_the_explanation_says_why_it_stayed_at_review_and_the_statement_is_partly_automated() -> None:
    analysis = decide([model(1, 10, 0.97)])
    assert analysis.decision is not None
    category = analysis.decision.categories[0]
    assert category.id == "classifier" and any("needs corroboration" in line for line in category.explanation)
    statement = analysis.decision.statement_of_reasons
    assert statement is not None and statement["dsa"]["automated_decision"] == "AUTOMATED_DECISION_PARTIALLY"


def test_corroborating_evidence_is_part_of_the_decision() -> None:
    analysis = decide([model(1, 10, 0.95), LISTED])
    assert analysis.decision is not None
    category = analysis.decision.categories[0]
    assert category.evidence == ("e1", "e9") and any("corroborated by e9" in line for line in category.explanation)


def test_the_strict_policy_names_a_score_that_needs_no_corroboration() -> None:
    strict = decide([model(1, 10, 0.995)], policy="platform_strict")
    assert strict.decision is not None and strict.decision.outcome is Outcome.VIOLATING
    tco = decide([model(1, 10, 0.995)])
    assert tco.decision is not None and tco.decision.outcome is Outcome.REVIEW


# -- classifier_disagrees: a rule signal where the classifier ran and does not agree ------------------------
CALL = ev(1, "CALL_TO_VIOLENCE", 500, 530)
LISTED_ISSUER = ev(8, "ISSUER", 0, 20, 1.0, entity_id="isil", lists=["UN-1267"])
UNLISTED_ISSUER = ev(8, "ISSUER", 0, 20, 1.0, entity_id="someone", lists=[])

DISAGREE_CASES = [
    ("the classifier did not run", [CALL], {}, Outcome.VIOLATING),
    ("the classifier ran and stayed low", [CALL], {"model": "m@1"}, Outcome.NOT_VIOLATING),
    ("the classifier agrees", [CALL, model(2, 10, 0.7)], {"model": "m@1"}, Outcome.VIOLATING),
    ("a designated issuer: the classifier's low score does not count",
     [CALL, LISTED_ISSUER], {"model": "m@1"}, Outcome.VIOLATING),
    ("an issuer on no list does not lift it", [CALL, UNLISTED_ISSUER], {"model": "m@1"}, Outcome.NOT_VIOLATING),
]


@pytest.mark.parametrize(("name", "evidence", "versions", "expected"), DISAGREE_CASES,
                         ids=[c[0] for c in DISAGREE_CASES])
def test_a_rule_signal_the_classifier_disagrees_with(name: str, evidence: list[Evidence], versions: dict[str, str],
                                                     expected: Outcome) -> None:
    doc = Document("d1", "test", TEXT, "text", lang="ar")
    stage = PolicyStage(PolicyEngine(load_policy("tco"), None))
    analysis = stage.apply(Analysis(doc, tuple(evidence), versions=versions))
    assert analysis.decision is not None
    incitement = {c.id: c for c in analysis.decision.categories}.get("incitement")
    got = incitement.outcome if incitement else Outcome.NOT_VIOLATING
    assert got is expected, analysis.decision.categories


def headed(i: int, probability: float, head: str) -> Evidence:
    e = model(i, 10, probability)
    return Evidence(e.id, e.kind, e.label, e.start, e.end, e.text, e.recognizer, e.rule, e.score,
                    {**e.attrs, "head": head})


@pytest.mark.parametrize(("head", "probability", "expected"), [
    ("arabic", 0.55, Outcome.REVIEW),  # the Arabic head reviews from 0.5 (tco)
    ("latin", 0.55, Outcome.NOT_VIOLATING),  # the English head from 0.6
    ("latin", 0.65, Outcome.REVIEW),
    ("other", 0.55, Outcome.NOT_VIOLATING),  # a head the policy does not name: the category's 0.6
])
def test_each_classifier_head_has_its_own_review_threshold(head: str, probability: float,
                                                           expected: Outcome) -> None:
    analysis = decide([headed(1, probability, head)])
    assert analysis.decision is not None
    category = {c.id: c for c in analysis.decision.categories}.get("classifier")
    assert (category.outcome if category else Outcome.NOT_VIOLATING) is expected

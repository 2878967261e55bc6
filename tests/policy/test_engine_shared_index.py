"""The per-analysis qualifier index: shared by every category and by qualifiers that pick the same evidence,
never by qualifiers that pick differently (listed, attrs), and the scopes the bisection bounds alone do not
decide (same sentence, a negative window) still get their exact test."""

from __future__ import annotations

from typing import Any

import pytest

from basira.policy import PolicyEngine, load_policy
from basira.policy.model import Policy
from basira.types import Analysis, Document, Evidence, EvidenceKind, Outcome

TEXT = "x" * 600 + "." + "x" * 1399


def ev(i: int, label: str, start: int, end: int, score: float = 0.9, **attrs: object) -> Evidence:
    return Evidence(f"e{i}", EvidenceKind.SIGNAL, label, start, end, TEXT[start:end], "test@1", f"r.{label}", score,
                    attrs)


def with_qualifiers(*qualifiers: dict[str, Any]) -> Policy:
    """tco with extra qualifiers on incitement (the category whose feature is CALL_TO_VIOLENCE)."""
    data = load_policy(None).model_dump()
    data["categories"]["incitement"]["qualifiers"] += list(qualifiers)
    return Policy.model_validate(data)


def incitement(policy: Policy, evidence: list[Evidence]) -> tuple[str, ...]:
    analysis = Analysis(Document("d1", "test", TEXT, "text", lang="ar"), tuple(evidence))
    decision, _ = PolicyEngine(policy).score_category("incitement", analysis)
    return decision.qualifiers


LISTED = {"id": "listed_near", "labels": ["DESIGNATED_ENTITY"], "listed": True, "effect": 0.05, "scope": "near"}
UNLISTED = {"id": "any_near", "labels": ["DESIGNATED_ENTITY"], "effect": -0.05, "scope": "near"}
FORM = {"id": "form_near", "labels": ["DESIGNATED_ENTITY"], "attrs": {"form": "x"}, "effect": -0.05, "scope": "near"}


@pytest.mark.parametrize("order", [(LISTED, UNLISTED, FORM), (UNLISTED, FORM, LISTED), (FORM, LISTED, UNLISTED)])
def test_qualifiers_with_the_same_labels_but_other_filters_keep_their_own_candidates(
    order: tuple[dict[str, Any], ...],
) -> None:
    policy = with_qualifiers(*order)
    call = ev(1, "CALL_TO_VIOLENCE", 500, 530)
    unlisted = ev(2, "DESIGNATED_ENTITY", 540, 550, entity_id="q1")
    listed = ev(3, "DESIGNATED_ENTITY", 560, 570, entity_id="q2", lists=["US-FTO"])
    shaped = ev(4, "DESIGNATED_ENTITY", 575, 580, entity_id="q3", form="x")
    # each qualifier names the first evidence (in document order) that passes its own filters
    assert set(incitement(policy, [call, unlisted])) == {"e2"}
    assert set(incitement(policy, [call, unlisted, listed, shaped])) == {"e2", "e3", "e4"}
    assert set(incitement(policy, [call, listed])) == {"e3"}
    assert set(incitement(policy, [call, shaped])) == {"e4"}


def test_same_sentence_still_looks_for_a_sentence_end_between_the_spans() -> None:
    policy = with_qualifiers({"id": "beside", "labels": ["NEGATION"], "effect": -0.8, "scope": "same_sentence",
                              "window": 300})
    call = ev(1, "CALL_TO_VIOLENCE", 500, 530)
    assert incitement(policy, [call, ev(2, "NEGATION", 550, 560)]) == ("e2",)
    assert incitement(policy, [call, ev(2, "NEGATION", 610, 620)]) == ()  # the "." at 600 lies between
    assert incitement(policy, [call, ev(2, "NEGATION", 610, 620), ev(3, "NEGATION", 580, 590)]) == ("e3",)


def test_a_negative_near_window_is_never_met_even_by_overlapping_spans() -> None:
    policy = with_qualifiers({"id": "never", "labels": ["NEGATION"], "effect": -0.8, "scope": "near", "window": -1})
    call = ev(1, "CALL_TO_VIOLENCE", 500, 530)
    assert incitement(policy, [call, ev(2, "NEGATION", 505, 510)]) == ()


def test_decide_shares_one_index_and_decides_as_each_category_alone() -> None:
    policy = load_policy(None)
    evidence = [ev(1, "CALL_TO_VIOLENCE", 500, 530), ev(2, "GLORIFICATION", 700, 720), ev(3, "REPORTING", 1500, 1510),
                ev(4, "CONDOLENCE", 690, 699), ev(5, "ISSUER", 0, 20, entity_id="q9", lists=["US-FTO"]),
                ev(6, "DESIGNATED_ENTITY", 540, 550, entity_id="q9")]
    analysis = Analysis(Document("d1", "test", TEXT, "text", lang="ar"), tuple(evidence))
    engine = PolicyEngine(policy)
    decision = engine.decide(analysis)
    alone = [PolicyEngine(policy).score_category(name, analysis)[0] for name in policy.categories]
    assert decision.categories == tuple(sorted((c for c in alone if c.outcome is not Outcome.NOT_VIOLATING),
                                               key=lambda c: (-c.outcome.severity, -c.score)))
    assert decision.categories  # the call fires incitement at least

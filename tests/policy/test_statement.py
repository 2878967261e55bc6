"""Statements of reasons carry the DSA Transparency Database field names and enum values."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from basira.policy.statement import MAX_FACTS, DsaStatement

from .test_engine import CALL, decide, ev


def test_violating_statement_validates_and_quotes_the_evidence() -> None:
    statement = decide([CALL]).decision.statement_of_reasons  # type: ignore[union-attr]
    assert statement is not None
    dsa = DsaStatement.model_validate(statement["dsa"])
    assert dsa.category == "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY"
    assert dsa.category_specification == ["KEYWORD_TERRORIST_CONTENT"]
    assert dsa.decision_visibility == ["DECISION_VISIBILITY_CONTENT_REMOVED"]
    assert dsa.automated_decision == "AUTOMATED_DECISION_FULLY"
    assert dsa.content_language == "AR"
    assert "Art. 2(7)(a)" in (dsa.illegal_content_legal_ground or "")
    assert "CALL_TO_VIOLENCE at 500-530" in dsa.decision_facts
    assert statement["text"]["ar"].startswith("أُزيل") and "appeal" in statement["text"]["en"]


def test_platform_category_uses_the_incompatible_ground() -> None:
    support = [ev(1, "SUPPORT", 100, 120, 0.8)]
    statement = decide(support).decision.statement_of_reasons  # type: ignore[union-attr]
    assert statement is not None
    assert statement["dsa"]["decision_ground"] == "DECISION_GROUND_INCOMPATIBLE_CONTENT"
    assert statement["dsa"]["incompatible_content_illegal"] == "No"
    assert statement["dsa"]["automated_decision"] == "AUTOMATED_DECISION_PARTIALLY"
    assert statement["dsa"]["decision_visibility"] == ["DECISION_VISIBILITY_CONTENT_DISABLED"]


VALID = {
    "decision_visibility": ["DECISION_VISIBILITY_CONTENT_REMOVED"],
    "decision_ground": "DECISION_GROUND_ILLEGAL_CONTENT",
    "illegal_content_legal_ground": "TCO Art. 2(7)(a)",
    "illegal_content_explanation": "x",
    "category": "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
    "content_type": ["CONTENT_TYPE_TEXT"],
    "content_date": "2026-01-01",
    "application_date": "2026-01-02",
    "decision_facts": "facts",
    "source_type": "SOURCE_VOLUNTARY",
    "automated_detection": "Yes",
    "automated_decision": "AUTOMATED_DECISION_FULLY",
    "puid": "doc-1",
}


@pytest.mark.parametrize(
    "change",
    [
        {"decision_visibility": ["CONTENT_REMOVED"]},
        {"automated_decision": "FULLY"},
        {"automated_detection": "yes"},
        {"category": "RISK_FOR_PUBLIC_SECURITY"},
        {"decision_facts": "x" * (MAX_FACTS + 1)},
        {"illegal_content_legal_ground": None},
        {"content_language": "arabic"},
        {"unknown_field": 1},
    ],
)
def test_model_rejects_misspelt_fields_and_values(change: dict[str, object]) -> None:
    DsaStatement.model_validate(VALID)
    with pytest.raises(ValidationError):
        DsaStatement.model_validate({**VALID, **change})

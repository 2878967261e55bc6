"""Statements of reasons in the field names and enum values of the EU DSA Transparency Database API.

Checked against the Transparency Database's published attribute list (decision_visibility, decision_ground,
illegal_content_legal_ground, incompatible_content_ground, category, category_specification, content_type,
content_language, decision_facts, source_type, automated_detection, automated_decision, puid ...).
basira proposes a statement; the platform submits it.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from basira.policy.model import Policy
from basira.types import Analysis, Decision, Outcome, storable

MAX_FACTS = 5000


class DecisionVisibility(StrEnum):
    DECISION_VISIBILITY_CONTENT_REMOVED = "DECISION_VISIBILITY_CONTENT_REMOVED"
    DECISION_VISIBILITY_CONTENT_DISABLED = "DECISION_VISIBILITY_CONTENT_DISABLED"
    DECISION_VISIBILITY_CONTENT_DEMOTED = "DECISION_VISIBILITY_CONTENT_DEMOTED"
    DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED = "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED"
    DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED = "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED"
    DECISION_VISIBILITY_CONTENT_LABELLED = "DECISION_VISIBILITY_CONTENT_LABELLED"
    DECISION_VISIBILITY_OTHER = "DECISION_VISIBILITY_OTHER"


class DecisionGround(StrEnum):
    DECISION_GROUND_ILLEGAL_CONTENT = "DECISION_GROUND_ILLEGAL_CONTENT"
    DECISION_GROUND_INCOMPATIBLE_CONTENT = "DECISION_GROUND_INCOMPATIBLE_CONTENT"


class AutomatedDecision(StrEnum):
    AUTOMATED_DECISION_FULLY = "AUTOMATED_DECISION_FULLY"
    AUTOMATED_DECISION_PARTIALLY = "AUTOMATED_DECISION_PARTIALLY"
    AUTOMATED_DECISION_NOT_AUTOMATED = "AUTOMATED_DECISION_NOT_AUTOMATED"


class SourceType(StrEnum):
    SOURCE_ARTICLE_16 = "SOURCE_ARTICLE_16"
    SOURCE_TRUSTED_FLAGGER = "SOURCE_TRUSTED_FLAGGER"
    SOURCE_TYPE_OTHER_NOTIFICATION = "SOURCE_TYPE_OTHER_NOTIFICATION"
    SOURCE_VOLUNTARY = "SOURCE_VOLUNTARY"


class YesNo(StrEnum):
    Yes = "Yes"
    No = "No"


class DsaStatement(BaseModel):
    """The DSA Transparency Database statement fields basira fills (API v2 names and enums)."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)
    decision_visibility: list[DecisionVisibility] = Field(min_length=1)
    decision_ground: DecisionGround
    decision_ground_reference_url: str | None = None
    illegal_content_legal_ground: str | None = None
    illegal_content_explanation: str | None = None
    incompatible_content_ground: str | None = None
    incompatible_content_explanation: str | None = None
    incompatible_content_illegal: YesNo | None = None
    category: str = Field(pattern=r"^STATEMENT_CATEGORY_[A-Z_]+$")
    category_specification: list[str] = Field(default_factory=list)
    content_type: list[str] = Field(min_length=1)
    content_language: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    content_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    application_date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    decision_facts: str = Field(max_length=MAX_FACTS)
    source_type: SourceType
    automated_detection: YesNo
    automated_decision: AutomatedDecision
    puid: str = Field(max_length=500)

    @model_validator(mode="after")
    def _ground_fields(self) -> DsaStatement:
        if self.decision_ground == DecisionGround.DECISION_GROUND_ILLEGAL_CONTENT:
            if not (self.illegal_content_legal_ground and self.illegal_content_explanation):
                raise ValueError("illegal content needs illegal_content_legal_ground and _explanation")
        elif not (self.incompatible_content_ground and self.incompatible_content_explanation):
            raise ValueError("incompatible content needs incompatible_content_ground and _explanation")
        return self


def _facts(analysis: Analysis, decision: Decision) -> str:
    by_id = {e.id: e for e in analysis.evidence}
    parts = []
    for category in decision.categories:
        for evidence_id in category.evidence:
            e = by_id[evidence_id]
            parts.append(f'{category.id}: {e.label} at {e.start}-{e.end} ("{e.text}", rule {e.rule})')
        for qualifier in category.qualifiers:
            q = by_id.get(qualifier)
            if q is not None:
                parts.append(f'{category.id}: qualifier {q.label} at {q.start}-{q.end} ("{q.text}")')
    facts = "Automated detection by basira; evidence spans: " + "; ".join(parts)
    return facts if len(facts) <= MAX_FACTS else facts[: MAX_FACTS - 1] + "…"


def build_statement(policy: Policy, analysis: Analysis, decision: Decision) -> dict[str, Any]:
    """The DSA fields plus bilingual text for the affected user; validated before it is returned."""
    outcome = decision.outcome.value
    lead = decision.categories[0]
    category = policy.categories[lead.id]
    illegal = category.ground == "illegal"
    today = dt.date.today().isoformat()
    explanation_en = "; ".join(
        f"{c.id} ({c.legal_ref}): {policy.categories[c.id].summary.en}" for c in decision.categories
    )
    fields: dict[str, Any] = {
        "decision_visibility": policy.statement.decision_visibility[outcome],
        "decision_ground": "DECISION_GROUND_ILLEGAL_CONTENT" if illegal else "DECISION_GROUND_INCOMPATIBLE_CONTENT",
        "category": "STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY",
        "category_specification": ["KEYWORD_TERRORIST_CONTENT"],
        "content_type": ["CONTENT_TYPE_TEXT"],
        "content_language": (analysis.document.lang or "").upper() or None,
        "content_date": storable(str(analysis.document.metadata.get("date", today))[:10]),
        "application_date": today,
        # A library caller's Document may hold what ingest never lets through (a lone surrogate, NUL).
        "decision_facts": storable(_facts(analysis, decision)),
        "source_type": policy.statement.source_type,
        "automated_detection": "Yes",
        "automated_decision": policy.statement.automated_decision[outcome],
        "puid": storable(analysis.document.id[:500]),
    }
    if illegal:
        fields["illegal_content_legal_ground"] = category.legal_ground
        fields["illegal_content_explanation"] = explanation_en
    else:
        fields["incompatible_content_ground"] = category.legal_ground
        fields["incompatible_content_explanation"] = explanation_en
        fields["incompatible_content_illegal"] = "No"
        if policy.statement.reference_url:
            fields["decision_ground_reference_url"] = policy.statement.reference_url
    dsa = DsaStatement.model_validate(fields).model_dump(exclude_none=True)
    return {
        "dsa": dsa,
        "text": {"en": render_en(policy, decision), "ar": render_ar(policy, decision)},
        "policy": policy.key,
        "outcome": outcome,
    }


def render_en(policy: Policy, decision: Decision) -> str:
    action = "was removed" if decision.outcome is Outcome.VIOLATING else "is held for review by a person"
    lines = [f"Your content {action} under the policy “{policy.title.en}”."]
    for c in decision.categories:
        lines.append(f"- {policy.categories[c.id].summary.en} ({c.legal_ref}; score {c.score:.2f}).")
    lines.append("The passages that led to this decision are marked in the notice. You may appeal this decision.")
    return "\n".join(lines)


def render_ar(policy: Policy, decision: Decision) -> str:
    action = "أُزيل" if decision.outcome is Outcome.VIOLATING else "أُحيل إلى مراجعة بشرية"
    lines = [f"{action} المحتوى الخاص بك وفق سياسة «{policy.title.ar}»."]
    for c in decision.categories:
        lines.append(f"- {policy.categories[c.id].summary.ar} ({c.legal_ref}؛ الدرجة {c.score:.2f}).")
    lines.append("المقاطع التي بُني عليها القرار محددة في الإشعار. يحق لك الطعن في هذا القرار.")
    return "\n".join(lines)

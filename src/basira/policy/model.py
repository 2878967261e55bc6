"""The policy file schema (pydantic). A policy is data: categories, features, qualifiers, thresholds."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Scope = Literal["document", "near", "contains", "before", "same_sentence"]


class Text(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    en: str
    ar: str


class Thresholds(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    review: float = Field(ge=0, le=1)
    violating: float = Field(ge=0, le=1)

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.review > self.violating:
            raise ValueError("review threshold must not exceed the violating threshold")
        return self


class Feature(BaseModel):
    """Main evidence of a category. Contribution = weight × evidence score."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str | None = None
    source: Literal["evidence", "match"] = "evidence"
    weight: float = Field(gt=0, le=1.5)
    # "evidence": contribution = weight × the evidence's score; "fixed": contribution = weight (for structural
    # evidence such as ISSUER, whose score says how sure the span is, not how harmful the text is).
    scoring: Literal["evidence", "fixed"] = "evidence"
    listed: bool = False  # the evidence must name an entity on a list of the jurisdiction
    attrs: dict[str, str | bool] = Field(default_factory=dict)  # equality filters on evidence attrs
    requires_any: list[str] = Field(default_factory=list)  # counts only if one of these labels is present
    min_similarity: float = 0.0  # for source=match
    # this feature's own thresholds instead of the category's (e.g. one per classifier head: each head's
    # precision at a score differs, so each is read off cross-validation on its own language)
    thresholds: Thresholds | None = None
    note: str = ""

    @model_validator(mode="after")
    def _label_for_evidence(self) -> Feature:
        if self.source == "evidence" and not self.label:
            raise ValueError("an evidence feature needs a label")
        return self


class Qualifier(BaseModel):
    """Evidence that raises (effect > 0) or lowers (effect < 0) a feature's score."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    labels: list[str] = Field(default_factory=list)
    source: Literal["evidence", "match"] = "evidence"
    effect: float = Field(ge=-1, le=1)
    scope: Scope = "document"
    window: int = 200  # characters, for near/before
    listed: bool = False
    attrs: dict[str, str | bool] = Field(default_factory=dict)
    # "absent": applies (document-wide) when a classifier ran and no evidence with these labels reached
    # ``min_score``: the trained classifier does not agree with the rule.
    when: Literal["present", "absent"] = "present"
    min_score: float = Field(default=0.0, ge=0, le=1)
    # does not apply in a document holding evidence with one of these labels that names a listed entity
    # (e.g. a designated issuer: a statement the classifier's training data did not cover)
    unless_listed: list[str] = Field(default_factory=list)
    note: str = ""


class Corroboration(BaseModel):
    """What a category needs beside its main feature to be ``violating``; without it the outcome stays at
    ``review`` (a person confirms). For features that may propose but not decide alone: a classifier."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    labels: list[str] = Field(default_factory=list)  # any evidence with one of these labels
    listed_labels: list[str] = Field(default_factory=list)  # evidence naming an entity on a list of the jurisdiction
    match: bool = False  # a known-content match
    unless_score: float | None = Field(default=None, ge=0, le=1)  # at or above this score no corroboration is needed
    note: str = ""


class Category(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    legal_ref: str
    ground: Literal["illegal", "incompatible"]
    legal_ground: str  # the text for the DSA statement's legal/contractual ground
    summary: Text
    features: list[Feature]
    qualifiers: list[Qualifier] = Field(default_factory=list)
    skip_common: list[str] = Field(default_factory=list)  # common qualifier ids not applied here
    thresholds: Thresholds
    violating_requires: Corroboration | None = None


class StatementSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    automated_decision: dict[str, str]
    decision_visibility: dict[str, list[str]]
    source_type: str = "SOURCE_VOLUNTARY"
    reference_url: str | None = None


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    version: str
    title: Text
    description: str
    jurisdictions: dict[str, list[str]]
    default_jurisdiction: str
    common_qualifiers: list[Qualifier] = Field(default_factory=list)
    categories: dict[str, Category]
    statement: StatementSettings

    @model_validator(mode="after")
    def _consistent(self) -> Policy:
        if self.default_jurisdiction not in self.jurisdictions:
            raise ValueError(f"default_jurisdiction {self.default_jurisdiction!r} is not a defined jurisdiction")
        common = {q.id for q in self.common_qualifiers}
        for name, category in self.categories.items():
            unknown = set(category.skip_common) - common
            if unknown:
                raise ValueError(f"category {name}: skip_common names unknown qualifiers {sorted(unknown)}")
        return self

    @property
    def key(self) -> str:
        return f"{self.id}@{self.version}"

    def qualifiers_for(self, category: str) -> list[Qualifier]:
        cat = self.categories[category]
        return [q for q in self.common_qualifiers if q.id not in cat.skip_common] + list(cat.qualifiers)

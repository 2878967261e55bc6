"""The policy engine: evidence → per-category scores → outcomes, each step recorded for the explanation.

Scoring (nomenklatura style). For every main-feature evidence e of a category:
    score(e) = weight × e.score + Σ effect of each qualifier that applies to e (strongest instance per id)
The category score is the best score(e), clipped to [0, 1]; its outcome follows the category thresholds.
Qualifiers apply by scope: anywhere in the document, near e (within ``window`` characters), containing e
(e lies inside a quotation), before e (a negation just ahead), or in the same sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import regex

from basira.policy.model import Category, Feature, Policy, Qualifier
from basira.types import Analysis, CategoryDecision, Decision, Evidence, MatchHit, Outcome

SENTENCE_END = regex.compile(r"[.!?؟\n;؛]")


@dataclass(frozen=True, slots=True)
class Scored:
    """One feature instance with the qualifiers that moved it."""

    evidence_id: str | None  # None for a match feature
    label: str
    base: float
    applied: tuple[tuple[Qualifier, str], ...]  # (qualifier, qualifying evidence id or "match:<entry>")

    @property
    def score(self) -> float:
        return max(0.0, min(1.0, self.base + sum(q.effect for q, _ in self.applied)))


class PolicyEngine:
    def __init__(self, policy: Policy, jurisdiction: str | None = None):
        jurisdiction = jurisdiction or policy.default_jurisdiction
        if jurisdiction not in policy.jurisdictions:
            known = ", ".join(sorted(policy.jurisdictions))
            raise KeyError(f"E201: jurisdiction {jurisdiction!r} is not defined in policy {policy.id} ({known})")
        self.policy = policy
        self.jurisdiction = jurisdiction
        self.lists = frozenset(policy.jurisdictions[jurisdiction])

    # -- evidence predicates ---------------------------------------------------------------------------
    def _entity_lists(self, evidence: Sequence[Evidence]) -> dict[str, set[str]]:
        lists: dict[str, set[str]] = {}
        for e in evidence:
            entity_id = e.attrs.get("entity_id")
            if entity_id and e.attrs.get("lists"):
                lists.setdefault(str(entity_id), set()).update(e.attrs["lists"])
        return lists

    def is_listed(self, e: Evidence, entity_lists: Mapping[str, set[str]]) -> bool:
        lists = set(e.attrs.get("lists") or ()) | entity_lists.get(str(e.attrs.get("entity_id")), set())
        return bool(lists & self.lists)

    @staticmethod
    def _attrs_match(e: Evidence, wanted: Mapping[str, Any]) -> bool:
        return all(e.attrs.get(k) == v for k, v in wanted.items())

    @staticmethod
    def _in_scope(q: Qualifier, target: Evidence, other: Evidence, text: str) -> bool:
        if q.scope == "document":
            return True
        if q.scope == "contains":
            return other.start <= target.start and target.end <= other.end
        if q.scope == "before":
            return other.start <= target.start and target.start - other.end <= q.window
        gap = max(other.start - target.end, target.start - other.end, 0)
        if q.scope == "near":
            return gap <= q.window
        # same_sentence: nothing that ends a sentence lies between the two spans
        low, high = min(target.end, other.end), max(target.start, other.start)
        return gap <= q.window and not (high > low and SENTENCE_END.search(text, low, high))

    # -- scoring ----------------------------------------------------------------------------------------
    def _feature_instances(
        self, feature: Feature, analysis: Analysis, present: set[str], entity_lists: Mapping[str, set[str]]
    ) -> Iterable[tuple[Evidence | None, float, str, MatchHit | None]]:
        if feature.requires_any and not present & set(feature.requires_any):
            return
        if feature.source == "match":
            for hit in analysis.matches:
                if hit.similarity >= feature.min_similarity:
                    yield None, feature.weight * hit.similarity, f"KNOWN_CONTENT:{hit.bank}", hit
            return
        for e in analysis.evidence:
            if e.label != feature.label or not self._attrs_match(e, feature.attrs):
                continue
            if feature.listed and not self.is_listed(e, entity_lists):
                continue
            base = feature.weight if feature.scoring == "fixed" else feature.weight * e.score
            yield e, base, e.label, None

    def _qualify(
        self,
        target: Evidence | None,
        qualifiers: Sequence[Qualifier],
        analysis: Analysis,
        entity_lists: Mapping[str, set[str]],
    ) -> tuple[tuple[Qualifier, str], ...]:
        applied: list[tuple[Qualifier, str]] = []
        text = analysis.document.text
        for q in qualifiers:
            if q.source == "match":
                if analysis.matches:
                    applied.append((q, f"match:{analysis.matches[0].entry}"))
                continue
            for other in analysis.evidence:
                if other.label not in q.labels or (target is not None and other.id == target.id):
                    continue
                if q.listed and not self.is_listed(other, entity_lists):
                    continue
                if not self._attrs_match(other, q.attrs):
                    continue
                if target is None and q.scope != "document":
                    continue
                if target is None or self._in_scope(q, target, other, text):
                    applied.append((q, other.id))
                    break  # one instance per qualifier id is enough: effects do not stack within an id
        return tuple(applied)

    def score_category(self, name: str, analysis: Analysis) -> tuple[CategoryDecision, Scored | None]:
        category: Category = self.policy.categories[name]
        present = {e.label for e in analysis.evidence}
        entity_lists = self._entity_lists(analysis.evidence)
        qualifiers = self.policy.qualifiers_for(name)
        best: Scored | None = None
        for feature in category.features:
            for e, base, label, _hit in self._feature_instances(feature, analysis, present, entity_lists):
                scored = Scored(
                    e.id if e else None, label, base, self._qualify(e, qualifiers, analysis, entity_lists)
                )
                if best is None or scored.score > best.score:
                    best = scored
        score = best.score if best else 0.0
        if score >= category.thresholds.violating:
            outcome = Outcome.VIOLATING
        elif score >= category.thresholds.review and score > 0:
            outcome = Outcome.REVIEW
        else:
            outcome = Outcome.NOT_VIOLATING
        explanation: tuple[str, ...] = ()
        if best is not None:
            lines = [f"{best.label} ({best.evidence_id or 'match'}): base {best.base:.2f}"]
            lines += [f"{q.id} ({source}): {q.effect:+.2f}" for q, source in best.applied]
            lines.append(
                f"score {score:.2f}; review ≥ {category.thresholds.review}, violating ≥ {category.thresholds.violating}"
            )
            explanation = tuple(lines)
        decision = CategoryDecision(
            id=name,
            legal_ref=category.legal_ref,
            outcome=outcome,
            score=score,
            evidence=(best.evidence_id,) if best and best.evidence_id else (),
            qualifiers=tuple(dict.fromkeys(src for _, src in best.applied)) if best else (),
            explanation=explanation,
        )
        return decision, best

    def decide(self, analysis: Analysis) -> Decision:
        categories = tuple(self.score_category(name, analysis)[0] for name in self.policy.categories)
        fired = [c for c in categories if c.outcome is not Outcome.NOT_VIOLATING]
        outcome = max((c.outcome for c in fired), key=lambda o: o.severity, default=Outcome.NOT_VIOLATING)
        return Decision(
            outcome=outcome,
            categories=tuple(sorted(fired, key=lambda c: (-c.outcome.severity, -c.score))),
            policy=self.policy.key,
            jurisdiction=self.jurisdiction,
        )


class PolicyStage:
    """The pipeline stage that applies a policy and attaches a statement of reasons."""

    name = "policy"

    def __init__(self, engine: PolicyEngine):
        self.engine = engine

    def versions(self) -> dict[str, str]:
        return {"policy": self.engine.policy.key, "jurisdiction": self.engine.jurisdiction}

    def apply(self, analysis: Analysis) -> Analysis:
        from basira.policy.statement import build_statement

        decision = self.engine.decide(analysis)
        if decision.outcome is not Outcome.NOT_VIOLATING:
            decision = replace(decision, statement_of_reasons=build_statement(self.engine.policy, analysis, decision))
        return replace(analysis, decision=decision)

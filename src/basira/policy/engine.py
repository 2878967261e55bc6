"""The policy engine: evidence → per-category scores → outcomes, each step recorded for the explanation.

Scoring (nomenklatura style). For every main-feature evidence e of a category:
    score(e) = weight × e.score + Σ effect of each qualifier that applies to e (strongest instance per id)
The category score is the best score(e), clipped to [0, 1]; its outcome follows the category thresholds.
Qualifiers apply by scope: anywhere in the document, near e (within ``window`` characters), containing e
(e lies inside a quotation), before e (a negation just ahead), or in the same sentence.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import regex

from basira.policy.model import Category, Corroboration, Feature, Policy, Qualifier, Thresholds
from basira.types import Analysis, CategoryDecision, Decision, Evidence, MatchHit, Outcome

SENTENCE_END = regex.compile(r"[.!?؟\n;؛]")


SEVERITY = {Outcome.NOT_VIOLATING: 0, Outcome.REVIEW: 1, Outcome.VIOLATING: 2}


def _outcome(score: float, thresholds: Thresholds) -> Outcome:
    if score >= thresholds.violating:
        return Outcome.VIOLATING
    if score >= thresholds.review and score > 0:
        return Outcome.REVIEW
    return Outcome.NOT_VIOLATING


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
        # the policy is frozen: each category's qualifiers are worked out once, not once per document
        self._qualifiers = {name: tuple(policy.qualifiers_for(name)) for name in policy.categories}
        # what a category decides when none of its features has an instance (most categories of most
        # documents): built once, it is immutable
        self._nothing = {
            name: CategoryDecision(id=name, legal_ref=category.legal_ref, outcome=Outcome.NOT_VIOLATING, score=0.0,
                                   evidence=(), qualifiers=(), explanation=())
            for name, category in policy.categories.items()
        }

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
        self,
        feature: Feature,
        analysis: Analysis,
        present: set[str],
        entity_lists: Mapping[str, set[str]],
        by_label: Mapping[str, Sequence[tuple[int, Evidence]]] | None = None,
    ) -> Iterable[tuple[Evidence | None, float, str, MatchHit | None]]:
        if feature.requires_any and not present & set(feature.requires_any):
            return
        if feature.source == "match":
            for hit in analysis.matches:
                if hit.similarity >= feature.min_similarity:
                    yield None, feature.weight * hit.similarity, f"KNOWN_CONTENT:{hit.bank}", hit
            return
        # by_label holds the same evidence in the same (document) order, grouped by label
        candidates: Iterable[Evidence] = analysis.evidence
        if by_label is not None:
            candidates = (e for _, e in by_label.get(feature.label or "", ()))
        for e in candidates:
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
        index: _QualifierIndex | None = None,
    ) -> tuple[tuple[Qualifier, str], ...]:
        """For each qualifier, the first evidence (in document order) that qualifies ``target``.

        Candidates come from ``index``: per qualifier, the evidence with its labels, list and attrs, looked
        up by position, so a document with thousands of signals and qualifiers is not scanned once per pair.
        """
        index = index or _QualifierIndex(self, analysis.evidence, entity_lists)
        applied: list[tuple[Qualifier, str]] = []
        text = analysis.document.text
        for q in qualifiers:
            if q.source == "match":
                if analysis.matches:
                    applied.append((q, f"match:{analysis.matches[0].entry}"))
                continue
            if q.when == "absent":  # never against a known-content match: the bank's word is not the rules'
                if target is not None and "model" in analysis.versions and not index.reaches(q):
                    applied.append((q, "classifier"))
                continue
            if target is None and q.scope != "document":
                continue
            other = index.first(q, target, text)
            if other is not None:
                applied.append((q, other.id))  # one instance per qualifier id: effects do not stack within an id
        return tuple(applied)

    def score_category(
        self, name: str, analysis: Analysis, index: _QualifierIndex | None = None
    ) -> tuple[CategoryDecision, Scored | None]:
        """``index``: the analysis's qualifier index, shared by all categories of one ``decide`` (built here if
        not given); it must have been built from ``analysis.evidence``."""
        category: Category = self.policy.categories[name]
        if index is None or index.evidence is not analysis.evidence:
            index = _QualifierIndex(self, analysis.evidence, self._entity_lists(analysis.evidence))
        present = index.present
        entity_lists = index.entity_lists
        qualifiers: tuple[Qualifier, ...] | None = None  # worked out at the first feature instance, if any
        best: Scored | None = None
        thresholds = category.thresholds
        outcome = Outcome.NOT_VIOLATING
        by_label = index.by_label
        for feature in category.features:
            # no instance without evidence of its label (or a known-content match): most features of most
            # documents; skipped here, before a generator is made for it
            if (not analysis.matches) if feature.source == "match" else (feature.label or "") not in by_label:
                continue
            feature_thresholds = feature.thresholds or category.thresholds
            for e, base, label, _hit in self._feature_instances(
                feature, analysis, present, entity_lists, by_label
            ):
                if qualifiers is None:
                    # A qualifier that looks for evidence the document does not hold (most, in most documents),
                    # or that the document switches off (unless_listed), can qualify no instance: it is left
                    # out once, not tried for every instance.
                    qualifiers = tuple(q for q in self._qualifiers[name] if index.applies(q))
                scored = Scored(
                    e.id if e else None, label, base, self._qualify(e, qualifiers, analysis, entity_lists, index)
                )
                scored_outcome = _outcome(scored.score, feature_thresholds)
                # the most severe outcome wins, then the higher score (features may have their own thresholds)
                if best is None or (SEVERITY[scored_outcome], scored.score) > (SEVERITY[outcome], best.score):
                    best, outcome, thresholds = scored, scored_outcome, feature_thresholds
        if best is None:
            return self._nothing[name], None
        score = best.score
        corroboration: str | None = None
        capped = False
        if outcome is Outcome.VIOLATING and category.violating_requires is not None:
            corroboration = self._corroboration(category.violating_requires, best, analysis, entity_lists)
            if corroboration is None:
                outcome, capped = Outcome.REVIEW, True
        lines = [f"{best.label} ({best.evidence_id or 'match'}): base {best.base:.2f}"]
        lines += [f"{q.id} ({source}): {q.effect:+.2f}" for q, source in best.applied]
        lines.append(f"score {score:.2f}; review ≥ {thresholds.review}, violating ≥ {thresholds.violating}")
        if corroboration is not None:
            lines.append(f"corroborated by {corroboration}")
        if capped:
            lines.append("violating needs corroboration (a rule signal, a designated entity or a known-content "
                         "match) and none was found: review, a person confirms")
        used = [best.evidence_id] if best.evidence_id else []
        if corroboration is not None and not corroboration.startswith(("match:", "score ")):
            used.append(corroboration)
        decision = CategoryDecision(
            id=name,
            legal_ref=category.legal_ref,
            outcome=outcome,
            score=score,
            evidence=tuple(used),
            qualifiers=tuple(dict.fromkeys(src for _, src in best.applied)),
            explanation=tuple(lines),
        )
        return decision, best

    def _corroboration(
        self, wanted: Corroboration, best: Scored, analysis: Analysis, entity_lists: Mapping[str, set[str]]
    ) -> str | None:
        """The first evidence id (or ``match:<entry>``, or ``score …``) that corroborates, else None."""
        if wanted.unless_score is not None and best.score >= wanted.unless_score:
            return f"score {best.score:.2f} ≥ {wanted.unless_score}"
        labels, listed = set(wanted.labels), set(wanted.listed_labels)
        for e in analysis.evidence:
            if e.id == best.evidence_id:
                continue
            if e.label in labels or (e.label in listed and self.is_listed(e, entity_lists)):
                return e.id
        if wanted.match and analysis.matches:
            return f"match:{analysis.matches[0].entry}"
        return None

    def decide(self, analysis: Analysis) -> Decision:
        # one index per analysis: the entity lists, the evidence by label and each qualifier's candidates are
        # the same for every category (common qualifiers are the same objects in each)
        index = _QualifierIndex(self, analysis.evidence, self._entity_lists(analysis.evidence))
        categories = tuple(self.score_category(name, analysis, index)[0] for name in self.policy.categories)
        fired = [c for c in categories if c.outcome is not Outcome.NOT_VIOLATING]
        outcome = max((c.outcome for c in fired), key=lambda o: o.severity, default=Outcome.NOT_VIOLATING)
        return Decision(
            outcome=outcome,
            categories=tuple(sorted(fired, key=lambda c: (-c.outcome.severity, -c.score))),
            policy=self.policy.key,
            jurisdiction=self.jurisdiction,
            considered=tuple(dict.fromkeys(i for c in categories for i in (*c.evidence, *c.qualifiers))),
        )


_Ordered = list[tuple[int, Evidence]]  # (position in the document's evidence, evidence)
_Buckets = list[tuple[int, list[int], list[tuple[int, int, Evidence]]]]  # (max length, starts, rows)
_Key = tuple[tuple[str, ...], bool, tuple[tuple[str, str | bool], ...]]  # what picks a qualifier's candidates


class _QualifierIndex:
    """One analysis's evidence as the policy reads it: by label, the entity lists, each qualifier's candidates.

    Built once per analysis and shared by every category. A qualifier's candidates (label, list and attrs
    match) are built on first use and shared by the qualifiers that pick them the same way (a common qualifier
    is one object in every category; a category's own may repeat another's labels). Candidates are bucketed by
    span length (powers of two) and sorted by start in each bucket, so that the spans that can lie within a
    scope of a target — start at most A, end at least B — are found by bisection: a span shorter than 2**k that
    ends at or after B starts after B - 2**k. The answer is the candidate earliest in document order that passes
    the exact scope test, as a linear scan would give.
    """

    def __init__(self, engine: PolicyEngine, evidence: Sequence[Evidence], entity_lists: Mapping[str, set[str]]):
        self.engine = engine
        self.evidence = evidence
        self.entity_lists = entity_lists
        self.by_label: dict[str, _Ordered] = {}
        for i, e in enumerate(evidence):
            self.by_label.setdefault(e.label, []).append((i, e))
        self.present = set(self.by_label)
        self._built: dict[int, tuple[_Ordered, _Buckets]] = {}  # by id(qualifier)
        self._shared: dict[_Key, tuple[_Ordered, _Buckets]] = {}
        self._reached: dict[int, bool] = {}
        self._listed: dict[tuple[str, ...], bool] = {}

    def _candidates(self, q: Qualifier) -> tuple[_Ordered, _Buckets]:
        built = self._built.get(id(q))
        if built is None:
            labels = tuple(dict.fromkeys(q.labels))
            key: _Key = (labels, q.listed, tuple(sorted(q.attrs.items())))
            built = self._shared.get(key)
            if built is None:
                built = self._build(q, labels)
                self._shared[key] = built
            self._built[id(q)] = built
        return built

    def _build(self, q: Qualifier, labels: tuple[str, ...]) -> tuple[_Ordered, _Buckets]:
        ordered = [row for label in labels for row in self.by_label.get(label, ())]
        if len(labels) > 1:
            ordered.sort(key=lambda row: row[0])
        if q.listed:
            ordered = [(i, e) for i, e in ordered if self.engine.is_listed(e, self.entity_lists)]
        if q.attrs:
            ordered = [(i, e) for i, e in ordered if self.engine._attrs_match(e, q.attrs)]
        buckets: dict[int, list[tuple[int, int, Evidence]]] = {}
        for i, e in ordered:
            buckets.setdefault(max(0, e.end - e.start).bit_length(), []).append((e.start, i, e))
        by_length: _Buckets = []
        for bits, rows in sorted(buckets.items()):
            rows.sort(key=lambda row: (row[0], row[1]))
            by_length.append((1 << bits, [row[0] for row in rows], rows))
        return ordered, by_length

    def applies(self, q: Qualifier) -> bool:
        """Whether ``q`` can qualify anything in this document: not when it looks for present evidence and
        none of the document's can qualify (whatever the target), nor when listed evidence switches it off."""
        if q.unless_listed and self.has_listed(q.unless_listed):
            return False
        return not (q.source == "evidence" and q.when == "present" and not self._candidates(q)[0])

    def has_listed(self, labels: Sequence[str]) -> bool:
        """Whether any evidence with one of ``labels`` names an entity on a list of the jurisdiction."""
        key = tuple(labels)
        found = self._listed.get(key)
        if found is None:
            found = any(
                self.engine.is_listed(e, self.entity_lists)
                for label in dict.fromkeys(labels) for _, e in self.by_label.get(label, ())
            )
            self._listed[key] = found
        return found

    def reaches(self, q: Qualifier) -> bool:
        """Whether any candidate of ``q`` has a score of at least ``q.min_score`` (once per qualifier)."""
        found = self._reached.get(id(q))
        if found is None:
            found = any(e.score >= q.min_score for _, e in self._candidates(q)[0])
            self._reached[id(q)] = found
        return found

    def first(self, q: Qualifier, target: Evidence | None, text: str) -> Evidence | None:
        """The candidate of ``q`` earliest in document order that is in scope of ``target`` (not itself)."""
        ordered, by_length = self._candidates(q)
        if target is None or q.scope == "document":
            for _, e in ordered:
                if target is None or e.id != target.id:
                    return e
            return None
        if q.scope == "contains":
            start_at_most, end_at_least = target.start, target.end
        elif q.scope == "before":
            start_at_most, end_at_least = target.start, target.start - q.window
        else:  # near, same_sentence: the gap between the spans is at most the window
            start_at_most, end_at_least = target.end + q.window, target.start - q.window
        # For contains, before and near (window ≥ 0) the two bounds are the whole scope test; same_sentence also
        # looks for a sentence end between the spans, and a negative window is never met by overlapping spans.
        exact = q.scope == "same_sentence" or (q.scope == "near" and q.window < 0)
        in_scope = self.engine._in_scope
        best: tuple[int, Evidence] | None = None
        for max_length, starts, rows in by_length:
            low = bisect_left(starts, end_at_least - max_length)
            high = bisect_right(starts, start_at_most)
            for k in range(low, high):
                _, i, e = rows[k]
                if best is not None and i >= best[0]:
                    continue
                if e.end >= end_at_least and e.id != target.id and (not exact or in_scope(q, target, e, text)):
                    best = (i, e)
        return best[1] if best else None


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

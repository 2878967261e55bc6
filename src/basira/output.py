"""The output contract ``basira.scan/1`` (docs/output.md; JSON Schema: basira/schemas/scan-1.json): one JSON
object per document."""

from __future__ import annotations

import json
from typing import Any, Literal

import orjson

from basira.types import Analysis, Document, EvidenceKind, InputError, Outcome

SCHEMA = "basira.scan/1"

EvidenceMode = Literal["decisive", "all"]
EVIDENCE_MODES: tuple[EvidenceMode, ...] = ("decisive", "all")
# Kept under "decisive" whatever used them: who is named and what is quoted frame every reading of a text.
ALWAYS_KEPT = frozenset({EvidenceKind.ENTITY, EvidenceKind.QUOTATION})


def document_dict(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "source": document.source,
        "locator": document.locator,
        "format": document.format,
        "lang": document.lang,
        "sha256": document.sha256,
        "chars": len(document.text),
        "title": document.title,
        "metadata": dict(document.metadata),
    }


def decisive_ids(analysis: Analysis) -> set[str]:
    """Evidence ids that a category's decision used (its best feature, its qualifiers; fired or not) or that
    a note points at."""
    used: set[str] = set()
    if analysis.decision is not None:
        used.update(analysis.decision.considered)  # every category, fired or not
        for category in analysis.decision.categories:
            used.update(category.evidence)
            used.update(category.qualifiers)  # "match:<entry>" sources name no evidence and select nothing
    for note in analysis.notes:
        used.update(note.evidence)
    return used


def analysis_dict(analysis: Analysis, evidence: EvidenceMode = "all") -> dict[str, Any]:
    """The ``basira.scan/1`` record. ``evidence="decisive"`` keeps only the evidence a decision, qualifier
    or note used, plus entities and quotations (ids unchanged, so every reference still resolves)."""
    if evidence not in EVIDENCE_MODES:
        raise ValueError(f"evidence must be one of {', '.join(EVIDENCE_MODES)}, got {evidence!r}")
    kept = analysis.evidence
    if evidence == "decisive":
        used = decisive_ids(analysis)
        kept = tuple(e for e in analysis.evidence if e.id in used or e.kind in ALWAYS_KEPT)
    decision = analysis.decision
    outcome = decision.outcome.value if decision else Outcome.NOT_VIOLATING.value
    return {
        "schema": SCHEMA,
        "document": document_dict(analysis.document),
        "outcome": outcome,
        "policy": decision.policy if decision else None,
        "jurisdiction": decision.jurisdiction if decision else None,
        "categories": [c.to_dict() for c in decision.categories] if decision else [],
        "evidence": [e.to_dict() for e in kept],
        "notes": [n.to_dict() for n in analysis.notes],
        "matches": [m.to_dict() for m in analysis.matches],
        "statement_of_reasons": dict(decision.statement_of_reasons)
        if decision and decision.statement_of_reasons
        else None,
        "versions": dict(analysis.versions),
        "errors": list(analysis.errors),
    }


def error_dict(error: InputError, versions: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "document": {
            "id": None,
            "source": error.source,
            "locator": error.locator,
            "format": None,
            "lang": None,
            "sha256": None,
            "chars": 0,
            "title": None,
            "metadata": {},
        },
        "outcome": Outcome.ERROR.value,
        "policy": None,
        "jurisdiction": None,
        "categories": [],
        "evidence": [],
        "notes": [],
        "matches": [],
        "statement_of_reasons": None,
        "versions": versions or {},
        "errors": [{"code": error.code, "message": error.message}],
    }


def json_line(record: dict[str, Any]) -> bytes:
    """One JSON Lines line, UTF-8. orjson when it can; ``json`` for what orjson refuses (a lone surrogate
    from a JSON escape or a non-UTF-8 file name, an integer past 64 bits in metadata), with ``\\u``
    escapes for a surrogate, so the line is always valid UTF-8 and parses to the same content."""
    try:
        return orjson.dumps(record) + b"\n"
    except (orjson.JSONEncodeError, TypeError):
        pass
    text = json.dumps(record, ensure_ascii=False)
    try:
        return text.encode("utf-8") + b"\n"
    except UnicodeEncodeError:
        return json.dumps(record, ensure_ascii=True).encode("ascii") + b"\n"

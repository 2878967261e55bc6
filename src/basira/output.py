"""The output contract ``basira.scan/1`` (see DESIGN.md): one JSON object per document."""

from __future__ import annotations

from typing import Any

from basira.types import Analysis, Document, InputError, Outcome

SCHEMA = "basira.scan/1"


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


def analysis_dict(analysis: Analysis) -> dict[str, Any]:
    decision = analysis.decision
    outcome = decision.outcome.value if decision else Outcome.NOT_VIOLATING.value
    return {
        "schema": SCHEMA,
        "document": document_dict(analysis.document),
        "outcome": outcome,
        "policy": decision.policy if decision else None,
        "jurisdiction": decision.jurisdiction if decision else None,
        "categories": [c.to_dict() for c in decision.categories] if decision else [],
        "evidence": [e.to_dict() for e in analysis.evidence],
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

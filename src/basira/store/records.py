"""What the store returns: frozen dataclasses, detached from any database session.

Bank records (``Bank``, ``BankEntry``, ``EntryLabels``) live in ``basira.match.banks`` and are re-exported
by ``basira.store``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from basira.output import SCHEMA


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: str
    sha256: str
    source: str | None
    locator: str | None
    format: str | None
    lang: str | None
    title: str | None
    chars: int
    metadata: Mapping[str, Any]
    external_id: str | None
    retention: str
    text: str | None
    created_at: datetime

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """The scan contract's ``document`` object (``id`` is the scan's id), plus store fields."""
        out: dict[str, Any] = {
            "id": self.external_id,
            "source": self.source,
            "locator": self.locator,
            "format": self.format,
            "lang": self.lang,
            "sha256": self.sha256,
            "chars": self.chars,
            "title": self.title,
            "metadata": dict(self.metadata),
            "store_id": self.id,
            "retention": self.retention,
        }
        if include_text:
            out["text"] = self.text
        return out


@dataclass(frozen=True, slots=True)
class StoredImage:
    """A picture of one scanned page of a stored document; ``data`` is ``b""`` when only the facts were asked
    for (``Store.document_images``). Evidence boxes are in ``source_width`` x ``source_height`` pixels."""

    document_id: str
    page: int
    media_type: str
    width: int
    height: int
    source_width: int
    source_height: int
    data: bytes = field(default=b"", repr=False)


@dataclass(frozen=True, slots=True)
class StoredAnalysis:
    id: str
    document: StoredDocument
    versions_hash: str
    outcome: str
    policy: str | None
    jurisdiction: str | None
    categories: list[dict[str, Any]]
    evidence: list[dict[str, Any]]
    notes: list[dict[str, Any]]
    matches: list[dict[str, Any]]
    statement_of_reasons: dict[str, Any] | None
    versions: dict[str, Any]
    errors: list[Any]
    created_at: datetime

    def to_result(self) -> dict[str, Any]:
        """The ``basira.scan/1`` object as stored (evidence text blank under retention=hashes)."""
        return {
            "schema": SCHEMA,
            "document": self.document.to_dict(),
            "outcome": self.outcome,
            "policy": self.policy,
            "jurisdiction": self.jurisdiction,
            "categories": self.categories,
            "evidence": self.evidence,
            "notes": self.notes,
            "matches": self.matches,
            "statement_of_reasons": self.statement_of_reasons,
            "versions": self.versions,
            "errors": self.errors,
            "analysis_id": self.id,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class User:
    id: str
    username: str
    role: str
    disabled: bool
    created_at: datetime
    password_hash: str = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Public fields only (never the password hash)."""
        return {
            "id": self.id,
            "username": self.username,
            "role": self.role,
            "disabled": self.disabled,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class ApiToken:
    """A token's record; the token itself is shown once, by ``Store.create_token``, and never stored."""

    id: str
    username: str
    name: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


@dataclass(frozen=True, slots=True)
class Review:
    id: str
    analysis_id: str
    reviewer: str
    action: str
    reason: str
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "analysis_id": self.analysis_id,
            "reviewer": self.reviewer,
            "action": self.action,
            "reason": self.reason,
            "created_at": self.created_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class Appeal:
    id: str
    analysis_id: str
    appellant: str
    reason: str
    status: str
    created_at: datetime
    resolved_by: str | None = None
    resolution: str | None = None
    resolved_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "analysis_id": self.analysis_id,
            "appellant": self.appellant,
            "reason": self.reason,
            "status": self.status,
            "created_at": self.created_at.isoformat(),
            "resolved_by": self.resolved_by,
            "resolution": self.resolution,
            "resolved_at": self.resolved_at.isoformat() if self.resolved_at else None,
        }


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_id: str | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "actor": self.actor,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "before": self.before,
            "after": self.after,
        }

"""SQLAlchemy 2 models. The schema itself is created by the Alembic migrations in
``basira/store/migrations``; a test checks that migrations and these models agree.

Ids are 32-hex strings (uuid4) except the audit log's, which is a sequence so that it orders events.
Timestamps are UTC.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JSONType = JSON().with_variant(JSONB(), "postgresql")
Id = String(32)
Time = DateTime(timezone=True)
# BIGINT on PostgreSQL; INTEGER on SQLite, where only INTEGER PRIMARY KEY is the auto-incrementing rowid.
Serial = BigInteger().with_variant(Integer(), "sqlite")

REVIEW_ACTIONS = ("confirm", "overturn", "escalate")
APPEAL_STATUSES = ("open", "upheld", "rejected")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    external_id: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    locator: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str | None] = mapped_column(String(32))
    lang: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str | None] = mapped_column(Text)
    chars: Mapped[int] = mapped_column(Integer)
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSONType)
    retention: Mapped[str] = mapped_column(String(16))
    text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Time)


class DocumentImageRow(Base):
    """A small picture of one scanned page of a document (``basira.ingest.preview``), for the review UI to
    draw evidence boxes on; kept only under retention "full", like the text. The boxes are in the pixels of
    the page as it was OCR'd (``source_width`` x ``source_height``)."""

    __tablename__ = "document_images"

    document_id: Mapped[str] = mapped_column(Id, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    page: Mapped[int] = mapped_column(Integer, primary_key=True)
    media_type: Mapped[str] = mapped_column(String(32))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    source_width: Mapped[int] = mapped_column(Integer)
    source_height: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(Time)


class AnalysisRow(Base):
    __tablename__ = "analyses"
    __table_args__ = (UniqueConstraint("document_sha256", "versions_hash"),)

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    document_id: Mapped[str] = mapped_column(Id, ForeignKey("documents.id"), index=True)
    document_sha256: Mapped[str] = mapped_column(String(64))
    versions_hash: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16), index=True)
    policy: Mapped[str | None] = mapped_column(Text)
    jurisdiction: Mapped[str | None] = mapped_column(Text)
    categories: Mapped[list[Any]] = mapped_column(JSONType)
    evidence: Mapped[list[Any]] = mapped_column(JSONType)
    notes: Mapped[list[Any]] = mapped_column(JSONType)
    matches: Mapped[list[Any]] = mapped_column(JSONType)
    statement_of_reasons: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    versions: Mapped[dict[str, Any]] = mapped_column(JSONType)
    errors: Mapped[list[Any]] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(Time, index=True)


class AnalysisCategoryRow(Base):
    """One row per category decision, so analyses can be filtered by category in SQL."""

    __tablename__ = "analysis_categories"
    __table_args__ = (Index(None, "category", "outcome"),)

    analysis_id: Mapped[str] = mapped_column(Id, ForeignKey("analyses.id", ondelete="CASCADE"), primary_key=True)
    category: Mapped[str] = mapped_column(String(64), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)


class AnalysisMatchRow(Base):
    """One row per bank hit, so analyses can be filtered by bank in SQL."""

    __tablename__ = "analysis_matches"

    id: Mapped[int] = mapped_column(Serial, primary_key=True, autoincrement=True)
    analysis_id: Mapped[str] = mapped_column(Id, ForeignKey("analyses.id", ondelete="CASCADE"), index=True)
    bank: Mapped[str] = mapped_column(String(128), index=True)
    entry: Mapped[str] = mapped_column(String(64))
    signal: Mapped[str] = mapped_column(String(32))
    similarity: Mapped[float] = mapped_column(Float)


class BankRow(Base):
    __tablename__ = "banks"

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    description: Mapped[str] = mapped_column(Text)
    enabled: Mapped[bool] = mapped_column(Boolean)
    revision: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Time)


class BankEntryRow(Base):
    """A known-content item: labels only. Its signals are in ``bank_signals``; its text is nowhere.

    ``sha256`` repeats the entry's ``sha256`` signal (when it has one) so that a unique constraint keeps
    one entry per exact content per bank, and inserts can skip duplicates with ON CONFLICT DO NOTHING.
    """

    __tablename__ = "bank_entries"
    __table_args__ = (UniqueConstraint("bank_id", "sha256"),)

    bank_id: Mapped[str] = mapped_column(Id, ForeignKey("banks.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    sha256: Mapped[str | None] = mapped_column(String(64))
    category: Mapped[str | None] = mapped_column(String(64))
    entity: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(Time)


class BankSignalRow(Base):
    __tablename__ = "bank_signals"
    __table_args__ = (
        ForeignKeyConstraint(
            ["bank_id", "entry_key"], ["bank_entries.bank_id", "bank_entries.key"], ondelete="CASCADE"
        ),
    )

    bank_id: Mapped[str] = mapped_column(Id, primary_key=True)
    entry_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    signal_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    username: Mapped[str] = mapped_column(String(128), unique=True)
    role: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(Time)


class ApiTokenRow(Base):
    __tablename__ = "api_tokens"

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[str] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Time)
    revoked_at: Mapped[datetime | None] = mapped_column(Time)


class WebSessionRow(Base):
    """A signed-in browser session: the cookie holds a random id, this row its SHA-256. Deleting the row
    ends the session (logout, or its user disabled, given another role or deleted)."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(Time)
    expires_at: Mapped[datetime] = mapped_column(Time, index=True)


class DocumentOwnerRow(Base):
    """An API client (user) that submitted a document: ``api`` users read and appeal only their own."""

    __tablename__ = "document_owners"

    document_id: Mapped[str] = mapped_column(Id, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(Id, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True,
                                         index=True)
    created_at: Mapped[datetime] = mapped_column(Time)


class ReviewRow(Base):
    __tablename__ = "review_decisions"
    __table_args__ = (CheckConstraint("action IN ('confirm', 'overturn', 'escalate')", name="action"),)

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    analysis_id: Mapped[str] = mapped_column(Id, ForeignKey("analyses.id"), index=True)
    reviewer: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(Time)


class AppealRow(Base):
    __tablename__ = "appeals"
    __table_args__ = (CheckConstraint("status IN ('open', 'upheld', 'rejected')", name="status"),)

    id: Mapped[str] = mapped_column(Id, primary_key=True)
    analysis_id: Mapped[str] = mapped_column(Id, ForeignKey("analyses.id"), index=True)
    appellant: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(Time)
    resolved_by: Mapped[str | None] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None] = mapped_column(Time)


class AuditRow(Base):
    """Append-only: the database refuses UPDATE and DELETE (triggers), and the Store has no method for it."""

    __tablename__ = "audit_log"
    __table_args__ = (Index(None, "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(Serial, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(Time, index=True)
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[str | None] = mapped_column(Text)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONType)

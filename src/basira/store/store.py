"""``Store``: results, banks, users, reviews, appeals and the audit log, in SQLite or PostgreSQL.

    store = Store.open("sqlite:///basira.db")                      # WAL mode, busy timeout
    store = Store.open("postgresql+psycopg://user@host/db", retention="hashes")
    analysis_id = store.save_result(analysis_dict(analysis), text=document.text)

Every method opens its own short transaction, so one ``Store`` may be shared by threads. Every change
made through the store (saving a result, bank changes, users, tokens, reviews, appeals) writes an audit
row in the same transaction. The audit log is append-only: the store has no method to change it, and
the database refuses UPDATE and DELETE on it (triggers).

Retention: ``"full"`` keeps the document text (and the pictures of its scanned pages); ``"hashes"`` keeps hashes,
offsets and labels only — no document text, no title, metadata or pictures, and evidence ``text`` fields blanked.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, TypeVar, cast

from sqlalchemy import Engine, Select, Table, and_, bindparam, create_engine, delete, event, func, insert, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from basira.match.banks import AddResult, Bank, BankEntry, EntryLabels, NewEntry, new_key, validate_signals
from basira.store import migrate
from basira.store.defaults import DEFAULT_URL, RETENTIONS
from basira.store.errors import Conflict, NotFound
from basira.store.models import (
    APPEAL_STATUSES,
    REVIEW_ACTIONS,
    AnalysisCategoryRow,
    AnalysisMatchRow,
    AnalysisRow,
    ApiTokenRow,
    AppealRow,
    AuditRow,
    BankEntryRow,
    BankRow,
    BankSignalRow,
    DocumentImageRow,
    DocumentOwnerRow,
    DocumentRow,
    ReviewRow,
    UserRow,
    WebSessionRow,
)
from basira.store.records import (
    ApiToken,
    Appeal,
    AuditEntry,
    Review,
    StoredAnalysis,
    StoredDocument,
    StoredImage,
    User,
)
from basira.types import PageImage, sha256_text

BANK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")
_TEXT_KEYS = frozenset({"text", "excerpt", "quote"})
_BATCH = 2000
SYSTEM = "basira"
# What a page picture may be (``basira.ingest.preview`` makes WebP): served with this type as it is stored.
IMAGE_TYPES = frozenset({"image/webp", "image/png", "image/jpeg"})
MAX_IMAGE_BYTES = 2_000_000
MAX_IMAGES = 100
_Q = TypeVar("_Q", bound=Select[*tuple[Any, ...]])


def _now() -> datetime:
    return datetime.now(UTC)


def _new_id() -> str:
    return uuid.uuid4().hex


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _utc_or_none(moment: datetime | None) -> datetime | None:
    return None if moment is None else _utc(moment)


def _jsonable(value: Any) -> Any:
    """A JSON-safe deep copy (datetimes and other objects become strings)."""
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


def _blank_text(value: Any) -> Any:
    """Deep copy with every ``text``/``excerpt``/``quote`` string blanked (retention=hashes)."""
    if isinstance(value, dict):
        return {k: ("" if k in _TEXT_KEYS and isinstance(v, str) else _blank_text(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_blank_text(v) for v in value]
    return value


def versions_hash(result: Mapping[str, Any]) -> str:
    """What makes two analyses of one document "the same version": code, recogniser, policy versions."""
    key = {
        "versions": result.get("versions") or {},
        "policy": result.get("policy"),
        "jurisdiction": result.get("jurisdiction"),
    }
    canonical = json.dumps(_jsonable(key), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


SERVER_THREADS = 40  # the threads a server runs synchronous requests on (anyio's default thread limiter)


SQLITE_BUSY_TIMEOUT = 30.0  # seconds another connection's write lock is waited for; ``?timeout=`` in the URL


def _sqlite_busy_timeout(url: URL) -> float:
    """The busy timeout a SQLite URL asks for (``sqlite:///basira.db?timeout=5``, seconds, as Python's sqlite3
    names it), else ``SQLITE_BUSY_TIMEOUT``."""
    raw = url.query.get("timeout")
    if raw is None:
        return SQLITE_BUSY_TIMEOUT
    value = raw[-1] if isinstance(raw, tuple) else raw
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"E206: timeout in the SQLite URL must be a number of seconds, got {value!r}") from None
    if not 0 <= seconds <= 86_400:
        raise ValueError(f"E206: timeout in the SQLite URL must be 0 to 86400 seconds, got {value!r}")
    return seconds


def make_engine(url: str) -> Engine:
    """An engine for ``url``: SQLite gets WAL, a busy timeout (30 s, or ``?timeout=`` seconds) and foreign
    keys; ``postgresql://`` gets the psycopg 3 driver."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        memory = parsed.database in (None, "", ":memory:")
        busy = _sqlite_busy_timeout(parsed)
        parsed = parsed.difference_update_query(["timeout"])
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False, "timeout": busy}}
        if memory:
            kwargs["poolclass"] = StaticPool
        else:  # keep a connection per API worker thread: a new one costs a connect and the pragmas below
            kwargs.update(pool_size=SERVER_THREADS, max_overflow=10)
        engine = create_engine(parsed, **kwargs)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            if not memory:
                cursor.execute("PRAGMA journal_mode=WAL")
                cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute(f"PRAGMA busy_timeout={int(busy * 1000)}")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    # as many connections as API worker threads, most of them opened only under load
    return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=SERVER_THREADS - 10)


class Store:
    """The persistence API. Open with ``Store.open(url)``; see the module docstring."""

    retentions: ClassVar[tuple[str, ...]] = RETENTIONS

    def __init__(self, engine: Engine, retention: str = "full"):
        if retention not in RETENTIONS:
            raise ValueError(f"E203: retention must be one of {RETENTIONS}, got {retention!r}")
        self.engine = engine
        self.retention = retention
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_lock: AbstractContextManager[Any] = (
            threading.RLock() if engine.dialect.name == "sqlite" else nullcontext()
        )
        # bank_states's query in this database's SQL, compiled once: it runs on every API analysis, and
        # SQLAlchemy's per-call work on a select (cache key, result types) cost it 3x the query itself
        self._bank_states_sql = str(_BANK_STATES.compile(dialect=engine.dialect))

    @classmethod
    def open(cls, url: str = DEFAULT_URL, retention: str = "full", *, migrate_schema: bool = True) -> Store:
        """Connect to ``url`` and bring the schema to the latest migration (unless told not to)."""
        if retention not in RETENTIONS:
            raise ValueError(f"E203: retention must be one of {RETENTIONS}, got {retention!r}")
        engine = make_engine(url)
        if engine.dialect.name not in ("sqlite", "postgresql"):
            engine.dispose()
            raise ValueError(f"E204: the store runs on SQLite or PostgreSQL, not {engine.dialect.name}")
        if migrate_schema:
            migrate.upgrade(engine)
        return cls(engine, retention)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_revision(self) -> str | None:
        return migrate.current_revision(self.engine)

    def _session(self) -> AbstractContextManager[Session]:
        return self._sessions()

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """A session in a write transaction, committed at the end. On SQLite, one writer of this process at a
        time: SQLite admits one writer anyway, and threads that queue here are woken as soon as the lock is
        free, where SQLite's busy handler would have them sleep in growing steps of up to 100 ms (50 API
        threads writing at once: p99 latency in seconds). Other processes still wait in ``busy_timeout``."""
        with self._write_lock, self._sessions() as s, s.begin():
            yield s

    # ------------------------------------------------------------------------------------------ audit

    def _audit(
        self,
        s: Session,
        actor: str,
        action: str,
        object_type: str,
        object_id: str | None,
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
    ) -> AuditRow:
        row = self._audit_row(actor, action, object_type, object_id, before, after)
        s.add(row)
        return row

    @staticmethod
    def _audit_row(
        actor: str, action: str, object_type: str, object_id: str | None, before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
    ) -> AuditRow:
        return AuditRow(
            at=_now(),
            actor=actor,
            action=action,
            object_type=object_type,
            object_id=object_id,
            before=_jsonable(dict(before)) if before is not None else None,
            after=_jsonable(dict(after)) if after is not None else None,
        )

    def audit(
        self,
        actor: str,
        action: str,
        object_type: str,
        object_id: str | None = None,
        *,
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
    ) -> AuditEntry:
        """Append one event to the audit log (e.g. a login, an export, a policy change)."""
        with self._transaction() as s:
            row = self._audit(s, actor, action, object_type, object_id, before, after)
            s.flush()
            return _audit_entry(row)

    def audit_log(
        self,
        *,
        object_type: str | None = None,
        object_id: str | None = None,
        actor: str | None = None,
        action: str | None = None,
        limit: int = 100,
        offset: int = 0,
        newest_first: bool = True,
    ) -> list[AuditEntry]:
        query = select(AuditRow)
        if object_type is not None:
            query = query.where(AuditRow.object_type == object_type)
        if object_id is not None:
            query = query.where(AuditRow.object_id == object_id)
        if actor is not None:
            query = query.where(AuditRow.actor == actor)
        if action is not None:
            query = query.where(AuditRow.action == action)
        query = query.order_by(AuditRow.id.desc() if newest_first else AuditRow.id).limit(limit).offset(offset)
        with self._session() as s:
            return [_audit_entry(r) for r in s.scalars(query)]

    # -------------------------------------------------------------------------------------- results

    def save_result(
        self, result: Mapping[str, Any], text: str | None = None, *, actor: str = SYSTEM,
        images: Sequence[PageImage] = (),
    ) -> str:
        """Store a ``basira.scan/1`` result (from ``basira.output.analysis_dict``); returns the analysis id.

        Idempotent: the same document (by sha256) with the same versions (code, recognisers, policy,
        jurisdiction) returns the existing analysis id; other versions add a new analysis and keep the
        old. ``text`` is the document's original text; it is kept only under retention="full" and must
        match the document's sha256. ``images``: pictures of its scanned pages (``Document.images``), kept
        only under retention="full" and only when the document has none yet (the first scan's stay).
        Error results (no document) are refused with ``ValueError``.
        """
        doc, sha, vhash = _checked_result(result, text, images)
        for attempt in range(2):
            try:
                with self._transaction() as s:
                    return self._save(s, result, doc, sha, vhash, text, actor, images)[0]
            except IntegrityError:
                if attempt:  # pragma: no cover - only after two concurrent writers raced twice
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def submit_result(
        self, result: Mapping[str, Any], text: str | None = None, *, actor: str = SYSTEM,
        images: Sequence[PageImage] = (), owner_id: str | None = None,
    ) -> tuple[StoredAnalysis, str | None]:
        """``save_result``, then ``add_owner(owner_id)`` and ``first_owner``, in one transaction: the stored
        analysis (as ``get_analysis`` would read it back) and the document's first owner (None without
        ``owner_id``). What the API does for each ``/v1/analyze``: one commit instead of three, and the answer
        is built from the rows just written instead of read back."""
        doc, sha, vhash = _checked_result(result, text, images)
        for attempt in range(2):
            try:
                with self._transaction() as s:
                    analysis_id, document_id, stored, new_document = self._save(
                        s, result, doc, sha, vhash, text, actor, images)
                    if stored is None:  # stored before: its rows as they are
                        stored = _analysis(s.get_one(AnalysisRow, analysis_id), s.get_one(DocumentRow, document_id))
                    if owner_id is None:
                        return stored, None
                    return stored, self._add_owner(s, document_id, owner_id, new_document=new_document)
            except IntegrityError:  # a concurrent writer stored the same document, analysis or owner first
                if attempt:  # pragma: no cover - only after two concurrent writers raced twice
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _save(
        self, s: Session, result: Mapping[str, Any], doc: Mapping[str, Any], sha: str, vhash: str,
        text: str | None, actor: str, images: Sequence[PageImage],
    ) -> tuple[str, str, StoredAnalysis | None, bool]:
        """In the caller's transaction: the analysis id and document id (of a new analysis, or of the one
        already stored for this document and version), the new analysis as stored (None when it existed), and
        whether the document is new.

        One query finds the document and the analysis; new rows are plain INSERTs on the session's connection
        (no unit of work, statements built once): on every API request the ORM's version of the same work cost
        more than the analysis of a short post."""
        keep_text = self.retention == "full"
        conn = s.connection()
        found = conn.execute(_DOCUMENT_AND_ANALYSIS, {"sha": sha, "vhash": vhash}).first()
        if found is not None and found[1] is not None:
            if keep_text and images:  # a store filled before pictures were kept gets them on a re-scan
                self._keep_images(s, found[0], images)
            return str(found[1]), str(found[0]), None, False
        if found is None:
            document = DocumentRow(
                id=_new_id(),
                sha256=sha,
                external_id=_str_or_none(doc.get("id")),
                source=_str_or_none(doc.get("source")),
                locator=_str_or_none(doc.get("locator")),
                format=_str_or_none(doc.get("format")),
                lang=_str_or_none(doc.get("lang")),
                title=_str_or_none(doc.get("title")) if keep_text else None,
                chars=int(doc.get("chars") or (len(text) if text is not None else 0)),
                meta=_jsonable(dict(doc.get("metadata") or {})) if keep_text else {},
                retention=self.retention,
                text=text if keep_text else None,
                created_at=_now(),
            )  # transient: inserted here, never added to the session
            conn.execute(_INSERT[DocumentRow], _column_values(document, DocumentRow))
        else:
            document = s.get_one(DocumentRow, found[0])
            if keep_text and text is not None and document.text is None:
                document.text = text
                document.retention = "full"
        if keep_text and images:
            self._keep_images(s, document.id, images)
        evidence = _jsonable(list(result.get("evidence") or []))
        reasons = _jsonable(result.get("statement_of_reasons"))
        if not keep_text:
            evidence = _blank_text(evidence)
            reasons = _blank_text(reasons)
        analysis = AnalysisRow(
            id=_new_id(),
            document_id=document.id,
            document_sha256=sha,
            versions_hash=vhash,
            outcome=str(result.get("outcome") or "not_violating"),
            policy=_str_or_none(result.get("policy")),
            jurisdiction=_str_or_none(result.get("jurisdiction")),
            categories=_jsonable(list(result.get("categories") or [])),
            evidence=evidence,
            notes=_jsonable(list(result.get("notes") or [])),
            matches=_jsonable(list(result.get("matches") or [])),
            statement_of_reasons=reasons,
            versions=_jsonable(dict(result.get("versions") or {})),
            errors=_jsonable(list(result.get("errors") or [])),
            created_at=_now(),
        )  # transient, as the document
        s.flush()  # a changed document row first: the analysis row refers to it
        conn.execute(_INSERT[AnalysisRow], _column_values(analysis, AnalysisRow))
        categories: dict[str, Mapping[str, Any]] = {}
        for c in analysis.categories:
            categories.setdefault(str(c.get("id")), c)
        if categories:
            conn.execute(_INSERT[AnalysisCategoryRow], [
                {"analysis_id": analysis.id, "category": cid, "outcome": str(c.get("outcome") or "not_violating"),
                 "score": float(c.get("score") or 0.0)}
                for cid, c in categories.items()
            ])
        if analysis.matches:
            conn.execute(_INSERT[AnalysisMatchRow], [
                {"analysis_id": analysis.id, "bank": str(m.get("bank")), "entry": str(m.get("entry")),
                 "signal": str(m.get("signal")), "similarity": float(m.get("similarity") or 0.0)}
                for m in analysis.matches
            ])
        audit = self._audit_row(actor, "analysis.create", "analysis", analysis.id, None,
                                {"document_sha256": sha, "outcome": analysis.outcome, "versions_hash": vhash})
        conn.execute(_INSERT[AuditRow], _column_values(audit, AuditRow, skip=("id",)))
        return analysis.id, document.id, _analysis(analysis, document), found is None

    @staticmethod
    def _keep_images(s: Session, document_id: str, images: Sequence[PageImage]) -> None:
        if s.scalar(select(DocumentImageRow.page).where(DocumentImageRow.document_id == document_id).limit(1)):
            return
        now = _now()
        s.add_all(
            DocumentImageRow(
                document_id=document_id, page=image.page, media_type=image.media_type, width=image.width,
                height=image.height, source_width=image.source_width, source_height=image.source_height,
                data=image.data, created_at=now,
            )
            for image in {image.page: image for image in images}.values()  # one picture per page
        )

    def document_images(self, document_id: str) -> list[StoredImage]:
        """The pictures of a document's scanned pages, by page: their sizes, not their bytes."""
        columns = (DocumentImageRow.document_id, DocumentImageRow.page, DocumentImageRow.media_type,
                   DocumentImageRow.width, DocumentImageRow.height, DocumentImageRow.source_width,
                   DocumentImageRow.source_height)
        query = select(*columns).where(DocumentImageRow.document_id == document_id).order_by(DocumentImageRow.page)
        with self._session() as s:
            return [StoredImage(*row) for row in s.execute(query).all()]

    def document_image(self, document_id: str, page: int) -> StoredImage | None:
        """One page's picture with its bytes."""
        with self._session() as s:
            row = s.get(DocumentImageRow, (document_id, page))
            if row is None:
                return None
            return StoredImage(row.document_id, row.page, row.media_type, row.width, row.height, row.source_width,
                               row.source_height, bytes(row.data))

    def get_document(self, document_id: str) -> StoredDocument | None:
        with self._session() as s:
            row = s.get(DocumentRow, document_id)
            return _document(row) if row else None

    def document_by_sha256(self, sha256: str) -> StoredDocument | None:
        with self._session() as s:
            row = s.scalar(select(DocumentRow).where(DocumentRow.sha256 == sha256))
            return _document(row) if row else None

    def iter_documents(self, *, with_text_only: bool = False, batch: int = 1000) -> Iterator[StoredDocument]:
        """Every stored document in insertion order (``with_text_only``: those whose text is kept)."""
        query = select(DocumentRow).order_by(DocumentRow.created_at, DocumentRow.id)
        if with_text_only:
            query = query.where(DocumentRow.text.is_not(None))
        with self._session() as s:
            for row in s.scalars(query.execution_options(yield_per=batch)):
                yield _document(row)

    def get_analysis(self, analysis_id: str) -> StoredAnalysis | None:
        with self._session() as s:
            found = s.execute(
                select(AnalysisRow, DocumentRow)
                .join(DocumentRow, DocumentRow.id == AnalysisRow.document_id)
                .where(AnalysisRow.id == analysis_id)
            ).first()
            return _analysis(found[0], found[1]) if found else None

    def analyses_for_document(self, document_id: str) -> list[StoredAnalysis]:
        """Every analysis of one document (one per version), oldest first."""
        with self._session() as s:
            rows = s.execute(
                select(AnalysisRow, DocumentRow)
                .join(DocumentRow, DocumentRow.id == AnalysisRow.document_id)
                .where(AnalysisRow.document_id == document_id)
                .order_by(AnalysisRow.created_at, AnalysisRow.id)
            ).all()
            return [_analysis(a, d) for a, d in rows]

    def _filtered(self, query: _Q, outcome: str | None, category: str | None, bank: str | None) -> _Q:
        if outcome is not None:
            query = query.where(AnalysisRow.outcome == outcome)
        if category is not None:
            query = query.where(
                select(AnalysisCategoryRow.analysis_id)
                .where(
                    AnalysisCategoryRow.analysis_id == AnalysisRow.id,
                    AnalysisCategoryRow.category == category,
                    AnalysisCategoryRow.outcome != "not_violating",
                )
                .exists()
            )
        if bank is not None:
            query = query.where(
                select(AnalysisMatchRow.id)
                .where(AnalysisMatchRow.analysis_id == AnalysisRow.id, AnalysisMatchRow.bank == bank)
                .exists()
            )
        return query

    def list_analyses(
        self,
        outcome: str | None = None,
        category: str | None = None,
        bank: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[StoredAnalysis]:
        """Newest first. ``category``: analyses where that category's outcome is not ``not_violating``;
        ``bank``: analyses with a match in that bank."""
        query = select(AnalysisRow, DocumentRow).join(DocumentRow, DocumentRow.id == AnalysisRow.document_id)
        query = self._filtered(query, outcome, category, bank)
        query = query.order_by(AnalysisRow.created_at.desc(), AnalysisRow.id.desc()).limit(limit).offset(offset)
        with self._session() as s:
            return [_analysis(a, d) for a, d in s.execute(query).all()]

    def count_analyses(self, outcome: str | None = None, category: str | None = None, bank: str | None = None) -> int:
        query = self._filtered(select(func.count(AnalysisRow.id)), outcome, category, bank)
        with self._session() as s:
            return int(s.scalar(query) or 0)

    # ---------------------------------------------------------------------------------------- banks

    def _bank_row(self, s: Session, name: str) -> BankRow:
        row = s.scalar(select(BankRow).where(BankRow.name == name))
        if row is None:
            raise NotFound(f"E210: no bank named {name!r}")
        return row

    def _bank(self, s: Session, row: BankRow) -> Bank:
        count = s.scalar(select(func.count()).select_from(BankEntryRow).where(BankEntryRow.bank_id == row.id))
        return _bank(row, int(count or 0))

    def create_bank(self, name: str, description: str = "", *, actor: str = SYSTEM) -> Bank:
        if not BANK_NAME.fullmatch(name):
            raise ValueError(f"E211: bank names are letters, digits, '.', '_', '-' (≤128), got {name!r}")
        try:
            with self._transaction() as s:
                row = BankRow(
                    id=_new_id(), name=name, description=description, enabled=True, revision=0,
                    created_by=actor, created_at=_now(),
                )
                s.add(row)
                s.flush()
                self._audit(s, actor, "bank.create", "bank", name, after={"description": description})
                return _bank(row, 0)
        except IntegrityError:
            raise Conflict(f"E212: bank {name!r} exists") from None

    def get_bank(self, name: str) -> Bank | None:
        with self._session() as s:
            row = s.scalar(select(BankRow).where(BankRow.name == name))
            return self._bank(s, row) if row else None

    def list_banks(self) -> list[Bank]:
        counts = (
            select(BankEntryRow.bank_id, func.count().label("n")).group_by(BankEntryRow.bank_id).subquery()
        )
        query = (
            select(BankRow, counts.c.n)
            .outerjoin(counts, counts.c.bank_id == BankRow.id)
            .order_by(BankRow.name)
        )
        with self._session() as s:
            return [_bank(row, int(n or 0)) for row, n in s.execute(query).all()]

    def bank_states(self) -> tuple[tuple[str, int, bool], ...]:
        """``(name, revision, enabled)`` of every bank, by name: what tells a cached ``MatchStage`` it is stale.

        Reads the banks table only: ``list_banks`` also counts every bank's entries, a scan of the whole
        entries table that must not run on every analysis (200,000 entries: ~30 ms a call on SQLite)."""
        with self.engine.connect() as conn:  # asked on every API analysis: no ORM session
            rows = conn.exec_driver_sql(self._bank_states_sql)
            return tuple((str(name), int(revision), bool(enabled)) for name, revision, enabled in rows)

    def set_bank_enabled(self, name: str, enabled: bool, *, actor: str = SYSTEM) -> Bank:
        """Enable or disable a bank; a disabled bank is skipped by ``MatchStage``."""
        with self._transaction() as s:
            row = self._bank_row(s, name)
            before = row.enabled
            if before != enabled:
                row.enabled = enabled
                row.revision += 1
                self._audit(
                    s, actor, "bank.enable" if enabled else "bank.disable", "bank", name,
                    before={"enabled": before}, after={"enabled": enabled},
                )
            s.flush()
            return self._bank(s, row)

    def add_bank_entries(
        self, bank: str, entries: Iterable[NewEntry], *, actor: str = SYSTEM, action: str = "bank.add"
    ) -> AddResult:
        """Add entries (signals + labels, never text) in one transaction.

        An entry is skipped when its key already exists in the bank or its ``sha256`` signal does (also
        within the same call). Signals are validated against their types first (``ValueError``).
        """
        added = skipped = 0
        with self._transaction() as s:
            row = self._bank_row(s, bank)
            batch: list[NewEntry] = []
            seen: tuple[set[str], set[str]] = (set(), set())

            def flush_batch() -> None:
                nonlocal added, skipped
                a, k = self._insert_entries(s, row.id, batch, actor, seen)
                added, skipped = added + a, skipped + k
                batch.clear()

            for entry in entries:
                batch.append(entry)
                if len(batch) >= _BATCH:
                    flush_batch()
            flush_batch()
            if added:
                row.revision += 1
            self._audit(s, actor, action, "bank", bank, after={"added": added, "skipped": skipped})
        return AddResult(added, skipped)

    def _insert_entries(
        self, s: Session, bank_id: str, batch: list[NewEntry], actor: str, seen: tuple[set[str], set[str]]
    ) -> tuple[int, int]:
        """Insert one batch; duplicates (same key or same sha256 in the bank) are skipped by the database
        (ON CONFLICT DO NOTHING against the primary key and the (bank, sha256) unique constraint)."""
        seen_keys, seen_shas = seen
        entry_rows: list[dict[str, Any]] = []
        signals_of: dict[str, dict[str, str]] = {}
        skipped = 0
        for entry in batch:
            key, signals = entry.key or new_key(), validate_signals(entry.signals)
            sha = signals.get("sha256")
            if key in seen_keys or (sha is not None and sha in seen_shas):
                skipped += 1  # a repeat within this call
                continue
            seen_keys.add(key)
            if sha is not None:
                seen_shas.add(sha)
            labels = entry.labels
            entry_rows.append(
                {
                    "bank_id": bank_id,
                    "key": key,
                    "sha256": sha,
                    "category": labels.category,
                    "entity": labels.entity,
                    "source": labels.source,
                    "added_by": labels.added_by or actor,
                    "added_at": labels.added_at,
                }
            )
            signals_of[key] = signals
        if not entry_rows:
            return 0, skipped
        table = cast(Table, BankEntryRow.__table__)
        statement = _insert_ignoring_conflicts(s, table).returning(table.c.key)
        inserted = list(s.execute(statement, entry_rows).scalars())
        signal_rows = [
            {"bank_id": bank_id, "entry_key": key, "signal_type": t, "value": v}
            for key in inserted
            for t, v in signals_of[key].items()
        ]
        if signal_rows:
            s.execute(insert(cast(Table, BankSignalRow.__table__)), signal_rows)
        return len(inserted), skipped + len(entry_rows) - len(inserted)

    def _entries_query(self, bank_id: str) -> Select[*tuple[Any, ...]]:
        return (
            select(
                BankEntryRow.key,
                BankEntryRow.category,
                BankEntryRow.entity,
                BankEntryRow.source,
                BankEntryRow.added_by,
                BankEntryRow.added_at,
                BankSignalRow.signal_type,
                BankSignalRow.value,
            )
            .join(
                BankSignalRow,
                (BankSignalRow.bank_id == BankEntryRow.bank_id) & (BankSignalRow.entry_key == BankEntryRow.key),
            )
            .where(BankEntryRow.bank_id == bank_id)
        )

    def iter_bank_entries(self, bank: str, *, batch: int = 10_000) -> Iterator[BankEntry]:
        """Every entry of a bank, in key order, streamed."""
        with self._session() as s:
            bank_id = self._bank_row(s, bank).id
            query = self._entries_query(bank_id).order_by(BankEntryRow.key, BankSignalRow.signal_type)
            result = s.execute(query.execution_options(yield_per=batch, stream_results=True))
            current: tuple[Any, ...] | None = None
            signals: dict[str, str] = {}
            for key, category, entity, source, added_by, added_at, signal_type, value in result:
                if current is not None and current[0] != key:
                    yield _entry(bank, current, signals)
                    signals = {}
                current = (key, category, entity, source, added_by, added_at)
                signals[signal_type] = value
            if current is not None:
                yield _entry(bank, current, signals)

    def get_bank_entry(self, bank: str, key: str) -> BankEntry | None:
        with self._session() as s:
            bank_id = self._bank_row(s, bank).id
            rows = s.execute(self._entries_query(bank_id).where(BankEntryRow.key == key)).all()
            if not rows:
                return None
            return _entry(bank, tuple(rows[0][:6]), {r[6]: r[7] for r in rows})

    def find_bank_entries(self, signal_type: str, value: str, banks: Sequence[str] | None = None) -> list[BankEntry]:
        """Entries holding exactly this signal, in the named banks or all banks. ``sha256`` lookups use
        the (bank, sha256) index; other signal types are compared row by row (use ``MatchStage``)."""
        with self._session() as s:
            if signal_type == "sha256":
                query = select(BankRow.name, BankEntryRow.key).join(BankEntryRow, BankEntryRow.bank_id == BankRow.id)
                query = query.where(BankEntryRow.sha256 == value)
            else:
                query = select(BankRow.name, BankSignalRow.entry_key).join(
                    BankSignalRow, BankSignalRow.bank_id == BankRow.id
                )
                query = query.where(BankSignalRow.signal_type == signal_type, BankSignalRow.value == value)
            if banks is not None:
                query = query.where(BankRow.name.in_(list(banks)))
            found = s.execute(query.order_by(*query.selected_columns)).all()
        out = [self.get_bank_entry(name, key) for name, key in found]
        return [e for e in out if e is not None]

    # ---------------------------------------------------------------------------------- users, tokens

    def create_user(self, username: str, role: str, password_hash: str, *, actor: str = SYSTEM) -> User:
        """``password_hash`` is computed by the caller (e.g. argon2); the store never sees a password."""
        try:
            with self._transaction() as s:
                row = UserRow(
                    id=_new_id(), username=username, role=role, password_hash=password_hash, disabled=False,
                    created_at=_now(),
                )
                s.add(row)
                s.flush()
                self._audit(s, actor, "user.create", "user", username, after={"role": role})
                return _user(row)
        except IntegrityError:
            raise Conflict(f"E220: user {username!r} exists") from None

    def get_user(self, username: str) -> User | None:
        with self._session() as s:
            row = s.scalar(select(UserRow).where(UserRow.username == username))
            return _user(row) if row else None

    def list_users(self) -> list[User]:
        with self._session() as s:
            return [_user(r) for r in s.scalars(select(UserRow).order_by(UserRow.username))]

    def update_user(
        self,
        username: str,
        *,
        role: str | None = None,
        password_hash: str | None = None,
        disabled: bool | None = None,
        actor: str = SYSTEM,
    ) -> User:
        with self._transaction() as s:
            row = s.scalar(select(UserRow).where(UserRow.username == username))
            if row is None:
                raise NotFound(f"E221: no user {username!r}")
            before = {"role": row.role, "disabled": row.disabled}
            if role is not None:
                row.role = role
            if disabled is not None:
                row.disabled = disabled
            after: dict[str, Any] = {"role": row.role, "disabled": row.disabled}
            if password_hash is not None:
                row.password_hash = password_hash
                after["password_changed"] = True
            if row.disabled and not before["disabled"]:
                # Disabling ends every token for good: enabling again must not revive one (new tokens are made).
                revoked = self._revoke_tokens(s, row.id)
                if revoked:
                    after["tokens_revoked"] = revoked
            if row.disabled or row.role != before["role"] or password_hash is not None:
                ended = self._end_sessions(s, row.id)
                if ended:
                    after["sessions_ended"] = ended
            self._audit(s, actor, "user.update", "user", username, before=before, after=after)
            s.flush()
            return _user(row)

    def delete_user(self, username: str, *, actor: str = SYSTEM) -> None:
        """Delete a user with their tokens, sessions and document ownerships. Their reviews, appeals and
        audit entries keep the name; a user created later under the same name inherits none of the rest."""
        with self._transaction() as s:
            row = s.scalar(select(UserRow).where(UserRow.username == username))
            if row is None:
                raise NotFound(f"E221: no user {username!r}")
            before = {"role": row.role, "disabled": row.disabled}
            for table in (ApiTokenRow, WebSessionRow, DocumentOwnerRow):  # explicit: not every SQLite has FKs on
                s.execute(delete(table).where(table.user_id == row.id))
            s.delete(row)
            self._audit(s, actor, "user.delete", "user", username, before=before)

    def _revoke_tokens(self, s: Session, user_id: str) -> int:
        now = _now()
        rows = list(s.scalars(select(ApiTokenRow).where(ApiTokenRow.user_id == user_id,
                                                        ApiTokenRow.revoked_at.is_(None))))
        for token in rows:
            token.revoked_at = now
        return len(rows)

    @staticmethod
    def _end_sessions(s: Session, user_id: str) -> int:
        result = s.execute(delete(WebSessionRow).where(WebSessionRow.user_id == user_id))
        return int(getattr(result, "rowcount", 0) or 0)

    # -------------------------------------------------------------------------------------- web sessions

    def create_session(self, username: str, max_age: int) -> str:
        """A new signed-in session for ``username`` lasting ``max_age`` seconds: returns the session id (for
        the cookie); only its SHA-256 is stored. Expired sessions of anyone are swept on the way."""
        session_id = secrets.token_urlsafe(32)
        now = _now()
        with self._transaction() as s:
            user = s.scalar(select(UserRow).where(UserRow.username == username))
            if user is None:
                raise NotFound(f"E221: no user {username!r}")
            s.execute(delete(WebSessionRow).where(WebSessionRow.expires_at < now))
            s.add(WebSessionRow(id=_hash_token(session_id), user_id=user.id, created_at=now,
                                expires_at=now + timedelta(seconds=max_age)))
        return session_id

    def session_user(self, session_id: str) -> User | None:
        """The enabled user a live session belongs to, else None (ended, expired, unknown, user disabled)."""
        with self._session() as s:
            row = s.execute(
                select(UserRow, WebSessionRow.expires_at)
                .join(WebSessionRow, WebSessionRow.user_id == UserRow.id)
                .where(WebSessionRow.id == _hash_token(session_id))
            ).first()
        if row is None or row[0].disabled or _utc(row[1]) <= _now():
            return None
        return _user(row[0])

    def end_session(self, session_id: str) -> bool:
        """End one session (logout); True when it existed."""
        with self._transaction() as s:
            result = s.execute(delete(WebSessionRow).where(WebSessionRow.id == _hash_token(session_id)))
            return bool(getattr(result, "rowcount", 0))

    # --------------------------------------------------------------------------------- document owners

    def add_owner(self, document_id: str, user_id: str) -> None:
        """Record that this user (an API client) submitted this document; idempotent."""
        with self._transaction() as s:
            if s.get(DocumentOwnerRow, (document_id, user_id)) is None:
                s.add(DocumentOwnerRow(document_id=document_id, user_id=user_id, created_at=_now()))

    @staticmethod
    def _add_owner(s: Session, document_id: str, user_id: str, *, new_document: bool = False) -> str:
        """``add_owner`` then ``first_owner`` in the caller's transaction (plain statements, as ``_save``);
        ``new_document``: the document was inserted in this transaction, so it has no owner yet."""
        conn = s.connection()
        owners = [] if new_document else [
            (_utc(at), str(owner)) for owner, at in conn.execute(_OWNERS, {"document_id": document_id})]
        if all(owner != user_id for _, owner in owners):
            now = _now()
            conn.execute(_INSERT[DocumentOwnerRow], {"document_id": document_id, "user_id": user_id, "created_at": now})
            owners.append((now, user_id))
        return min(owners)[1]  # the first_owner order: created_at, then user id

    def owns(self, user_id: str, document_id: str) -> bool:
        with self._session() as s:
            return s.get(DocumentOwnerRow, (document_id, user_id)) is not None

    def first_owner(self, document_id: str) -> str | None:
        """The user id of the client that submitted the document first (its stored id, title, source and
        metadata are that client's)."""
        with self._session() as s:
            return s.scalar(_first_owner_query(document_id))

    def create_token(self, username: str, name: str = "", *, actor: str | None = None) -> tuple[ApiToken, str]:
        """A new API token for ``username``: (its record, the token). Only a hash of the token is stored,
        so this is the one time it can be shown."""
        token = "bsr_" + secrets.token_urlsafe(32)
        with self._transaction() as s:
            user = s.scalar(select(UserRow).where(UserRow.username == username))
            if user is None:
                raise NotFound(f"E221: no user {username!r}")
            row = ApiTokenRow(
                id=_new_id(), token_hash=_hash_token(token), user_id=user.id, name=name, created_at=_now()
            )
            s.add(row)
            s.flush()
            self._audit(
                s, actor or username, "token.create", "api_token", row.id, after={"user": username, "name": name}
            )
            return _token(row, username), token

    def user_for_token(self, token: str) -> User | None:
        """The active, enabled user holding this token, else None. Asked on every API request, so read with
        a plain connection (no ORM session or identity map: a quarter of the time)."""
        with self.engine.connect() as conn:
            row = conn.execute(_USER_FOR_TOKEN, {"token_hash": _hash_token(token)}).one_or_none()
        return _user(row) if row is not None and not row.disabled else None  # type: ignore[arg-type]

    def list_tokens(self, username: str | None = None) -> list[ApiToken]:
        query = select(ApiTokenRow, UserRow.username).join(UserRow, UserRow.id == ApiTokenRow.user_id)
        if username is not None:
            query = query.where(UserRow.username == username)
        with self._session() as s:
            return [_token(t, u) for t, u in s.execute(query.order_by(ApiTokenRow.created_at)).all()]

    def revoke_token(self, token_id: str, *, actor: str = SYSTEM) -> ApiToken:
        with self._transaction() as s:
            found = s.execute(
                select(ApiTokenRow, UserRow.username)
                .join(UserRow, UserRow.id == ApiTokenRow.user_id)
                .where(ApiTokenRow.id == token_id)
            ).first()
            if found is None:
                raise NotFound(f"E222: no token {token_id!r}")
            row, username = found
            if row.revoked_at is None:
                row.revoked_at = _now()
                self._audit(s, actor, "token.revoke", "api_token", token_id, after={"user": username})
            s.flush()
            return _token(row, username)

    # ----------------------------------------------------------------------------- reviews, appeals

    def _require_analysis(self, s: Session, analysis_id: str) -> None:
        if s.get(AnalysisRow, analysis_id) is None:
            raise NotFound(f"E230: no analysis {analysis_id!r}")

    def add_review(self, analysis_id: str, reviewer: str, action: str, reason: str = "") -> Review:
        """Record a reviewer's decision: ``confirm``, ``overturn`` or ``escalate``."""
        if action not in REVIEW_ACTIONS:
            raise ValueError(f"E231: review action must be one of {REVIEW_ACTIONS}, got {action!r}")
        with self._transaction() as s:
            self._require_analysis(s, analysis_id)
            row = ReviewRow(
                id=_new_id(), analysis_id=analysis_id, reviewer=reviewer, action=action, reason=reason,
                created_at=_now(),
            )
            s.add(row)
            s.flush()
            self._audit(
                s, reviewer, f"review.{action}", "analysis", analysis_id, after={"review": row.id, "reason": reason}
            )
            return _review(row)

    def reviews(
        self, analysis_id: str | None = None, reviewer: str | None = None, limit: int = 100, offset: int = 0
    ) -> list[Review]:
        """Oldest first."""
        query = select(ReviewRow)
        if analysis_id is not None:
            query = query.where(ReviewRow.analysis_id == analysis_id)
        if reviewer is not None:
            query = query.where(ReviewRow.reviewer == reviewer)
        query = query.order_by(ReviewRow.created_at, ReviewRow.id).limit(limit).offset(offset)
        with self._session() as s:
            return [_review(r) for r in s.scalars(query)]

    def file_appeal(self, analysis_id: str, appellant: str, reason: str) -> Appeal:
        with self._transaction() as s:
            self._require_analysis(s, analysis_id)
            row = AppealRow(
                id=_new_id(), analysis_id=analysis_id, appellant=appellant, reason=reason, status="open",
                created_at=_now(),
            )
            s.add(row)
            s.flush()
            self._audit(s, appellant, "appeal.file", "appeal", row.id, after={"analysis": analysis_id})
            return _appeal(row)

    def resolve_appeal(self, appeal_id: str, *, resolver: str, status: str, resolution: str = "") -> Appeal:
        """Close an open appeal as ``upheld`` (the decision is reversed) or ``rejected``."""
        if status not in APPEAL_STATUSES or status == "open":
            raise ValueError(f"E232: an appeal resolves as 'upheld' or 'rejected', got {status!r}")
        with self._transaction() as s:
            row = s.get(AppealRow, appeal_id)
            if row is None:
                raise NotFound(f"E233: no appeal {appeal_id!r}")
            if row.status != "open":
                raise Conflict(f"E234: appeal {appeal_id!r} is already {row.status}")
            row.status, row.resolved_by, row.resolution, row.resolved_at = status, resolver, resolution, _now()
            self._audit(
                s, resolver, "appeal.resolve", "appeal", appeal_id,
                before={"status": "open"}, after={"status": status, "resolution": resolution},
            )
            s.flush()
            return _appeal(row)

    def get_appeal(self, appeal_id: str) -> Appeal | None:
        with self._session() as s:
            row = s.get(AppealRow, appeal_id)
            return _appeal(row) if row else None

    def appeals(
        self, status: str | None = None, analysis_id: str | None = None, limit: int = 100, offset: int = 0,
        *, owner_id: str | None = None, appellant: str | None = None,
    ) -> list[Appeal]:
        """Oldest first. ``owner_id``: only appeals on documents this user owns; ``appellant``: only those
        this user filed (together: an API client's own)."""
        query = select(AppealRow)
        if appellant is not None:
            query = query.where(AppealRow.appellant == appellant)
        if status is not None:
            query = query.where(AppealRow.status == status)
        if analysis_id is not None:
            query = query.where(AppealRow.analysis_id == analysis_id)
        if owner_id is not None:
            owned = (
                select(AnalysisRow.id)
                .join(DocumentOwnerRow, DocumentOwnerRow.document_id == AnalysisRow.document_id)
                .where(DocumentOwnerRow.user_id == owner_id)
            )
            query = query.where(AppealRow.analysis_id.in_(owned))
        query = query.order_by(AppealRow.created_at, AppealRow.id).limit(limit).offset(offset)
        with self._session() as s:
            return [_appeal(r) for r in s.scalars(query)]


# ------------------------------------------------------------------------------------------ row → record


def _insert_ignoring_conflicts(s: Session, table: Table) -> Any:
    """INSERT … ON CONFLICT DO NOTHING for the two supported databases."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def _checked_result(
    result: Mapping[str, Any], text: str | None, images: Sequence[PageImage]
) -> tuple[Mapping[str, Any], str, str]:
    """The result's document, its sha256 and the versions hash; refuses what cannot be stored."""
    doc = result.get("document") or {}
    sha = doc.get("sha256")
    if result.get("outcome") == "error" or not sha:
        raise ValueError("E201: an error result has no document to store")
    if text is not None and sha256_text(text) != sha:
        raise ValueError("E202: the text given does not match the document's sha256")
    _check_images(images)
    return doc, str(sha), versions_hash(result)


def _check_images(images: Sequence[PageImage]) -> None:
    """Pictures are served as stored, with their media type: only image types, of a bounded size."""
    if len(images) > MAX_IMAGES:
        raise ValueError(f"E207: at most {MAX_IMAGES} page pictures per document, got {len(images)}")
    for image in images:
        if image.media_type not in IMAGE_TYPES:
            raise ValueError(f"E207: a page picture must be one of {sorted(IMAGE_TYPES)}, got {image.media_type!r}")
        if not 0 < len(image.data) <= MAX_IMAGE_BYTES:
            raise ValueError(f"E207: a page picture holds 1 to {MAX_IMAGE_BYTES:,} bytes, got {len(image.data):,}")
        if min(image.page, image.width, image.height, image.source_width, image.source_height) < 1:
            raise ValueError(f"E207: page {image.page}: page numbers and sizes are positive")


def _str_or_none(value: Any) -> str | None:
    return None if value is None else str(value)


def _document(row: DocumentRow) -> StoredDocument:
    return StoredDocument(
        id=row.id,
        sha256=row.sha256,
        source=row.source,
        locator=row.locator,
        format=row.format,
        lang=row.lang,
        title=row.title,
        chars=row.chars,
        metadata=dict(row.meta or {}),
        external_id=row.external_id,
        retention=row.retention,
        text=row.text,
        created_at=_utc(row.created_at),
    )


_USER_FOR_TOKEN = (
    select(*UserRow.__table__.columns)
    .join(ApiTokenRow, ApiTokenRow.user_id == UserRow.id)
    .where(ApiTokenRow.token_hash == bindparam("token_hash"), ApiTokenRow.revoked_at.is_(None))
)


def _column_values(row: Any, model: type[Any], skip: Sequence[str] = ()) -> dict[str, Any]:
    """A transient row's values by column name (``DocumentRow.meta`` is the column ``metadata``), for the
    table's ``INSERT``."""
    return {prop.columns[0].key: getattr(row, prop.key) for prop in model.__mapper__.column_attrs
            if prop.key not in skip}


# Statements of the API's write path, built once (building them per request cost as much as running them).
_DOCUMENTS, _ANALYSES, _OWNERS_TABLE = DocumentRow.__table__, AnalysisRow.__table__, DocumentOwnerRow.__table__
_BANK_STATES = select(BankRow.name, BankRow.revision, BankRow.enabled).order_by(BankRow.name)
_DOCUMENT_AND_ANALYSIS = (
    select(_DOCUMENTS.c.id, _ANALYSES.c.id)
    .select_from(_DOCUMENTS.outerjoin(_ANALYSES, and_(_ANALYSES.c.document_id == _DOCUMENTS.c.id,
                                                      _ANALYSES.c.versions_hash == bindparam("vhash"))))
    .where(_DOCUMENTS.c.sha256 == bindparam("sha"))
    .limit(1)
)
_OWNERS = select(_OWNERS_TABLE.c.user_id, _OWNERS_TABLE.c.created_at).where(
    _OWNERS_TABLE.c.document_id == bindparam("document_id"))
_INSERT: dict[type[Any], Any] = {model: insert(cast(Table, model.__table__)) for model in (
    DocumentRow, AnalysisRow, AnalysisCategoryRow, AnalysisMatchRow, AuditRow, DocumentOwnerRow)}


def _first_owner_query(document_id: str) -> Select[str]:
    return (select(DocumentOwnerRow.user_id).where(DocumentOwnerRow.document_id == document_id)
            .order_by(DocumentOwnerRow.created_at, DocumentOwnerRow.user_id).limit(1))


def _analysis(row: AnalysisRow, document: DocumentRow) -> StoredAnalysis:
    return StoredAnalysis(
        id=row.id,
        document=_document(document),
        versions_hash=row.versions_hash,
        outcome=row.outcome,
        policy=row.policy,
        jurisdiction=row.jurisdiction,
        categories=list(row.categories),
        evidence=list(row.evidence),
        notes=list(row.notes),
        matches=list(row.matches),
        statement_of_reasons=row.statement_of_reasons,
        versions=dict(row.versions),
        errors=list(row.errors),
        created_at=_utc(row.created_at),
    )


def _bank(row: BankRow, entries: int) -> Bank:
    return Bank(
        name=row.name,
        description=row.description,
        enabled=row.enabled,
        revision=row.revision,
        entries=entries,
        created_by=row.created_by,
        created_at=_utc(row.created_at),
    )


def _entry(bank: str, fields: tuple[Any, ...], signals: dict[str, str]) -> BankEntry:
    key, category, entity, source, added_by, added_at = fields
    labels = EntryLabels(category=category, entity=entity, source=source, added_by=added_by, added_at=_utc(added_at))
    return BankEntry(key=key, bank=bank, signals=signals, labels=labels)


def _user(row: UserRow) -> User:
    return User(
        id=row.id,
        username=row.username,
        role=row.role,
        disabled=row.disabled,
        created_at=_utc(row.created_at),
        password_hash=row.password_hash,
    )


def _token(row: ApiTokenRow, username: str) -> ApiToken:
    return ApiToken(
        id=row.id, username=username, name=row.name, created_at=_utc(row.created_at),
        revoked_at=_utc_or_none(row.revoked_at),
    )


def _review(row: ReviewRow) -> Review:
    return Review(
        id=row.id, analysis_id=row.analysis_id, reviewer=row.reviewer, action=row.action, reason=row.reason,
        created_at=_utc(row.created_at),
    )


def _appeal(row: AppealRow) -> Appeal:
    return Appeal(
        id=row.id,
        analysis_id=row.analysis_id,
        appellant=row.appellant,
        reason=row.reason,
        status=row.status,
        created_at=_utc(row.created_at),
        resolved_by=row.resolved_by,
        resolution=row.resolution,
        resolved_at=_utc_or_none(row.resolved_at),
    )


def _audit_entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        id=int(row.id),
        at=_utc(row.at),
        actor=row.actor,
        action=row.action,
        object_type=row.object_type,
        object_id=row.object_id,
        before=row.before,
        after=row.after,
    )

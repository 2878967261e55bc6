"""Read queries the review workflow needs beyond ``Store``'s methods, over the store's engine and models.

Nothing here writes: every change still goes through ``Store`` (which writes the audit log).

The review queue: the latest analysis of each document that awaits a person — its outcome is ``review``
or ``violating`` and it has no final review (``confirm``/``overturn``) yet, or an appeal on it is open —
most severe first (``violating`` before ``review``), then oldest first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session, aliased, sessionmaker

from basira.store import Appeal, Review, Store
from basira.store.models import (
    AnalysisCategoryRow,
    AnalysisMatchRow,
    AnalysisRow,
    AppealRow,
    DocumentRow,
    ReviewRow,
)

FINAL_ACTIONS = ("confirm", "overturn")
FLAGGED = ("violating", "review")
SEVERITY = {"violating": 2, "review": 1, "not_violating": 0}
SNIPPET_CHARS = 90  # the review UI's queue shows this much of a document's text, blurred
_Q = TypeVar("_Q", bound=Select[*tuple[Any, ...]])


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def snippet(text: str | None, limit: int = SNIPPET_CHARS) -> str | None:
    """The first ``limit`` characters of ``text`` with runs of white space as one space (… when cut)."""
    if not text:
        return None
    words = " ".join(text[: limit * 4].split())
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One row of the review queue. Of the document's text only ``snippet`` (its first words, for the review UI,
    which blurs it); ``to_dict`` (the API's queue) has no text at all."""

    analysis_id: str
    document_id: str
    outcome: str
    categories: list[dict[str, Any]]
    matches: list[dict[str, Any]]
    source: str | None
    title: str | None
    lang: str | None
    chars: int
    created_at: datetime
    escalated: bool = False
    appeal_id: str | None = None
    external_id: str | None = None
    snippet: str | None = None

    @property
    def severity(self) -> int:
        return SEVERITY.get(self.outcome, 0)

    @property
    def flagged_categories(self) -> list[dict[str, Any]]:
        return [c for c in self.categories if c.get("outcome") != "not_violating"]

    @property
    def score(self) -> float:
        return max((float(c.get("score") or 0.0) for c in self.flagged_categories), default=0.0)

    @property
    def banks(self) -> list[str]:
        return sorted({str(m.get("bank")) for m in self.matches})

    def age_seconds(self, now: datetime | None = None) -> int:
        return max(0, int(((now or datetime.now(UTC)) - self.created_at).total_seconds()))

    def to_dict(self, now: datetime | None = None) -> dict[str, Any]:
        return {
            "analysis_id": self.analysis_id,
            "document_id": self.document_id,
            "outcome": self.outcome,
            "severity": self.severity,
            "score": round(self.score, 4),
            "categories": [
                {"id": c.get("id"), "outcome": c.get("outcome"), "score": c.get("score")}
                for c in self.flagged_categories
            ],
            "banks": self.banks,
            "source": self.source,
            "title": self.title,
            "lang": self.lang,
            "chars": self.chars,
            "created_at": self.created_at.isoformat(),
            "age_seconds": self.age_seconds(now),
            "escalated": self.escalated,
            "appeal_id": self.appeal_id,
        }


@dataclass(frozen=True, slots=True)
class QueueFilter:
    category: str | None = None
    outcome: str | None = None
    bank: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewState:
    """Where one analysis stands in the review workflow."""

    reviews: list[Review]
    appeals: list[Appeal]
    final: Review | None = None  # the latest confirm/overturn
    escalated: Review | None = None  # an escalation after the latest final review
    open_appeal: Appeal | None = None
    decided_by: str | None = None  # who made the decision the open appeal is about (None: automated)
    history: list[Review] = field(default_factory=list)
    # Everyone who made that decision: its author, and the reviewers before them whose same decision it
    # repeated (a rejected appeal leaves the decision standing), so none of them decides the appeal on it.
    deciders: tuple[str, ...] = ()

    def may_decide(self, username: str) -> bool:
        """Whether ``username`` may decide now as far as appeals go (not on an appeal against their decision)."""
        return self.open_appeal is None or username not in self.deciders

    @property
    def awaiting(self) -> bool:
        return self.open_appeal is not None or self.final is None


def review_state(store: Store, analysis_id: str) -> ReviewState:
    reviews = store.reviews(analysis_id=analysis_id, limit=10_000)
    appeals = store.appeals(analysis_id=analysis_id, limit=10_000)
    finals = [r for r in reviews if r.action in FINAL_ACTIONS]
    final = finals[-1] if finals else None
    escalated = None
    if reviews and reviews[-1].action == "escalate":
        escalated = reviews[-1]
    open_appeal = next((a for a in appeals if a.status == "open"), None)
    decided_by = None
    deciders: list[str] = []
    if open_appeal is not None:
        before = [r for r in finals if r.created_at <= open_appeal.created_at]
        decided_by = before[-1].reviewer if before else None
        for r in reversed(before):  # the decision in force, back to where it was last changed
            if r.action != before[-1].action:
                break
            deciders.append(r.reviewer)
    return ReviewState(reviews, appeals, final, escalated, open_appeal, decided_by, reviews, tuple(deciders))


class Queries:
    """SQL over the store's tables that ``Store`` does not offer (the queue, gold export, counts)."""

    def __init__(self, store: Store):
        self.store = store
        self._sessions = sessionmaker(store.engine, expire_on_commit=False)

    def _session(self) -> Session:
        return self._sessions()

    # ------------------------------------------------------------------------------------------ queue

    @staticmethod
    def _awaiting() -> ColumnElement[bool]:
        final = exists().where(ReviewRow.analysis_id == AnalysisRow.id, ReviewRow.action.in_(FINAL_ACTIONS))
        appeal = exists().where(AppealRow.analysis_id == AnalysisRow.id, AppealRow.status == "open")
        newer = aliased(AnalysisRow)
        superseded = exists().where(
            newer.document_id == AnalysisRow.document_id,
            or_(
                newer.created_at > AnalysisRow.created_at,
                and_(newer.created_at == AnalysisRow.created_at, newer.id > AnalysisRow.id),
            ),
        )
        return and_(or_(and_(AnalysisRow.outcome.in_(FLAGGED), ~final), appeal), ~superseded)

    @staticmethod
    def _filtered(query: _Q, filters: QueueFilter) -> _Q:
        if filters.outcome is not None:
            query = query.where(AnalysisRow.outcome == filters.outcome)
        if filters.category is not None:
            query = query.where(
                exists().where(
                    AnalysisCategoryRow.analysis_id == AnalysisRow.id,
                    AnalysisCategoryRow.category == filters.category,
                    AnalysisCategoryRow.outcome != "not_violating",
                )
            )
        if filters.bank is not None:
            query = query.where(
                exists().where(AnalysisMatchRow.analysis_id == AnalysisRow.id, AnalysisMatchRow.bank == filters.bank)
            )
        return query

    def queue_count(self, filters: QueueFilter = QueueFilter()) -> int:
        query = self._filtered(select(func.count(AnalysisRow.id)).where(self._awaiting()), filters)
        with self._session() as s:
            return int(s.scalar(query) or 0)

    def queue(self, filters: QueueFilter = QueueFilter(), *, limit: int = 25, offset: int = 0) -> list[QueueItem]:
        severity = case((AnalysisRow.outcome == "violating", 2), (AnalysisRow.outcome == "review", 1), else_=0)
        query = (
            select(AnalysisRow, DocumentRow)
            .join(DocumentRow, DocumentRow.id == AnalysisRow.document_id)
            .where(self._awaiting())
        )
        query = self._filtered(query, filters)
        query = query.order_by(severity.desc(), AnalysisRow.created_at, AnalysisRow.id).limit(limit).offset(offset)
        with self._session() as s:
            rows = s.execute(query).all()
            ids = [a.id for a, _ in rows]
            escalated, appeals = self._states(s, ids)
        items = []
        for analysis, document in rows:
            appeal = appeals.get(analysis.id)
            items.append(
                QueueItem(
                    analysis_id=analysis.id,
                    document_id=document.id,
                    outcome=analysis.outcome,
                    categories=list(analysis.categories or []),
                    matches=list(analysis.matches or []),
                    source=document.source,
                    title=document.title,
                    lang=document.lang,
                    chars=document.chars,
                    created_at=_utc(analysis.created_at),
                    escalated=analysis.id in escalated,
                    appeal_id=appeal,
                    external_id=document.external_id,
                    snippet=snippet(document.text),
                )
            )
        return items

    @staticmethod
    def _states(s: Session, ids: Sequence[str]) -> tuple[set[str], dict[str, str]]:
        """For these analyses: which are escalated (their latest review is an escalation), and open appeals."""
        if not ids:
            return set(), {}
        latest: dict[str, str] = {}
        for analysis_id, action in s.execute(
            select(ReviewRow.analysis_id, ReviewRow.action)
            .where(ReviewRow.analysis_id.in_(list(ids)))
            .order_by(ReviewRow.created_at, ReviewRow.id)
        ):
            latest[analysis_id] = action
        escalated = {a for a, action in latest.items() if action == "escalate"}
        appeals = {
            analysis_id: appeal_id
            for appeal_id, analysis_id in s.execute(
                select(AppealRow.id, AppealRow.analysis_id).where(
                    AppealRow.analysis_id.in_(list(ids)), AppealRow.status == "open"
                )
            )
        }
        return escalated, appeals

    def queue_ids(self, filters: QueueFilter = QueueFilter(), limit: int = 1000) -> list[str]:
        """The queue's analysis ids in order (for next/previous on the item page)."""
        return [item.analysis_id for item in self.queue(filters, limit=limit)]

    def categories_in_use(self) -> list[str]:
        with self._session() as s:
            return sorted(s.scalars(select(AnalysisCategoryRow.category).distinct()))

    def banks_in_use(self) -> list[str]:
        with self._session() as s:
            return sorted(s.scalars(select(AnalysisMatchRow.bank).distinct()))

    # ------------------------------------------------------------------------------------ gold export

    def reviewed(self, batch: int = 500) -> Iterator[tuple[str, str, str | None, list[dict[str, Any]], str]]:
        """(analysis id, outcome, document text, categories, latest final action) for every analysis with a
        final review, the latest analysis of each document only, oldest first."""
        newer = aliased(AnalysisRow)
        latest_final = (
            select(ReviewRow.action)
            .where(ReviewRow.analysis_id == AnalysisRow.id, ReviewRow.action.in_(FINAL_ACTIONS))
            .order_by(ReviewRow.created_at.desc(), ReviewRow.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        query = (
            select(AnalysisRow.id, AnalysisRow.outcome, DocumentRow.text, AnalysisRow.categories, latest_final)
            .join(DocumentRow, DocumentRow.id == AnalysisRow.document_id)
            .where(
                exists().where(ReviewRow.analysis_id == AnalysisRow.id, ReviewRow.action.in_(FINAL_ACTIONS)),
                ~exists().where(
                    newer.document_id == AnalysisRow.document_id, newer.created_at > AnalysisRow.created_at
                ),
            )
            .order_by(AnalysisRow.created_at, AnalysisRow.id)
        )
        with self._session() as s:
            for analysis_id, outcome, text, categories, action in s.execute(query.execution_options(yield_per=batch)):
                yield analysis_id, outcome, text, list(categories or []), action

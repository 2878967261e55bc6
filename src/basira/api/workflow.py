"""The review workflow, shared by the REST API and the web UI: analyse and store, review, appeal, feed banks
and the gold set, statements of reasons. Every rule of the workflow lives here, once.

Review rules
------------
* ``confirm`` agrees with basira's proposal, ``overturn`` disagrees; both are *final*. ``escalate`` hands the
  item on and is not final. The human label that follows: a flagged item (``violating``/``review``)
  confirmed is violating, overturned is not; an unflagged item the other way round.
* An item has one final decision. Deciding it again needs an appeal first (409 otherwise).
* An escalated item is decided by an ``admin``.
* An open appeal is decided by a reviewer *other* than the ones whose decision is appealed (403 otherwise):
  its author, and those whose same decision it repeated (a second appeal after a rejected first one).
  ``confirm`` rejects the appeal (the decision stands); ``overturn`` upholds it.
* A reason is required for every action.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from basira.api.errors import conflict, forbidden, invalid, not_found, too_large
from basira.api.metrics import Metrics
from basira.api.pool import Cancelled
from basira.api.queries import FINAL_ACTIONS, FLAGGED, Queries, ReviewState, review_state
from basira.api.settings import Settings
from basira.ingest.where import LocateStage
from basira.match import EntryLabels, MatchStage, NewEntry, compute_signals
from basira.model.stage import build_model_stage
from basira.output import analysis_dict
from basira.pipeline import Analyzer, Stage
from basira.policy import PolicyEngine, PolicyStage, bundled_policies, load_policy
from basira.policy.model import Policy
from basira.store import Appeal, AuditEntry, NotFound, Review, Store, StoredAnalysis
from basira.types import Document, sha256_text

log = logging.getLogger("basira.api")

ACTIONS = ("confirm", "overturn", "escalate")
POLICY_OBJECT = ("policy", "active")


def human_label(outcome: str, action: str) -> str:
    """The label a final review gives: confirm keeps basira's proposal, overturn reverses it."""
    flagged = outcome in FLAGGED
    violating = flagged if action == "confirm" else not flagged
    return "violating" if violating else "not_violating"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a user (by name and role) and how they authenticated."""

    username: str
    role: str
    via: str  # "token" or "session"
    user_id: str | None = None  # the user's store id (a user re-created under the same name has another)


@dataclass(frozen=True, slots=True)
class NewDocument:
    text: str
    id: str | None = None
    source: str | None = None
    format: str = "text"
    lang: str | None = None
    title: str | None = None
    metadata: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class ReviewResult:
    review: Review
    appeal: Appeal | None
    bank_entry: dict[str, Any] | None
    label: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "review": self.review.to_dict(),
            "appeal": self.appeal.to_dict() if self.appeal else None,
            "bank_entry": self.bank_entry,
            "label": self.label,
        }


class AnalyzerHolder:
    """The analyser, rebuilt cheaply (recognisers are compiled once) when the policy or the banks change."""

    def __init__(self, store: Store, policy: str | None, jurisdiction: str | None, match_banks: bool,
                 model: str | None = "default"):
        self.store = store
        self.match_banks = match_banks
        base = Analyzer(stages=())
        self._recognizers = base.recognizers
        self._normalizer = base.normalizer
        # The stages 'basira scan' runs before matching (basira.stages.default_stages), built once: the same
        # text gets the same decision through the API as through a scan.
        model_stage = build_model_stage(model)
        self._before_matching: tuple[Stage, ...] = (*((model_stage,) if model_stage else ()), LocateStage())
        self._lock = threading.Lock()
        self._policy_stage = self._policy(policy, jurisdiction)
        self._banks_key: tuple[tuple[str, int, bool], ...] | None = None
        self._analyzer: Analyzer | None = None

    @staticmethod
    def _policy(policy: str | None, jurisdiction: str | None) -> PolicyStage:
        return PolicyStage(PolicyEngine(load_policy(policy), jurisdiction))

    @property
    def engine(self) -> PolicyEngine:
        return self._policy_stage.engine

    def set_policy(self, policy: str, jurisdiction: str | None) -> None:
        stage = self._policy(policy, jurisdiction)  # raises before anything changes
        with self._lock:
            self._policy_stage = stage
            self._analyzer = None

    def current(self) -> Analyzer:
        key = self.store.bank_states() if self.match_banks else ()
        with self._lock:
            if self._analyzer is None or key != self._banks_key:
                stages: list[Stage] = list(self._before_matching)
                if any(enabled for _, _, enabled in key):
                    stages.append(MatchStage(self.store))
                stages.append(self._policy_stage)
                self._analyzer = Analyzer(self._recognizers, self._normalizer, stages)
                self._banks_key = key
            return self._analyzer


class Workflow:
    def __init__(self, store: Store, settings: Settings, metrics: Metrics):
        self.store = store
        self.settings = settings
        self.metrics = metrics
        self.queries = Queries(store)
        self.analyzers = AnalyzerHolder(store, settings.policy, settings.jurisdiction, settings.match_banks,
                                        settings.model)
        self._review_lock = threading.Lock()

    # ------------------------------------------------------------------------------------------ policy

    @property
    def policy(self) -> Policy:
        return self.analyzers.engine.policy

    @property
    def jurisdiction(self) -> str:
        return self.analyzers.engine.jurisdiction

    def policy_state(self) -> dict[str, str]:
        return {"policy": self.policy.key, "jurisdiction": self.jurisdiction}

    def record_policy_at_start(self, actor: str = "basira serve") -> None:
        """Audit the active policy when it differs from the last one recorded (a change made by restarting)."""
        last = self.store.audit_log(object_type=POLICY_OBJECT[0], object_id=POLICY_OBJECT[1], limit=1)
        now = self.policy_state()
        before = last[0].after if last else None
        if before != now:
            self.store.audit(actor, "policy.change", *POLICY_OBJECT, before=before, after=now)

    def set_policy(self, actor: str, policy: str, jurisdiction: str | None) -> dict[str, Any]:
        if self.settings.workers > 1:
            raise conflict(f"this server runs {self.settings.workers} worker processes and a policy change would "
                           "reach one of them: restart 'basira serve' with --policy/--jurisdiction instead")
        if policy not in bundled_policies():
            raise not_found(f"no bundled policy {policy!r}; known: {', '.join(bundled_policies())}")
        before = self.policy_state()
        try:
            self.analyzers.set_policy(policy, jurisdiction)
        except KeyError as exc:
            raise invalid(str(exc.args[0]) if exc.args else str(exc)) from None
        after = self.policy_state()
        if after != before:
            self.store.audit(actor, "policy.change", *POLICY_OBJECT, before=before, after=after)
        return {"before": before, "after": after}

    def policy_dict(self) -> dict[str, Any]:
        policy = self.policy
        return {
            "policy": policy.key,
            "jurisdiction": self.jurisdiction,
            "title": {"en": policy.title.en, "ar": policy.title.ar},
            "jurisdictions": {k: list(v) for k, v in policy.jurisdictions.items()},
            "categories": {
                cid: {
                    "legal_ref": c.legal_ref,
                    "summary": {"en": c.summary.en, "ar": c.summary.ar},
                    "thresholds": {"review": c.thresholds.review, "violating": c.thresholds.violating},
                }
                for cid, c in policy.categories.items()
            },
            "available": sorted(bundled_policies()),
        }

    # ----------------------------------------------------------------------------------------- analyse

    def _document(self, new: NewDocument) -> Document:
        text, title, fmt = new.text, new.title, new.format
        if fmt == "html":
            from basira.ingest.formats.html import extract_html

            try:
                extracted = extract_html(text.encode("utf-8", "surrogatepass"))
            except Exception as exc:  # hostile markup: this document's problem, reported to the caller
                raise invalid(f"no text could be extracted from the HTML: {type(exc).__name__}") from None
            text, title = extracted.text, title or extracted.title
        if len(text) > self.settings.max_chars:
            raise too_large(f"document text has {len(text)} characters; the limit is {self.settings.max_chars}")
        if not text.strip():
            raise invalid("document text is empty")
        from basira.ingest.documents import guess_lang

        metadata = dict(new.metadata or {})
        return Document(
            id=new.id or f"api:{sha256_text(text)[:16]}",
            source=new.source or "api",
            text=text,
            format=fmt,
            lang=new.lang or guess_lang(text),
            title=title,
            metadata=metadata,
        )

    def check_document(self, new: NewDocument) -> Document:
        """Validate without analysing (so a batch is refused whole, before anything is stored)."""
        return self._document(new)

    def analyze(
        self, actor: str, new: NewDocument | Document, *, owner_id: str | None = None,
        checkpoint: Callable[[], None] | None = None,
    ) -> dict[str, Any]:
        """Analyse, store, and return the stored ``basira.scan/1`` result (with ``analysis_id``).

        ``owner_id``: the API client submitting it, recorded as an owner of the document (``api`` users read
        and appeal only what they own). ``checkpoint`` is called between steps and may raise ``Cancelled``."""
        document = new if isinstance(new, Document) else self._document(new)
        try:
            analysis = self.analyzers.current().analyze(document, checkpoint)
        except Cancelled:
            raise
        except Exception as exc:  # the contract reports a failed document as outcome "error", not a crash
            log.exception("analysis failed for document %s", document.id)
            self.metrics.analyses.labels("error").inc()
            return {
                "schema": "basira.scan/1",
                "document": {"id": document.id, "source": document.source, "sha256": document.sha256},
                "outcome": "error",
                "errors": [{"code": "E500", "message": f"analysis failed: {type(exc).__name__}"}],
                "analysis_id": None,
            }
        result = analysis_dict(analysis)
        stored, first_owner = self.store.submit_result(result, text=document.text, actor=actor,
                                                       images=document.images, owner_id=owner_id)
        self.metrics.analyses.labels(result["outcome"]).inc()
        out = stored.to_result()
        if owner_id is not None and first_owner != owner_id:
            # The same text came first from another client: its id, source, title and metadata are that
            # client's and stay hidden; this caller gets back what it sent.
            keep = self.store.retention == "full"
            out["document"] = {**out["document"], "id": document.id, "source": document.source,
                               "locator": None, "title": document.title if keep else None,
                               "metadata": dict(document.metadata) if keep else {}}
        return out

    def visible(self, who: Principal, analysis: StoredAnalysis) -> StoredAnalysis:
        """The analysis as ``who`` may see it: an ``api`` client sees only documents it submitted (404 for
        the rest, as if they did not exist), and of a document another client submitted first, not that
        client's id, source, title or metadata. Reviewers and admins see everything."""
        if who.role != "api":
            return analysis
        document_id = analysis.document.id
        if who.user_id is None or not self.store.owns(who.user_id, document_id):
            raise not_found(f"no analysis {analysis.id!r}")
        if self.store.first_owner(document_id) == who.user_id:
            return analysis
        hidden = replace(analysis.document, external_id=None, source=None, locator=None, title=None, metadata={})
        return replace(analysis, document=hidden)

    # ------------------------------------------------------------------------------------------ read

    def analysis(self, analysis_id: str) -> StoredAnalysis:
        found = self.store.get_analysis(analysis_id)
        if found is None:
            raise not_found(f"no analysis {analysis_id!r}")
        return found

    def state(self, analysis_id: str) -> ReviewState:
        return review_state(self.store, analysis_id)

    def state_dict(self, state: ReviewState, outcome: str, *, reviewers: bool = True) -> dict[str, Any]:
        final = state.final
        return {
            "awaiting_review": state.awaiting,
            "escalated": state.escalated is not None,
            "final": (final.to_dict() if reviewers else {"action": final.action, "created_at":
                                                         final.created_at.isoformat()}) if final else None,
            "label": human_label(outcome, final.action) if final else None,
            "open_appeal": state.open_appeal.to_dict() if state.open_appeal else None,
        }

    def history(self, analysis_id: str) -> list[AuditEntry]:
        """The audit trail of one item: its analysis, reviews, bank feeds and appeals, oldest first."""
        entries = self.store.audit_log(object_type="analysis", object_id=analysis_id, limit=10_000, newest_first=False)
        for appeal in self.store.appeals(analysis_id=analysis_id, limit=10_000):
            entries += self.store.audit_log(object_type="appeal", object_id=appeal.id, limit=1000, newest_first=False)
        return sorted(entries, key=lambda e: e.id)

    # ---------------------------------------------------------------------------------------- review

    def review(
        self, who: Principal, analysis_id: str, action: str, reason: str, bank: str | None = None
    ) -> ReviewResult:
        reason = reason.strip()
        if action not in ACTIONS:
            raise invalid(f"action must be one of {', '.join(ACTIONS)}")
        if not reason:
            raise invalid("a reason is required for every review action")
        if who.role not in ("reviewer", "admin"):
            raise forbidden("only reviewers and admins review")
        with self._review_lock:  # one decision at a time, so two reviewers cannot both decide an item
            analysis = self.analysis(analysis_id)
            state = self.state(analysis_id)
            appeal = state.open_appeal
            if appeal is not None:
                if not state.may_decide(who.username):
                    raise forbidden(
                        "this decision is under appeal: a reviewer other than the one who decided it must review it"
                    )
            elif state.final is not None:
                raise conflict(
                    f"already decided ({state.final.action}); a decision is reopened only by an appeal"
                )
            if state.escalated is not None:
                if action == "escalate":
                    raise conflict("already escalated")
                if who.role != "admin":
                    raise forbidden("an escalated item is decided by an admin")
            label = human_label(analysis.outcome, action) if action in FINAL_ACTIONS else None
            feed = bank or (self.settings.confirm_bank if action == "confirm" else None)
            text: str | None = None
            if bank is not None and label != "violating":
                raise invalid("only a decision confirmed as violating can feed a bank")
            if feed is not None and label == "violating":
                if self.store.get_bank(feed) is None:
                    if bank is not None:
                        raise not_found(f"no bank named {feed!r}")
                    feed = None  # the configured default bank is gone: review anyway, feed nothing
                else:
                    text = analysis.document.text
                    if text is None and bank is not None:
                        raise conflict("the document's text is not retained (retention=hashes); nothing to sign")
            else:
                feed = None
            review = self.store.add_review(analysis_id, who.username, action, reason)
            self.metrics.reviews.labels(action).inc()
            resolved = None
            if appeal is not None and action in FINAL_ACTIONS:
                status = "rejected" if action == "confirm" else "upheld"
                resolved = self.store.resolve_appeal(appeal.id, resolver=who.username, status=status, resolution=reason)
        entry = self._feed_bank(who, analysis, feed, text, review) if feed and text else None
        return ReviewResult(review, resolved, entry, label)

    def _feed_bank(
        self, who: Principal, analysis: StoredAnalysis, bank: str, text: str, review: Review
    ) -> dict[str, Any] | None:
        signals = compute_signals(text)
        if not signals:
            return None
        flagged = [c for c in analysis.categories if c.get("outcome") != "not_violating"]
        top = max(flagged, key=lambda c: float(c.get("score") or 0.0), default=None)
        labels = EntryLabels(
            category=str(top["id"]) if top else None, source=f"review:{review.id}", added_by=who.username
        )
        try:
            result = self.store.add_bank_entries(bank, [NewEntry(signals, labels)], actor=who.username,
                                                 action="bank.add_reviewed")
        except NotFound:
            return None
        entry = {"bank": bank, "added": result.added, "skipped": result.skipped}
        self.store.audit(who.username, "analysis.bank_feed", "analysis", analysis.id, after=entry)
        return entry

    # --------------------------------------------------------------------------------------- appeals

    def file_appeal(self, who: Principal, analysis_id: str, reason: str) -> Appeal:
        reason = reason.strip()
        if not reason:
            raise invalid("an appeal needs a reason")
        with self._review_lock:
            self.visible(who, self.analysis(analysis_id))  # an API client appeals only on what it submitted
            state = self.state(analysis_id)
            if state.open_appeal is not None:
                raise conflict(f"an appeal on this decision is already open ({state.open_appeal.id})")
            appeal = self.store.file_appeal(analysis_id, who.username, reason)
        self.metrics.appeals.inc()
        return appeal

    # ------------------------------------------------------------------------------------ statements

    def statement(self, decision_id: str) -> dict[str, Any]:
        """The statement of reasons for the decision on one analysis, with its human review if any."""
        analysis = self.analysis(decision_id)
        if not analysis.statement_of_reasons:
            raise not_found("no statement of reasons: basira found nothing to act on in this document")
        state = self.state(decision_id)
        statement = dict(analysis.statement_of_reasons)
        final = state.final
        status = "in_force" if analysis.outcome == "violating" else "pending_review"
        if final is not None:
            label = human_label(analysis.outcome, final.action)
            status = "in_force" if label == "violating" else "withdrawn"
            dsa = dict(statement.get("dsa") or {})
            if dsa and label == "violating":
                dsa["automated_decision"] = "AUTOMATED_DECISION_PARTIALLY"  # a person took the decision
                statement["dsa"] = dsa
        if state.open_appeal is not None:
            status = "under_appeal"
        return {
            "decision_id": analysis.id,
            "document_id": analysis.document.id,
            "outcome": analysis.outcome,
            "status": status,
            "human_review": {"action": final.action, "at": final.created_at.isoformat()} if final else None,
            "statement_of_reasons": statement,
        }

    # ------------------------------------------------------------------------------------------- gold

    def gold(self) -> Iterator[dict[str, Any]]:
        """Reviewed items as gold JSON Lines records (documents whose text is retained)."""
        for analysis_id, outcome, text, categories, action in self.queries.reviewed():
            if text is None:
                continue
            label = human_label(outcome, action)
            cats = [str(c.get("id")) for c in categories if c.get("outcome") != "not_violating"]
            yield {
                "id": analysis_id,
                "text": text,
                "label": label,
                "categories": cats if label == "violating" else [],
                "kind": "reviewed",
            }

"""A real basira server for tests: uvicorn on 127.0.0.1 (a free port) in a thread, a real database, real users.

Also: purpose-made stored results (``seed``), so that queue and review tests do not depend on what the
recognisers happen to flag today. All texts are short, synthetic and neutral or minimal.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from basira.api import Settings, create_app, hash_password
from basira.output import analysis_dict
from basira.policy import load_policy
from basira.policy.statement import build_statement
from basira.store import Store
from basira.types import Analysis, CategoryDecision, Decision, Document, Evidence, EvidenceKind, MatchHit, Outcome

POSTGRES_URL = os.environ.get("BASIRA_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PASSWORD = "correct horse battery"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """``create_app(settings)`` served by uvicorn in a background thread."""

    def __init__(self, settings: Settings):
        self.app = create_app(settings)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # As 'basira serve' runs it: forwarded headers are the application's business (Settings.trusted_proxies).
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on",
                                proxy_headers=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)

    @property
    def store(self) -> Store:
        store: Store = self.app.state.ctx.store
        return store

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)

    def client(self, token: str | None = None, headers: dict[str, str] | None = None, **kwargs: Any
               ) -> httpx.Client:
        sent = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers={**sent, **(headers or {})}, timeout=30, **kwargs)


def all_routes(routes: Sequence[Any]) -> Iterator[tuple[str, set[str]]]:
    """Every (path, methods) the application routes, through included routers; mounts (static) left out."""
    for route in routes:
        if hasattr(route, "effective_candidates"):  # FastAPI's included router
            yield from all_routes(route.effective_candidates())
            continue
        methods = getattr(route, "methods", None)
        if methods:
            yield str(route.path), set(methods)


@contextmanager
def running(settings: Settings) -> Iterator[LiveServer]:
    server = LiveServer(settings).start()
    try:
        yield server
    finally:
        server.stop()


def sqlite_url(directory: Any) -> str:
    return f"sqlite:///{directory}/basira-{uuid.uuid4().hex[:8]}.db"


@contextmanager
def postgres_url() -> Iterator[str]:
    """A fresh schema in the test PostgreSQL; unreachable is a failure, never a skip."""
    schema = f"basira_api_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as exc:
        admin.dispose()
        pytest.fail(f"PostgreSQL is required for these tests and is unreachable at {POSTGRES_URL}: {exc.orig}",
                    pytrace=False)
    joiner = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{joiner}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@dataclass(frozen=True)
class Accounts:
    """Tokens of the standard test users: one admin, two reviewers, one API integration."""

    admin: str
    reviewer: str
    reviewer2: str
    api: str


def make_accounts(store: Store, prefix: str = "") -> Accounts:
    password_hash = hash_password(PASSWORD)
    tokens = {}
    for name, role in (("admin", "admin"), ("reviewer", "reviewer"), ("reviewer2", "reviewer"), ("api", "api")):
        username = f"{prefix}{name}"
        if store.get_user(username) is None:
            store.create_user(username, role, password_hash)
        tokens[name] = store.create_token(username, "tests")[1]
    return Accounts(**tokens)


# -------------------------------------------------------------------------------------- seeded results


@dataclass(frozen=True)
class Span:
    phrase: str
    kind: EvidenceKind
    label: str
    score: float = 0.8
    attrs: dict[str, Any] | None = None


def unique(text_: str) -> str:
    """The text with a neutral reference appended, so each test stores its own document."""
    return f"{text_} — مرجع {uuid.uuid4().hex[:6]}"


def seed(
    store: Store,
    text_: str,
    outcome: str,
    *,
    categories: Sequence[tuple[str, str, float]] = (),
    spans: Sequence[Span] = (),
    matches: Sequence[MatchHit] = (),
    source: str = "seed.txt",
    title: str | None = None,
    owner: str | None = "api",
) -> str:
    """Store a purpose-made analysis of ``text_`` (evidence found at each span's phrase) and return its id.
    ``owner``: the API client recorded as having submitted it, when that user exists (as ``/v1/analyze`` does)."""
    evidence = []
    for i, span in enumerate(spans, start=1):
        start = text_.index(span.phrase)
        evidence.append(Evidence(f"e{i}", span.kind, span.label, start, start + len(span.phrase), span.phrase,
                                 f"{span.kind.value}@1", f"{span.kind.value}.{span.label.lower()}", span.score,
                                 span.attrs or {}))
    signal_ids = tuple(e.id for e in evidence if e.kind is EvidenceKind.SIGNAL)
    qualifier_ids = tuple(e.id for e in evidence if e.kind is not EvidenceKind.SIGNAL)
    policy = load_policy("tco")
    decided = tuple(
        CategoryDecision(cid, policy.categories[cid].legal_ref, Outcome(cat_outcome), score, signal_ids,
                         qualifier_ids, (f"synthetic score {score:.2f}",))
        for cid, cat_outcome, score in categories
    )
    document = Document(id=f"seed-{uuid.uuid4().hex[:8]}", source=source, text=text_, format="text", lang="ar",
                        title=title)
    analysis = Analysis(document=document, evidence=tuple(evidence), matches=tuple(matches),
                        versions={"basira": "test", "recognizers": {"seed": "1"}})
    decision = Decision(Outcome(outcome), decided, policy.key, "all")
    if decided and outcome != "not_violating":
        decision = Decision(decision.outcome, decided, policy.key, "all",
                            build_statement(policy, analysis, decision))
    result = analysis_dict(Analysis(document=document, evidence=analysis.evidence, decision=decision,
                                    matches=analysis.matches, versions=analysis.versions))
    analysis_id = store.save_result(result, text=text_)
    user = store.get_user(owner) if owner else None
    if user is not None:
        stored = store.get_analysis(analysis_id)
        assert stored is not None
        store.add_owner(stored.document.id, user.id)
    return analysis_id


def seed_violating(store: Store, text_: str | None = None, category: str = "incitement", score: float = 0.9,
                   **kwargs: Any) -> str:
    body = text_ or unique(VIOLATING)
    return seed(store, body, "violating", categories=[(category, "violating", score)],
                spans=[Span(CALL, EvidenceKind.SIGNAL, "CALL_TO_VIOLENCE", 0.9)], **kwargs)


def seed_review(store: Store, text_: str | None = None, category: str = "incitement", score: float = 0.5,
                **kwargs: Any) -> str:
    body = text_ or unique(QUOTED)
    return seed(store, body, "review", categories=[(category, "review", score)],
                spans=[Span(QUOTE, EvidenceKind.QUOTATION, "QUOTATION", 0.5),
                       Span(CALL, EvidenceKind.SIGNAL, "CALL_TO_VIOLENCE", 0.7)], **kwargs)


# Purpose-made, minimal texts: one imperative, or a neutral sentence.
CALL = "اقتلوهم"
VIOLATING = "اقتلوهم جميعا"
QUOTE = "«اقتلوهم»"
QUOTED = "قال أحدهم: «اقتلوهم»"
NEUTRAL = "افتتاح مكتبة عامة جديدة في الحي"

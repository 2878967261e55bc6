"""What a running app holds: settings, the store, the workflow, metrics and the rate limiters."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from basira.api.health import Health
from basira.api.metrics import Metrics
from basira.api.pool import AnalysisPool
from basira.api.queries import Queries
from basira.api.ratelimit import TokenBuckets
from basira.api.settings import Settings
from basira.api.workflow import Workflow
from basira.store import Store


@dataclass(slots=True)
class AppContext:
    settings: Settings
    store: Store
    workflow: Workflow
    metrics: Metrics
    api_limiter: TokenBuckets  # per API token
    login_limiter: TokenBuckets  # per client address, web logins
    auth_failures: TokenBuckets  # per client address, failed bearer tokens
    pool: AnalysisPool  # analysis work, off the event loop
    health: Health  # /healthz's database check: never queued behind anything else
    refusal_audits: TokenBuckets  # per client address: how often a rate-limited login is written to the audit log

    @property
    def queries(self) -> Queries:
        return self.workflow.queries


def context(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"

"""API test fixtures: a real server (uvicorn, a free port on 127.0.0.1) per database backend and module."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from live import Accounts, LiveServer, make_accounts, postgres_url, running, sqlite_url

from basira.api import Settings

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.postgres),
]
MAX_BATCH = 5


@pytest.fixture(scope="module", params=BACKENDS)
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server over SQLite (a temporary file) or PostgreSQL (a fresh schema), shared by one module."""
    settings = dict(max_batch=MAX_BATCH, rate_per_second=1000.0, rate_burst=1000, max_body_bytes=256 * 1024,
                    max_chars=20_000)
    if request.param == "sqlite":
        with running(Settings(db_url=sqlite_url(tmp_path_factory.mktemp("api")), **settings)) as live:
            yield live
        return
    with postgres_url() as url, running(Settings(db_url=url, **settings)) as live:
        yield live


@pytest.fixture(scope="module")
def accounts(server: LiveServer) -> Accounts:
    return make_accounts(server.store)


@pytest.fixture
def admin(server: LiveServer, accounts: Accounts) -> Iterator[httpx.Client]:
    with server.client(accounts.admin) as client:
        yield client


@pytest.fixture
def reviewer(server: LiveServer, accounts: Accounts) -> Iterator[httpx.Client]:
    with server.client(accounts.reviewer) as client:
        yield client


@pytest.fixture
def reviewer2(server: LiveServer, accounts: Accounts) -> Iterator[httpx.Client]:
    with server.client(accounts.reviewer2) as client:
        yield client


@pytest.fixture
def api(server: LiveServer, accounts: Accounts) -> Iterator[httpx.Client]:
    with server.client(accounts.api) as client:
        yield client


@pytest.fixture
def anonymous(server: LiveServer) -> Iterator[httpx.Client]:
    with server.client() as client:
        yield client

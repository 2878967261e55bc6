"""Web UI fixtures: a real server (SQLite), accounts, a logged-in HTTP client, and Debian's chromium driven by
Playwright (browser tests, marker ``browser``)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "api")]

from live import Accounts, LiveServer, make_accounts, running, sqlite_url  # noqa: E402
from webtools import CHROMIUM, CHROMIUM_ARGS, login  # noqa: E402

from basira.api import Settings  # noqa: E402


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(db_url=sqlite_url(tmp_path_factory.mktemp("web")), rate_per_second=1000.0, rate_burst=1000,
                        login_rate_per_minute=600.0)
    with running(settings) as live:
        yield live


@pytest.fixture(scope="module")
def accounts(web: LiveServer) -> Accounts:
    return make_accounts(web.store)


@pytest.fixture
def session(web: LiveServer, accounts: Accounts) -> Iterator[httpx.Client]:
    """An HTTP client logged in as the reviewer."""
    with web.client() as client:
        assert login(client, "reviewer").status_code == 303
        yield client


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/install-browser-deps.sh", pytrace=False)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page_errors() -> list[str]:
    return []


@pytest.fixture
def page(browser: Any, page_errors: list[str]) -> Iterator[Any]:
    """A fresh browser context and page; script errors and CSP violations are collected in ``page_errors``."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, device_scale_factor=1)
    opened = context.new_page()
    opened.on("pageerror", lambda exc: page_errors.append(str(exc)))
    opened.on("console", lambda msg: page_errors.append(msg.text) if msg.type == "error" else None)
    opened.on("response", lambda r: page_errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    opened.set_default_timeout(10_000)
    try:
        yield opened
    finally:
        context.close()

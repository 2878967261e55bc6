"""Services some tests need, checked once per session and decided here for the whole suite.

Tests marked ``postgres`` need the PostgreSQL server at ``BASIRA_TEST_POSTGRES`` (default
postgres@127.0.0.1:5432/test, trust auth); tests marked ``browser`` need Debian's chromium at
``/usr/bin/chromium`` (``BASIRA_TEST_CHROMIUM``) and Playwright for Python. When one is missing:

- on a developer's machine the tests that need it are skipped, each with the reason (``-ra`` lists them,
  and the end of the run says which service is missing and how to provide it);
- under ``CI=true`` (``.ci/run`` sets it) they fail: CI must never pass with the store or UI untested.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

POSTGRES_URL = os.environ.get("BASIRA_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
CHROMIUM = Path(os.environ.get("BASIRA_TEST_CHROMIUM", "/usr/bin/chromium"))
SERVICE_MARKERS = ("postgres", "browser")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@cache
def missing(marker: str) -> str | None:
    """Why the service behind ``marker`` is unavailable, or None when it is there."""
    if marker == "postgres":
        return _postgres_missing()
    if marker == "browser":
        return _browser_missing()
    raise ValueError(f"no service check for the marker {marker!r}")


def _postgres_missing() -> str | None:
    try:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        url = make_url(POSTGRES_URL)
        if url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        engine = create_engine(url, connect_args={"connect_timeout": 5})
    except Exception as exc:  # psycopg not installed, a malformed URL
        return f"PostgreSQL client unusable for {POSTGRES_URL}: {type(exc).__name__}: {exc}"
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        cause = " ".join(str(getattr(exc, "orig", None) or exc).split())[:200] or type(exc).__name__
        return (f"PostgreSQL unreachable at {url.render_as_string(hide_password=True)} ({cause}); "
                "start it or set BASIRA_TEST_POSTGRES (see the README's prerequisites)")
    finally:
        engine.dispose()
    return None


def _browser_missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing; run scripts/install-browser-deps.sh (root or sudo: apt-get)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"Playwright for Python is not installed ({exc}); pip install -e '.[dev]'"
    return None


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Name every missing service at the end of the run (also under ``-q``), with what it did to the tests."""
    verdict = "its tests FAILED (CI=true)" if in_ci() else "its tests were SKIPPED"
    reasons = [(marker, reason) for marker in sorted(_checked) if (reason := missing(marker))]
    if reasons:
        terminalreporter.write_sep("=", "missing services")
        for marker, reason in reasons:
            terminalreporter.write_line(f"services: {marker}: {reason}: {verdict}")


_checked: set[str] = set()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that asks for the chromium fixture (``browser``, tests/web/conftest.py) needs chromium, marked or
    not."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()) and item.get_closest_marker("browser") is None:
            item.add_marker(pytest.mark.browser)


def pytest_runtest_setup(item: pytest.Item) -> None:
    for marker in SERVICE_MARKERS:
        if item.get_closest_marker(marker) is None:
            continue
        _checked.add(marker)
        reason = missing(marker)
        if reason is None:
            continue
        if in_ci():
            pytest.fail(f"CI=true and a required service is missing: {reason}", pytrace=False)
        pytest.skip(f"needs {marker}: {reason}")

"""Helpers for the web UI tests: logging in over HTTP and in the browser, screenshots, chromium's settings."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import httpx
from live import PASSWORD, LiveServer

CHROMIUM = os.environ.get("BASIRA_TEST_CHROMIUM", "/usr/bin/chromium")  # as tests/conftest.py checks it
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field in the page"
    return found.group(1)


def login(client: httpx.Client, username: str, password: str = PASSWORD) -> httpx.Response:
    form = client.get("/login")
    return client.post("/login", data={"username": username, "password": password, "csrf": csrf_of(form.text),
                                       "next": "/queue"})


def browser_login(page: Any, web: LiveServer, username: str = "reviewer") -> None:
    page.goto(f"{web.url}/login")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url(re.compile(r".*/queue.*"))


def screenshot(page: Any, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

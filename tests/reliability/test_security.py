"""Security checks: ``scripts/security-checks.sh`` (bandit, pip-audit) and when it may skip; no secrets in
logs (store URLs with passwords, user passwords, API tokens); hostile text never reaches a reviewer's
browser as markup (the evidence highlighter); the audit log cannot be changed through the application's
own database layer, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .support import BASIRA, ROOT, basira_env, examples, hostile_text

SCRIPT = ROOT / "scripts" / "security-checks.sh"
POSTGRES_URL = os.environ.get("BASIRA_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SECRET = "Pw-S3cret-" + uuid.uuid4().hex[:8]


# ------------------------------------------------------------------------------------ security-checks.sh
@pytest.mark.long
def test_the_security_checks_pass() -> None:
    """bandit finds nothing of medium severity or more (or each is justified with # nosec), and pip-audit
    finds no known vulnerability — or says plainly that no vulnerability database could be reached."""
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-3000:]
    assert "bandit: no medium or high severity issues" in done.stdout
    assert ("pip-audit: no known vulnerabilities" in done.stdout
            or "pip-audit: skipped: no vulnerability database reachable" in done.stdout)


FAKE_PIP_AUDIT = textwrap.dedent(
    """\
    #!{python}
    import json, os, sys
    args = sys.argv[1:]
    service = args[args.index("--vulnerability-service") + 1]
    out = args[args.index("-o") + 1]
    case = json.loads(os.environ["FAKE_AUDIT"])[service]
    if case.get("report") is not None:
        with open(out, "w") as f:
            json.dump(case["report"], f)
    sys.stderr.write(case.get("stderr", ""))
    sys.exit(case.get("rc", 0))
    """
)
NOT_FOUND = {"dependencies": [
    {"name": "basira", "skip_reason": "distribution marked as editable"},
    {"name": "regex", "skip_reason": "Dependency not found on PyPI and could not be audited: regex (1)"},
    {"name": "httpx", "skip_reason": "Dependency not found on PyPI and could not be audited: httpx (1)"},
]}
CLEAN = {"dependencies": [{"name": "regex", "version": "1", "vulns": []},
                          {"name": "httpx", "version": "1", "vulns": []}]}
VULNERABLE = {"dependencies": [{"name": "regex", "version": "1", "vulns": [
    {"id": "PYSEC-0000-1", "fix_versions": ["2"], "aliases": [], "description": "a test"}]}]}
NO_NETWORK = ("requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.osv.dev', port=443): Max retries "
              "exceeded with url: /v1/query (Caused by NameResolutionError(...Failed to resolve 'api.osv.dev'))\n")
CASES = {
    "no-database-anywhere": ({"pypi": {"report": NOT_FOUND}, "osv": {"rc": 1, "stderr": NO_NETWORK}}, 0,
                             "skipped: no vulnerability database reachable"),
    "pypi-clean": ({"pypi": {"report": CLEAN}, "osv": {"rc": 99}}, 0, "no known vulnerabilities"),
    "pypi-vulnerable": ({"pypi": {"report": VULNERABLE}, "osv": {"rc": 99}}, 1, "PYSEC-0000-1"),
    "osv-vulnerable": ({"pypi": {"report": NOT_FOUND}, "osv": {"report": VULNERABLE, "rc": 1}}, 1, "PYSEC-0000-1"),
    "osv-clean": ({"pypi": {"report": NOT_FOUND}, "osv": {"report": CLEAN}}, 0, "no known vulnerabilities"),
    "pypi-broken-otherwise": ({"pypi": {"rc": 1, "stderr": "pip_audit: ResolutionImpossible: conflict\n"},
                               "osv": {"rc": 99}}, 1, "did not complete"),
    "osv-broken-otherwise": ({"pypi": {"report": NOT_FOUND}, "osv": {"rc": 1, "stderr": "KeyError: 'vulns'\n"}},
                             1, "did not complete"),
}


def _fake_tool(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


@pytest.mark.parametrize("case", sorted(CASES))
def test_pip_audit_is_skipped_only_when_no_vulnerability_database_answers(case: str, tmp_path: Path) -> None:
    behaviour, expected_code, expected_text = CASES[case]
    fake_audit = _fake_tool(tmp_path / "pip-audit", FAKE_PIP_AUDIT.format(python=sys.executable))
    fake_bandit = _fake_tool(tmp_path / "bandit", "#!/bin/sh\nexit 0\n")
    env = {**os.environ, "FAKE_AUDIT": json.dumps(behaviour), "BASIRA_PIP_AUDIT": str(fake_audit),
           "BASIRA_BANDIT": str(fake_bandit)}
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert done.returncode == expected_code, done.stdout + done.stderr
    assert expected_text in done.stdout + done.stderr
    if expected_code:
        assert "skipped" not in done.stdout


def test_a_bandit_finding_fails_the_checks(tmp_path: Path) -> None:
    fake_audit = _fake_tool(tmp_path / "pip-audit", FAKE_PIP_AUDIT.format(python=sys.executable))
    fake_bandit = _fake_tool(tmp_path / "bandit", "#!/bin/sh\necho '>> Issue: [B999:test] a finding'\nexit 1\n")
    env = {**os.environ, "FAKE_AUDIT": json.dumps(CASES["pypi-clean"][0]), "BASIRA_PIP_AUDIT": str(fake_audit),
           "BASIRA_BANDIT": str(fake_bandit)}
    done = subprocess.run(["bash", str(SCRIPT)], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert done.returncode == 1
    assert "B999" in done.stdout and "bandit: FAILED" in done.stdout


# ----------------------------------------------------------------------------------------- secrets in logs
def _basira(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*BASIRA, *args], input=stdin, capture_output=True, text=True, timeout=120,
                          env=env or basira_env(), cwd=ROOT)


def test_db_upgrade_never_prints_the_password_of_its_url() -> None:
    done = _basira("db", "upgrade", "--db", f"postgresql+psycopg://someone:{SECRET}@127.0.0.1:1/nowhere")
    assert done.returncode != 0
    assert "***" in done.stderr
    assert SECRET not in done.stdout + done.stderr


def test_issue11_scan_never_prints_the_password_of_its_store_url(tmp_path: Path) -> None:
    """``basira scan --db postgresql://user:PASSWORD@…`` prints the URL as given when the store cannot be
    opened ("cannot open the store {db}") and in every "not stored in {db}" line. ``basira db`` hides it
    (``db.shown``); scan should too."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "نص"}\n', encoding="utf-8")
    done = _basira("scan", "-q", str(source), "--db", f"postgresql+psycopg://someone:{SECRET}@127.0.0.1:1/nowhere")
    assert done.returncode != 0
    assert SECRET not in done.stdout + done.stderr


def test_issue11_scan_never_prints_the_password_when_a_result_is_not_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from basira.cli import app
    from basira.cli.commands import scan as scan_module

    class FailingStore:
        def __init__(self, url: str, retention: str):
            self.url = url

        def save(self, record: dict[str, Any], text: str, images: Any = ()) -> str | None:
            return "OperationalError: the server went away"

        def close(self) -> None:
            pass

    monkeypatch.setattr(scan_module, "ResultStore", FailingStore)
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "نص"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["scan", "-q", str(source), "--db",
                                      f"postgresql+psycopg://someone:{SECRET}@127.0.0.1:5432/x"])
    assert result.exit_code == 1
    assert "not stored" in result.output
    assert SECRET not in result.output


def test_user_passwords_and_tokens_stay_out_of_output_logs_and_the_audit_log(tmp_path: Path) -> None:
    """``basira user add`` (password on stdin) and ``basira user token``: the password appears nowhere; the
    token is printed once on stdout (that is its purpose) and nowhere else — not on stderr, not in the
    store's audit log, not as plain text in the database file."""
    pytest.importorskip("argon2")
    db_file = tmp_path / "users.db"
    db = f"sqlite:///{db_file}"
    added = _basira("user", "add", "bot", "--role", "api", "--password-stdin", "--db", db, stdin=f"{SECRET}\n")
    assert added.returncode == 0, added.stderr
    token = _basira("user", "token", "bot", "--name", "ci", "--db", db)
    assert token.returncode == 0, token.stderr
    secret_token = token.stdout.strip().splitlines()[-1]
    assert len(secret_token) >= 20
    listed = _basira("user", "list", "--db", db)
    everything = added.stdout + added.stderr + token.stderr + listed.stdout + listed.stderr
    assert SECRET not in everything and secret_token not in everything
    from basira.store import Store

    with Store.open(db) as store:
        audit = json.dumps([e.to_dict() if hasattr(e, "to_dict") else repr(e) for e in store.audit_log(limit=1000)],
                           default=str)
    assert SECRET not in audit and secret_token not in audit
    raw = db_file.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("users.db-*"))
    assert SECRET.encode() not in raw and secret_token.encode() not in raw


# ------------------------------------------------------------------------- hostile text never becomes markup
class _Tags(HTMLParser):
    """Every tag and attribute in a fragment, and its text with entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


MARKUP = st.sampled_from(["<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'", "\"", "<!--",
                          "-->", "</mark>", "<mark title=x>", "&lt;", "&amp;", "javascript:alert(1)", "<svg/onload=1>",
                          "\u202e", "\u2066", "<", ">", "<style>", "]]>", "<![CDATA["])
TEXT = st.lists(st.one_of(MARKUP, hostile_text(max_pieces=6, long_runs=False)), max_size=30).map("".join)


@examples(80)
@given(TEXT, st.data())
def test_the_highlighter_never_lets_document_text_or_evidence_fields_become_markup(
    text: str, data: st.DataObject
) -> None:
    highlight_module = pytest.importorskip("basira.web.highlight")
    n = len(text)
    evidence = []
    for i in range(data.draw(st.integers(0, 6))):
        start = data.draw(st.integers(0, n))
        end = data.draw(st.integers(start, n))
        evidence.append({
            "id": data.draw(st.one_of(st.just(f"e{i + 1}"), MARKUP)), "kind": data.draw(st.one_of(
                st.sampled_from(["signal", "context", "entity"]), MARKUP)),
            "label": data.draw(MARKUP), "rule": data.draw(MARKUP), "recognizer": data.draw(MARKUP),
            "score": data.draw(st.one_of(st.floats(allow_nan=True), st.text(max_size=3))),
            "start": start, "end": end,
        })
    html = str(highlight_module.highlight(text, evidence))
    parser = _Tags()
    parser.feed(html)
    parser.close()
    assert not parser.comments
    for tag, attrs in parser.tags:
        assert tag in ("mark", "span"), (tag, html)
        for name, _value in attrs:
            assert name in ("class", "data-ev", "data-kind", "title"), (name, html)
    shown = "".join(parser.text)
    expected = "".join(f"⟦U+{ord(c):04X}⟧" if c in highlight_module.BIDI_CONTROLS else c for c in text)
    assert shown.replace("\r\n", "\n").replace("\r", "\n") == expected.replace("\r\n", "\n").replace("\r", "\n")


# ------------------------------------------------------------------------------- the audit log is append-only
@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'audit.db'}"
        return
    from sqlalchemy import create_engine, text

    schema = f"basira_rel_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        joiner = "&" if "?" in POSTGRES_URL else "?"
        yield f"{POSTGRES_URL}{joiner}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_the_audit_log_cannot_be_changed_through_the_orm(store_url: str) -> None:
    """The store contract tests refuse raw UPDATE/DELETE; here the application's own ORM session tries it
    too — a changed row, a deleted row, a bulk update, a bulk delete — and the database refuses each."""
    from sqlalchemy import delete, select, update
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm import Session

    from basira.store import Store
    from basira.store.models import AuditRow

    with Store.open(store_url) as store:
        store.audit("tester", "test.event", "thing", "1", after={"n": 1})
        attempts = [
            lambda s: setattr(s.scalars(select(AuditRow)).first(), "actor", "someone else"),
            lambda s: s.delete(s.scalars(select(AuditRow)).first()),
            lambda s: s.execute(update(AuditRow).values(action="rewritten")),
            lambda s: s.execute(delete(AuditRow)),
        ]
        for attempt in attempts:
            with pytest.raises(DBAPIError, match="append-only"), Session(store.engine) as session, session.begin():
                attempt(session)
                session.flush()
        entries = store.audit_log()
        assert [(e.actor, e.action) for e in entries] == [("tester", "test.event")]


def _csrf(form: str) -> Any:
    import re

    return re.search(r'name="csrf"\s+value="([^"]+)"', form) or re.search(r'value="([^"]+)"\s+name="csrf"', form)


def _free_port() -> int:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_basira_serve_never_logs_passwords_or_tokens(tmp_path: Path) -> None:
    """A real ``basira serve`` at debug log level: token-authenticated API calls, a bad token, a failed and a
    successful web login. Its whole output (uvicorn's access log included) holds neither the passwords nor
    the tokens, and neither does the database file in clear."""
    pytest.importorskip("uvicorn")
    import time

    import httpx

    db_file = tmp_path / "serve.db"
    db = f"sqlite:///{db_file}"
    wrong = "Wr0ng-" + uuid.uuid4().hex[:8]
    assert _basira("user", "add", "rev", "--role", "reviewer", "--password-stdin", "--db", db,
                   stdin=f"{SECRET}\n").returncode == 0
    assert _basira("user", "add", "bot", "--role", "api", "--password-stdin", "--db", db,
                   stdin=f"{SECRET}-bot\n").returncode == 0
    made = _basira("user", "token", "bot", "--db", db)
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    port = _free_port()
    log_path = tmp_path / "serve.log"
    env = basira_env(BASIRA_SESSION_SECRET="s" * 32)
    with log_path.open("wb") as log:
        server = subprocess.Popen([*BASIRA, "serve", "--port", str(port), "--db", db, "--log-level", "debug"],
                                  stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert server.poll() is None and time.monotonic() < deadline, log_path.read_text()
                time.sleep(0.2)
            with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as api:
                assert api.get("/v1/me").status_code == 200
                assert api.post("/v1/analyze", json={"text": "نص عربي للاختبار", "id": "t1"}).status_code == 200
            assert httpx.get(f"{base}/v1/me", headers={"Authorization": f"Bearer {token}x"}).status_code == 401
            with httpx.Client(base_url=base, timeout=30) as browser:
                form = browser.get("/login").text
                csrf = _csrf(form)
                assert csrf, form[:2000]
                failed = browser.post("/login", data={"username": "rev", "password": wrong, "csrf": csrf.group(1)})
                assert failed.status_code == 401
                form = browser.get("/login").text
                csrf = _csrf(form)
                assert csrf
                ok = browser.post("/login", data={"username": "rev", "password": SECRET, "csrf": csrf.group(1)},
                                  follow_redirects=False)
                assert ok.status_code == 303, ok.text[:500]
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
    logged = log_path.read_text(encoding="utf-8", errors="replace")
    assert "/v1/me" in logged and "/login" in logged, "the access log is not where the test looks"
    for secret in (SECRET, f"{SECRET}-bot", wrong, token):
        assert secret not in logged, "a secret reached the server's log"
    raw = db_file.read_bytes() + b"".join(p.read_bytes() for p in tmp_path.glob("serve.db-*"))
    for secret in (SECRET, wrong, token):
        assert secret.encode() not in raw, "a secret is stored in clear"


def test_the_application_offers_no_way_to_change_the_audit_log(tmp_path: Path) -> None:
    """Through the application itself: every route that touches the audit log only reads it (GET), and
    PUT/PATCH/DELETE/POST on it are refused by routing (405), whoever asks."""
    pytest.importorskip("fastapi")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from basira.api import Settings, create_app, hash_password

    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'audit-api.db'}"))
    routes: list[tuple[str, set[str]]] = []

    def walk(items: Any) -> None:
        for route in items:
            if hasattr(route, "effective_candidates"):
                walk(route.effective_candidates())
            elif getattr(route, "methods", None):
                routes.append((str(route.path), set(route.methods)))

    walk(app.routes)
    audit_routes = [(path, methods) for path, methods in routes if "audit" in path]
    assert audit_routes, "no audit route found: the test no longer looks at the right thing"
    assert all(methods <= {"GET", "HEAD"} for _, methods in audit_routes), audit_routes
    store = app.state.ctx.store
    store.create_user("root-admin", "admin", hash_password("a long enough password"))
    _record, token = store.create_token("root-admin", "audit test")
    before = len(store.audit_log(limit=1000))
    with TestClient(app, raise_server_exceptions=False) as client:
        client.headers["Authorization"] = f"Bearer {token}"
        for path, _methods in audit_routes:
            for method in ("PUT", "PATCH", "DELETE", "POST"):
                assert client.request(method, path, json={}).status_code in (404, 405), (method, path)
        assert client.get("/v1/audit").status_code == 200
    assert len(store.audit_log(limit=1000)) >= before

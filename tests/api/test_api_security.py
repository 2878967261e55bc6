"""Authentication on every route, limits (body size, batch, rate), error shapes and security headers."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from live import NEUTRAL, LiveServer, all_routes, make_accounts, running, sqlite_url, unique

from basira.api import Settings

OPEN = {("GET", "/healthz"), ("GET", "/login"), ("POST", "/login"), ("POST", "/logout")}
PAGES = ("/queue", "/items/", "/settings/")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server with small limits (SQLite)."""
    settings = Settings(db_url=sqlite_url(tmp_path_factory.mktemp("small")), max_body_bytes=4096, max_chars=1000,
                        max_batch=2, rate_per_second=0.2, rate_burst=3)
    with running(settings) as live:
        yield live


def every_route(server: LiveServer) -> list[tuple[str, str]]:
    out = []
    for path, methods in all_routes(server.app.routes):
        for method in sorted(methods - {"HEAD"}):
            out.append((method, re.sub(r"\{[^}]+\}", "x", path)))
    return out


def test_no_route_but_healthz_works_without_authentication(small: LiveServer):
    routes = every_route(small)
    assert len(routes) > 25 and ("GET", "/openapi.json") in routes and ("GET", "/metrics") in routes
    with small.client() as anonymous:
        for method, path in routes:
            if (method, path) in OPEN:
                continue
            response = anonymous.request(method, path, json={} if method in ("POST", "PUT", "PATCH") else None)
            if path == "/" or path.startswith(PAGES):  # web pages send you to the login form
                assert response.status_code == 303, (method, path, response.status_code)
                assert response.headers["location"].startswith("/login"), (method, path)
            else:
                assert response.status_code == 401, (method, path, response.status_code)
                assert response.headers["www-authenticate"].startswith("Bearer")
        assert anonymous.get("/healthz").json()["status"] == "ok"
        assert anonymous.get("/login").status_code == 200
        assert anonymous.get("/static/css/basira.css").status_code == 200  # assets carry no data


def test_bad_tokens_are_refused(small: LiveServer):
    for header in ("Bearer nope", "Basic YWRtaW46YWRtaW4=", "Bearer", "bsr_token", "Bearer " + "x" * 300):
        with small.client(headers={"Authorization": header}) as client:
            assert client.get("/v1/me").status_code == 401, header
    accounts = make_accounts(small.store, prefix="revoked-")
    token_id = small.store.list_tokens("revoked-api")[-1].id
    small.store.revoke_token(token_id)
    with small.client(accounts.api) as client:
        assert client.get("/v1/me").status_code == 401
    small.store.update_user("revoked-admin", disabled=True)
    with small.client(accounts.admin) as client:
        assert client.get("/v1/me").status_code == 401


def test_oversize_bodies_get_413(small: LiveServer):
    accounts = make_accounts(small.store, prefix="size-")
    with small.client(accounts.api) as api:
        declared = api.post("/v1/analyze", content=b'{"text": "' + b"a" * 5000 + b'"}',
                            headers={"content-type": "application/json"})
        assert declared.status_code == 413 and "4096" in declared.json()["detail"]

        def chunks() -> Iterator[bytes]:
            yield b'{"text": "'
            for _ in range(10):
                yield b"a" * 1000
            yield b'"}'

        streamed = api.post("/v1/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413
        too_long = api.post("/v1/analyze", json={"text": "ب" * 1001})
        assert too_long.status_code == 413 and "1000" in too_long.json()["detail"]
        batch = api.post("/v1/analyze/batch", json={"documents": [{"text": "x"}] * 3})
        assert batch.status_code == 413


def test_malformed_json_is_422_with_a_clear_message(small: LiveServer):
    accounts = make_accounts(small.store, prefix="json-")
    with small.client(accounts.api) as api:
        response = api.post("/v1/analyze", content=b'{"text": ', headers={"content-type": "application/json"})
        assert response.status_code == 422
        body = response.json()
        assert body["code"] == "invalid" and body["message"].startswith("the request body is not valid JSON")
        missing = api.post("/v1/analyze", json={"title": "no text"})
        assert missing.status_code == 422 and "text" in missing.json()["message"]


def test_rate_limit_per_token(small: LiveServer):
    first = make_accounts(small.store, prefix="rate1-")
    second = make_accounts(small.store, prefix="rate2-")
    with small.client(first.reviewer) as one, small.client(second.reviewer) as two:
        codes = [one.get("/v1/me").status_code for _ in range(4)]
        assert codes[:3] == [200, 200, 200] and codes[3] == 429
        limited = one.get("/v1/me")
        assert limited.status_code == 429 and int(limited.headers["retry-after"]) >= 1
        assert two.get("/v1/me").status_code == 200  # buckets are per token
    with small.client(first.admin) as admin:
        metrics = admin.get("/metrics")
        assert 'basira_rate_limited_total{kind="token"}' in metrics.text


def test_security_headers_on_pages_and_api(small: LiveServer):
    with small.client() as client:
        for path in ("/login", "/healthz", "/v1/queue"):
            headers = client.get(path).headers
            csp = headers["content-security-policy"]
            assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
            assert headers["x-content-type-options"] == "nosniff"
            assert headers["x-frame-options"] == "DENY"


def test_metrics_are_prometheus_text(small: LiveServer):
    accounts = make_accounts(small.store, prefix="metrics-")
    with small.client(accounts.api) as api:
        api.post("/v1/analyze", json={"text": unique(NEUTRAL)})
        response = api.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert "# TYPE basira_http_requests_total counter" in text
    assert 'basira_analyses_total{outcome="not_violating"}' in text
    assert "basira_queue_items" in text
    assert 'route="/v1/analyze"' in text
    assert "reviewer" not in text and "username" not in text  # no metric is about a person


def test_openapi_schema_is_served_to_authenticated_callers(small: LiveServer):
    accounts = make_accounts(small.store, prefix="schema-")
    with small.client(accounts.reviewer) as client:
        schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/v1/analyze", "/v1/analyze/batch", "/v1/queue", "/v1/reviews", "/v1/appeals", "/v1/banks",
            "/v1/statements/{decision_id}", "/v1/documents/{document_id}", "/v1/export/gold", "/healthz",
            "/metrics"} <= set(schema["paths"])
    assert not [p for p in schema["paths"] if p.startswith(("/queue", "/items", "/login"))]
    assert schema["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"

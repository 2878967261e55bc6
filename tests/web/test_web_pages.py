"""The web UI over HTTP (no browser): login and sessions, CSRF, cookies, language, escaping, the review form."""

from __future__ import annotations

import re

import httpx
from live import PASSWORD, Accounts, LiveServer, running, seed_review, seed_violating, sqlite_url, unique
from webtools import csrf_of, login

from basira.api import Settings

HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> javascript:alert(1)'


def test_login_sets_a_hardened_session_cookie_and_logout_ends_it(web: LiveServer, accounts: Accounts):
    with web.client() as client:
        page = client.get("/queue")
        assert page.status_code == 303 and page.headers["location"].startswith("/login?next=%2Fqueue")
        response = login(client, "reviewer")
        assert response.status_code == 303 and response.headers["location"] == "/queue"
        cookie = next(v for k, v in response.headers.multi_items() if k == "set-cookie" and "basira_session" in v)
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie  # plain http here
        queue = client.get("/queue")
        assert queue.status_code == 200 and "reviewer" in queue.text
        logout = client.post("/logout", data={"csrf": csrf_of(queue.text)})
        assert logout.status_code == 303 and logout.headers["location"] == "/login"
        assert client.get("/queue").status_code == 303
    entries = web.store.audit_log(actor="reviewer", object_type="user")
    assert {"session.login", "session.logout"} <= {e.action for e in entries}


def test_cookies_are_secure_when_configured(tmp_path):
    settings = Settings(db_url=sqlite_url(tmp_path), secure_cookies=True)
    with running(settings) as live:
        from live import make_accounts

        make_accounts(live.store)
        with live.client() as client:
            form = client.get("/login")
            cookie = form.headers["set-cookie"]
            assert "Secure" in cookie and "HttpOnly" in cookie


def test_login_refusals(web: LiveServer, accounts: Accounts):
    with web.client() as client:
        assert login(client, "reviewer", "wrong password").status_code == 401
        assert login(client, "nobody").status_code == 401
        assert login(client, "api").status_code == 403  # integrations do not review
        client.get("/login")
        no_csrf = client.post("/login", data={"username": "reviewer", "password": PASSWORD})
        assert no_csrf.status_code == 403
        forged = client.post("/login", data={"username": "reviewer", "password": PASSWORD, "csrf": "forged"})
        assert forged.status_code == 403
        evil_next = client.post("/login", data={"username": "reviewer", "password": PASSWORD,
                                                "csrf": csrf_of(client.get("/login").text),
                                                "next": "//evil.example/x"})
        assert evil_next.status_code == 303 and evil_next.headers["location"] == "/queue"


def test_a_tampered_session_cookie_is_refused(web: LiveServer, session: httpx.Client):
    value = session.cookies.get("basira_session")
    assert value
    session.cookies.set("basira_session", value[:-3] + "xyz")
    assert session.get("/queue").status_code == 303


def test_forms_without_the_csrf_token_are_refused(web: LiveServer, session: httpx.Client):
    analysis_id = seed_violating(web.store)
    refused = session.post(f"/items/{analysis_id}/review", data={"action": "confirm", "reason": "r"})
    assert refused.status_code == 403
    assert session.post("/settings/blur", data={"blur": "0"}).status_code == 403
    assert web.store.reviews(analysis_id) == []


def test_review_through_the_form(web: LiveServer, session: httpx.Client):
    analysis_id = seed_violating(web.store)
    page = session.get(f"/items/{analysis_id}")
    assert page.status_code == 200 and 'id="decision-form"' in page.text
    token = csrf_of(page.text)
    no_reason = session.post(f"/items/{analysis_id}/review", data={"csrf": token, "action": "confirm", "reason": " "})
    assert no_reason.status_code == 422 and "reason is required" in no_reason.text
    done = session.post(f"/items/{analysis_id}/review", data={"csrf": token, "action": "confirm", "reason": "دعوة"})
    assert done.status_code == 303 and done.headers["location"] == f"/items/{analysis_id}"
    after = session.get(f"/items/{analysis_id}")
    assert 'id="final-decision"' in after.text and 'data-action="review.confirm"' in after.text
    assert 'id="decision-form"' not in after.text
    partial = session.post(f"/items/{analysis_id}/review", headers={"HX-Request": "true"},
                           data={"csrf": token, "action": "overturn", "reason": "again"})
    assert partial.status_code == 200 and 'id="decision-error"' in partial.text and "<html" not in partial.text
    assert [r.action for r in web.store.reviews(analysis_id)] == ["confirm"]


def test_pages_are_arabic_rtl_by_default_and_english_on_request(web: LiveServer, session: httpx.Client):
    queue = session.get("/queue")
    assert '<html lang="ar" dir="rtl">' in queue.text and "قائمة المراجعة" in queue.text
    english = session.get("/queue?lang=en")
    assert '<html lang="en" dir="ltr">' in english.text and "Review queue" in english.text
    assert "basira_lang=en" in english.headers["set-cookie"]
    assert '<html lang="en" dir="ltr">' in session.get("/queue").text  # remembered
    assert '<html lang="ar" dir="rtl">' in session.get("/queue?lang=ar").text
    assert '<html lang="ar" dir="rtl">' in session.get("/queue?lang=xx").text  # unknown: the remembered one


def test_document_content_is_escaped_everywhere(web: LiveServer, session: httpx.Client):
    body = f"{HOSTILE} اقتلوهم"
    analysis_id = seed_violating(web.store, unique(body), title=HOSTILE, source=HOSTILE)
    for url in (f"/items/{analysis_id}", "/queue"):
        html = session.get(url).text
        assert "<script>window" not in html and "<img src=x" not in html
        assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    item = session.get(f"/items/{analysis_id}").text
    assert "javascript:alert(1)" in item and 'href="javascript' not in item
    assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)", item)  # only our own script files


def test_the_queue_page_lists_items_with_severity(web: LiveServer, session: httpx.Client):
    violating = seed_violating(web.store, category="threat")
    review = seed_review(web.store)
    html = session.get("/queue?lang=en").text
    assert f'data-id="{violating}"' in html and f'data-id="{review}"' in html
    assert html.index(f'data-id="{violating}"') < html.index(f'data-id="{review}"')
    assert "badge-violating" in html and "Threat" in html
    filtered = session.get("/queue?category=threat", headers={"HX-Request": "true", "HX-Target": "queue-results"})
    assert filtered.status_code == 200 and "<html" not in filtered.text and f'data-id="{review}"' not in filtered.text
    assert session.get("/items/nope").status_code == 404


def test_blur_preference(web: LiveServer, session: httpx.Client):
    analysis_id = seed_violating(web.store)
    page = session.get(f"/items/{analysis_id}")
    assert "is-blurred" in page.text and 'id="reveal"' in page.text
    off = session.post("/settings/blur", data={"csrf": csrf_of(page.text), "blur": "0",
                                               "next": f"/items/{analysis_id}"})
    assert off.status_code == 303 and off.headers["location"] == f"/items/{analysis_id}"
    assert "is-blurred" not in session.get(f"/items/{analysis_id}").text

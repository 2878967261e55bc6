"""The review workflow over a real server and database (SQLite and PostgreSQL): analyse → queue → review →
appeal → statement, banks, gold export, and the audit trail of every step."""

from __future__ import annotations

import json

import httpx
import pytest
from live import NEUTRAL, VIOLATING, LiveServer, all_routes, seed_review, seed_violating, unique
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError


def queue_ids(client: httpx.Client, **params: object) -> list[str]:
    response = client.get("/v1/queue", params={"limit": 200, **params})
    assert response.status_code == 200, response.text
    return [item["analysis_id"] for item in response.json()["items"]]


def review(client: httpx.Client, analysis_id: str, action: str, reason: str = "clear case", **extra: object
           ) -> httpx.Response:
    return client.post("/v1/reviews", json={"analysis_id": analysis_id, "action": action, "reason": reason, **extra})


def audit_actions(admin: httpx.Client, object_type: str, object_id: str) -> list[tuple[str, str]]:
    response = admin.get("/v1/audit", params={"object_type": object_type, "object_id": object_id})
    assert response.status_code == 200
    return [(e["actor"], e["action"]) for e in reversed(response.json()["entries"])]


# ------------------------------------------------------------------------------------------- analyse


def test_analyze_returns_the_scan_contract_and_stores_it(api: httpx.Client, reviewer: httpx.Client):
    body = unique(VIOLATING)
    response = api.post("/v1/analyze", json={"text": body, "id": "post-1", "source": "forum", "title": "عنوان"})
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["schema"] == "basira.scan/1"
    assert result["document"]["chars"] == len(body) and result["document"]["title"] == "عنوان"
    assert result["outcome"] in ("violating", "review", "not_violating")
    for evidence in result["evidence"]:
        assert body[evidence["start"]:evidence["end"]] == evidence["text"]
    assert result["analysis_id"]
    again = api.post("/v1/analyze", json={"text": body}).json()
    assert again["analysis_id"] == result["analysis_id"]  # the same document and versions: stored once

    document = reviewer.get(f"/v1/documents/{result['document']['store_id']}")
    assert document.status_code == 200
    assert document.json()["document"]["text"] == body
    assert [a["analysis_id"] for a in document.json()["analyses"]] == [result["analysis_id"]]
    analysis = reviewer.get(f"/v1/analyses/{result['analysis_id']}").json()
    assert analysis["review"]["awaiting_review"] is True and analysis["review"]["final"] is None
    assert reviewer.get("/v1/documents/nope").status_code == 404


def test_the_api_decides_as_basira_scan_does_with_the_classifier(api: httpx.Client):
    """The server runs the stages a scan runs (the trained classifier included), so one text gets one
    decision whichever way it came in."""
    from basira.ingest.documents import guess_lang
    from basira.output import analysis_dict
    from basira.scan import build_analyzer
    from basira.types import Document

    body = unique(VIOLATING)
    result = api.post("/v1/analyze", json={"text": body}).json()
    scanned = analysis_dict(build_analyzer(None, None).analyze(
        Document(id="scan", source="test", text=body, format="text", lang=guess_lang(body))))
    assert "model" in scanned["versions"] and result["versions"] == scanned["versions"]
    assert result["outcome"] == scanned["outcome"] and result["categories"] == scanned["categories"]
    assert {e["label"] for e in result["evidence"]} == {e["label"] for e in scanned["evidence"]}


def test_serve_model_none_turns_the_classifier_off(tmp_path) -> None:
    from basira.api.workflow import AnalyzerHolder
    from basira.store import Store

    with Store.open(f"sqlite:///{tmp_path / 'holder.db'}") as store:
        default = AnalyzerHolder(store, None, None, True).current()
        off = AnalyzerHolder(store, None, None, True, model="none").current()
    assert [type(s).__name__ for s in default.stages] == ["ModelStage", "LocateStage", "PolicyStage"]
    assert [type(s).__name__ for s in off.stages] == ["LocateStage", "PolicyStage"]


def test_a_serving_process_builds_its_analyser_and_freezes_what_start_up_made(tmp_path) -> None:
    """basira serve builds the analyser before the first request and moves the start-up objects out of the
    collector's generations (full collections scanned them: 100-160 ms pauses under load)."""
    import gc

    from basira.api import Settings, create_app
    from basira.api.app import freeze_for_serving

    app = create_app(Settings(db_url=f"sqlite:///{tmp_path / 'freeze.db'}"))
    holder = app.state.ctx.workflow.analyzers
    assert holder._analyzer is None
    try:
        freeze_for_serving(app)
        assert holder._analyzer is not None and gc.get_freeze_count() > 100_000
    finally:
        gc.unfreeze()
        app.state.ctx.store.close()


def test_analyze_html_extracts_text(api: httpx.Client):
    html = f"<html><head><title>صفحة</title></head><body><p>{unique(NEUTRAL)}</p></body></html>"
    result = api.post("/v1/analyze", json={"text": html, "format": "html"}).json()
    assert result["document"]["format"] == "html" and "<p>" not in str(result["document"])
    assert result["outcome"] == "not_violating"


def test_batch_analyses_each_document_and_refuses_past_the_limit(api: httpx.Client):
    docs = [{"text": unique(NEUTRAL)} for _ in range(3)]
    response = api.post("/v1/analyze/batch", json={"documents": docs})
    assert response.status_code == 200
    assert [r["document"]["chars"] for r in response.json()["results"]] == [len(d["text"]) for d in docs]
    too_many = api.post("/v1/analyze/batch", json={"documents": [{"text": unique(NEUTRAL)} for _ in range(6)]})
    assert too_many.status_code == 413 and "at most 5" in too_many.json()["detail"]
    empty = api.post("/v1/analyze/batch", json={"documents": []})
    assert empty.status_code == 422


def test_analysis_input_is_validated(api: httpx.Client):
    assert api.post("/v1/analyze", json={"text": ""}).status_code == 422
    assert api.post("/v1/analyze", json={"text": "   "}).status_code == 422
    assert api.post("/v1/analyze", json={"text": "a\x00b"}).status_code == 422
    assert api.post("/v1/analyze", json={"text": "نص", "lang": "arabic"}).status_code == 422
    assert api.post("/v1/analyze", json={"text": "نص", "metadata": {"date": "yesterday"}}).status_code == 422
    assert api.post("/v1/analyze", json={"text": "نص", "unknown": 1}).status_code == 422
    assert api.post("/v1/analyze", json={"text": "x" * 20_001}).status_code == 413


# --------------------------------------------------------------------------------------------- queue


def test_queue_is_most_severe_first_then_oldest_and_filters(server: LiveServer, reviewer: httpx.Client):
    old_review = seed_review(server.store, category="glorification")
    violating = seed_violating(server.store, category="threat")
    new_review = seed_review(server.store, category="glorification")
    neutral = api_free_neutral(server)
    ids = queue_ids(reviewer)
    assert neutral not in ids
    assert ids.index(violating) < ids.index(old_review) < ids.index(new_review)
    assert queue_ids(reviewer, category="threat") == [violating]
    assert set(queue_ids(reviewer, category="glorification")) >= {old_review, new_review}
    assert violating not in queue_ids(reviewer, outcome="review")
    page = reviewer.get("/v1/queue", params={"category": "glorification", "limit": 1, "offset": 1}).json()
    assert page["total"] >= 2 and len(page["items"]) == 1 and page["limit"] == 1 and page["offset"] == 1
    item = next(i for i in reviewer.get("/v1/queue", params={"limit": 200}).json()["items"]
                if i["analysis_id"] == violating)
    assert item["severity"] == 2 and item["score"] == 0.9 and item["categories"][0]["id"] == "threat"
    assert item["age_seconds"] >= 0 and "text" not in item  # the queue never carries content


def api_free_neutral(server: LiveServer) -> str:
    from live import seed

    return seed(server.store, unique(NEUTRAL), "not_violating")


# -------------------------------------------------------------------------------------------- review


def test_confirm_takes_the_item_out_of_the_queue_and_is_audited(
    server: LiveServer, reviewer: httpx.Client, admin: httpx.Client
):
    analysis_id = seed_violating(server.store)
    assert analysis_id in queue_ids(reviewer)
    response = review(reviewer, analysis_id, "confirm", "دعوة صريحة إلى القتل")
    assert response.status_code == 201, response.text
    assert response.json()["label"] == "violating" and response.json()["review"]["reviewer"] == "reviewer"
    assert analysis_id not in queue_ids(reviewer)
    again = review(reviewer, analysis_id, "overturn")
    assert again.status_code == 409 and "appeal" in again.json()["detail"]
    entries = admin.get("/v1/audit", params={"object_type": "analysis", "object_id": analysis_id}).json()["entries"]
    confirm = next(e for e in entries if e["action"] == "review.confirm")
    assert confirm["actor"] == "reviewer" and confirm["after"]["reason"] == "دعوة صريحة إلى القتل" and confirm["at"]
    state = reviewer.get(f"/v1/analyses/{analysis_id}").json()["review"]
    assert state["final"]["action"] == "confirm" and state["label"] == "violating"


def test_every_action_needs_a_reason(server: LiveServer, reviewer: httpx.Client):
    analysis_id = seed_violating(server.store)
    for reason in ("", "   "):
        response = review(reviewer, analysis_id, "confirm", reason)
        assert response.status_code == 422, reason
    assert review(reviewer, analysis_id, "delete").status_code == 422
    assert review(reviewer, "0" * 32, "confirm").status_code == 404
    assert analysis_id in queue_ids(reviewer)


def test_an_escalated_item_stays_queued_and_an_admin_decides(
    server: LiveServer, reviewer: httpx.Client, reviewer2: httpx.Client, admin: httpx.Client
):
    analysis_id = seed_review(server.store)
    assert review(reviewer, analysis_id, "escalate", "غير متأكد").status_code == 201
    item = next(i for i in reviewer.get("/v1/queue", params={"limit": 200}).json()["items"]
                if i["analysis_id"] == analysis_id)
    assert item["escalated"] is True
    assert review(reviewer2, analysis_id, "confirm").status_code == 403
    assert review(reviewer2, analysis_id, "escalate").status_code == 409
    decided = review(admin, analysis_id, "overturn", "اقتباس في سياق نقاش")
    assert decided.status_code == 201 and decided.json()["label"] == "not_violating"
    assert analysis_id not in queue_ids(reviewer)


def test_an_appeal_returns_to_review_by_a_different_reviewer(
    server: LiveServer, api: httpx.Client, reviewer: httpx.Client, reviewer2: httpx.Client, admin: httpx.Client
):
    analysis_id = seed_violating(server.store)
    assert review(reviewer, analysis_id, "confirm", "clear call").status_code == 201
    assert analysis_id not in queue_ids(reviewer)
    filed = api.post("/v1/appeals", json={"analysis_id": analysis_id, "reason": "كان اقتباسًا من خبر"})
    assert filed.status_code == 201, filed.text
    appeal = filed.json()["appeal"]
    assert filed.json()["different_reviewer_required"] is True and appeal["status"] == "open"
    assert api.post("/v1/appeals", json={"analysis_id": analysis_id, "reason": "again"}).status_code == 409
    item = next(i for i in reviewer.get("/v1/queue", params={"limit": 200}).json()["items"]
                if i["analysis_id"] == analysis_id)
    assert item["appeal_id"] == appeal["id"]
    assert reviewer.get(f"/v1/statements/{analysis_id}").json()["status"] == "under_appeal"

    refused = review(reviewer, analysis_id, "overturn", "I changed my mind")
    assert refused.status_code == 403 and "other than the one who decided" in refused.json()["detail"]
    upheld = review(reviewer2, analysis_id, "overturn", "news quotation")
    assert upheld.status_code == 201
    assert upheld.json()["appeal"]["status"] == "upheld" and upheld.json()["label"] == "not_violating"
    assert analysis_id not in queue_ids(reviewer)
    statement = reviewer.get(f"/v1/statements/{analysis_id}").json()
    assert statement["status"] == "withdrawn" and statement["human_review"]["action"] == "overturn"
    assert audit_actions(admin, "appeal", appeal["id"]) == [("api", "appeal.file"), ("reviewer2", "appeal.resolve")]
    resolved = admin.get("/v1/audit", params={"object_type": "appeal", "object_id": appeal["id"],
                                              "action": "appeal.resolve"}).json()["entries"][0]
    assert resolved["before"] == {"status": "open"} and resolved["after"]["status"] == "upheld"


def test_an_appeal_on_an_automated_decision_may_go_to_any_reviewer(
    server: LiveServer, api: httpx.Client, reviewer: httpx.Client
):
    analysis_id = seed_violating(server.store)
    filed = api.post("/v1/appeals", json={"analysis_id": analysis_id, "reason": "not mine"})
    assert filed.status_code == 201 and filed.json()["different_reviewer_required"] is False
    decided = review(reviewer, analysis_id, "confirm", "the call is the user's own")
    assert decided.status_code == 201 and decided.json()["appeal"]["status"] == "rejected"
    assert api.post("/v1/appeals", json={"analysis_id": "0" * 32, "reason": "x"}).status_code == 404
    assert api.post("/v1/appeals", json={"analysis_id": analysis_id, "reason": ""}).status_code == 422


def test_statement_of_reasons_in_both_languages(server: LiveServer, api: httpx.Client):
    analysis_id = seed_violating(server.store)
    response = api.get(f"/v1/statements/{analysis_id}")
    assert response.status_code == 200
    statement = response.json()
    assert statement["decision_id"] == analysis_id and statement["status"] == "in_force"
    sor = statement["statement_of_reasons"]
    assert sor["dsa"]["decision_ground"] == "DECISION_GROUND_ILLEGAL_CONTENT"
    assert sor["text"]["ar"] and sor["text"]["en"]
    from live import seed

    neutral = seed(server.store, unique(NEUTRAL), "not_violating")
    assert api.get(f"/v1/statements/{neutral}").status_code == 404
    assert api.get("/v1/statements/nope").status_code == 404


# -------------------------------------------------------------------------------------- banks, gold


def test_a_confirmed_violating_item_feeds_a_bank_and_then_matches(
    server: LiveServer, admin: httpx.Client, reviewer: httpx.Client, api: httpx.Client
):
    name = f"confirmed-{server.port}"
    created = admin.post("/v1/banks", json={"name": name, "description": "confirmed by review"})
    assert created.status_code == 201
    assert admin.post("/v1/banks", json={"name": name}).status_code == 409
    body = unique(VIOLATING)
    analysis_id = seed_violating(server.store, body)
    assert review(reviewer, analysis_id, "confirm", "ok", bank="no-such-bank").status_code == 404
    decided = review(reviewer, analysis_id, "confirm", "دعوة صريحة", bank=name)
    assert decided.status_code == 201
    assert decided.json()["bank_entry"] == {"bank": name, "added": 1, "skipped": 0}
    entries = admin.get(f"/v1/banks/{name}/entries").json()["entries"]
    assert len(entries) == 1 and entries[0]["labels"]["category"] == "incitement"
    assert "text" not in json.dumps(entries[0]["labels"]) and body not in json.dumps(entries)
    assert ("reviewer", "analysis.bank_feed") in audit_actions(admin, "analysis", analysis_id)

    again = api.post("/v1/analyze", json={"text": body}).json()  # the bank changed: a new analysis, with a match
    assert again["analysis_id"] != analysis_id
    assert [m["bank"] for m in again["matches"]] == [name] and again["matches"][0]["similarity"] == 1.0
    if again["outcome"] != "not_violating":
        assert again["analysis_id"] in queue_ids(reviewer, bank=name)

    disabled = admin.patch(f"/v1/banks/{name}", json={"enabled": False})
    assert disabled.status_code == 200 and disabled.json()["enabled"] is False
    assert audit_actions(admin, "bank", name)[-1] == ("admin", "bank.disable")
    assert reviewer.get("/v1/banks").status_code == 200
    assert reviewer.post("/v1/banks", json={"name": "nope"}).status_code == 403


def test_overturning_cannot_feed_a_bank(server: LiveServer, reviewer: httpx.Client):
    analysis_id = seed_violating(server.store)
    response = review(reviewer, analysis_id, "overturn", "not a call", bank="anything")
    assert response.status_code == 422
    assert analysis_id in queue_ids(reviewer)


def test_bank_entries_from_texts_keep_no_text(admin: httpx.Client, server: LiveServer):
    name = f"manual-{server.port}"
    assert admin.post("/v1/banks", json={"name": name}).status_code == 201
    added = admin.post(f"/v1/banks/{name}/entries", json={"entries": [{"text": unique(NEUTRAL), "category": "x"}]})
    assert added.status_code == 201 and added.json()["added"] == 1
    assert admin.post("/v1/banks/none/entries", json={"entries": [{"text": "x y z"}]}).status_code == 404
    assert admin.get(f"/v1/banks/{name}").json()["entries"] == 1


def test_gold_export_has_reviewed_items_only_for_admins(
    server: LiveServer, admin: httpx.Client, reviewer: httpx.Client
):
    confirmed = seed_violating(server.store)
    overturned = seed_review(server.store)
    pending = seed_violating(server.store)
    assert review(reviewer, confirmed, "confirm").status_code == 201
    assert review(reviewer, overturned, "overturn", "quotation").status_code == 201
    assert reviewer.get("/v1/export/gold").status_code == 403
    response = admin.get("/v1/export/gold")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/x-ndjson")
    records = {r["id"]: r for r in map(json.loads, response.text.splitlines())}
    assert records[confirmed]["label"] == "violating" and records[confirmed]["categories"] == ["incitement"]
    assert records[overturned]["label"] == "not_violating" and records[overturned]["categories"] == []
    assert pending not in records
    assert all(set(r) == {"id", "text", "label", "categories", "kind"} and r["kind"] == "reviewed"
               for r in records.values())
    stored = server.store.get_analysis(confirmed)
    assert stored is not None and records[confirmed]["text"] == stored.document.text
    assert ("admin", "export.gold") in audit_actions(admin, "export", "gold")


# --------------------------------------------------------------------------------------- roles, policy


def test_roles(api: httpx.Client, reviewer: httpx.Client, admin: httpx.Client):
    assert api.get("/v1/queue").status_code == 403
    assert api.post("/v1/reviews", json={"analysis_id": "x", "action": "confirm", "reason": "r"}).status_code == 403
    assert reviewer.post("/v1/analyze", json={"text": NEUTRAL}).status_code == 403
    assert reviewer.post("/v1/appeals", json={"analysis_id": "x", "reason": "r"}).status_code == 403
    assert reviewer.get("/v1/audit").status_code == 403
    assert reviewer.put("/v1/policy", json={"policy": "tco"}).status_code == 403
    assert reviewer.get("/metrics").status_code == 403
    assert admin.get("/v1/me").json() == {"username": "admin", "role": "admin"}
    assert api.get("/v1/me").json()["role"] == "api"


def test_a_policy_change_is_audited_with_before_and_after(admin: httpx.Client, reviewer: httpx.Client):
    current = admin.get("/v1/policy").json()
    assert current["policy"].startswith("tco@") and "incitement" in current["categories"]
    assert "platform_strict" in current["available"]
    changed = admin.put("/v1/policy", json={"policy": "platform_strict"})
    assert changed.status_code == 200, changed.text
    try:
        assert changed.json()["before"]["policy"] == current["policy"]
        entry = admin.get("/v1/audit", params={"object_type": "policy", "limit": 1}).json()["entries"][0]
        assert entry["action"] == "policy.change" and entry["actor"] == "admin"
        assert entry["before"]["policy"] == current["policy"] and entry["after"] == changed.json()["after"]
        assert reviewer.get("/v1/policy").json()["policy"] == changed.json()["after"]["policy"]
    finally:
        assert admin.put("/v1/policy", json={"policy": "tco"}).status_code == 200
    assert admin.put("/v1/policy", json={"policy": "nope"}).status_code == 404
    assert admin.put("/v1/policy", json={"policy": "tco", "jurisdiction": "mars"}).status_code == 422
    assert admin.put("/v1/policy", json={"policy": "../etc/passwd"}).status_code == 422


# ---------------------------------------------------------------------------------------------- audit


def test_the_audit_log_cannot_be_changed_through_the_app(server: LiveServer, admin: httpx.Client):
    for method in ("PUT", "PATCH", "DELETE", "POST"):
        response = admin.request(method, "/v1/audit", json={})
        assert response.status_code == 405, method
    routes = dict(all_routes(server.app.routes))
    assert routes["/v1/audit"] == {"GET"}
    assert not [p for p in routes if "audit" in p and p != "/v1/audit"]
    before = admin.get("/v1/audit", params={"limit": 1000}).json()["entries"]
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError), server.store.engine.begin() as conn:
            conn.execute(text(statement))
    assert admin.get("/v1/audit", params={"limit": 1000}).json()["entries"][: len(before)] == before

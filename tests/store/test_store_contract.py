"""The store contract: one suite, run against every store implementation (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import json
import threading

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError
from store_results import PHRASE, TEXT, result

from basira.match import MatchStage, compute_signals
from basira.match.banks import EntryLabels, NewEntry, write_csv, write_json
from basira.store import Conflict, NotFound, Store, versions_hash
from basira.types import Outcome

# --------------------------------------------------------------------------------------------- results


def test_saving_the_same_result_twice_returns_the_same_analysis(store: Store):
    first = store.save_result(result(), TEXT)
    assert store.save_result(result(), TEXT) == first
    assert store.save_result(result()) == first  # without the text too
    assert store.count_analyses() == 1


def test_a_new_version_adds_an_analysis_and_keeps_the_old(store: Store):
    old = store.save_result(result(recognizers="1"), TEXT)
    new = store.save_result(result(recognizers="2"), TEXT)
    assert new != old
    document = store.get_analysis(new).document  # type: ignore[union-attr]
    assert [a.id for a in store.analyses_for_document(document.id)] == [old, new]
    assert store.get_analysis(old).versions["recognizers"] == {"synthetic": "1"}  # type: ignore[union-attr]
    assert versions_hash(result(recognizers="1")) != versions_hash(result(recognizers="2"))


def test_a_stored_analysis_reads_back_as_the_scan_contract(store: Store):
    saved = result(bank="known")
    analysis_id = store.save_result(saved, TEXT)
    stored = store.get_analysis(analysis_id)
    assert stored is not None
    back = stored.to_result()
    for key in ("schema", "outcome", "policy", "jurisdiction", "categories", "evidence", "notes", "matches",
                "statement_of_reasons", "versions", "errors"):
        assert back[key] == saved[key], key
    assert back["document"]["sha256"] == saved["document"]["sha256"]
    assert stored.document.text == TEXT
    assert store.document_by_sha256(saved["document"]["sha256"]) == stored.document
    assert store.get_document(stored.document.id) == stored.document
    assert store.get_analysis("0" * 32) is None


def test_submitting_stores_records_the_owner_and_answers_what_reading_back_gives(store: Store):
    """``submit_result`` (the API's one transaction) = ``save_result`` + ``add_owner`` + ``first_owner``, and
    the analysis it answers with is the one ``get_analysis`` reads back, for a new and an existing analysis."""
    first = store.create_user("client-a", "api", "x")
    second = store.create_user("client-b", "api", "x")
    stored, owner = store.submit_result(result(bank="known"), TEXT, owner_id=first.id)
    assert owner == first.id
    assert stored == store.get_analysis(stored.id)
    assert store.owns(first.id, stored.document.id) and not store.owns(second.id, stored.document.id)
    again, owner = store.submit_result(result(bank="known"), TEXT, owner_id=second.id)
    assert again == stored and owner == first.id  # the same analysis; the first client stays the first owner
    assert store.owns(second.id, stored.document.id)
    newer, owner = store.submit_result(result(recognizers="2"), TEXT, owner_id=second.id)
    assert newer.id != stored.id and newer == store.get_analysis(newer.id) and owner == first.id
    assert store.count_analyses() == 2
    plain, owner = store.submit_result(result(recognizers="3"))
    assert owner is None and plain == store.get_analysis(plain.id)
    with pytest.raises(ValueError, match="E202"):
        store.submit_result(result(), "another text", owner_id=first.id)


def test_concurrent_submissions_of_one_text_by_several_clients_make_one_analysis(store: Store):
    """Clients racing with the same text: one document and analysis, every client an owner, all told the
    same first owner (a losing writer retries its transaction)."""
    users = [store.create_user(f"racer-{i}", "api", "x") for i in range(4)]
    answers: list[tuple[str, str | None]] = []
    errors: list[BaseException] = []

    def submit(user_id: str) -> None:
        try:
            stored, first = store.submit_result(result(), TEXT, owner_id=user_id)
            answers.append((stored.id, first))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=submit, args=(u.id,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(set(answers)) == 1 and store.count_analyses() == 1
    (analysis_id, first), = set(answers)
    document_id = store.get_analysis(analysis_id).document.id  # type: ignore[union-attr]
    assert all(store.owns(u.id, document_id) for u in users) and store.first_owner(document_id) == first


def test_retention_hashes_keeps_no_text(store_url: str):
    with Store.open(store_url, retention="hashes") as store:
        analysis_id = store.save_result(result(), TEXT)
        stored = store.get_analysis(analysis_id)
        assert stored is not None
        assert stored.document.text is None and stored.document.retention == "hashes"
        assert stored.evidence[0]["text"] == "" and stored.evidence[0]["start"] == TEXT.find(PHRASE)
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT text, title FROM documents")).all() == [(None, None)]
            # Nothing of the text anywhere in the database.
            for table in inspect(conn).get_table_names():
                for row in conn.execute(text(f"SELECT * FROM {table}")):
                    dumped = json.dumps([str(v) for v in row], ensure_ascii=False)
                    assert PHRASE not in dumped and "تجريبي" not in dumped, table


def test_retention_full_keeps_the_text_and_checks_it(store: Store):
    analysis_id = store.save_result(result(), TEXT)
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT text FROM documents")).scalar_one() == TEXT
    assert store.get_analysis(analysis_id).evidence[0]["text"] == PHRASE  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="E202"):
        store.save_result(result(), TEXT + " ")
    error = result()
    error["outcome"], error["document"]["sha256"] = "error", None
    with pytest.raises(ValueError, match="E201"):
        store.save_result(error)
    with pytest.raises(ValueError, match="E203"):
        Store.open("sqlite://", retention="some")


def test_list_analyses_filters_by_outcome_category_and_bank(store: Store):
    a = store.save_result(result(TEXT, outcome=Outcome.VIOLATING, category="threat", bank="known"), TEXT)
    other = "نص ثان محايد عن مكتبة عامة أخرى."
    b = store.save_result(result(other, outcome=Outcome.REVIEW, category="incitement"), other)
    third = "نص ثالث لا شيء فيه."
    c = store.save_result(result(third, outcome=Outcome.NOT_VIOLATING, category="threat"), third)
    assert [x.id for x in store.list_analyses()] == [c, b, a]
    assert [x.id for x in store.list_analyses(outcome="violating")] == [a]
    assert [x.id for x in store.list_analyses(category="threat")] == [a]  # c's threat is not_violating
    assert [x.id for x in store.list_analyses(bank="known")] == [a]
    assert [x.id for x in store.list_analyses(limit=1, offset=1)] == [b]
    assert store.count_analyses(outcome="review") == 1 and store.count_analyses() == 3


def test_concurrent_saves_of_one_result_make_one_analysis(store: Store):
    ids: list[str] = []
    errors: list[BaseException] = []

    def save() -> None:
        try:
            ids.append(store.save_result(result(), TEXT))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=save) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(set(ids)) == 1 and store.count_analyses() == 1


# ------------------------------------------------------------------------------------------- audit log


def test_the_audit_log_refuses_update_and_delete(store: Store):
    store.audit("tester", "test.event", "thing", "1", after={"n": 1})
    for statement in ("UPDATE audit_log SET actor = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), store.engine.begin() as conn:
            conn.execute(text(statement))
    assert [e.actor for e in store.audit_log()] == ["tester"]
    assert not [name for name in dir(Store) if "audit" in name and ("delete" in name or "update" in name)]


def test_changes_are_audited(store: Store):
    analysis_id = store.save_result(result(), TEXT)
    store.create_bank("known", actor="alice")
    store.add_review(analysis_id, "bob", "confirm", "clear case")
    actions = [(e.actor, e.action, e.object_type) for e in store.audit_log(newest_first=False)]
    assert actions == [
        ("basira", "analysis.create", "analysis"),
        ("alice", "bank.create", "bank"),
        ("bob", "review.confirm", "analysis"),
    ]
    assert [e.action for e in store.audit_log(object_type="bank", object_id="known")] == ["bank.create"]
    assert store.audit_log(actor="bob")[0].after == {"review": store.reviews(analysis_id)[0].id,
                                                    "reason": "clear case"}


# ----------------------------------------------------------------------------------------------- banks


def test_banks_hold_signals_and_labels_and_skip_duplicates(store: Store):
    store.create_bank("known", "synthetic test bank")
    with pytest.raises(Conflict):
        store.create_bank("known")
    with pytest.raises(ValueError, match="E211"):
        store.create_bank("bad name")
    signals = compute_signals(TEXT)
    added = store.add_bank_entries("known", [
        NewEntry(signals, EntryLabels(category="threat", source="synthetic"), key="k1"),
        NewEntry(signals, key="k2"),  # same sha256: skipped
    ])
    assert (added.added, added.skipped) == (1, 1)
    assert store.add_bank_entries("known", [NewEntry(compute_signals("نص آخر"), key="k1")]).skipped == 1
    bank = store.get_bank("known")
    assert bank is not None and (bank.entries, bank.revision, bank.enabled) == (1, 1, True)
    entry = store.get_bank_entry("known", "k1")
    assert entry is not None and dict(entry.signals) == signals and entry.labels.category == "threat"
    assert [e.key for e in store.iter_bank_entries("known")] == ["k1"]
    assert [e.key for e in store.find_bank_entries("sha256", signals["sha256"])] == ["k1"]
    assert store.find_bank_entries("sha256", signals["sha256"], banks=["other"]) == []
    with pytest.raises(NotFound):
        store.add_bank_entries("missing", [])
    with pytest.raises(ValueError, match="E301"):
        store.add_bank_entries("known", [NewEntry({"sha256": "xyz"})])


def test_banks_enable_disable_and_list(store: Store):
    store.create_bank("b")
    store.create_bank("a")
    assert store.set_bank_enabled("b", False).enabled is False
    assert [(b.name, b.enabled, b.revision) for b in store.list_banks()] == [("a", True, 0), ("b", False, 1)]
    assert store.bank_states() == (("a", 0, True), ("b", 1, False))
    assert store.set_bank_enabled("b", True).revision == 2
    store.add_bank_entries("a", [NewEntry(compute_signals(TEXT))])
    assert store.bank_states() == (("a", 1, True), ("b", 2, True))  # adding entries makes a cached stage stale
    with pytest.raises(NotFound):
        store.set_bank_enabled("c", True)


def test_bank_export_has_no_text(store: Store):
    store.create_bank("known")
    store.add_bank_entries("known", [NewEntry(compute_signals(TEXT), EntryLabels(category="threat"))])
    bank = store.get_bank("known")
    assert bank is not None
    for write in (lambda out: write_json(bank, store.iter_bank_entries("known"), out),
                  lambda out: write_csv(store.iter_bank_entries("known"), out)):
        out = io.StringIO()
        assert write(out) == 1
        exported = out.getvalue()
        assert TEXT not in exported and PHRASE not in exported and "تجريبي" not in exported
        assert '"text"' not in exported and "text," not in exported
    with store.engine.connect() as conn:
        for table in ("banks", "bank_entries", "bank_signals"):
            for row in conn.execute(text(f"SELECT * FROM {table}")):
                assert not any(PHRASE in str(v) for v in row)


def test_match_stage_reads_banks_from_the_store(store: Store):
    store.create_bank("known")
    store.add_bank_entries("known", [NewEntry(compute_signals(TEXT), EntryLabels(category="threat"), key="k1")])
    hits = MatchStage(store, ["known"]).match_text(TEXT.replace("الحي", "المدينة"))
    assert [(h.bank, h.entry, h.signal, h.labels["category"]) for h in hits] == [("known", "k1", "minhash", "threat")]


# ------------------------------------------------------------------------------------- users and tokens


def test_users_and_tokens(store: Store):
    user = store.create_user("alice", "reviewer", "argon2-hash-placeholder")
    assert user.username == "alice" and "argon2" not in repr(user) and "password_hash" not in user.to_dict()
    with pytest.raises(Conflict):
        store.create_user("alice", "admin", "x")
    record, token = store.create_token("alice", "laptop")
    assert token.startswith("bsr_") and store.user_for_token(token) == user
    assert store.user_for_token(token + "x") is None
    with store.engine.connect() as conn:
        assert token not in str(conn.execute(text("SELECT * FROM api_tokens")).all())
    assert [t.name for t in store.list_tokens("alice")] == ["laptop"]
    updated = store.update_user("alice", role="admin", password_hash="new-hash")
    assert (updated.role, updated.password_hash) == ("admin", "new-hash")
    assert "new-hash" not in json.dumps([e.to_dict() for e in store.audit_log()])
    store.update_user("alice", disabled=True)
    assert store.user_for_token(token) is None
    store.update_user("alice", disabled=False)
    assert store.revoke_token(record.id).active is False
    assert store.user_for_token(token) is None
    assert [u.username for u in store.list_users()] == ["alice"]
    assert store.get_user("bob") is None
    with pytest.raises(NotFound):
        store.create_token("bob")
    with pytest.raises(NotFound):
        store.revoke_token("0" * 32)


# ----------------------------------------------------------------------------------- reviews, appeals


def test_reviews_and_appeals(store: Store):
    analysis_id = store.save_result(result(), TEXT)
    review = store.add_review(analysis_id, "bob", "overturn", "news report")
    assert [r.id for r in store.reviews(analysis_id=analysis_id)] == [review.id]
    assert store.reviews(reviewer="carol") == []
    with pytest.raises(ValueError, match="E231"):
        store.add_review(analysis_id, "bob", "delete")
    with pytest.raises(NotFound):
        store.add_review("0" * 32, "bob", "confirm")
    with store.engine.begin() as conn, pytest.raises(DBAPIError):
        conn.execute(text("UPDATE review_decisions SET action = 'nonsense'"))
    appeal = store.file_appeal(analysis_id, "uploader", "it is a news report")
    assert appeal.status == "open" and store.appeals(status="open") == [appeal]
    resolved = store.resolve_appeal(appeal.id, resolver="carol", status="upheld", resolution="agreed")
    assert (resolved.status, resolved.resolved_by) == ("upheld", "carol") and resolved.resolved_at is not None
    assert store.get_appeal(appeal.id) == resolved
    with pytest.raises(Conflict):
        store.resolve_appeal(appeal.id, resolver="carol", status="rejected")
    with pytest.raises(ValueError, match="E232"):
        store.resolve_appeal(appeal.id, resolver="carol", status="open")
    with pytest.raises(NotFound):
        store.file_appeal("0" * 32, "x", "y")
    assert store.appeals(analysis_id=analysis_id) == [resolved]


def test_the_schema_is_at_the_latest_migration(store: Store):
    from basira.store.migrate import head_revision

    assert store.schema_revision() == head_revision()

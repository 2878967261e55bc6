"""Issue 6 wired into scan: --db stores every result idempotently; --bank adds known-content matches that
raise the outcome per the policy's known_content feature and qualifier."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from basira.cli import app
from basira.store import Store

# A neutral, purpose-made "statement" and its amended copy: only the matching machinery is under test.
ORIGINAL = (
    "أعلن المجلس البلدي في بيان اليوم افتتاح الحديقة العامة الجديدة في الحي الشمالي بعد أعمال استمرت عامين. "
    "وتضم الحديقة ملاعب للأطفال ومسارات للمشي وممرات للدراجات ومساحات خضراء واسعة. "
    "ودعا المجلس السكان إلى المحافظة على نظافة المكان واحترام مواعيد الإغلاق المسائية."
)
AMENDED = ORIGINAL.replace("عامين", "ثلاثة أعوام")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_scan_db_is_idempotent_and_keeps_new_versions(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'b.db'}"
    doc = tmp_path / "doc.txt"
    doc.write_text(ORIGINAL, encoding="utf-8")
    for _ in range(2):
        code, _, err = run("scan", "-q", "--db", db, str(doc))
        assert code == 0, err
    code, _, err = run("scan", "-q", "--db", db, "--policy", "platform_strict", str(doc))
    assert code == 0, err
    with Store.open(db) as store:
        assert store.count_analyses() == 2  # same versions once; the new policy adds a second analysis
        stored = store.document_by_sha256(json.loads(run("scan", "-q", str(doc))[1])["document"]["sha256"])
        assert stored is not None and stored.text == ORIGINAL


def test_retention_hashes_keeps_no_text(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'h.db'}"
    doc = tmp_path / "doc.txt"
    doc.write_text(ORIGINAL, encoding="utf-8")
    assert run("scan", "-q", "--db", db, "--retention", "hashes", str(doc))[0] == 0
    raw = (tmp_path / "h.db").read_bytes()
    assert "الحديقة".encode() not in raw


def test_bank_match_raises_the_outcome(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'k.db'}"
    known, amended = tmp_path / "known.txt", tmp_path / "amended.txt"
    known.write_text(ORIGINAL, encoding="utf-8")
    amended.write_text(AMENDED, encoding="utf-8")
    assert run("bank", "create", "known", "--db", db)[0] == 0
    code, out, err = run("bank", "add", "known", str(known), "--category", "designated_propaganda", "--db", db)
    assert code == 0, out + err
    code, out, err = run("scan", "-q", "--db", db, "--bank", "known", str(amended))
    assert code == 0, err
    record = json.loads(out)
    [hit] = record["matches"]
    assert hit["bank"] == "known" and hit["signal"] == "minhash" and 0.5 < hit["similarity"] < 1.0
    assert record["outcome"] in ("review", "violating")
    assert record["categories"][0]["id"] == "designated_propaganda"
    code, out, _ = run("scan", "-q", str(amended))  # without the bank: nothing in the text itself
    assert json.loads(out)["outcome"] == "not_violating"


def test_unknown_bank_or_unreachable_db_is_a_usage_error(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text(ORIGINAL, encoding="utf-8")
    code, _, err = run("scan", "-q", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", str(doc))
    assert code == 2 and "cannot open the store" in err

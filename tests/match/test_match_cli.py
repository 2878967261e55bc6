"""``basira bank`` and ``basira cluster`` end to end (CliRunner, SQLite in a temporary directory)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from match_texts import AMENDED, SAME_TOPIC, STATEMENT, UNRELATED
from typer.testing import CliRunner

from basira.cli import app
from basira.ingest import iter_inputs
from basira.match import MatchStage
from basira.output import analysis_dict
from basira.pipeline import Analyzer
from basira.store import Store
from basira.types import CategoryDecision, Decision, Document, Outcome

runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'basira.db'}"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in (("statement.txt", STATEMENT), ("amended.txt", AMENDED), ("same_topic.txt", SAME_TOPIC),
                       ("unrelated.txt", UNRELATED)):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _scan(paths: list[Path], out: Path, flag: set[str]) -> Path:
    """A scan JSONL as 'basira scan' writes it; documents named in ``flag`` are 'violating' glorification."""
    analyzer = Analyzer(recognizers=[])
    with out.open("w", encoding="utf-8") as stream:
        for item in iter_inputs([str(p) for p in paths]):
            assert isinstance(item, Document)
            analysis = analyzer.analyze(item)
            if Path(item.source).name in flag:
                category = CategoryDecision("glorification", "TCO Art. 2(7)(a)", Outcome.VIOLATING, 0.9, (), ())
                analysis = replace(analysis, decision=Decision(Outcome.VIOLATING, (category,), "tco@1", "eu"))
            stream.write(json.dumps(analysis_dict(analysis), ensure_ascii=False) + "\n")
    return out


def test_bank_lifecycle_create_add_list_export_import_disable(db, corpus, tmp_path):
    assert invoke("bank", "create", "known", "--description", "synthetic", "--db", db)[0] == 0
    code, out, _ = invoke("bank", "add", "known", str(corpus / "statement.txt"), "--category", "glorification",
                          "--db", db, "--actor", "tester")
    assert code == 0 and "1 added" in out
    assert "0 added, 1 already present" in invoke("bank", "add", "known", str(corpus / "statement.txt"),
                                                  "--db", db)[1]
    code, out, _ = invoke("bank", "list", "--db", db, "--format", "json")
    assert [(b["name"], b["entries"], b["enabled"]) for b in json.loads(out)] == [("known", 1, True)]
    assert "known" in invoke("bank", "list", "--db", db)[1]

    export_json, export_csv = tmp_path / "known.json", tmp_path / "known.csv"
    assert invoke("bank", "export", "known", "-o", str(export_json), "--db", db)[0] == 0
    assert invoke("bank", "export", "known", "-o", str(export_csv), "--format", "csv", "--db", db)[0] == 0
    for exported in (export_json.read_text(encoding="utf-8"), export_csv.read_text(encoding="utf-8"),
                     invoke("bank", "export", "known", "--db", db)[1]):
        assert "الحديقة" not in exported and "البلدية" not in exported and '"text"' not in exported
    data = json.loads(export_json.read_text(encoding="utf-8"))
    assert data["entries"][0]["labels"]["category"] == "glorification"
    assert data["entries"][0]["labels"]["added_by"] == "tester"
    rows = list(csv.DictReader(io.StringIO(export_csv.read_text(encoding="utf-8"))))
    assert sorted(r["signal_type"] for r in rows) == ["minhash", "sha256"]

    code, out, _ = invoke("bank", "import", "copy", str(export_csv), "--create", "--db", db)
    assert code == 0 and "1 imported" in out
    assert invoke("bank", "import", "copy", str(export_json), "--db", db)[1].startswith("copy: 0 imported")
    assert invoke("bank", "import", "nowhere", str(export_json), "--db", db)[0] == 2

    with Store.open(db) as store:
        hits = MatchStage(store, ["known", "copy"]).match_text(AMENDED)
        assert {(h.bank, h.signal) for h in hits} == {("known", "minhash"), ("copy", "minhash")}
        assert invoke("bank", "disable", "copy", "--db", db)[1].strip() == "copy: disabled"
        assert MatchStage(store, ["known", "copy"]).versions()["match.banks"] == "copy@disabled,known@r1"
        assert invoke("bank", "enable", "copy", "--db", db)[1].strip() == "copy: enabled"
        assert [e.action for e in store.audit_log(object_type="bank", object_id="known", newest_first=False)] == [
            "bank.create", "bank.add", "bank.add", "bank.export", "bank.export", "bank.export"]


def test_bank_add_from_a_scan_rereads_flagged_documents_by_sha256(db, corpus, tmp_path):
    scan = _scan(sorted(corpus.iterdir()), tmp_path / "scan.jsonl", flag={"statement.txt"})
    invoke("bank", "create", "known", "--db", db)
    code, out, err = invoke("bank", "add", "known", str(scan), "--db", db)
    assert code == 0, err
    assert "1 added" in out
    with Store.open(db) as store:
        (entry,) = list(store.iter_bank_entries("known"))
        assert entry.labels.category == "glorification"  # from the scan record
        assert entry.labels.source is not None and entry.labels.source.endswith("statement.txt")
    code, out, _ = invoke("bank", "add", "known", str(scan), "--outcome", "any", "--db", db)
    assert "3 added, 1 already present" in out


def test_bank_add_reports_a_scanned_input_that_changed(db, corpus, tmp_path):
    scan = _scan([corpus / "statement.txt"], tmp_path / "scan.jsonl", flag={"statement.txt"})
    (corpus / "statement.txt").write_text(STATEMENT + " تعديل", encoding="utf-8")
    invoke("bank", "create", "known", "--db", db)
    code, out, err = invoke("bank", "add", "known", str(scan), "--db", db)
    assert code == 1 and "0 added" in out and "has changed" in err


def test_bank_errors_are_usage_errors(db, corpus, tmp_path):
    assert invoke("bank", "add", "missing", str(corpus / "statement.txt"), "--db", db)[0] == 2
    invoke("bank", "create", "known", "--db", db)
    assert invoke("bank", "create", "known", "--db", db)[0] == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("entry,signal_type,signal,text\n", encoding="utf-8")
    code, _, err = invoke("bank", "import", "known", str(bad), "--db", db)
    assert code == 2 and "E312" in err
    assert invoke("bank", "disable", "nope", "--db", db)[0] == 2


def test_cluster_shows_the_amendment(corpus, tmp_path):
    scan = _scan(sorted(corpus.iterdir()), tmp_path / "scan.jsonl", flag=set())
    code, out, err = invoke("cluster", str(scan), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["documents"] == 4 and len(data["clusters"]) == 1
    (cluster,) = data["clusters"]
    assert sorted(Path(m["source"]).name for m in cluster["members"]) == ["amended.txt", "statement.txt"]
    diff = cluster["diffs"][0]["diff"]  # base: amended.txt, first in scan order
    assert any(line.startswith("-") and "العاشرة صباحا" in line for line in diff)
    assert any(line.startswith("+") and "الثامنة صباحا" in line for line in diff)

    code, out, _ = invoke("cluster", str(scan), "--inputs", str(corpus), "--show", "1")
    assert code == 0 and "العاشرة صباحا" in out and "1 of 4 documents" in out


def test_cluster_reads_texts_from_the_store(db, corpus, tmp_path):
    scan = _scan(sorted(corpus.iterdir()), tmp_path / "scan.jsonl", flag=set())
    with Store.open(db) as store:
        for line, path in zip(scan.read_text(encoding="utf-8").splitlines(), sorted(corpus.iterdir()), strict=True):
            store.save_result(json.loads(line), path.read_text(encoding="utf-8"))
    for args in ([str(scan), "--db", db], ["--db", db]):
        code, out, err = invoke("cluster", *args, "--format", "json")
        assert code == 0, err
        assert len(json.loads(out)["clusters"]) == 1


def test_cluster_needs_something_to_read(tmp_path):
    assert invoke("cluster")[0] == 2
    not_scan = tmp_path / "x.jsonl"
    not_scan.write_text('{"text": "x"}\n', encoding="utf-8")
    assert invoke("cluster", str(not_scan))[0] == 2


def test_cluster_escapes_terminal_control_characters(tmp_path):
    (tmp_path / "a.txt").write_text(STATEMENT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(AMENDED.replace("العاشرة", "\x1b[31mالعاشرة"), encoding="utf-8")
    code, out, _ = invoke("cluster", "--inputs", str(tmp_path), "--show", "1")
    assert code == 0 and "\x1b[31m" not in out and "\\x1b" in out

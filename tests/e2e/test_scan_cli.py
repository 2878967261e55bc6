"""Issues 2 and 3: `basira scan` on HTML, WARC and JSON Lines prints the contract with exact offsets;
the purpose-made communiqué yields issuer, signals, a Quran reference and a DATE_MISMATCH note."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner
from warcio.warcwriter import WARCWriter

from basira.cli import app
from basira.ingest import IngestOptions, iter_inputs
from basira.types import Document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def scan(*args: str) -> tuple[int, list[dict[str, Any]], str]:
    result = CliRunner().invoke(app, ["scan", "--quiet", *args])
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.exit_code, lines, result.stderr


def originals(path: str) -> dict[str | None, str]:
    """The texts the scan saw, by locator, from the same ingest path."""
    return {d.locator: d.text for d in iter_inputs([path], IngestOptions()) if isinstance(d, Document)}


def assert_offsets(record: dict[str, Any], text: str) -> None:
    assert record["document"]["chars"] == len(text)
    for e in record["evidence"]:
        assert text[e["start"]:e["end"]] == e["text"], e


def test_issue3_communique_yields_issuer_signals_quran_and_date_mismatch() -> None:
    code, records, _ = scan(str(EXAMPLES / "statement.html"))
    assert code == 0 and len(records) == 1
    r = records[0]
    text = originals(str(EXAMPLES / "statement.html"))[None]
    assert_offsets(r, text)
    assert r["schema"] == "basira.scan/1" and r["document"]["format"] == "html"
    assert r["document"]["title"] == 'بيان "رقم 7" - نموذج اختبار'  # the entity &quot; decoded
    by_label = {e["label"]: e for e in r["evidence"]}
    entity = by_label["DESIGNATED_ENTITY"]
    assert entity["text"] == "تنظيم الدولة الإسلامية" and entity["attrs"]["entity_id"] == "isil"
    assert {"UN-1267", "US-FTO"} <= set(entity["attrs"]["lists"])
    assert by_label["ISSUER"]["attrs"]["entity_id"] == "isil"
    call = by_label["CALL_TO_VIOLENCE"]
    assert call["text"] == "وندعو المجاهدين إلى تصعيد ضرباتهم على العدو" and call["attrs"]["person"] == "first"
    assert by_label["GLORIFICATION"]["text"].startswith("نبارك العمليات المباركة")
    verse = by_label["QURAN_VERSE"]
    assert verse["attrs"]["ref"] == "2:190" and verse["text"].startswith("وَقَاتِلُوا")
    hijri, gregorian = by_label["HIJRI_DATE"], by_label["GREGORIAN_DATE"]
    assert hijri["attrs"]["gregorian"] == "2007-02-06" and gregorian["attrs"]["iso"] == "2008-01-27"
    [note] = [n for n in r["notes"] if n["code"] == "DATE_MISMATCH"]
    assert note["evidence"] == [hijri["id"], gregorian["id"]]
    assert r["outcome"] == "violating"
    assert {c["id"] for c in r["categories"]} >= {"incitement", "glorification"}
    # The verse is a quotation, not evidence used by any category.
    assert all(verse["id"] not in c["evidence"] for c in r["categories"])
    assert r["statement_of_reasons"]["dsa"]["category_specification"] == ["KEYWORD_TERRORIST_CONTENT"]
    assert r["versions"]["policy"] == "tco@2" and "violence" in r["versions"]["recognizers"]


def test_news_report_of_the_same_attack_is_not_violating() -> None:
    code, [r], _ = scan(str(EXAMPLES / "news.html"))
    assert code == 0 and r["outcome"] == "not_violating"
    assert {"REPORTING", "DESIGNATED_ENTITY"} <= {e["label"] for e in r["evidence"]}
    assert_offsets(r, originals(str(EXAMPLES / "news.html"))[None])


def test_warc_records_are_scanned_with_offsets(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for name in ("statement.html", "news.html"):
            payload = (EXAMPLES / name).read_bytes()
            http = (
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n"
            )
            record = writer.create_warc_record(
                f"https://example.org/{name}", "response", payload=io.BytesIO(http.encode() + payload),
            )
            writer.write_record(record)
    code, records, _ = scan(str(path))
    assert code == 0 and [r["document"]["locator"] for r in records] == ["record 1", "record 2"]
    texts = originals(str(path))
    for r in records:
        assert_offsets(r, texts[r["document"]["locator"]])
    assert [r["outcome"] for r in records] == ["violating", "not_violating"]


def test_jsonl_posts_scanned_with_offsets_and_context() -> None:
    path = str(EXAMPLES / "posts.jsonl")
    code, records, _ = scan(path)
    texts = originals(path)
    assert code == 0 and len(records) == 5
    for r in records:
        assert_offsets(r, texts[r["document"]["locator"]])
    outcome = {r["document"]["id"]: r["outcome"] for r in records}
    assert outcome == {"p1": "not_violating", "p2": "not_violating", "p3": "not_violating", "p4": "not_violating",
                       "p5": "violating"}


def test_bad_inputs_are_reported_and_the_scan_goes_on(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "ok.txt").write_text("مباراة جميلة أمس.", encoding="utf-8")
    (tmp_path / "posts.jsonl").write_text('{"text": "مرحبا"}\n{broken\n{"text": "أهلا"}\n', encoding="utf-8")
    code, records, stderr = scan(str(tmp_path))
    assert code == 1
    errors = [r for r in records if r["outcome"] == "error"]
    assert {(Path(r["document"]["source"]).name, r["document"]["locator"]) for r in errors} == {
        ("binary.txt", None), ("empty.txt", None), ("posts.jsonl", "line 2")}
    assert sum(r["outcome"] != "error" for r in records) == 3
    assert "posts.jsonl" in stderr and "line 2" in stderr


@pytest.mark.parametrize("fmt", ["table"])
def test_table_format_summarises(fmt: str) -> None:
    result = CliRunner().invoke(app, ["scan", "--quiet", "--format", fmt, str(EXAMPLES / "posts.jsonl")])
    assert result.exit_code == 0 and "violating" in result.stdout


def test_every_command_explains_itself() -> None:
    runner = CliRunner()
    top = runner.invoke(app, ["--help"])
    assert top.exit_code == 0
    for command in ("scan", "explain", "eval", "policy", "entities"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and len(result.stdout) > 200, command

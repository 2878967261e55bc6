"""The output contract ``basira.scan/1`` (docs/output.md) against real output: ``basira scan`` on the bundled
examples, a broken JSON Lines record and a missing file; every line must validate against the JSON Schema that
ships in the package (``basira.schemas``), and its references must resolve."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from basira.ingest import IngestOptions, iter_inputs
from basira.output import SCHEMA
from basira.schemas import scan_schema
from basira.types import Document, EvidenceKind

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = scan_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[dict[str, Any]], list[Path]]:
    extra = tmp_path_factory.mktemp("inputs")
    broken = extra / "broken.jsonl"
    broken.write_text('{"id": "ok", "text": "نص قصير عن الطقس"}\n{"id": "cut", "text": "\n', encoding="utf-8")
    inputs = [EXAMPLES, broken, extra / "missing.txt"]
    done = subprocess.run([sys.executable, "-m", "basira", "scan", "--quiet", *map(str, inputs)], cwd=ROOT,
                          capture_output=True, timeout=300)
    lines = done.stdout.decode("utf-8").splitlines()
    return done.returncode, [json.loads(line) for line in lines], inputs


def test_every_line_of_a_real_scan_validates_against_the_schema(
    validator: Draft202012Validator, scanned: tuple[int, list[dict[str, Any]], list[Path]]
) -> None:
    code, records, _ = scanned
    assert code == 1  # the broken record and the missing file
    outcomes = [r["outcome"] for r in records]
    assert outcomes.count("error") == 2 and "violating" in outcomes and "not_violating" in outcomes, outcomes
    assert any(r["statement_of_reasons"] for r in records)
    for record in records:
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(record)]
        assert not problems, (record["document"], problems)
        assert record["schema"] == SCHEMA


def test_references_and_offsets_resolve(scanned: tuple[int, list[dict[str, Any]], list[Path]]) -> None:
    """What a schema cannot say: ids are unique and every reference names one; text == original[start:end]."""
    _, records, inputs = scanned
    originals = {(d.source, d.locator): d.text for d in iter_inputs([str(p) for p in inputs], IngestOptions())
                 if isinstance(d, Document)}
    checked = 0
    for record in records:
        if record["outcome"] == "error":
            continue
        ids = [e["id"] for e in record["evidence"]]
        assert len(ids) == len(set(ids)), ids
        for category in record["categories"]:
            assert set(category["evidence"]) <= set(ids), category
            assert {q for q in category["qualifiers"] if not q.startswith("match:")} <= set(ids), category
        for note in record["notes"]:
            assert set(note["evidence"]) <= set(ids), note
        text = originals[(record["document"]["source"], record["document"]["locator"])]
        assert record["document"]["chars"] == len(text)
        for evidence in record["evidence"]:
            assert 0 <= evidence["start"] <= evidence["end"] <= len(text)
            assert text[evidence["start"]:evidence["end"]] == evidence["text"], evidence
            checked += 1
    assert checked > 10


def test_the_schema_refuses_what_breaks_the_contract(
    validator: Draft202012Validator, scanned: tuple[int, list[dict[str, Any]], list[Path]]
) -> None:
    """The schema is not vacuous: each of these edits of a real line is refused."""
    _, records, _ = scanned
    record = next(r for r in records if r["outcome"] == "violating")
    error = next(r for r in records if r["outcome"] == "error")

    def broken(base: dict[str, Any], edit: Any) -> dict[str, Any]:
        copy = json.loads(json.dumps(base))
        edit(copy)
        return copy

    cases = {
        "no outcome": broken(record, lambda r: r.pop("outcome")),
        "unknown outcome": broken(record, lambda r: r.update(outcome="maybe")),
        "unknown field": broken(record, lambda r: r.update(verdict="x")),
        "other schema": broken(record, lambda r: r.update(schema="basira.scan/2")),
        "unknown evidence kind": broken(record, lambda r: r["evidence"][0].update(kind="hunch")),
        "negative offset": broken(record, lambda r: r["evidence"][0].update(start=-1)),
        "recognizer without version": broken(record, lambda r: r["evidence"][0].update(recognizer="violence")),
        "score above 1": broken(record, lambda r: r["categories"][0].update(score=1.5)),
        "bad sha256": broken(record, lambda r: r["document"].update(sha256="abc")),
        "error line without errors": broken(error, lambda r: r.update(errors=[])),
        "error line with evidence": broken(error, lambda r: r.update(evidence=record["evidence"])),
    }
    accepted = [name for name, case in cases.items() if validator.is_valid(case)]
    assert not accepted, f"the schema accepts: {accepted}"
    validator.validate(record)  # the unedited line itself is valid


def test_the_schema_knows_every_evidence_kind_and_model() -> None:
    kinds = set(scan_schema()["$defs"]["evidence"]["properties"]["kind"]["enum"])
    assert {kind.value for kind in EvidenceKind} | {"model"} <= kinds

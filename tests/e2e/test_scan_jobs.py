"""Issue 14: ``basira scan --jobs N`` writes byte for byte what ``--jobs 1`` writes, in the same order, with
errors reported and ``--db`` storing every result; ``--evidence decisive`` keeps what the decisions used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from basira.bench.corpus import generate
from basira.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def basira_scan(*args: str) -> subprocess.CompletedProcess[bytes]:
    """The real command in a fresh interpreter (its own worker processes, its own stdout)."""
    return subprocess.run([sys.executable, "-m", "basira", "scan", "--quiet", *args], capture_output=True,
                          timeout=600)


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated neutral posts and statements (lexicon terms planted), more than one chunk per worker, with
    a broken line, a record without text and one long document among them."""
    root = tmp_path_factory.mktemp("many")
    posts = generate("posts", 150, seed=11).texts
    statements = generate("statements", 20, seed=12).texts
    lines: list[str] = [json.dumps({"id": f"p{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(posts)]
    lines[40:40] = [json.dumps({"id": f"s{i}", "text": t}, ensure_ascii=False) for i, t in enumerate(statements)]
    lines.insert(7, "{broken")
    lines.insert(90, json.dumps({"id": "no-text"}))
    lines.insert(120, json.dumps({"id": "long", "text": " ".join(statements) * 4}, ensure_ascii=False))
    path = root / "many.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_jobs_write_exactly_what_one_job_writes(many: Path) -> None:
    inputs = [*(str(EXAMPLES / name) for name in ("statement.html", "news.html", "posts.jsonl")), str(many)]
    one, two = basira_scan("--jobs", "1", *inputs), basira_scan("--jobs", "2", *inputs)
    assert one.returncode == two.returncode == 1  # the broken line and the record without text
    assert one.stdout == two.stdout
    records = [json.loads(line) for line in two.stdout.splitlines()]
    assert len(records) == 7 + 150 + 20 + 3  # statement.html, news.html, posts.jsonl (5 lines); many.jsonl
    ids = [r["document"]["id"] for r in records if r["document"]["source"].endswith("many.jsonl")]
    assert ids[:8] == ["p0", "p1", "p2", "p3", "p4", "p5", "p6", None]  # input order, the error in place
    errors = [r for r in records if r["outcome"] == "error"]
    assert [r["document"]["locator"] for r in errors] == ["line 8", "line 91"]
    for line in ("line 8", "line 91"):
        assert line in one.stderr.decode() and line in two.stderr.decode()
    assert any(r["outcome"] == "violating" for r in records)


def test_two_jobs_to_a_file_and_to_a_store(many: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'scan.db'}"
    out = tmp_path / "out.jsonl"
    done = basira_scan("--jobs", "2", "--db", db, "-o", str(out), str(many))
    assert done.returncode == 1, done.stderr  # the two bad lines; every document stored
    assert out.read_bytes() == basira_scan("--jobs", "1", str(many)).stdout
    analysed = [json.loads(line) for line in out.read_bytes().splitlines()]
    ok = [r for r in analysed if r["outcome"] != "error"]
    with Store.open(db) as store:
        assert store.count_analyses() == len({r["document"]["sha256"] for r in ok}) == 171
        stored = store.document_by_sha256(ok[0]["document"]["sha256"])
        assert stored is not None and stored.text == generate("posts", 150, seed=11).texts[0]


def test_decisive_evidence_keeps_every_reference_and_the_same_decisions() -> None:
    inputs = [str(EXAMPLES / "statement.html"), str(EXAMPLES / "news.html"), str(EXAMPLES / "posts.jsonl")]
    full = [json.loads(x) for x in basira_scan("--jobs", "1", "--evidence", "all", *inputs).stdout.splitlines()]
    slim = [json.loads(x) for x in basira_scan("--jobs", "1", *inputs).stdout.splitlines()]
    assert len(full) == len(slim) == 7

    def decision(r: dict[str, Any]) -> Any:
        return r["outcome"], r["categories"], r["notes"], r["matches"], r["statement_of_reasons"]

    assert [decision(r) for r in full] == [decision(r) for r in slim]
    assert sum(len(r["evidence"]) for r in slim) < sum(len(r["evidence"]) for r in full)
    for a, s in zip(full, slim, strict=True):
        kept = {e["id"]: e for e in s["evidence"]}
        assert all(kept[e["id"]] == e for e in a["evidence"] if e["id"] in kept)  # unchanged, ids included
        referenced = {i for c in s["categories"] for i in (*c["evidence"], *c["qualifiers"])}
        referenced |= {i for n in s["notes"] for i in n["evidence"]}
        every = {e["id"] for e in a["evidence"]}  # (a qualifier's source may be "match:<entry>" or "classifier")
        assert referenced & every <= set(kept)
        assert all(i.startswith("match:") or not i.startswith("e") for i in referenced - every)
        always = {e["id"] for e in a["evidence"] if e["kind"] in ("entity", "quotation")}
        assert always <= set(kept)
    news = slim[1]
    assert news["outcome"] == "not_violating"
    # REPORTING kept the news report below review: the qualifier that decided it stays in the output.
    assert "REPORTING" in {e["label"] for e in news["evidence"]}


def test_a_bad_evidence_mode_or_job_count_is_a_usage_error() -> None:
    assert basira_scan("--evidence", "some", str(EXAMPLES / "news.html")).returncode == 2
    assert basira_scan("--jobs", "0", str(EXAMPLES / "news.html")).returncode == 2


def test_a_scan_settles_the_heap_while_it_runs_and_gives_it_back(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The analyser's objects leave the collector's generations for the scan (full collections stop walking
    them), and come back after it: a process that runs several scans must not keep them where cycles are
    never freed."""
    import gc

    from typer.testing import CliRunner

    from basira.cli import app
    from basira.scan import OutputWriter

    frozen_while_writing: list[int] = []
    write = OutputWriter.write_lines

    def spy(self: OutputWriter, lines: bytes) -> None:
        frozen_while_writing.append(gc.get_freeze_count())
        write(self, lines)

    monkeypatch.setattr(OutputWriter, "write_lines", spy)
    before = gc.get_freeze_count()
    result = CliRunner().invoke(app, ["scan", "--quiet", "--jobs", "1", "--output", str(tmp_path / "out.jsonl"),
                                      str(EXAMPLES / "statement.html")])
    assert result.exit_code == 0, result.output
    assert frozen_while_writing and min(frozen_while_writing) > before
    assert gc.get_freeze_count() == before

"""``run_dask_scan`` on a real two-process LocalCluster: same output as a single-process scan, resumable."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from basira.ingest import IngestOptions, iter_inputs
from basira.scale import MANIFEST, SUCCESS, PlanMismatch, run_dask_scan
from basira.scale.shards import plan_shards
from basira.scale.worker import ScanConfig, process_shard
from basira.scan import AnalyzerSpec, Scanner, build_analyzer

from .conftest import posts, write_jsonl


def reference_lines(paths: list[str], options: IngestOptions | None = None) -> list[str]:
    """What ``basira scan`` (one job, in this process) writes for ``paths``, one JSON line per result."""
    with Scanner(AnalyzerSpec(), jobs=1) as scanner:
        items = iter_inputs(paths, options or IngestOptions())
        return [result.line.decode("utf-8").rstrip("\n") for result in scanner.scan(items)]


def part_lines(out: Path) -> list[str]:
    return [line for part in sorted(out.glob("part-*.jsonl")) for line in part.read_text("utf-8").splitlines()]


def test_sharded_scan_writes_what_a_single_process_scan_writes(
    dask_client: Any, mixed_inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    summary = run_dask_scan([str(mixed_inputs)], out, client=dask_client, partition_size=8000, progress=False)

    expected = reference_lines([str(mixed_inputs)])
    got = part_lines(out)
    assert got == expected
    assert summary.complete and (out / SUCCESS).exists()
    assert summary.shards >= 5 and summary.shards_done == summary.shards and summary.shards_skipped == 0
    records = [json.loads(line) for line in got]
    assert summary.documents == len(records)
    assert summary.errors == sum(r["outcome"] == "error" for r in records) == 4
    assert set(summary.error_codes) == {"E_JSON", "E_FIELD", "E_ENCODING"}
    assert sum(summary.outcomes.values()) == summary.documents
    ids = [r["document"]["id"] for r in records if r["outcome"] != "error"]
    assert len(ids) == len(set(ids)) == 120 + 1 + 15 + 15 + 1
    assert not summary.ok  # bad records: exit code 1, like basira scan
    assert len(summary.parts) == summary.shards


def test_rerun_skips_finished_shards_and_a_damaged_part_is_redone(
    dask_client: Any, mixed_inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = run_dask_scan([str(mixed_inputs)], out, client=dask_client, partition_size=8000, progress=False)
    before = part_lines(out)

    again = run_dask_scan([str(mixed_inputs)], out, client=dask_client, partition_size=8000, progress=False)
    assert again.shards_skipped == first.shards and again.shards_done == 0
    assert (again.documents, again.errors, again.outcomes) == (first.documents, first.errors, first.outcomes)
    assert part_lines(out) == before

    damaged = sorted(out.glob("part-*.jsonl"))[2]
    damaged.write_bytes(damaged.read_bytes()[:-10])
    (out / ".part-00009.jsonl.tmp-deadbeef").write_text("left by a killed run")
    redone = run_dask_scan([str(mixed_inputs)], out, client=dask_client, partition_size=8000, progress=False)
    assert redone.shards_done == 1 and redone.shards_skipped == first.shards - 1
    assert part_lines(out) == before
    assert not list(out.glob(".*tmp-*"))
    manifest = [json.loads(line) for line in (out / MANIFEST).read_text("utf-8").splitlines()]
    assert len(manifest) == 1 + first.shards and len({m["shard"] for m in manifest[1:]}) == first.shards


def test_changed_inputs_refuse_to_resume_until_told_to_start_over(
    dask_client: Any, mixed_inputs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    run_dask_scan([str(mixed_inputs)], out, client=dask_client, partition_size=8000, progress=False)
    with (mixed_inputs / "a_big.jsonl").open("a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "late", "text": "خبر جديد عن المباراة"}, ensure_ascii=False) + "\n")
    with pytest.raises(PlanMismatch):
        run_dask_scan([str(mixed_inputs)], out, client=dask_client, partition_size=8000, progress=False)
    fresh = run_dask_scan(
        [str(mixed_inputs)], out, client=dask_client, partition_size=8000, progress=False, resume=False
    )
    assert fresh.shards_skipped == 0 and fresh.complete
    assert part_lines(out) == reference_lines([str(mixed_inputs)])


def test_parquet_in_and_parquet_out(dask_client: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = posts(60, "pq")
    texts: list[str | None] = [r["text"] for r in rows]
    ids: list[str | None] = [r["id"] for r in rows]
    texts[10] = None
    ids[20] = None
    source = tmp_path / "posts.parquet"
    pq.write_table(pa.table({"id": ids, "text": texts}), source, row_group_size=8)
    out = tmp_path / "out"
    summary = run_dask_scan(
        [str(source)], out, client=dask_client, partition_size=2000, output_format="parquet", progress=False
    )
    assert summary.shards >= 3 and summary.complete
    table = pq.read_table(sorted(out.glob("part-*.parquet")))
    assert table.num_rows == 60
    assert table.column("locator").to_pylist() == [f"row {i}" for i in range(1, 61)]
    records = [json.loads(r) for r in table.column("record").to_pylist()]
    assert records[10]["outcome"] == "error" and records[10]["errors"][0]["code"] == "E_FIELD"
    assert records[20]["document"]["id"] == "posts.parquet:row 21"
    assert [r["document"]["id"] for i, r in enumerate(records) if i not in (10, 20)] == [
        ids[i] for i in range(60) if i not in (10, 20)
    ]
    assert table.column("outcome").to_pylist() == [r["outcome"] for r in records]
    assert summary.errors == 1


def test_warc_shards_read_like_basira_scan(dask_client: Any, tmp_path: Path) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for i, text in enumerate(posts(3, "w")):
            html = f"<html><head><title>صفحة {i}</title></head><body><p>{text['text']}</p></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://example.org/{i}", "response", payload=BytesIO(html.encode()), http_headers=headers
            )
            writer.write_record(record)
    out = tmp_path / "out"
    summary = run_dask_scan([str(path)], out, client=dask_client, progress=False)
    assert summary.documents == 3 and summary.ok
    got = [json.loads(line) for line in part_lines(out)]
    want = [json.loads(line) for line in reference_lines([str(path)])]
    for record in (*got, *want):  # WARC-Record-IDs and dates differ per write; not here: same file
        assert record["document"]["format"] == "warc"
    assert got == want


def test_a_document_the_pipeline_chokes_on_is_an_error_line_not_a_failed_shard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import basira.scale.worker as worker

    class Choking:
        def versions(self) -> dict[str, Any]:
            return {"basira": "test"}

        def analyze(self, document: Any) -> Any:
            if "BOOM" in document.text:
                raise RuntimeError("recogniser bug")
            return build_analyzer(None, None).analyze(document)

    monkeypatch.setitem(worker._ANALYZERS, ("choke", None), Choking())  # type: ignore[arg-type]
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": "a", "text": "مرحبا"}, {"id": "b", "text": "BOOM"}])
    (shard,) = plan_shards([str(source)])
    entry = process_shard(shard, str(tmp_path), ScanConfig(policy="choke"))
    assert entry["counts"]["documents"] == 2 and entry["counts"]["error_codes"] == {"E_ANALYSIS": 1}
    lines = [json.loads(x) for x in (tmp_path / entry["part"]).read_text("utf-8").splitlines()]
    assert lines[1]["outcome"] == "error" and lines[1]["document"]["id"] == "b"
    assert "recogniser bug" in lines[1]["errors"][0]["message"]


def test_connects_to_an_existing_scheduler_and_leaves_it_running(dask_client: Any, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", posts(20, "s"))
    summary = run_dask_scan([str(source)], tmp_path / "out", scheduler=dask_client.scheduler.address,
                            progress=False)
    assert summary.ok and summary.documents == 20 and summary.workers == 2
    assert part_lines(tmp_path / "out") == reference_lines([str(source)])
    assert len(dask_client.scheduler_info()["workers"]) == 2  # the cluster is not ours to close

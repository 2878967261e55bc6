"""Kill a Dask scan midway (driver, scheduler and workers at once), re-run it: nothing lost, nothing doubled."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from basira.scale import MANIFEST, SUCCESS, run_dask_scan

from .conftest import posts, write_jsonl

PARTITION = "20000"


def command(source: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "basira.scale", str(source), "-o", str(out), "--partition-size", PARTITION,
            "--workers", "2", "--quiet"]


def finished_shards(out: Path) -> int:
    try:
        lines = (out / MANIFEST).read_text("utf-8").splitlines()
    except FileNotFoundError:
        return 0
    return max(0, len(lines) - 1)


def results(out: Path) -> list[dict[str, Any]]:
    parts = sorted(out.glob("part-*.jsonl"))
    return [json.loads(line) for part in parts for line in part.read_text("utf-8").splitlines()]


@pytest.mark.long
def test_a_killed_scan_resumes_to_exactly_the_uninterrupted_output(dask_client: Any, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "posts.jsonl", posts(3000, "p"))
    complete = tmp_path / "complete"
    summary = run_dask_scan([str(source)], complete, client=dask_client, partition_size=int(PARTITION),
                            progress=False)
    total = summary.shards
    assert total >= 40

    out = tmp_path / "killed"
    process = subprocess.Popen(command(source, out), start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + 300  # fail-safes for a starved machine, not time limits
    try:
        while finished_shards(out) < 1 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.005)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the driver, its scheduler and its worker processes
        process.wait()
    done_when_killed = finished_shards(out)
    assert 1 <= done_when_killed < total, (done_when_killed, process.stderr.read() if process.stderr else "")
    assert not (out / SUCCESS).exists()

    rerun = subprocess.run(command(source, out), capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    summary_after = json.loads((out / "_summary.json").read_text("utf-8"))
    assert summary_after["shards_skipped"] >= done_when_killed
    assert summary_after["shards_skipped"] + summary_after["shards_done"] == total
    assert (out / SUCCESS).exists() and not list(out.glob(".*tmp-*"))

    want, got = results(complete), results(out)
    want_ids = [r["document"]["id"] for r in want]
    got_ids = [r["document"]["id"] for r in got]
    assert len(got_ids) == len(want_ids) == 3000  # none lost, none doubled
    assert sorted(got_ids) == sorted(want_ids) and len(set(got_ids)) == 3000
    assert [r["document"]["locator"] for r in got] == [r["document"]["locator"] for r in want]
    outcome = {r["document"]["id"]: (r["outcome"], r["categories"], r["evidence"]) for r in want}
    assert all(outcome[r["document"]["id"]] == (r["outcome"], r["categories"], r["evidence"]) for r in got)
    assert got == want

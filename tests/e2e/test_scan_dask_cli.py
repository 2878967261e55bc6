"""`basira scan --engine dask` (issue 8 wiring): the same records as a local scan, over a real LocalCluster."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from basira.cli import app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_dask_engine_writes_what_the_local_engine_prints(tmp_path: Path) -> None:
    runner = CliRunner()
    local = runner.invoke(app, ["scan", "-q", str(EXAMPLES)])
    assert local.exit_code == 0
    out = tmp_path / "shards"
    result = runner.invoke(app, ["scan", "-q", "--engine", "dask", "--workers", "2", "-o", str(out), str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    sharded = [json.loads(line) for part in sorted(out.glob("part-*.jsonl")) for line in part.read_text().splitlines()]

    def key(r: dict) -> tuple:
        return (r["document"]["source"], r["document"]["locator"] or "")

    expected = sorted((json.loads(line) for line in local.stdout.splitlines()), key=key)
    assert [(key(r), r["outcome"], r["evidence"]) for r in sorted(sharded, key=key)] == [
        (key(r), r["outcome"], r["evidence"]) for r in expected
    ]
    assert (out / "_SUCCESS").exists()


def test_dask_engine_needs_an_output_directory() -> None:
    result = CliRunner().invoke(app, ["scan", "--engine", "dask", str(EXAMPLES)], env={"COLUMNS": "300"})
    assert result.exit_code == 2 and "output directory" in " ".join(result.output.split())

"""A real two-process Dask cluster shared by the scale tests, and generated inputs (no real content)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from basira.bench.corpus import generate


@pytest.fixture(scope="session")
def dask_client() -> Iterator[Any]:
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=40
    )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def write_jsonl(path: Path, records: list[Any], *, compress: str | None = None) -> Path:
    lines = "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records)
    data = lines.encode("utf-8")
    if compress == "gz":
        data = gzip.compress(data)
    elif compress == "zst":
        import zstandard

        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


def posts(n: int, prefix: str, seed: int = 7) -> list[dict[str, str]]:
    corpus = generate("posts", n, seed=seed)
    return [{"id": f"{prefix}-{i}", "text": t} for i, t in enumerate(corpus.texts)]


@pytest.fixture()
def mixed_inputs(tmp_path: Path) -> Path:
    """A directory with a large plain JSON Lines file (cut into ranges) holding bad records, compressed
    JSON Lines, a small text file and a hidden file that must be skipped."""
    root = tmp_path / "in"
    root.mkdir()
    big = posts(120, "big")
    big.insert(5, "{not json")  # type: ignore[arg-type]
    big.insert(17, "")  # type: ignore[arg-type]  # blank line: skipped, still counted as a line
    big.insert(30, {"id": "no-text"})  # type: ignore[arg-type]
    big.insert(44, {"id": "number", "text": 12})  # type: ignore[arg-type]
    big.insert(60, {"text": "نص بلا معرف عن الطقس الجميل في المدينة"})  # type: ignore[arg-type]
    write_jsonl(root / "a_big.jsonl", big)
    with (root / "a_big.jsonl").open("ab") as f:
        f.write(b'{"id": "latin1", "text": "caf\xe9"}\n')
    write_jsonl(root / "b.jsonl.gz", posts(15, "gz", seed=8), compress="gz")
    write_jsonl(root / "c.jsonl.zst", posts(15, "zst", seed=9), compress="zst")
    (root / "d.txt").write_text("الطقس جميل اليوم في المدينة والشمس مشرقة.", encoding="utf-8")
    (root / ".hidden.jsonl").write_text('{"id": "hidden", "text": "x"}\n', encoding="utf-8")
    return root

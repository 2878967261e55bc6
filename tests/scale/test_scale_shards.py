"""Shard planning: byte ranges end on newlines, line numbers are right, the plan is deterministic."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest

from basira.scale.shards import KIND_FILES, KIND_JSONL, KIND_PARQUET, _jsonl_cuts, plan_id, plan_shards


@pytest.mark.parametrize("seed", range(60))
def test_jsonl_cuts_cover_the_file_on_line_boundaries_with_true_line_numbers(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    lines = [b"x" * rng.randint(0, 40) for _ in range(rng.randint(0, 50))]
    data = b"\n".join(lines) + (b"\n" if rng.random() < 0.5 else b"")
    path = tmp_path / "f.jsonl"
    path.write_bytes(data)
    cuts = _jsonl_cuts(str(path), len(data), rng.randint(1, 120))
    assert cuts[0][0] == 0 and cuts[-1][1] == len(data)
    for (_, end, _), (start, _, _) in itertools.pairwise(cuts):
        assert end == start and data[end - 1 : end] == b"\n"
    for start, end, first_line in cuts:
        assert first_line == data[:start].count(b"\n") + 1
        assert end > start or not data


def test_plan_groups_small_files_cuts_large_jsonl_and_skips_hidden_and_output(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / "big.jsonl").write_text("".join(f'{{"text": "{"ب" * 50}"}}\n' for _ in range(100)), encoding="utf-8")
    (root / "small.jsonl").write_text('{"text": "نص"}\n', encoding="utf-8")
    (root / "sub" / "page.html").write_text("<p>نص</p>", encoding="utf-8")
    (root / ".hidden.txt").write_text("x", encoding="utf-8")
    (root / "notes.unknown").write_text("x", encoding="utf-8")
    pq.write_table(pa.table({"text": ["ا"] * 50}), root / "t.parquet", row_group_size=10)
    out = root / "out"
    out.mkdir()
    (out / "part-00000.jsonl").write_text('{"text": "old output"}\n', encoding="utf-8")

    shards = plan_shards([str(root)], partition_size=2000, exclude=out)
    kinds = [s.kind for s in shards]
    assert kinds.count(KIND_JSONL) >= 4
    assert KIND_PARQUET in kinds and KIND_FILES in kinds
    paths = {f.path for s in shards for f in s.files}
    assert paths == {str(root / n) for n in ("big.jsonl", "small.jsonl", "sub/page.html", "t.parquet")}
    assert [s.index for s in shards] == list(range(len(shards)))
    again = plan_shards([str(root)], partition_size=2000, exclude=out)
    assert again == shards and plan_id(again, {}) == plan_id(shards, {})
    assert plan_id(shards, {"policy": "x"}) != plan_id(shards, {})
    assert len({s.key for s in shards}) == len(shards)


def test_standard_input_cannot_be_sharded() -> None:
    with pytest.raises(ValueError, match="standard input"):
        plan_shards(["-"])

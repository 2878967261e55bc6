"""Cutting inputs into shards: the unit of work (one task, one output part, one manifest line).

* Plain JSON Lines (``.jsonl``, ``.ndjson``) larger than ``partition_size`` are cut into byte ranges that
  end on a newline; the line number at each cut is counted so locators match ``basira scan`` ("line N").
* Parquet files are cut by row groups (about ``partition_size`` of compressed data per shard).
* Everything else is read whole by ``basira.ingest`` (compressed JSON Lines and WARC cannot be entered in
  the middle): a file of ``partition_size`` or more is a shard of its own, smaller ones share shards.

The plan is deterministic for the same inputs and options, so a re-run finds the same shard keys.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_PARTITION_SIZE = 32 * 1024 * 1024

PLAIN_JSONL_SUFFIXES = (".jsonl", ".ndjson")
PARQUET_SUFFIXES = (".parquet", ".pq")

KIND_JSONL = "jsonl"  # a byte range of a plain JSON Lines file
KIND_PARQUET = "parquet"  # a range of row groups of one Parquet file
KIND_FILES = "files"  # whole files read by basira.ingest


@dataclass(frozen=True, slots=True)
class FileFingerprint:
    """What a file was when the shard was planned; a change means the shard's output is stale."""

    path: str
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: str) -> FileFingerprint:
        try:
            st = os.stat(path)
        except OSError:
            return cls(path, -1, 0)  # missing or unreadable: the reader reports it as an error line
        return cls(path, st.st_size, st.st_mtime_ns)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "size": self.size, "mtime_ns": self.mtime_ns}


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work. ``start``/``end`` are byte offsets (jsonl) or row-group indices (parquet);
    ``first`` is the line number at ``start`` (jsonl) or the index of the first row (parquet)."""

    index: int
    kind: str
    files: tuple[FileFingerprint, ...]
    start: int = 0
    end: int = 0
    first: int = 1
    weight: int = 0  # bytes, for progress and ETA

    @property
    def key(self) -> str:
        if self.kind == KIND_FILES:
            digest = hashlib.sha256("\0".join(f.path for f in self.files).encode()).hexdigest()[:16]
            return f"files:{len(self.files)}:{digest}"
        return f"{self.kind}:{self.files[0].path}:{self.start}-{self.end}"

    def part_name(self, output_format: str) -> str:
        return f"part-{self.index:05d}.{'parquet' if output_format == 'parquet' else 'jsonl'}"

    def fingerprint(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "files": [f.to_dict() for f in self.files],
            "range": [self.start, self.end],
            "first": self.first,
        }


def is_parquet(path: str) -> bool:
    return path.lower().endswith(PARQUET_SUFFIXES)


def discover(paths: Sequence[str], exclude: Path | None = None) -> list[str]:
    """Files to scan, in the order ``basira scan`` reads them: explicit files as given (unknown formats too:
    ingest reads them as text or reports them), and under directories, recursively in sorted order, the
    files ingest knows plus Parquet, skipping hidden entries and ``exclude`` (the output directory)."""
    from basira.ingest import format_for_filename

    excluded = exclude.resolve() if exclude is not None else None
    found: list[str] = []

    def walk(directory: Path) -> None:
        if excluded is not None and directory.resolve() == excluded:
            return
        try:
            entries = sorted((e.name, e.path) for e in os.scandir(directory) if not e.name.startswith("."))
        except OSError:
            found.append(str(directory))  # ingest reports why it can't be read
            return
        for name, entry in entries:
            if os.path.isdir(entry):
                walk(Path(entry))
            elif format_for_filename(name) is not None or is_parquet(name):
                found.append(entry)

    for raw in paths:
        if raw == "-":
            raise ValueError("standard input cannot be sharded; give files or directories to the Dask engine")
        if os.path.isdir(raw):
            walk(Path(raw))
        else:
            found.append(raw)
    seen: set[str] = set()
    unique = []
    for path in found:
        if path not in seen:
            seen.add(path)
            unique.append(path)
    return unique


def _jsonl_cuts(path: str, size: int, partition_size: int) -> list[tuple[int, int, int]]:
    """``(start, end, first_line)`` ranges of about ``partition_size`` bytes, each ending after a newline."""
    cuts: list[tuple[int, int, int]] = []
    chunk = 1 << 20
    start, line = 0, 1
    with open(path, "rb") as f:
        while start < size:
            target = start + partition_size
            cut = size
            if target < size:
                f.seek(target - 1)  # the cut goes after the first newline at or after byte target-1
                pos = target - 1
                while block := f.read(chunk):
                    i = block.find(b"\n")
                    if i >= 0:
                        cut = pos + i + 1
                        break
                    pos += len(block)
            cuts.append((start, cut, line))
            if cut >= size:
                break
            f.seek(start)
            remaining, newlines = cut - start, 0
            while remaining > 0 and (block := f.read(min(chunk, remaining))):
                newlines += block.count(b"\n")
                remaining -= len(block)
            start, line = cut, line + newlines
    return cuts or [(0, size, 1)]


def _parquet_cuts(path: str, partition_size: int) -> list[tuple[int, int, int, int]]:
    """``(first_group, end_group, first_row, bytes)`` ranges of row groups."""
    import pyarrow.parquet as pq

    meta = pq.ParquetFile(path).metadata
    cuts: list[tuple[int, int, int, int]] = []
    group, row = 0, 0
    while group < meta.num_row_groups:
        first_group, first_row, size = group, row, 0
        while group < meta.num_row_groups and (group == first_group or size < partition_size):
            rg = meta.row_group(group)
            size += rg.total_byte_size
            row += rg.num_rows
            group += 1
        cuts.append((first_group, group, first_row, size))
    return cuts


def plan_shards(
    paths: Sequence[str], partition_size: int = DEFAULT_PARTITION_SIZE, *, exclude: Path | None = None
) -> list[Shard]:
    """The deterministic list of shards for ``paths`` (see the module docstring)."""
    if partition_size < 1:
        raise ValueError("partition_size must be a positive number of bytes")
    shards: list[Shard] = []
    group: list[FileFingerprint] = []

    def add(kind: str, files: Iterable[FileFingerprint], start: int = 0, end: int = 0, first: int = 1,
            weight: int = 0) -> None:
        shards.append(Shard(len(shards), kind, tuple(files), start, end, first, weight))

    def flush_group() -> None:
        if group:
            add(KIND_FILES, group, weight=sum(max(0, f.size) for f in group))
            group.clear()

    for path in discover(paths, exclude):
        fp = FileFingerprint.of(path)
        name = path.lower()
        if fp.size > partition_size and name.endswith(PLAIN_JSONL_SUFFIXES):
            flush_group()
            for start, end, first in _jsonl_cuts(path, fp.size, partition_size):
                add(KIND_JSONL, [fp], start, end, first, end - start)
        elif fp.size >= 0 and is_parquet(name):
            flush_group()
            try:
                cuts = _parquet_cuts(path, partition_size)
            except Exception:  # not a readable Parquet file: one shard, whose reader reports the error
                cuts = [(0, 0, 0, fp.size)]
            for first_group, end_group, first_row, size in cuts or [(0, 0, 0, fp.size)]:
                add(KIND_PARQUET, [fp], first_group, end_group, first_row, max(size, 1))
        elif fp.size >= partition_size:  # a large whole file (compressed JSON Lines, WARC): alone
            flush_group()
            add(KIND_FILES, [fp], weight=fp.size)
        else:  # small files (and missing ones, for ingest to report) share a shard
            group.append(fp)
            if sum(max(0, f.size) for f in group) >= partition_size:
                flush_group()
    flush_group()
    return shards


def plan_id(shards: Sequence[Shard], options: dict[str, Any]) -> str:
    """A digest of the plan and the options that shape the output: a resume must see the same one."""
    payload = {"shards": [[s.key, s.fingerprint()] for s in shards], "options": options}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:24]

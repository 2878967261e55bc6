"""The resume manifest: ``out_dir/_manifest.jsonl``, a header line, then one line per finished shard.

A shard's line is appended (and fsynced) only after its part file was written in full under a temporary
name and renamed into place, so every line names a complete part. A kill can leave a temporary part
(deleted on the next start) or a truncated last manifest line (ignored); never a half part that counts.
On resume a line counts only if its shard is in the current plan with the same input fingerprint and its
part file still has the recorded size and SHA-256.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from basira.scale.shards import Shard

MANIFEST = "_manifest.jsonl"
SUMMARY = "_summary.json"
SUCCESS = "_SUCCESS"
MANIFEST_SCHEMA = "basira.scale.manifest/1"
TMP_MARK = ".tmp-"


class PlanMismatch(ValueError):
    """``out_dir`` holds a scan of other inputs or options: resuming into it would mix two scans."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def fsync_dir(path: Path) -> None:
    """Make a rename durable (best effort: not every platform can open a directory)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write_text(path: Path, text: str) -> None:
    """Write to a temporary name, fsync, rename: an interrupted write can't leave a truncated file."""
    tmp = path.with_name(f".{path.name}{TMP_MARK}{os.getpid()}")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def remove_temporaries(out_dir: Path) -> list[Path]:
    """Delete the temporary parts a killed run left behind."""
    removed = []
    for path in out_dir.glob(f".*{TMP_MARK}*"):
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def _read_lines(path: Path) -> list[dict[str, Any]]:
    records = []
    with contextlib.suppress(FileNotFoundError), path.open(encoding="utf-8") as f:
        for line in f:
            if not line.endswith("\n"):
                break  # a line cut short by a kill: not a finished shard
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                records.append(record)
    return records


class Manifest:
    """Loaded and validated against the current plan; appended to by the driver only."""

    def __init__(self, out_dir: Path, plan: str, header: Mapping[str, Any]):
        self.out_dir = out_dir
        self.path = out_dir / MANIFEST
        self.plan = plan
        self.header = {"manifest": MANIFEST_SCHEMA, "plan": plan, **header}
        self.entries: dict[str, dict[str, Any]] = {}
        self.discarded: list[str] = []

    @classmethod
    def open(
        cls, out_dir: Path, plan: str, shards: Iterable[Shard], header: Mapping[str, Any], *, resume: bool
    ) -> Manifest:
        """Load what a previous run finished (``resume``) or start afresh; rewrites the file atomically."""
        manifest = cls(out_dir, plan, header)
        records = _read_lines(manifest.path) if resume else []
        if records:
            old = records[0]
            if old.get("manifest") != MANIFEST_SCHEMA or old.get("plan") != plan:
                raise PlanMismatch(
                    f"{out_dir} holds a scan of other inputs or options (plan {old.get('plan')}, now {plan}); "
                    "use another output directory, or --no-resume to start over there"
                )
        by_key = {s.key: s for s in shards}
        for record in records[1:]:
            key = str(record.get("shard"))
            shard = by_key.get(key)
            if shard is None or record.get("input") != shard.fingerprint():
                manifest.discarded.append(key)
                continue
            part = out_dir / str(record.get("part"))
            try:
                intact = part.stat().st_size == record.get("bytes") and file_sha256(part) == record.get("sha256")
            except OSError:
                intact = False
            if intact:
                manifest.entries[key] = record
            else:
                manifest.discarded.append(key)
        if not resume:
            for name in (MANIFEST, SUMMARY, SUCCESS):
                with contextlib.suppress(FileNotFoundError):
                    (out_dir / name).unlink()
            for part in out_dir.glob("part-*"):
                part.unlink()
        manifest._rewrite()
        return manifest

    def _rewrite(self) -> None:
        lines = [self.header, *self.entries.values()]
        atomic_write_text(self.path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines))

    def done(self, shard: Shard) -> bool:
        return shard.key in self.entries

    def append(self, entry: dict[str, Any]) -> None:
        """Record a finished shard; its part file must already be in place."""
        with self.path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())
        self.entries[str(entry["shard"])] = entry

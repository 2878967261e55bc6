"""What runs on a Dask worker: one analyser per process, one shard in, one complete part file out."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from basira.ingest import IngestOptions
from basira.output import EvidenceMode, json_line
from basira.pipeline import Analyzer
from basira.scale.manifest import TMP_MARK, fsync_dir
from basira.scale.readers import ShardReader
from basira.scale.shards import Shard
from basira.scan import AnalyzerSpec, produce

PROGRESS_EVERY_S = 0.5
MAX_ERROR_SAMPLES = 5

_LOCK = threading.Lock()
_ANALYZERS: dict[tuple[str | None, str | None], Analyzer] = {}


@dataclass(frozen=True, slots=True)
class ScanConfig:
    """Everything a worker needs besides the shard; pickled to every task."""

    policy: str | None = None
    jurisdiction: str | None = None
    output_format: str = "jsonl"
    ingest: IngestOptions = field(default_factory=IngestOptions)
    progress_topic: str | None = None
    evidence: EvidenceMode = "decisive"


def get_analyzer(policy: str | None, jurisdiction: str | None) -> Analyzer:
    """This process's analyser, built once (and warmed, so lazy automata are compiled) on first use."""
    key = (policy, jurisdiction)
    analyzer = _ANALYZERS.get(key)
    if analyzer is None:
        with _LOCK:
            analyzer = _ANALYZERS.get(key)
            if analyzer is None:
                analyzer = AnalyzerSpec(policy, jurisdiction).build(warm=True)
                _ANALYZERS[key] = analyzer
    return analyzer


def worker_info(policy: str | None, jurisdiction: str | None) -> dict[str, Any]:
    """Build the analyser here and say which versions it runs (compared across workers by the driver)."""
    started = time.perf_counter()
    analyzer = get_analyzer(policy, jurisdiction)
    return {
        "pid": os.getpid(),
        "versions": analyzer.versions(),
        "build_s": round(time.perf_counter() - started, 3),
    }


class _JsonlPart:
    def __init__(self, path: Path):
        self.f: IO[bytes] = path.open("wb")
        self.digest = hashlib.sha256()
        self.size = 0

    def write(self, record: dict[str, Any]) -> None:
        self.write_line(json_line(record))

    def write_line(self, data: bytes) -> None:
        self.f.write(data)
        self.digest.update(data)
        self.size += len(data)

    def close(self) -> None:
        self.f.flush()
        os.fsync(self.f.fileno())
        self.f.close()


PARQUET_ROW_GROUP = 2048


def parquet_schema() -> Any:
    """Flat, queryable columns plus ``record``: the whole ``basira.scan/1`` object as JSON."""
    import pyarrow as pa

    return pa.schema([
        ("id", pa.string()), ("source", pa.string()), ("locator", pa.string()), ("format", pa.string()),
        ("lang", pa.string()), ("sha256", pa.string()), ("chars", pa.int64()), ("outcome", pa.string()),
        ("policy", pa.string()), ("jurisdiction", pa.string()), ("categories", pa.list_(pa.string())),
        ("labels", pa.list_(pa.string())), ("evidence_count", pa.int32()), ("error_codes", pa.list_(pa.string())),
        ("record", pa.string()),
    ])


class _ParquetPart:
    def __init__(self, path: Path):
        import pyarrow.parquet as pq

        self.path = path
        self.schema = parquet_schema()
        self.writer = pq.ParquetWriter(str(path), self.schema, compression="zstd")
        self.rows: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        doc = record["document"]
        self.rows.append({
            "id": doc["id"], "source": doc["source"], "locator": doc["locator"], "format": doc["format"],
            "lang": doc["lang"], "sha256": doc["sha256"], "chars": doc["chars"], "outcome": record["outcome"],
            "policy": record["policy"], "jurisdiction": record["jurisdiction"],
            "categories": [c["id"] for c in record["categories"] if c["outcome"] != "not_violating"],
            "labels": sorted({e["label"] for e in record["evidence"]}),
            "evidence_count": len(record["evidence"]),
            "error_codes": [e["code"] for e in record["errors"] if isinstance(e, dict)],
            "record": json.dumps(record, ensure_ascii=False),
        })
        if len(self.rows) >= PARQUET_ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def close(self) -> None:
        self._flush()
        self.writer.close()
        with self.path.open("rb+") as f:
            os.fsync(f.fileno())

    @property
    def size(self) -> int:
        return self.path.stat().st_size


class _Progress:
    """Throttled progress events to the driver (Dask's event log); silent outside a worker."""

    def __init__(self, topic: str | None, shard: Shard):
        self.topic = topic
        self.shard = shard.index
        self.last = time.monotonic()
        self.docs = 0
        self.bytes_sent = 0
        self.worker: Any = None
        if topic:
            try:
                from distributed import get_worker

                self.worker = get_worker()
            except (ImportError, ValueError):
                self.worker = None

    def tick(self, position: int, *, force: bool = False) -> None:
        self.docs += 1
        now = time.monotonic()
        if self.worker is None or (not force and now - self.last < PROGRESS_EVERY_S):
            return
        self.last = now
        try:
            self.worker.log_event(
                self.topic, {"shard": self.shard, "docs": self.docs, "bytes": position - self.bytes_sent}
            )
        except Exception:
            self.worker = None  # progress is a nicety: never let it fail a shard
            return
        self.docs = 0
        self.bytes_sent = position


def _count(record: dict[str, Any], counts: dict[str, Any], samples: list[str]) -> None:
    counts["documents"] += 1
    counts["outcomes"][record["outcome"]] += 1
    if record["outcome"] == "error":
        counts["errors"] += 1
        for error in record["errors"]:
            counts["error_codes"][str(error.get("code"))] += 1
            if len(samples) < MAX_ERROR_SAMPLES:
                samples.append(str(error.get("message")))
    for category in record["categories"]:
        if category["outcome"] != "not_violating":
            counts["categories"][f"{category['id']}:{category['outcome']}"] += 1


def process_shard(shard: Shard, out_dir: str, config: ScanConfig) -> dict[str, Any]:
    """Scan one shard into ``out_dir/part-NNNNN.*`` (temp file, fsync, rename) and return its manifest
    entry. Bad records and documents the pipeline chokes on become ``outcome: error`` lines."""
    started = time.perf_counter()
    analyzer = get_analyzer(config.policy, config.jurisdiction)
    versions = analyzer.versions()
    final = Path(out_dir) / shard.part_name(config.output_format)
    tmp = final.with_name(f".{final.name}{TMP_MARK}{uuid.uuid4().hex[:12]}")
    part: _JsonlPart | _ParquetPart = (
        _ParquetPart(tmp) if config.output_format == "parquet" else _JsonlPart(tmp)
    )
    counts: dict[str, Any] = {"documents": 0, "errors": 0, "outcomes": Counter(), "categories": Counter(),
                              "error_codes": Counter()}
    samples: list[str] = []
    reader = ShardReader(shard, config.ingest)
    progress = _Progress(config.progress_topic, shard)
    try:
        for item in reader:
            produced = produce(analyzer, item, versions, evidence=config.evidence, keep_record=True)
            assert produced.record is not None
            if isinstance(part, _JsonlPart):
                part.write_line(produced.line)
            else:
                part.write(produced.record)
            _count(produced.record, counts, samples)
            progress.tick(reader.position)
        part.close()
        sha256 = part.digest.hexdigest() if isinstance(part, _JsonlPart) else _file_sha256(tmp)
        size = part.size
        os.replace(tmp, final)
        fsync_dir(final.parent)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return {
        "shard": shard.key,
        "index": shard.index,
        "part": final.name,
        "input": shard.fingerprint(),
        "bytes": size,
        "sha256": sha256,
        "counts": {k: dict(v) if isinstance(v, Counter) else v for k, v in counts.items()},
        "error_samples": samples,
        "weight": shard.weight,
        "seconds": round(time.perf_counter() - started, 3),
        "worker_pid": os.getpid(),
        "versions": versions,
    }


def _file_sha256(path: Path) -> str:
    from basira.scale.manifest import file_sha256

    return file_sha256(path)

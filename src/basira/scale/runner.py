"""``run_dask_scan``: the scan pipeline over shards on a Dask cluster, resumable, with progress."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Table
from rich.text import Text

import basira
from basira.ingest import IngestOptions
from basira.output import EvidenceMode
from basira.scale.manifest import SUCCESS, SUMMARY, Manifest, atomic_write_text, remove_temporaries
from basira.scale.shards import DEFAULT_PARTITION_SIZE, Shard, plan_id, plan_shards
from basira.scale.worker import ScanConfig, process_shard, worker_info

OUTPUT_FORMATS = ("jsonl", "parquet")
PROGRESS_TOPIC = "basira.scale.progress"
WAIT_FOR_WORKERS_S = 120


class WorkerMismatch(RuntimeError):
    """Workers run another basira, policy or lexicon version than the driver: results would not agree."""


@dataclass
class ScanSummary:
    """What a (possibly resumed) scan produced; counts cover every finished shard, not just this run's."""

    out_dir: str
    plan: str
    output_format: str
    shards: int
    shards_done: int = 0
    shards_skipped: int = 0
    shards_failed: list[dict[str, str]] = field(default_factory=list)
    documents: int = 0
    errors: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)
    categories: dict[str, int] = field(default_factory=dict)
    error_codes: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    input_bytes: int = 0
    documents_this_run: int = 0
    bytes_this_run: int = 0
    elapsed_s: float = 0.0
    processing_s: float = 0.0
    workers: int = 0
    parts: list[str] = field(default_factory=list)
    versions: dict[str, Any] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return self.shards_done + self.shards_skipped == self.shards and not self.shards_failed

    @property
    def ok(self) -> bool:
        """Every shard finished and no input failed (exit code 0)."""
        return self.complete and self.errors == 0

    @property
    def docs_per_s(self) -> float:
        """Documents scanned in this run per second of processing (cluster start-up excluded)."""
        return self.documents_this_run / self.processing_s if self.processing_s > 0 else 0.0

    @property
    def mb_per_s(self) -> float:
        return self.bytes_this_run / 1e6 / self.processing_s if self.processing_s > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(complete=self.complete, ok=self.ok, docs_per_s=round(self.docs_per_s, 2),
                    mb_per_s=round(self.mb_per_s, 3))
        return data


class _DocsColumn(ProgressColumn):
    """``12,345 docs  1,234 docs/s`` (rate over this run's processing time)."""

    def render(self, task: Task) -> Text:
        docs = int(task.fields.get("docs", 0))
        started = task.fields.get("started")
        elapsed = time.monotonic() - started if started else 0.0
        rate = docs / elapsed if elapsed > 0 else 0.0
        return Text(f"{docs:,} docs  {rate:,.0f} docs/s", style="progress.data.speed")


def make_progress(console: Console, disable: bool) -> Progress:
    return Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), TaskProgressColumn(),
        _DocsColumn(), TransferSpeedColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=console, disable=disable, transient=False,
    )


def _start_client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS_S)
        return client, None
    cluster = LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",  # any free port
        silence_logs=40,  # logging.ERROR: the progress bar is the user interface
    )
    return Client(cluster), cluster


def _check_workers(client: Any, config: ScanConfig) -> dict[str, Any]:
    """Build every worker's analyser now (start-up off the clock, a bad policy fails fast) and make sure all
    run the same recogniser and policy versions, and the driver's basira version."""
    infos: dict[str, dict[str, Any]] = client.run(worker_info, config.policy, config.jurisdiction)
    if not infos:
        raise WorkerMismatch("the Dask cluster has no workers")
    by_versions: dict[str, list[str]] = {}
    for address, info in infos.items():
        by_versions.setdefault(json.dumps(info["versions"], sort_keys=True), []).append(address)
    reference = next(iter(by_versions))
    versions: dict[str, Any] = json.loads(reference)
    if len(by_versions) > 1 or versions.get("basira") != basira.__version__:
        detail = "; ".join(f"{', '.join(a)}: {v}" for v, a in by_versions.items())
        raise WorkerMismatch(
            f"workers disagree with each other or with this basira {basira.__version__}: {detail}. Install "
            f"the same release (pip install 'basira[dask]=={basira.__version__}') on every worker."
        )
    return versions


def _summarise(summary: ScanSummary, manifest: Manifest, shards: Sequence[Shard]) -> None:
    outcomes: Counter[str] = Counter()
    categories: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    samples: list[str] = []
    parts = []
    for shard in shards:
        entry = manifest.entries.get(shard.key)
        if entry is None:
            continue
        counts = entry["counts"]
        summary.documents += int(counts["documents"])
        summary.errors += int(counts["errors"])
        outcomes.update(counts["outcomes"])
        categories.update(counts["categories"])
        codes.update(counts["error_codes"])
        samples.extend(entry.get("error_samples", [])[: max(0, 20 - len(samples))])
        parts.append(str(entry["part"]))
    summary.outcomes = dict(outcomes.most_common())
    summary.categories = dict(sorted(categories.items()))
    summary.error_codes = dict(codes.most_common())
    summary.error_samples = samples
    summary.parts = parts


def run_dask_scan(
    paths: Sequence[str],
    out_dir: str | Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    policy: str | None = None,
    jurisdiction: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    output_format: str = "jsonl",
    resume: bool = True,
    progress: bool = True,
    ingest_options: IngestOptions | None = None,
    console: Console | None = None,
    client: Any = None,
    evidence: EvidenceMode = "decisive",
) -> ScanSummary:
    """Scan ``paths`` (JSON Lines (.gz/.zst), Parquet, WARC, other ingest formats, directories) on Dask.

    Each shard becomes ``out_dir/part-NNNNN.jsonl`` (or ``.parquet``), and a line of
    ``out_dir/_manifest.jsonl`` once complete; re-running the same call skips finished shards, so an
    interrupted scan resumes to exactly the output of an uninterrupted one. ``scheduler`` is the address
    of an existing cluster (``tcp://host:8786``); without it a ``LocalCluster`` of ``workers`` processes
    is started. ``client`` (an existing ``distributed.Client``) takes precedence over both.
    Raises ``ValueError`` for bad arguments, ``PlanMismatch`` when ``out_dir`` holds another scan,
    ``WorkerMismatch`` when workers run other versions.
    """
    started = time.perf_counter()
    if output_format not in OUTPUT_FORMATS:
        raise ValueError(f"output_format must be one of {OUTPUT_FORMATS}, not {output_format!r}")
    if workers < 1:
        raise ValueError("workers must be at least 1")
    options = ingest_options or IngestOptions()
    if options.format is not None:
        raise ValueError("a forced input format is not supported by the Dask engine; formats go by extension")
    console = console or Console(stderr=True)
    out = Path(out_dir)
    shards = plan_shards(list(paths), partition_size, exclude=out)
    plan_options = {
        "basira": basira.__version__, "policy": policy, "jurisdiction": jurisdiction,
        "output_format": output_format, "partition_size": partition_size, "text_field": options.text_field,
        "id_field": options.id_field, "max_chars": options.max_chars, "oversize": options.oversize,
        "max_file_bytes": options.max_file_bytes, "evidence": evidence,
    }
    plan = plan_id(shards, plan_options)
    out.mkdir(parents=True, exist_ok=True)
    remove_temporaries(out)
    manifest = Manifest.open(out, plan, shards, {"options": plan_options, "shards": len(shards)}, resume=resume)
    for name in (SUMMARY, SUCCESS):
        (out / name).unlink(missing_ok=True)
    pending = [s for s in shards if not manifest.done(s)]
    summary = ScanSummary(
        out_dir=str(out), plan=plan, output_format=output_format, shards=len(shards),
        shards_skipped=len(shards) - len(pending), input_bytes=sum(s.weight for s in shards),
    )
    config = ScanConfig(policy, jurisdiction, output_format, options, PROGRESS_TOPIC if progress else None,
                        evidence)
    if pending:
        _run_pending(pending, shards, out, config, manifest, summary, scheduler, workers, client, console,
                     progress)
    _summarise(summary, manifest, shards)
    summary.elapsed_s = round(time.perf_counter() - started, 3)
    atomic_write_text(out / SUMMARY, json.dumps(summary.to_dict(), ensure_ascii=False, indent=2) + "\n")
    if summary.complete:
        atomic_write_text(out / SUCCESS, "")
    return summary


class _Tracker:
    """Progress from two threads: throttled worker events (the client's loop) and finished shards (here).
    Per-shard counts let a finished shard replace its partial events exactly; late events are dropped."""

    def __init__(self, bar: Progress, task: Any):
        self.bar = bar
        self.task = task
        self.lock = threading.Lock()
        self.partial: dict[int, tuple[int, int]] = {}  # shard index -> (bytes, docs) reported so far
        self.finished: set[int] = set()
        self.docs = 0

    def event(self, event: Any) -> None:
        _, message = event
        if not isinstance(message, dict):
            return
        index, nbytes, ndocs = int(message.get("shard", -1)), int(message.get("bytes", 0)), int(message.get("docs", 0))
        with self.lock:
            if index in self.finished:
                return
            done_bytes, done_docs = self.partial.get(index, (0, 0))
            self.partial[index] = (done_bytes + nbytes, done_docs + ndocs)
            self.docs += ndocs
            self.bar.update(self.task, advance=nbytes, docs=self.docs)

    def finish(self, shard: Shard, docs: int) -> None:
        with self.lock:
            self.finished.add(shard.index)
            done_bytes, done_docs = self.partial.pop(shard.index, (0, 0))
            self.docs += docs - done_docs
            self.bar.update(self.task, advance=shard.weight - done_bytes, docs=self.docs)


def _run_pending(
    pending: list[Shard], shards: list[Shard], out: Path, config: ScanConfig, manifest: Manifest,
    summary: ScanSummary, scheduler: str | None, workers: int, client: Any, console: Console,
    show_progress: bool,
) -> None:
    from distributed import as_completed

    own_client, cluster = (None, None) if client is not None else _start_client(scheduler, workers)
    client = client or own_client
    bar = make_progress(console, disable=not show_progress)
    subscribed = False
    try:
        summary.versions = _check_workers(client, config)
        summary.workers = len(client.scheduler_info().get("workers", {}))
        done_weight = sum(s.weight for s in shards if manifest.done(s))
        task = bar.add_task("scanning", total=max(1, summary.input_bytes), completed=done_weight, docs=0,
                            started=time.monotonic())
        tracker = _Tracker(bar, task)
        if show_progress:
            client.subscribe_topic(PROGRESS_TOPIC, tracker.event)
            subscribed = True
            with contextlib.suppress(Exception):
                console.print(f"Dask: {summary.workers} worker(s), dashboard {client.dashboard_link}",
                              style="dim", highlight=False)
        processing_started = time.perf_counter()
        with bar:
            futures = {
                client.submit(process_shard, shard, str(out), config, pure=False,
                              key=f"basira-shard-{summary.plan}-{shard.index}"): shard
                for shard in pending
            }
            for future in as_completed(futures):
                shard = futures[future]
                try:
                    entry = future.result()
                    if entry.pop("versions") != summary.versions:
                        (out / str(entry["part"])).unlink(missing_ok=True)
                        raise WorkerMismatch(f"worker {entry['worker_pid']} runs other versions than the others")
                except Exception as error:
                    summary.shards_failed.append({"shard": shard.key, "error": f"{type(error).__name__}: {error}"})
                    continue
                entry["plan"] = summary.plan
                manifest.append(entry)
                summary.shards_done += 1
                summary.documents_this_run += int(entry["counts"]["documents"])
                summary.bytes_this_run += shard.weight
                tracker.finish(shard, int(entry["counts"]["documents"]))
        summary.processing_s = round(time.perf_counter() - processing_started, 3)
    finally:
        if subscribed:
            with contextlib.suppress(Exception):
                client.unsubscribe_topic(PROGRESS_TOPIC)
        if own_client is not None:
            own_client.close()
        if cluster is not None:
            cluster.close()


def summary_table(summary: ScanSummary) -> Table:
    """The end-of-scan summary for a terminal."""
    table = Table(title=f"basira scan (dask) → {summary.out_dir}", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("shards", f"{summary.shards_done} done, {summary.shards_skipped} resumed, "
                  f"{len(summary.shards_failed)} failed of {summary.shards}")
    table.add_row("documents", f"{summary.documents:,}")
    for outcome, n in summary.outcomes.items():
        table.add_row(f"  {outcome}", f"{n:,}")
    for category, n in summary.categories.items():
        table.add_row(f"  category {category}", f"{n:,}")
    for code, n in summary.error_codes.items():
        table.add_row(f"  error {code}", f"{n:,}")
    if summary.processing_s:
        table.add_row("throughput", f"{summary.docs_per_s:,.0f} docs/s, {summary.mb_per_s:,.2f} MB/s "
                      f"on {summary.workers} worker(s)")
    table.add_row("elapsed", f"{summary.elapsed_s:,.1f} s")
    return table

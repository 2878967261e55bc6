"""The scan loop: input items in, ``Produced`` results out in input order, in this process or across worker
processes (``jobs``), with a bounded number of documents in flight.

Across processes, documents go to the workers in chunks (at most ``chunk_docs`` documents and, past the
first, ``chunk_chars`` characters); each worker builds (or, forked, inherits) its analyser once and returns
serialised lines, so analysis and serialisation both run in parallel. At most ``2 × jobs`` chunks are in
flight and results come back chunk by chunk in submission order: the output is the same, in the same order,
as with one job. Storing (``--db``) and writing stay in the calling process.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from types import TracebackType
from typing import Any

from basira.output import EvidenceMode, error_dict
from basira.pipeline import Analyzer
from basira.scan.analyzer import AnalyzerSpec, settle_heap
from basira.scan.records import Produced, error_result, not_analysed, produce
from basira.types import Document, InputError

Item = Document | InputError
CHUNK_DOCS = 32
CHUNK_CHARS = 256_000


def default_jobs() -> int:
    """The cores this process may run on (its CPU affinity where the OS has one), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class ScanResult:
    """One input item and what the scan made of it."""

    item: Item
    line: bytes
    record: dict[str, Any] | None
    full: dict[str, Any] | None
    problem: tuple[str, str] | None


@dataclass(frozen=True, slots=True)
class _Job:
    spec: AnalyzerSpec
    evidence: EvidenceMode
    keep_record: bool
    keep_full: bool


# A worker process's state: its analyser, built once (or inherited from the parent by fork).
_INHERITED: tuple[AnalyzerSpec, Analyzer] | None = None
_WORKER: tuple[_Job, Analyzer, dict[str, Any]] | None = None


def _end_with_parent() -> None:
    """Linux: a worker gets SIGTERM when the scan that forked it dies, even by SIGKILL; otherwise it would wait
    on its task queue for ever."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _init_worker(job: _Job) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    _end_with_parent()
    inherited = _INHERITED is not None and _INHERITED[0] == job.spec
    if _INHERITED is not None and inherited:
        analyzer = _INHERITED[1]  # forked: the parent's heap, settled or not as the parent chose
    else:
        analyzer = job.spec.build(warm=True)
        settle_heap()  # a worker process exists to analyse: see settle_heap
    _WORKER = (job, analyzer, analyzer.versions())


def _run_chunk(items: list[Item]) -> list[Produced]:
    assert _WORKER is not None, "the worker was not initialised"
    job, analyzer, versions = _WORKER
    return [produce(analyzer, item, versions, evidence=job.evidence, keep_record=job.keep_record,
                    keep_full=job.keep_full) for item in items]


def _without_images(item: Item) -> Item:
    """What a worker needs of an item: not the pictures of its pages, which stay here for the store."""
    return replace(item, images=()) if isinstance(item, Document) and item.images else item


def _ping() -> int:
    return os.getpid()


def _chunks(items: Iterable[Item], max_docs: int, max_chars: int) -> Iterator[list[Item]]:
    chunk: list[Item] = []
    chars = 0
    for item in items:
        size = len(item.text) if isinstance(item, Document) else 0
        if chunk and (len(chunk) >= max_docs or chars + size > max_chars):
            yield chunk
            chunk, chars = [], 0
        chunk.append(item)
        chars += size
    if chunk:
        yield chunk


class Scanner:
    """Use as a context manager (it owns the worker processes), then iterate ``scan(items)``.

    ``jobs=1`` analyses in this process, one document at a time. ``keep_record`` keeps each output record
    (as a dict) on the result, ``keep_full`` the record with every evidence (for a store) whatever
    ``evidence`` the output has. ``analyzer``: the parent's analyser (built from ``spec`` when not given);
    forked workers use it as it is, spawned ones (no ``fork`` on the platform) build their own from ``spec``.
    A worker process that dies (killed, out of memory) turns each document of
    its in-flight chunks into an ``E_ANALYSIS`` error result, and a new pool goes on with the rest.
    """

    def __init__(
        self,
        spec: AnalyzerSpec,
        *,
        jobs: int = 1,
        evidence: EvidenceMode = "decisive",
        keep_record: bool = False,
        keep_full: bool = False,
        analyzer: Analyzer | None = None,
        chunk_docs: int = CHUNK_DOCS,
        chunk_chars: int = CHUNK_CHARS,
    ):
        if jobs < 1:
            raise ValueError(f"jobs must be at least 1, got {jobs}")
        self.spec = spec
        self.jobs = jobs
        self.job = _Job(spec, evidence, keep_record, keep_full)
        self.chunk_docs = chunk_docs
        self.chunk_chars = chunk_chars
        self.analyzer = analyzer if analyzer is not None else spec.build(warm=True)
        self.versions = self.analyzer.versions()
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Scanner:
        if self.jobs > 1:
            self._start_pool()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _start_pool(self) -> ProcessPoolExecutor:
        """Worker processes, all started now (before the caller starts threads, such as a progress bar's)."""
        global _INHERITED
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        _INHERITED = (self.spec, self.analyzer)  # a forked worker uses this analyser instead of building one
        try:
            pool = ProcessPoolExecutor(self.jobs, mp_context=context, initializer=_init_worker,
                                       initargs=(self.job,))
            pool.submit(_ping).result()  # a fork-context pool starts every process on its first task
        finally:
            _INHERITED = None
        self._pool = pool
        return pool

    def scan(self, items: Iterable[Item]) -> Iterator[ScanResult]:
        if self.jobs == 1:
            yield from self._serial(items)
        else:
            yield from self._parallel(items)

    def _serial(self, items: Iterable[Item]) -> Iterator[ScanResult]:
        job = self.job
        for item in items:
            produced = produce(self.analyzer, item, self.versions, evidence=job.evidence,
                               keep_record=job.keep_record, keep_full=job.keep_full)
            yield ScanResult(item, produced.line, produced.record, produced.full, produced.problem)

    def _parallel(self, items: Iterable[Item]) -> Iterator[ScanResult]:
        in_flight: deque[tuple[list[Item], Future[list[Produced]], ProcessPoolExecutor]] = deque()
        limit = 2 * self.jobs
        try:
            for chunk in _chunks(items, self.chunk_docs, self.chunk_chars):
                pool = self._pool or self._start_pool()
                in_flight.append((chunk, pool.submit(_run_chunk, [_without_images(i) for i in chunk]), pool))
                while len(in_flight) >= limit:
                    yield from self._collect(*in_flight.popleft())
            while in_flight:
                yield from self._collect(*in_flight.popleft())
        finally:
            for _, future, _ in in_flight:
                future.cancel()

    def _collect(
        self, chunk: list[Item], future: Future[list[Produced]], pool: ProcessPoolExecutor
    ) -> Iterator[ScanResult]:
        try:
            produced = future.result()
        except BrokenProcessPool as error:  # every chunk in flight in that pool fails with it
            if self._pool is pool:
                pool.shutdown(wait=False)
                self._pool = None  # the next chunk starts a new pool
            produced = [self._worker_died(item, error) for item in chunk]
        for item, p in zip(chunk, produced, strict=True):
            yield ScanResult(item, p.line, p.record, p.full, p.problem)

    def _worker_died(self, item: Item, error: BaseException) -> Produced:
        if isinstance(item, InputError):
            return error_result(error_dict(item, self.versions), self.job.keep_record)
        why = f"not analysed: the worker process analysing it ended unexpectedly ({error})"
        return error_result(not_analysed(item, why, self.versions), self.job.keep_record)

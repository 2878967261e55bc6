"""Loopback load test of the REST API: many concurrent clients POST ``/v1/analyze`` against a real
``basira serve`` (uvicorn in its own process, a real database) for a fixed time, and the latency, throughput
and every non-2xx answer are counted. Figures, not pass/fail: the tests assert only what must hold on any
machine (no 5xx, no transport error, every answer a valid result, every answered analysis stored once).

What one run does, in order, on 127.0.0.1 only:

1. **Accounts and a bank.** One ``api`` user and token per client (as ``basira user add NAME --role api``
   makes them), so each client has its own rate-limit bucket, as separate integrations would; and a bank of
   ``bank_entries`` synthetic known-content entries (``basira.bench.matching.SyntheticBank``), so every
   request also goes through known-content matching, as on a platform with banks.
2. **Baseline ``in_process``.** The same kind of documents analysed in this process by the analyser the
   server builds (``build_analyzer``), no HTTP, no store: what one core can do without the API.
3. **Server.** ``python -m basira serve`` on a free port (uvicorn, one process, warnings only in its log),
   with the per-token rate limit raised to ``rate`` (default 1,000/s) so that the run measures capacity,
   not the limiter; any 429 is still counted. ``workers`` > 1 runs ``--workers N`` (one process each).
4. **Baseline ``single_client``.** One client, one request at a time: latency without contention.
5. **Load.** ``clients`` concurrent clients (asyncio + httpx, one keep-alive connection each) send requests
   back to back until ``seconds`` have passed; requests already sent are waited for. Its OK/s is the
   saturated throughput.
5b. **Paced.** 2 KB posts (``PACED_POST_BYTES``): first every client sends them back to back for half the
   paced phase's length (their saturated OK/s, ``paced.saturated``), then one client sends them open loop at
   half that rate, each started on schedule whatever became of the earlier ones, latency counted from the
   planned start (``paced``).
5c. **Large posts.** The 375 KB posts of issue 14 (``basira.bench.corpus.repeated_sentence_post``, one
   sentence repeated; ``varied_post``, generated statements joined), analysed in process whole and cut to
   the default ``max_chars`` (200,000 characters: a whole 375 KB Arabic post, 205k-235k characters, is past
   it and refused with 413), then sent whole through ``/v1/analyze`` three times each (``large_post``); for
   this the server runs with ``--max-chars 375000``, which changes nothing for the other phases' posts.
6. **Checks.** The analyses stored during the run are counted against the 200 answers, the server's log is
   searched for tracebacks and errors, and its peak memory (``VmHWM``) is read before it is stopped.

Documents are the benchmark's generated corpus (``basira.bench.corpus``: neutral Arabic with lexicon terms
planted, so flagged and unflagged paths both run): nine posts (~250 characters) to one statement (~4 KB);
with a bank, one request in twenty is the text of a bank entry instead (made a near-duplicate by the
reference line), and its answer must carry the match. Each request's text is made unique by a neutral
reference line, so every request is a new document to store.

Latency percentiles are nearest-rank over every answered request of a phase (``p99`` is the latency that
99% of answers did not exceed). Ratios: ``load_vs_in_process`` = answered-OK requests per second under load
÷ documents per second in process (wall); ``p50_load_vs_single_client`` = loaded p50 ÷ unloaded p50.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from basira.bench.corpus import (
    DEFAULT_SEED,
    LARGE_POST_BYTES,
    cut_utf8,
    generate,
    lexicon_terms,
    repeated_sentence_post,
    varied_post,
)

ANALYZE_PATH = "/v1/analyze"
OUTCOMES = frozenset({"violating", "review", "not_violating"})
STATEMENT_EVERY = 10  # one request in ten carries a statement, the others a post
KNOWN_EVERY = 20  # with a bank: one request in twenty is a near-duplicate of a bank entry's text
PACED_POST_BYTES = 2048  # the paced phase's posts: "p99 <= 50 ms for a 2 KB post at half the saturated load"
PACED_SHARE = 0.5  # of the OK/s of the same 2 KB posts sent by every client back to back
LARGE_POST_REQUESTS = 3  # per kind of large post, one after another
REJECTED_EXAMPLES = 5  # answers that were not valid, kept in a phase's summary with the start of their body
REJECTED_BYTES = 300
Body = dict[str, Any]
MakeBody = Callable[[str, int, int], Body]  # (phase, client, request number) → JSON body
Validate = Callable[[Body, int, bytes], bool]  # (body sent, status, response bytes) → a valid answer?
Log = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class Sample:
    """One request: its latency, and the HTTP status (None when the transport failed) or the error; for an
    answer that was not valid, the document's id and the start of the answer (so a failed run says why)."""

    latency_s: float
    status: int | None
    valid: bool
    error: str | None = None
    rejected: str | None = None

    @classmethod
    def answered(cls, latency_s: float, body: Body, status: int, content: bytes, validate: Validate) -> Sample:
        valid = status == 200 and validate(body, status, content)
        start = content[:REJECTED_BYTES].decode("utf-8", "replace")
        return cls(latency_s, status, valid, rejected=None if valid else f"{status} {body.get('id')}: {start}")


@dataclass(frozen=True, slots=True)
class PhaseResult:
    """Every request of one phase and the wall time from the first send to the last answer."""

    name: str
    clients: int
    samples: tuple[Sample, ...]
    wall_s: float

    def summary(self) -> dict[str, Any]:
        statuses = Counter(str(s.status) for s in self.samples if s.status is not None)
        transport = Counter(s.error or "unknown" for s in self.samples if s.status is None)
        answered = sorted(s.latency_s for s in self.samples if s.status is not None)
        ok = sum(1 for s in self.samples if s.valid)
        wall = max(self.wall_s, 1e-9)
        return {
            "clients": self.clients,
            "wall_s": round(self.wall_s, 3),
            "requests": len(self.samples),
            "ok": ok,
            "statuses": dict(sorted(statuses.items())),
            "server_errors_5xx": sum(n for code, n in statuses.items() if code.startswith("5")),
            "rate_limited_429": statuses.get("429", 0),
            "invalid_bodies": sum(1 for s in self.samples if s.status == 200 and not s.valid),
            "rejected_examples": [s.rejected for s in self.samples if s.rejected][:REJECTED_EXAMPLES],
            "transport_errors": dict(sorted(transport.items())),
            "requests_per_s": round(len(answered) / wall, 2),
            "ok_per_s": round(ok / wall, 2),
            "latency_ms": latency_summary(answered),
        }


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of an ascending sequence: the smallest value with at least q% at or below it."""
    if not sorted_values:
        raise ValueError("no values")
    if not 0 < q <= 100:
        raise ValueError(f"percentile must be in (0, 100], got {q}")
    rank = math.ceil(q / 100 * len(sorted_values))
    return sorted_values[max(rank, 1) - 1]


def latency_summary(sorted_seconds: Sequence[float]) -> dict[str, float | None]:
    if not sorted_seconds:
        return {"p50": None, "p90": None, "p99": None, "max": None, "mean": None}
    ms = [s * 1000 for s in sorted_seconds]
    return {
        "p50": round(percentile(ms, 50), 2),
        "p90": round(percentile(ms, 90), 2),
        "p99": round(percentile(ms, 99), 2),
        "max": round(ms[-1], 2),
        "mean": round(sum(ms) / len(ms), 2),
    }


# ----------------------------------------------------------------------------------------- the clients


def drive(
    url: str,
    tokens: Sequence[str],
    make_body: MakeBody,
    validate: Validate,
    *,
    seconds: float,
    phase: str = "load",
    path: str = ANALYZE_PATH,
    timeout_s: float = 60.0,
) -> PhaseResult:
    """``len(tokens)`` concurrent clients POST to ``url + path`` back to back for ``seconds``.

    Bounded: no request is sent after ``seconds``, each has ``timeout_s``, and the whole phase is cancelled
    at ``seconds + timeout_s + 30``. A transport failure is recorded and the client pauses 0.1 s (so a dead
    server is not spun on)."""
    return asyncio.run(_drive(url, tokens, make_body, validate, seconds, phase, path, timeout_s))


async def _drive(
    url: str, tokens: Sequence[str], make_body: MakeBody, validate: Validate, seconds: float, phase: str,
    path: str, timeout_s: float,
) -> PhaseResult:
    import httpx

    samples: list[Sample] = []
    started = time.perf_counter()
    deadline = started + seconds
    finished = started

    async def one_client(index: int, token: str) -> None:
        nonlocal finished
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=url, headers=headers, timeout=timeout_s, limits=limits) as client:
            number = 0
            while time.perf_counter() < deadline:
                body = make_body(phase, index, number)
                number += 1
                payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
                sent = time.perf_counter()
                try:
                    response = await client.post(path, content=payload)
                except httpx.HTTPError as error:
                    samples.append(Sample(time.perf_counter() - sent, None, False, type(error).__name__))
                    await asyncio.sleep(0.1)
                    continue
                done = time.perf_counter()
                finished = max(finished, done)
                samples.append(Sample.answered(done - sent, body, response.status_code, response.content, validate))

    await asyncio.wait_for(asyncio.gather(*(one_client(i, t) for i, t in enumerate(tokens))),
                           timeout=seconds + timeout_s + 30)
    return PhaseResult(phase, len(tokens), tuple(samples), max(finished, time.perf_counter()) - started)


def pace(
    url: str,
    token: str,
    make_body: MakeBody,
    validate: Validate,
    *,
    rate: float,
    seconds: float,
    phase: str = "paced",
    path: str = ANALYZE_PATH,
    timeout_s: float = 60.0,
    connections: int = 64,
) -> PhaseResult:
    """Open loop: request ``k`` starts at ``k / rate`` seconds whatever became of the earlier ones (over up to
    ``connections`` keep-alive connections), for ``seconds``. Latency counts from the planned start, so a
    server that falls behind shows it in the percentiles instead of being sent less (no coordinated omission)."""
    if rate <= 0 or seconds <= 0:
        raise ValueError("the paced phase needs a positive rate and duration")
    return asyncio.run(_pace(url, token, make_body, validate, rate, seconds, phase, path, timeout_s, connections))


async def _pace(
    url: str, token: str, make_body: MakeBody, validate: Validate, rate: float, seconds: float, phase: str,
    path: str, timeout_s: float, connections: int,
) -> PhaseResult:
    import httpx

    samples: list[Sample] = []
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    count = max(1, int(rate * seconds))
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=timeout_s, limits=limits) as client:
        started = time.perf_counter()
        finished = started

        async def one(number: int, planned: float) -> None:
            nonlocal finished
            body = make_body(phase, 0, number)
            payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
            try:
                response = await client.post(path, content=payload)
            except httpx.HTTPError as error:
                samples.append(Sample(time.perf_counter() - planned, None, False, type(error).__name__))
                return
            done = time.perf_counter()
            finished = max(finished, done)
            samples.append(Sample.answered(done - planned, body, response.status_code, response.content, validate))

        tasks = []
        for number in range(count):
            planned = started + number / rate
            delay = planned - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(number, planned)))
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=timeout_s + 30)
    return PhaseResult(phase, connections, tuple(samples), max(finished, time.perf_counter()) - started)


def large_posts() -> dict[str, str]:
    """The large posts of issue 14 (``LARGE_POST_BYTES`` of UTF-8): one sentence repeated, and varied text."""
    return {"repeated": repeated_sentence_post(), "varied": varied_post()}


def measure_large_in_process(analyzer: Any, posts: Mapping[str, str], max_chars: int) -> dict[str, Any]:
    """Each large post analysed in this process (analysis, ``analysis_dict``, JSON): whole, and cut to
    ``max_chars`` (what a server with the default limit accepts of it)."""
    from basira.output import analysis_dict, json_line
    from basira.types import Document

    out: dict[str, Any] = {}
    for kind, text in posts.items():
        for name, part in ((kind, text), (f"{kind}_at_default_limit", text[:max_chars])):
            document = Document(id=f"large-{name}", source="bench", text=part, format="text")
            cpu, wall = time.process_time(), time.perf_counter()
            analysis = analyzer.analyze(document)
            size = len(json_line(analysis_dict(analysis)))
            out[name] = {"chars": len(part), "bytes": len(part.encode("utf-8")), "evidence": len(analysis.evidence),
                         "cpu_s": round(time.process_time() - cpu, 3), "wall_s": round(time.perf_counter() - wall, 3),
                         "output_bytes": size}
    return out


def measure_large_api(url: str, token: str, posts: Mapping[str, str], max_chars: int, run: str) -> dict[str, Any]:
    """Each large post, cut to the server's ``max_chars`` if longer (413 otherwise), sent ``LARGE_POST_REQUESTS``
    times one after another by one client, each time a new document."""
    import httpx

    out: dict[str, Any] = {}
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
        for kind, text in posts.items():
            latencies, statuses, sizes = [], [], []
            for number in range(LARGE_POST_REQUESTS):
                reference = f" مرجع {run}-large-{kind}-{number}"
                body = {"text": text[: max_chars - len(reference)] + reference, "id": f"large-{run}-{kind}-{number}"}
                sent = time.perf_counter()
                response = client.post(ANALYZE_PATH, json=body)
                latencies.append(time.perf_counter() - sent)
                statuses.append(response.status_code)
                sizes.append(len(response.content))
            chars = min(len(text), max_chars)
            out[kind] = {"chars": chars, "bytes": len(text[:chars].encode("utf-8")),
                         "full_bytes": len(text.encode("utf-8")), "statuses": statuses,
                         "latency_s": [round(x, 3) for x in latencies],
                         "max_s": round(max(latencies), 3), "response_bytes": max(sizes)}
    return out


def valid_analysis(body: Body, status: int, content: bytes) -> bool:
    """A 200 answer of ``/v1/analyze`` is a stored ``basira.scan/1`` result for the document sent."""
    try:
        result = json.loads(content)
    except ValueError:
        return False
    return (
        status == 200
        and isinstance(result, dict)
        and result.get("schema") == "basira.scan/1"
        and (result.get("document") or {}).get("id") == body.get("id")
        and result.get("outcome") in OUTCOMES
        and bool(result.get("analysis_id"))
    )


@dataclass(frozen=True, slots=True)
class Documents:
    """The request texts: generated posts and statements (and near-duplicates of bank entries when ``known``
    is given), each request made unique by a reference line."""

    posts: tuple[str, ...]
    statements: tuple[str, ...]
    run: str
    known: tuple[str, ...] = ()

    @classmethod
    def generate(cls, posts: int = 400, statements: int = 40, seed: int = DEFAULT_SEED) -> Documents:
        terms = lexicon_terms()
        return cls(tuple(generate("posts", posts, seed=seed, terms=terms).texts),
                   tuple(generate("statements", statements, seed=seed, terms=terms).texts),
                   uuid.uuid4().hex[:8])

    def expects_match(self, number: int) -> bool:
        return bool(self.known) and number % KNOWN_EVERY == KNOWN_EVERY // 2

    def text(self, phase: str, client: int, number: int) -> str:
        if self.expects_match(number):
            pool = self.known
        else:
            pool = self.statements if number % STATEMENT_EVERY == STATEMENT_EVERY - 1 else self.posts
        base = pool[(client * 7919 + number) % len(pool)]
        return f"{base}\nمرجع {self.run}-{phase}-{client}-{number}"

    def body(self, phase: str, client: int, number: int) -> Body:
        return {"id": f"load-{self.run}-{phase}-{client}-{number}", "text": self.text(phase, client, number),
                "source": f"bench-load-{self.run}"}

    def sized_body(self, phase: str, client: int, number: int, size_bytes: int = PACED_POST_BYTES) -> Body:
        """A post of ``size_bytes`` of UTF-8 (a statement cut short, the reference line included)."""
        reference = f"\nمرجع {self.run}-{phase}-{client}-{number}"
        base = self.statements[(client * 7919 + number) % len(self.statements)]
        text = cut_utf8(base, size_bytes - len(reference.encode("utf-8"))) + reference
        return {"id": f"load-{self.run}-{phase}-{client}-{number}", "text": text, "source": f"bench-load-{self.run}"}

    def validate(self, body: Body, status: int, content: bytes) -> bool:
        """``valid_analysis``, and a near-duplicate of a bank entry must come back with its match."""
        if not valid_analysis(body, status, content):
            return False
        if not self.expects_match(int(str(body["id"]).rsplit("-", 1)[1])):
            return True
        return bool(json.loads(content).get("matches"))


# ------------------------------------------------------------------------------------------ the server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def process_tree(pid: int) -> list[int]:
    """A live process and all its descendants (a server's worker processes), from ``/proc``; [] off Linux."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        try:
            children = [int(child) for task in os.listdir(f"/proc/{current}/task")
                        for child in _read(f"/proc/{current}/task/{task}/children").split()]
        except (OSError, ValueError):
            continue  # gone meanwhile
        found.append(current)
        pending.extend(children)
    return found


def _read(path: str) -> str:
    with open(path, encoding="ascii") as stream:
        return stream.read()


def peak_rss_mb(pid: int) -> float | None:
    """The peak resident memory (``VmHWM``) of a live process and its descendants, added up, in MiB; None
    off Linux."""
    total_kb, found = 0, False
    for member in process_tree(pid):
        try:
            lines = _read(f"/proc/{member}/status").splitlines()
        except OSError:
            continue
        for line in lines:
            if line.startswith("VmHWM:"):
                total_kb, found = total_kb + int(line.split()[1]), True
    return round(total_kb / 1024, 1) if found else None


def cpu_seconds(pid: int) -> float | None:
    """CPU seconds (user + system) used so far by a live process and its descendants; None off Linux."""
    ticks, found = 0, False
    for member in process_tree(pid):
        try:
            fields = _read(f"/proc/{member}/stat").rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        ticks, found = ticks + int(fields[11]) + int(fields[12]), True  # utime, stime (fields 14 and 15)
    return ticks / os.sysconf("SC_CLK_TCK") if found else None


def cpu_per_request(server_s: float | None, client_s: float, ok: int) -> dict[str, float | None]:
    """Where a loaded request's CPU goes: the server's processes and this (client) process, ms per OK answer."""
    return {"server_ms": round(1000 * server_s / ok, 3) if server_s is not None and ok else None,
            "client_ms": round(1000 * client_s / ok, 3) if ok else None}


@dataclass(frozen=True, slots=True)
class ServedLog:
    """What the server wrote: its tracebacks and error lines (uvicorn runs at warning level)."""

    tracebacks: int
    error_lines: tuple[str, ...]

    @classmethod
    def read(cls, path: Path) -> ServedLog:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines() if path.exists() else []
        errors = tuple(line[:300] for line in lines if "ERROR" in line or "Exception" in line)
        return cls(sum(1 for line in lines if line.startswith("Traceback")), errors)


class ServerProcess:
    """``python -m basira serve`` on 127.0.0.1 in its own process group, its output in ``log_path``."""

    def __init__(self, db_url: str, log_path: Path, *, rate: float, burst: int, workers: int = 1,
                 max_chars: int | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.command = [sys.executable, "-m", "basira", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                        "--db", db_url, "--rate", str(rate), "--burst", str(burst), "--log-level", "warning",
                        "--workers", str(workers)]
        if max_chars is not None:
            self.command += ["--max-chars", str(max_chars)]
        self.process: subprocess.Popen[bytes] | None = None
        self.peak_rss_mb: float | None = None

    def start(self, ready_timeout_s: float = 60.0) -> ServerProcess:
        import httpx

        env = {**os.environ, "BASIRA_SESSION_SECRET": uuid.uuid4().hex}
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(self.command, stdout=log, stderr=subprocess.STDOUT, env=env,
                                            start_new_session=True)
        deadline = time.monotonic() + ready_timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}:\n{self._tail()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not answer /healthz within {ready_timeout_s:.0f} s:\n{self._tail()}")

    def stop(self) -> None:
        """Read the peak memory, then stop gracefully (SIGINT: uvicorn finishes open requests), else kill."""
        process = self.process
        if process is None or process.poll() is not None:
            return
        self.peak_rss_mb = peak_rss_mb(process.pid)
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    @property
    def cpu_seconds(self) -> float | None:
        return cpu_seconds(self.process.pid) if self.process is not None else None

    def _tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""


@contextmanager
def serving(db_url: str, log_path: Path, **kwargs: Any) -> Iterator[ServerProcess]:
    server = ServerProcess(db_url, log_path, **kwargs).start()
    try:
        yield server
    finally:
        server.stop()


def make_tokens(db_url: str, clients: int, run: str) -> list[str]:
    """One ``api`` user and token per client (one password hash for all: argon2 is slow on purpose)."""
    from basira.api import hash_password
    from basira.store import Store

    password_hash = hash_password(uuid.uuid4().hex)
    tokens = []
    with Store.open(db_url) as store:
        for index in range(clients):
            username = f"bench-load-{run}-{index:03d}"
            store.create_user(username, "api", password_hash, actor="basira bench")
            tokens.append(store.create_token(username, "basira bench --load", actor="basira bench")[1])
    return tokens


def make_bank(db_url: str, entries: int, run: str, seed: int, known: int = 50) -> tuple[str, ...]:
    """A bank of ``entries`` synthetic signals (no text is stored), and the texts of ``known`` of them."""
    from basira.bench.matching import SyntheticBank
    from basira.match.banks import EntryLabels, NewEntry
    from basira.match.signals.minhash import encode
    from basira.store import Store

    bank = SyntheticBank(entries, seed=seed)
    signatures, sha256 = bank.minhash_signatures(), bank.sha256_signals()
    labels = EntryLabels(category="designated_propaganda", source="synthetic", added_by="basira bench")
    with Store.open(db_url) as store:
        store.create_bank(f"bench-load-{run}", "API load benchmark (synthetic signals)", actor="basira bench")
        store.add_bank_entries(f"bench-load-{run}",
                               (NewEntry({"sha256": sha256[i], "minhash": encode(signatures[i])}, labels)
                                for i in range(entries)), actor="basira bench")
    # Entries as they were banked: the request's reference line alone keeps it from being an exact copy (its
    # MinHash Jaccard stays >= 0.85, where the LSH misses one in millions), so a missing match is a fault.
    return tuple(bank.text(bank.word_ids(i % entries)) for i in range(known))


def count_analyses(db_url: str) -> int:
    from basira.store import Store

    with Store.open(db_url) as store:
        return store.count_analyses()


def in_process_analyzer(db_url: str, banks: Sequence[str]) -> Any:
    """The server's analyser (same policy, classifier and bank), warmed up."""
    from basira.scan import build_analyzer
    from basira.types import Document

    analyzer = build_analyzer(None, None, banks=banks, db=db_url)
    analyzer.analyze(Document(id="warm", source="bench", text="بيان", format="text"))
    return analyzer


def measure_in_process(documents: Documents, count: int, analyzer: Any) -> dict[str, Any]:
    """The ``in_process`` baseline: the server's analyser on ``count`` documents of the same mix, without
    HTTP or storing."""
    from basira.output import analysis_dict
    from basira.types import Document

    bodies = [documents.body("in_process", 0, n) for n in range(count)]
    cpu, wall = time.process_time(), time.perf_counter()
    for body in bodies:
        document = Document(id=body["id"], source=body["source"], text=body["text"], format="text")
        json.dumps(analysis_dict(analyzer.analyze(document)), ensure_ascii=False)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    return {"documents": count, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
            "docs_per_s": round(count / max(wall, 1e-9), 1), "docs_per_cpu_s": round(count / max(cpu, 1e-9), 1)}


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if not numerator or not denominator:
        return None
    return round(numerator / denominator, 3)


def run_load_bench(
    *,
    clients: int = 50,
    seconds: float = 60.0,
    db_url: str | None = None,
    single_client_seconds: float | None = None,
    in_process_documents: int = 300,
    bank_entries: int = 10_000,
    workers: int = 1,
    rate: float = 1000.0,
    seed: int = DEFAULT_SEED,
    log: Log = lambda message: None,
    workdir: Path | None = None,
    paced_seconds: float | None = None,
    large: bool = True,
) -> dict[str, Any]:
    """One load run (see the module docstring); returns the ``load`` section of ``basira.bench/1``.

    ``db_url`` None: a new SQLite file in a temporary folder. A given database gains ``clients`` api users
    (their tokens are revoked at the end), a bank (disabled at the end) and the analyses of the run: use a
    scratch database. ``paced_seconds``: the paced phase's length (default half of ``seconds``, at least 3);
    ``large``: also the large posts, in process and through the API."""
    from basira.api import Settings
    from basira.scan import settled_heap

    if clients < 1 or seconds <= 0:
        raise ValueError("the load test needs at least one client and a positive duration")
    single_seconds = single_client_seconds if single_client_seconds is not None else min(10.0, seconds / 6)
    with tempfile.TemporaryDirectory(prefix="basira-load-") as tmp:
        folder = workdir or Path(tmp)
        url = db_url or f"sqlite:///{folder}/load.db"
        documents = Documents.generate(seed=seed)
        log(f"load: {clients} api users and tokens, a bank of {bank_entries:,} entries")
        tokens = make_tokens(url, clients, documents.run)
        if bank_entries:
            documents = replace(documents, known=make_bank(url, bank_entries, documents.run, seed))
        log("load: in-process baseline")
        analyzer = in_process_analyzer(url, [f"bench-load-{documents.run}"] if bank_entries else [])
        in_process = measure_in_process(documents, in_process_documents, analyzer)
        posts = large_posts() if large else {}
        default_chars = Settings().max_chars
        max_chars = max(default_chars, LARGE_POST_BYTES) if posts else default_chars  # whole large posts pass
        large_in_process: dict[str, Any] = {}
        large_api: dict[str, Any] = {}
        if posts:
            log("load: large posts in process")
            large_in_process = measure_large_in_process(analyzer, posts, default_chars)
        del analyzer
        stored_before = count_analyses(url)
        log_path = folder / f"server-{documents.run}.log"
        # The clients' own pauses count in every latency: this process's objects so far (corpus, lexicons)
        # leave the collector's generations while the server is measured (a full collection: ~100 ms).
        with settled_heap(), serving(url, log_path, rate=rate, burst=int(max(rate, 1)), workers=workers,
                                     max_chars=max_chars) as server:
            log("load: warm-up and single client")
            warm = drive(server.url, tokens[:1], documents.body, documents.validate, seconds=0.5, phase="warm")
            single = drive(server.url, tokens[:1], documents.body, documents.validate, seconds=single_seconds,
                           phase="single")
            log(f"load: {clients} clients for {seconds:g} s")
            server_cpu, client_cpu = server.cpu_seconds, time.process_time()
            loaded = drive(server.url, tokens, documents.body, documents.validate, seconds=seconds, phase="load")
            server_after = server.cpu_seconds
            load_cpu = cpu_per_request(
                server_after - server_cpu if server_after is not None and server_cpu is not None else None,
                time.process_time() - client_cpu, loaded.summary()["ok"])
            # The saturated rate of the paced phase's own posts (a 2 KB post costs more than the mix's average)
            paced_length = paced_seconds if paced_seconds is not None else max(3.0, seconds / 2)
            log(f"load: {PACED_POST_BYTES:,}-byte posts from {clients} clients for {paced_length / 2:g} s")
            saturated = drive(server.url, tokens, documents.sized_body, valid_analysis, seconds=paced_length / 2,
                              phase="saturated")
            paced_rate = round(PACED_SHARE * saturated.summary()["ok_per_s"], 2)
            paced = None
            if paced_rate > 0:
                log(f"load: {PACED_POST_BYTES:,}-byte posts paced at {paced_rate:g}/s")
                paced = pace(server.url, tokens[0], documents.sized_body, valid_analysis, rate=paced_rate,
                             seconds=paced_length)
            if posts:
                log("load: large posts through the API")
                large_api = measure_large_api(server.url, tokens[0], posts, max_chars, documents.run)
            server.stop()
            served = ServedLog.read(log_path)
            peak = server.peak_rss_mb
        stored = count_analyses(url) - stored_before
        _tidy(url, documents.run, bank=bool(bank_entries))
    ok = sum(phase.summary()["ok"] for phase in (warm, single, loaded, saturated, *((paced,) if paced else ())))
    ok += sum(s == 200 for kind in (large_api.values() if posts else ()) for s in kind["statuses"])
    load_summary, single_summary = loaded.summary(), single.summary()
    saturated_summary = saturated.summary()
    paced_summary = {**paced.summary(), "rate_per_s": paced_rate, "share_of_saturated": PACED_SHARE,
                     "post_bytes": PACED_POST_BYTES, "saturated": saturated_summary} if paced else None
    return {
        "target": ANALYZE_PATH,
        "database": url.split(":", 1)[0] if db_url is None else _backend(db_url),
        "documents": {"posts": len(documents.posts), "statements": len(documents.statements),
                      "statement_every": STATEMENT_EVERY, "bank_entries": bank_entries,
                      "known_every": KNOWN_EVERY if bank_entries else None},
        "rate_limit_per_token": rate,
        "server_workers": workers,
        "in_process": in_process,
        "single_client": single_summary,
        "load": {**load_summary, "cpu_per_ok": load_cpu},
        "paced": paced_summary,
        "large_post": {"target_bytes": LARGE_POST_BYTES, "server_max_chars": max_chars,
                       "default_max_chars": default_chars, "in_process": large_in_process,
                       "api": large_api} if posts else None,
        "store": {"ok_answers": ok, "analyses_stored": stored, "lost_or_doubled": stored - ok},
        "server": {"peak_rss_mb": peak, "tracebacks": served.tracebacks,
                   "error_lines": list(served.error_lines[:20])},
        "ratios": {
            "load_vs_in_process": _ratio(load_summary["ok_per_s"], in_process["docs_per_s"]),
            "p50_load_vs_single_client": _ratio(load_summary["latency_ms"]["p50"],
                                                single_summary["latency_ms"]["p50"]),
        },
        "zero_5xx": all(p["server_errors_5xx"] == 0
                        for p in (load_summary, single_summary, saturated_summary, paced_summary) if p),
    }


def _backend(db_url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(db_url).get_backend_name()


def _tidy(db_url: str, run: str, *, bank: bool) -> None:
    """The run's tokens and bank are of no use after it: revoke and disable them (users, bank and audit rows
    stay: the audit log is append-only)."""
    from basira.store import Store

    with Store.open(db_url) as store:
        for token in store.list_tokens():
            if token.username.startswith(f"bench-load-{run}-") and token.revoked_at is None:
                store.revoke_token(token.id, actor="basira bench")
        if bank:
            store.set_bank_enabled(f"bench-load-{run}", False, actor="basira bench")


def summary_lines(load: Mapping[str, Any]) -> list[str]:
    """The human summary of a ``load`` section."""
    phase, single = load["load"], load["single_client"]
    latency = phase["latency_ms"]
    lines = [
        f"API load: {phase['clients']} clients × {phase['wall_s']:.0f} s on {load['target']} ({load['database']}): "
        f"{phase['requests']:,} requests, {phase['ok_per_s']:.1f} OK/s, p50 {latency['p50']} ms, "
        f"p99 {latency['p99']} ms, max {latency['max']} ms",
        f"  5xx {phase['server_errors_5xx']}, 429 {phase['rate_limited_429']}, transport errors "
        f"{sum(phase['transport_errors'].values())}, invalid bodies {phase['invalid_bodies']}; stored "
        f"{load['store']['analyses_stored']:,} of {load['store']['ok_answers']:,} OK answers; server peak "
        f"{load['server']['peak_rss_mb']} MiB, tracebacks {load['server']['tracebacks']}",
        f"  baselines: one client p50 {single['latency_ms']['p50']} ms (loaded/unloaded "
        f"{load['ratios']['p50_load_vs_single_client']}×); in process {load['in_process']['docs_per_s']} docs/s "
        f"(API under load {load['ratios']['load_vs_in_process']}× that)",
    ]
    cpu = phase.get("cpu_per_ok")
    if cpu:
        lines.append(f"  CPU per OK answer under load: server {cpu['server_ms']} ms, load client {cpu['client_ms']} ms "
                     f"(in process {1000 / load['in_process']['docs_per_cpu_s']:.2f} ms per document)")
    paced = load.get("paced")
    if paced:
        lines.append(f"  paced {paced['post_bytes']:,}-byte posts at {paced['rate_per_s']}/s (half their saturated "
                     f"{paced['saturated']['ok_per_s']} OK/s): p50 {paced['latency_ms']['p50']} ms, p99 "
                     f"{paced['latency_ms']['p99']} ms, {paced['ok']:,} OK of {paced['requests']:,}")
    large = load.get("large_post")
    if large:
        for kind, api in large["api"].items():
            whole = large["in_process"].get(kind, {})
            lines.append(f"  large post '{kind}': {api['chars']:,} characters ({api['bytes']:,} bytes) through the "
                         f"API in at most {api['max_s']} s (statuses {sorted(set(api['statuses']))}); the whole "
                         f"{whole.get('bytes', 0):,} bytes in process {whole.get('wall_s')} s")
    return lines

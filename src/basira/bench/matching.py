"""Known-content matching benchmark: lookups per second, memory, and bank insert throughput.

What it measures (figures, not pass/fail tests):

* **Banks.** ``size`` synthetic entries: random sequences of 30–60 words drawn (seeded) from a generated
  vocabulary of Arabic-letter strings — meaningless, neutral, and unchanged by normalisation. Signals are
  computed exactly as ``basira bank add`` computes them, but vectorised over the whole bank (word hashes
  once per vocabulary word, shingles and MinHashes with numpy), so that a million entries build in minutes.
* **Exact lookups** (``sha256``): a dict index. *index* = lookups of a ready signal; *end to end* = text →
  ``normalize_plain`` → sha256 → lookup.
* **Near-duplicate lookups** (``minhash``, threshold 0.5): queries are bank entries with 2 of their words
  replaced (true Jaccard ≈ 0.75) plus as many fresh random texts (no match expected). *index* = LSH lookup
  and re-scoring of a ready signature; *end to end* = text → normalise → shingles → MinHash → lookup.
  ``recall`` is the share of near-duplicate queries whose source entry is returned; ``false_hits`` counts
  hits for the fresh texts.
* **Memory.** The index's own arrays (``index_bytes``) and the process RSS growth while building it.
* **Insert throughput.** Entries per second into a bank through ``Store.add_bank_entries`` (SQLite in a
  temporary file; PostgreSQL in a temporary schema when a URL is given and reachable), and the time to
  build a ``MatchStage`` from that stored bank.

All on one core (numpy's own kernels are single-threaded for these operations). Rates are per second of
this process's CPU time (``time.process_time``), so other load on a shared machine does not distort them;
``*_wall_per_s`` give the same rates by the wall clock.
"""

from __future__ import annotations

import gc
import os
import resource
import tempfile
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from basira.match.shingles import shingle_hashes_flat, word_hashes
from basira.match.signals.minhash import MinHashIndex, MinHashSignal, encode, signatures_from_flat
from basira.match.signals.sha256 import ExactIndex, Sha256Signal
from basira.normalize import normalize_plain

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"  # no letter that normalisation rewrites
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
Log = Callable[[str], None]


def _rss() -> int:
    """Resident set size in bytes (Linux /proc; else the peak from getrusage)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):  # pragma: no cover - not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class SyntheticBank:
    """Seeded synthetic texts held as word ids (texts are made on demand)."""

    def __init__(self, size: int, *, seed: int = 0, vocabulary: int = 20_000, words: tuple[int, int] = (30, 60)):
        rng = np.random.default_rng(seed)
        self.rng = rng
        made: set[str] = set()
        while len(made) < vocabulary:
            length = int(rng.integers(2, 8))
            made.add("".join(rng.choice(list(LETTERS), size=length)))
        self.vocabulary = sorted(made)
        self.vocab_hashes = word_hashes(self.vocabulary)
        self.lengths = rng.integers(words[0], words[1] + 1, size=size).astype(np.int64)
        self.ids = rng.integers(0, vocabulary, size=int(self.lengths.sum())).astype(np.int32)
        self.starts = np.cumsum(self.lengths) - self.lengths

    def __len__(self) -> int:
        return len(self.lengths)

    def word_ids(self, i: int) -> npt.NDArray[np.int32]:
        return self.ids[self.starts[i] : self.starts[i] + self.lengths[i]]

    def text(self, ids: npt.NDArray[np.int32]) -> str:
        vocabulary = self.vocabulary
        return " ".join(vocabulary[j] for j in ids)

    def minhash_signatures(self) -> npt.NDArray[np.uint32]:
        shingles, counts = shingle_hashes_flat(self.vocab_hashes[self.ids], self.lengths)
        sigs, _valid = signatures_from_flat(shingles, counts)
        return sigs

    def sha256_signals(self) -> list[str]:
        sha = Sha256Signal()
        return [sha.from_normalized(self.text(self.word_ids(i))) or "" for i in range(len(self))]

    def near_duplicate(self, i: int, changes: int = 2) -> str:
        ids = self.word_ids(i).copy()
        for position in self.rng.choice(len(ids), size=changes, replace=False):
            ids[position] = self.rng.integers(0, len(self.vocabulary))
        return self.text(ids)

    def fresh_text(self) -> str:
        length = int(self.rng.integers(30, 61))
        return self.text(self.rng.integers(0, len(self.vocabulary), size=length).astype(np.int32))


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1) if seconds > 0 else float("inf")


def _bench_size(size: int, queries: int, threshold: float, seed: int, log: Log) -> dict[str, Any]:
    out: dict[str, Any] = {"entries": size}
    gc.collect()
    rss0 = _rss()
    t0 = time.perf_counter()
    bank = SyntheticBank(size, seed=seed)
    out["generate_s"] = round(time.perf_counter() - t0, 2)

    t0 = time.process_time()
    sigs = bank.minhash_signatures()
    minhash_s = time.process_time() - t0
    out["minhash_build"] = {"seconds": round(minhash_s, 2), "per_s": _rate(size, minhash_s)}
    log(f"  {size:,}: {size:,} MinHashes in {minhash_s:.1f}s")

    rss1 = _rss()
    t0 = time.process_time()
    index = MinHashIndex(sigs, threshold)
    index_s = time.process_time() - t0
    rss2 = _rss()
    out["minhash_index"] = {
        "seconds": round(index_s, 2),
        "bands": index.bands,
        "rows": index.rows,
        "index_bytes": index.nbytes,
        "bytes_per_entry": round(index.nbytes / max(size, 1), 1),
        "rss_growth_bytes": rss2 - rss1,
    }
    log(f"  {size:,}: LSH index in {index_s:.1f}s, {index.nbytes / 2**20:.0f} MiB")

    n = min(queries, size)
    picks = bank.rng.choice(size, size=n, replace=False)
    near_texts = [bank.near_duplicate(int(i)) for i in picks]
    fresh_texts = [bank.fresh_text() for _ in range(n)]
    mh = MinHashSignal(threshold)
    near_sigs = [mh.signature_of(normalize_plain(t)) for t in near_texts]
    fresh_sigs = [mh.signature_of(normalize_plain(t)) for t in fresh_texts]

    w0, t0 = time.perf_counter(), time.process_time()
    near_hits = [index.query_signature(s) for s in near_sigs if s is not None]
    fresh_hits = [index.query_signature(s) for s in fresh_sigs if s is not None]
    index_q_s, index_q_wall = time.process_time() - t0, time.perf_counter() - w0
    recall = sum(any(h.position == int(i) for h in hits) for i, hits in zip(picks, near_hits, strict=True)) / n

    w0, t0 = time.perf_counter(), time.process_time()
    for t in near_texts + fresh_texts:
        sig = mh.signature_of(normalize_plain(t))
        if sig is not None:
            index.query_signature(sig)
    e2e_s, e2e_wall = time.process_time() - t0, time.perf_counter() - w0
    out["near_duplicate"] = {
        "queries": 2 * n,
        "index_lookups_per_s": _rate(2 * n, index_q_s),
        "index_lookups_wall_per_s": _rate(2 * n, index_q_wall),
        "end_to_end_per_s": _rate(2 * n, e2e_s),
        "end_to_end_wall_per_s": _rate(2 * n, e2e_wall),
        "recall": round(recall, 4),
        "false_hits": sum(len(h) for h in fresh_hits),
        "mean_similarity": round(float(np.mean([h[0].similarity.value for h in near_hits if h] or [0])), 4),
    }
    log(f"  {size:,}: near-dup {out['near_duplicate']['index_lookups_per_s']:,.0f}/s index, "
        f"{out['near_duplicate']['end_to_end_per_s']:,.0f}/s end to end, recall {recall:.3f}")
    rss3 = _rss()

    t0 = time.perf_counter()
    sha_signals = bank.sha256_signals()
    sha_s = time.perf_counter() - t0
    exact = ExactIndex(sha_signals)
    sha = Sha256Signal()
    exact_queries = [sha_signals[int(i)] for i in picks] + [sha.from_normalized(t) or "" for t in fresh_texts]
    t0 = time.process_time()
    found = sum(bool(exact.query(q)) for q in exact_queries)
    exact_q_s = time.process_time() - t0
    exact_texts = [bank.text(bank.word_ids(int(i))) for i in picks] + fresh_texts
    t0 = time.process_time()
    for t in exact_texts:
        exact.query(sha.compute(t) or "")
    exact_e2e_s = time.process_time() - t0
    out["exact"] = {
        "queries": len(exact_queries),
        "index_lookups_per_s": _rate(len(exact_queries), exact_q_s),
        "end_to_end_per_s": _rate(len(exact_texts), exact_e2e_s),
        "found": found,
        "build_s": round(sha_s, 2),
        "rss_growth_bytes": _rss() - rss3,
    }
    log(f"  {size:,}: exact {out['exact']['index_lookups_per_s']:,.0f}/s index, "
        f"{out['exact']['end_to_end_per_s']:,.0f}/s end to end")
    out["rss_total_growth_bytes"] = _rss() - rss0
    return out


def _bench_datasketch(size: int, queries: int, threshold: float, seed: int) -> dict[str, Any]:
    """datasketch's MinHashLSH (dict storage) on the same bank, for comparison."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    bank = SyntheticBank(size, seed=seed)
    sigs = bank.minhash_signatures()
    gc.collect()
    rss0 = _rss()
    t0 = time.process_time()
    lsh = MinHashLSH(threshold=threshold, num_perm=sigs.shape[1])
    with lsh.insertion_session() as session:
        for i in range(size):
            session.insert(i, LeanMinHash(seed=1, hashvalues=sigs[i], scheme="affine32"), check_duplication=False)
    build_s = time.process_time() - t0
    rss1 = _rss()
    picks = bank.rng.choice(size, size=min(queries, size), replace=False)
    mh = MinHashSignal(threshold)
    query_sigs = [mh.signature_of(normalize_plain(bank.near_duplicate(int(i)))) for i in picks]
    prepared = [MinHash(num_perm=sigs.shape[1], seed=1, hashvalues=s, scheme="affine32") for s in query_sigs]
    t0 = time.process_time()
    for m in prepared:
        lsh.query(m)
    query_s = time.process_time() - t0
    return {
        "entries": size,
        "build_s": round(build_s, 2),
        "rss_growth_bytes": rss1 - rss0,
        "candidate_lookups_per_s": _rate(len(prepared), query_s),
        "note": "candidates only: no re-scoring on full signatures",
    }


def _bench_insert(url: str, rows: int, seed: int, log: Log) -> dict[str, Any]:
    from basira.match.banks import EntryLabels, NewEntry
    from basira.match.stage import MatchStage
    from basira.store import Store

    bank = SyntheticBank(rows, seed=seed + 1)
    sigs = bank.minhash_signatures()
    sha = bank.sha256_signals()
    labels = EntryLabels(category="bench", source="synthetic", added_by="bench")
    entries = [NewEntry({"sha256": sha[i], "minhash": encode(sigs[i])}, labels) for i in range(rows)]
    with Store.open(url) as store:
        name = f"bench-{uuid.uuid4().hex[:8]}"
        store.create_bank(name, "matching benchmark (synthetic)")
        t0 = time.perf_counter()
        result = store.add_bank_entries(name, entries, actor="bench")
        insert_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        stage = MatchStage(store, [name])
        stage_s = time.perf_counter() - t0
        hits = stage.match_text(bank.near_duplicate(0))
    out = {
        "entries": result.added,
        "insert_s": round(insert_s, 2),
        "inserts_per_s": _rate(result.added, insert_s),
        "stage_build_s": round(stage_s, 2),
        "stage_finds_near_duplicate": bool(hits),
    }
    log(f"  insert into {url.split(':')[0]}: {out['inserts_per_s']:,.0f} entries/s; stage build {stage_s:.1f}s")
    return out


def _postgres_schema_url(url: str, log: Log) -> tuple[str, Callable[[], None]] | None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    schema = f"basira_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except SQLAlchemyError as exc:
        log(f"  PostgreSQL unreachable ({exc.__class__.__name__}); insert figures for it skipped")
        admin.dispose()
        return None

    def drop() -> None:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options=-csearch_path%3D{schema}", drop


def run_matching_bench(
    sizes: Sequence[int] = (10_000, 100_000, 1_000_000),
    out: dict[str, Any] | None = None,
    *,
    queries: int = 2_000,
    threshold: float = 0.5,
    insert_rows: int = 20_000,
    postgres_url: str | None = DEFAULT_POSTGRES,
    compare_datasketch_up_to: int = 100_000,
    seed: int = 0,
    log: Log | None = None,
) -> dict[str, Any]:
    """Run the matching benchmark; figures go into ``out["matching"]`` (``out`` is returned).

    Cut ``sizes`` for a quick run. ``insert_rows=0`` skips the store inserts; ``postgres_url=None`` skips
    PostgreSQL; ``compare_datasketch_up_to=0`` skips the datasketch MinHashLSH comparison.
    """
    say: Log = log or (lambda _message: None)
    result: dict[str, Any] = {
        "config": {"queries": queries, "threshold": threshold, "signal_types": ["sha256", "minhash"],
                   "num_perm": 128, "seed": seed,
                   "clock": "process_time (CPU seconds of this process); *_wall_per_s by the wall clock"},
        "sizes": {},
        "datasketch_lsh": {},
        "insert": {},
    }
    target = out if out is not None else {}
    target["matching"] = result
    for size in sizes:
        say(f"matching bench: bank of {size:,}")
        result["sizes"][str(size)] = _bench_size(size, queries, threshold, seed, say)
        if size <= compare_datasketch_up_to:
            result["datasketch_lsh"][str(size)] = _bench_datasketch(size, queries, threshold, seed)
        gc.collect()
    if insert_rows > 0:
        with tempfile.TemporaryDirectory(prefix="basira-bench-") as folder:
            result["insert"]["sqlite"] = _bench_insert(f"sqlite:///{folder}/bench.db", insert_rows, seed, say)
        if postgres_url:
            prepared = _postgres_schema_url(postgres_url, say)
            if prepared is None:
                result["insert"]["postgresql"] = {"skipped": "unreachable"}
            else:
                url, drop = prepared
                try:
                    result["insert"]["postgresql"] = _bench_insert(url, insert_rows, seed, say)
                finally:
                    drop()
    return target


def summary(figures: Mapping[str, Any]) -> list[str]:
    """Human-readable lines for ``run_matching_bench`` output."""
    m = figures["matching"]
    lines = []
    for size, f in m["sizes"].items():
        near, exact = f["near_duplicate"], f["exact"]
        lines.append(
            f"{int(size):>9,} entries: near-dup {near['index_lookups_per_s']:>9,.0f}/s (index) "
            f"{near['end_to_end_per_s']:>7,.0f}/s (text) recall {near['recall']:.3f} false hits {near['false_hits']}; "
            f"exact {exact['index_lookups_per_s']:>11,.0f}/s (index) {exact['end_to_end_per_s']:>7,.0f}/s (text); "
            f"index {f['minhash_index']['index_bytes'] / 2**20:,.0f} MiB, MinHash build "
            f"{f['minhash_build']['per_s']:,.0f}/s"
        )
    for size, f in m["datasketch_lsh"].items():
        lines.append(
            f"{int(size):>9,} entries, datasketch MinHashLSH: build {f['build_s']}s, "
            f"RSS +{f['rss_growth_bytes'] / 2**20:,.0f} MiB, {f['candidate_lookups_per_s']:,.0f} lookups/s"
        )
    for backend, f in m["insert"].items():
        if "inserts_per_s" in f:
            lines.append(f"insert {backend}: {f['inserts_per_s']:,.0f} entries/s ({f['entries']:,}); "
                         f"MatchStage build from store {f['stage_build_s']}s")
        else:
            lines.append(f"insert {backend}: {f}")
    return lines


if __name__ == "__main__":  # pragma: no cover - manual runs
    import json
    import sys

    chosen = tuple(int(s) for s in sys.argv[1:]) or (10_000, 100_000)
    figures = run_matching_bench(chosen, log=lambda message: print(message, file=sys.stderr, flush=True))
    print("\n".join(summary(figures)))
    print(json.dumps(figures, indent=2))

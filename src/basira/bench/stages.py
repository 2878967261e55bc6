"""Where a full analysis spends its time, against one bare Aho-Corasick pass over the same bytes (issue 14).

* ``corpus_tokens`` / ``token_automaton``: the baseline's terms are 10,000 mid-frequency tokens of the corpus
  being measured (whitespace words, punctuation stripped; the most frequent ``skip`` are left out, as a
  lexicon has no stop words), added as they are written, and one ``automaton.iter`` pass over each raw text.
* ``stage_table``: CPU seconds of the full analysis split into normalisation, the one automaton pass that
  serves every recogniser's lexicons (with its clitic checks), each recogniser's own work, assembling
  the notes, each stage after evidence (``policy``, known-content ``match``, a ``model`` stage
  when the analyser has one) and serialisation (``analysis_dict`` + ``json_line``), each as a share of the
  whole and as a multiple of the bare pass.
* ``growth``: time per character of the full analysis for documents of 4k to 256k characters made by
  joining the corpus's own texts: linear work gives the same figure at every length.
* ``load_corpus``: a user's JSON Lines (or any format ``basira scan`` reads) as a ``Corpus``.

CPU time of this process (``time.process_time``): steady on a shared machine. Reported, never asserted.
"""

from __future__ import annotations

import copy
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from basira.bench.corpus import Corpus
from basira.output import json_line
from basira.types import Analysis, Document

TOKEN = re.compile(r"[^\W\d_]+")  # letters only: no digits, punctuation or tatweel-only runs
GROWTH_LENGTHS = (4_000, 16_000, 64_000, 256_000)
MODEL_STAGE = "model"
LEXICON_SCAN = "lexicon scan (fused, all recognisers)"


def _cpu(fn: Callable[[], object]) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


def _best(fn: Callable[[], object], min_time_s: float, max_repeats: int = 20) -> float:
    best, spent = float("inf"), 0.0
    for _ in range(max_repeats):
        seconds = _cpu(fn)
        best, spent = min(best, seconds), spent + seconds
        if spent >= min_time_s:
            break
    return best


# ------------------------------------------------------------------------------------------ baseline


def corpus_tokens(texts: Sequence[str], count: int = 10_000, skip: int = 100) -> list[str]:
    """``count`` mid-frequency tokens: by frequency (ties by first appearance), after the ``skip`` most
    frequent. Fewer when the corpus has fewer distinct tokens."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(t for t in TOKEN.findall(text) if len(t) > 1)
    ranked = [token for token, _ in counts.most_common()]
    skip = min(skip, max(0, len(ranked) - count))
    return ranked[skip : skip + count]


def token_automaton(tokens: Sequence[str]) -> Any:
    import ahocorasick

    automaton: Any = ahocorasick.Automaton()
    for token in tokens:
        automaton.add_word(token, len(token))
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton


def bare_pass_seconds(automaton: Any, texts: Sequence[str], min_time_s: float) -> tuple[float, int]:
    """Best CPU seconds of one ``iter`` pass over every text, and the hits it yields."""
    hits = 0

    def run() -> None:
        nonlocal hits
        hits = 0
        for text in texts:
            for _ in automaton.iter(text):
                hits += 1

    return _best(run, min_time_s), hits


# ------------------------------------------------------------------------------------------ stages


def _stage_name(stage: Any) -> str:
    return str(getattr(stage, "name", type(stage).__name__))


def stage_table(analyzer: Any, documents: Sequence[Document], bare_s: float | None = None) -> dict[str, Any]:
    """CPU seconds per part of the full analysis over ``documents`` (one pass each), in pipeline order."""
    seconds: dict[str, float] = {"normalize": 0.0}
    fused = analyzer._fused
    if fused is not None:
        seconds[LEXICON_SCAN] = 0.0
        fused.claim()
    seconds.update((f"recognizer:{r.name}", 0.0) for r in analyzer.recognizers)
    clock = time.process_time
    # Document by document, so that the fused lexicon scan, which the first recogniser to ask runs for all
    # of them, is its own row (timed one recogniser over all documents, each row included that scan again).
    for document in documents:
        started = clock()
        nt = analyzer.normalizer.normalize(document.text)
        now = clock()
        seconds["normalize"] += now - started
        if fused is not None:
            fused.hits(nt.text)
            started, now = now, clock()
            seconds[LEXICON_SCAN] += now - started
        for recognizer in analyzer.recognizers:
            recognizer.analyze(nt)
            started, now = now, clock()
            seconds[f"recognizer:{recognizer.name}"] += now - started
    bare = copy.copy(analyzer)  # the same recognisers and normaliser (no second automaton), no stages
    bare.stages = []
    analyses: list[Analysis] = [bare.analyze(d) for d in documents]

    def notes() -> None:
        for analysis in analyses:
            for recognizer in analyzer.recognizers:
                recognizer.notes(analysis)

    seconds["notes"] = _cpu(notes)  # (sorting the evidence and numbering it is left out: negligible)
    for stage in analyzer.stages:

        def apply(s: Any = stage) -> None:
            for i, analysis in enumerate(analyses):
                analyses[i] = s.apply(analysis)

        key = f"stage:{_stage_name(stage)}"
        seconds[key] = seconds.get(key, 0.0) + _cpu(apply)
    from basira.output import analysis_dict

    seconds["serialise"] = _cpu(lambda: [json_line(analysis_dict(a, "decisive")) for a in analyses])
    total = sum(seconds.values())
    rows = [
        {"part": part, "seconds": round(s, 4), "percent": round(100 * s / total, 1) if total else 0.0,
         "vs_bare_pass": round(s / bare_s, 2) if bare_s else None}
        for part, s in seconds.items()
    ]
    model = [r for r in rows if r["part"] == f"stage:{MODEL_STAGE}"]
    return {"documents": len(documents), "total_s": round(total, 4), "rows": rows,
            "model_stage": model[0] if model else None,
            "stages": [_stage_name(s) for s in analyzer.stages]}


# ------------------------------------------------------------------------------------------ growth


def joined_documents(texts: Sequence[str], length: int, total_chars: int) -> list[Document]:
    """``total_chars // length`` documents of ``length`` characters: consecutive slices of the corpus's texts
    joined in order (going round again if needed), so that every length cuts up the same characters."""
    if not any(texts):
        return []
    parts: list[str] = []
    size = 0
    while size < total_chars:
        for text in texts:
            if text:
                parts.append(text)
                size += len(text) + 2
            if size >= total_chars:
                break
    stream = "\n\n".join(parts)
    return [Document(id=f"grow-{length}-{k}", source="bench:growth", text=stream[k * length : (k + 1) * length],
                     format="bench", lang="ar")
            for k in range(max(1, total_chars // length))]


def growth(
    analyzer: Any, texts: Sequence[str], lengths: Sequence[int] = GROWTH_LENGTHS, by_stage: bool = True,
    repeats: int = 3,
) -> dict[str, Any]:
    """Microseconds of CPU per character of the full analysis (with serialisation) at each length, the best
    of ``repeats`` passes (the longest length is one document: a single pass varied by ±15 % between runs
    of the bench on an idle machine); every point analyses the same ``max(lengths)`` characters, cut into
    documents of its length. ``by_stage``: also
    each part's time per character at the shortest and the longest length (which part is not linear)."""
    from basira.output import analysis_dict

    points: list[dict[str, Any]] = []
    for length in lengths:
        documents = joined_documents(texts, length, max(lengths))
        if not documents:
            break
        chars = sum(len(d.text) for d in documents)

        def run(docs: list[Document] = documents) -> None:
            for d in docs:
                json_line(analysis_dict(analyzer.analyze(d), "decisive"))

        seconds = min(_cpu(run) for _ in range(max(1, repeats)))
        points.append({"length": length, "documents": len(documents), "chars": chars,
                       "us_per_char": round(1e6 * seconds / max(chars, 1), 3)})
    first = points[0]["us_per_char"] if points else None
    for point in points:
        point["vs_first"] = round(point["us_per_char"] / first, 3) if first else None
    by_part: list[dict[str, Any]] = []
    if by_stage and len(points) > 1:  # which part grows: the per-stage table at the shortest and longest length
        low, high = (stage_table(analyzer, joined_documents(texts, length, max(lengths)))
                     for length in (points[0]["length"], points[-1]["length"]))
        chars = points[0]["chars"]
        high_rows = {row["part"]: row["seconds"] for row in high["rows"]}
        for row in low["rows"]:
            short, long = 1e6 * row["seconds"] / chars, 1e6 * high_rows.get(row["part"], 0.0) / chars
            by_part.append({"part": row["part"], "us_per_char_first": round(short, 4),
                            "us_per_char_last": round(long, 4),
                            "last_vs_first": round(long / short, 2) if short > 0.001 else None})
    return {"points": points,
            "last_vs_first": points[-1]["vs_first"] if points else None,
            "by_part": by_part,
            "target_max": 1.3}


# ------------------------------------------------------------------------------------------ --jobs


def scan_jobs(path: Path, jobs_list: Sequence[int] = (1, 2), text_field: str = "text") -> dict[str, Any]:
    """``basira scan --jobs N``'s loop (ingest of ``path``, analysis, serialisation; output discarded) for
    each N: wall-clock documents per second, and the speed-up of the last N over the first. The analyser is
    built before the clock starts. Wall time: on a busy machine the figure says so (see ``loadavg``)."""
    import os

    from basira.ingest import IngestOptions, iter_inputs
    from basira.scan import AnalyzerSpec, Scanner

    spec = AnalyzerSpec()
    analyzer = spec.build(warm=True)
    runs: dict[str, Any] = {}
    for jobs in jobs_list:
        with Scanner(spec, jobs=jobs, analyzer=analyzer) as scanner:
            started, cpu = time.perf_counter(), time.process_time()
            documents = out_bytes = 0
            for result in scanner.scan(iter_inputs([str(path)], IngestOptions(text_field=text_field))):
                documents += 1
                out_bytes += len(result.line)
            wall = time.perf_counter() - started
            parent_cpu = time.process_time() - cpu
        runs[str(jobs)] = {"jobs": jobs, "documents": documents, "wall_s": round(wall, 3),
                           "docs_per_s": round(documents / max(wall, 1e-9), 1), "output_bytes": out_bytes,
                           "parent_cpu_s": round(parent_cpu, 3)}
    first, last = runs[str(jobs_list[0])], runs[str(jobs_list[-1])]
    try:
        load: list[float] | None = [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover - no load average here
        load = None
    return {"runs": runs, "speedup": round(last["docs_per_s"] / first["docs_per_s"], 3) if first["docs_per_s"]
            else None, "speedup_of": f"{jobs_list[-1]} vs {jobs_list[0]}", "cpu_count": os.cpu_count(),
            "loadavg_end": load, "target_min": 1.7}


# ------------------------------------------------------------------------------------------ a user's corpus


def load_corpus(path: Path, text_field: str = "text", id_field: str = "id", limit: int | None = None) -> Corpus:
    """The documents of ``path`` (JSON Lines or any format ``basira scan`` reads) as a ``Corpus`` (at most
    ``limit``); inputs that cannot be read and empty texts are left out."""
    from basira.ingest import IngestOptions, iter_inputs

    texts: list[str] = []
    for item in iter_inputs([str(path)], IngestOptions(text_field=text_field, id_field=id_field)):
        if isinstance(item, Document) and item.text:
            texts.append(item.text)
            if limit is not None and len(texts) >= limit:
                break
    if not texts:
        raise ValueError(f"{path}: no document with text in field {text_field!r}")
    return Corpus(kind="file", texts=tuple(texts), seed=0, term_rate=0.0, planted_terms=0, lexicon_terms=0)

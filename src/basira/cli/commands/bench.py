"""``basira bench``: throughput, start-up, memory and Dask scaling against named baselines, in one run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from basira.cli.common import console as make_console


def _fmt(value: Any, suffix: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:,.2f}{suffix}"
    return f"{value}{suffix}"


def _versus(ratio: float | None) -> str:
    """A time ratio (pipeline / baseline) in words."""
    if not ratio:
        return "—"
    return f"pipeline {ratio:,.1f}× slower" if ratio >= 1 else f"pipeline {1 / ratio:,.1f}× faster"


def results_table(results: dict[str, Any]) -> Table:
    """The short human summary of a ``basira.bench/1`` result."""
    table = Table(title=f"basira bench{' (quick)' if results.get('quick') else ''}")
    main = results.get("main_corpus", "statements")  # "file" with --corpus
    for column in ("measure", "posts", main, "vs baseline"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    pipe = results.get("pipeline", {})
    base = results.get("baselines", {})
    ratios = results.get("ratios", {})
    for label, key, unit in (("pipeline docs/s", "docs_per_s", ""), ("pipeline MB/s/core", "mb_per_s", "")):
        table.add_row(label, _fmt(pipe.get("posts", {}).get(key), unit),
                      _fmt(pipe.get(main, {}).get(key), unit), "")
    for label, name, ratio_key in (("bare Aho-Corasick MB/s", "aho_corasick", "pipeline_vs_aho_corasick"),
                                   ("naive regex MB/s", "regex", "pipeline_vs_regex")):
        data = base.get(name, {})
        table.add_row(label, _fmt(data.get("posts", {}).get("mb_per_s")),
                      _fmt(data.get(main, {}).get("mb_per_s")),
                      _versus(ratios.get(main, {}).get(ratio_key)))
    jobs = results.get("jobs")
    if jobs:
        runs = jobs.get("runs", {})
        table.add_row("scan --jobs 1 / 2 docs/s", "", f"{_fmt(runs.get('1', {}).get('docs_per_s'))} / "
                      f"{_fmt(runs.get('2', {}).get('docs_per_s'))}",
                      f"{_fmt(jobs.get('speedup'), '×')} (target ≥ {jobs.get('target_min')}×, wall clock)")
    dask = results.get("dask")
    if dask:
        runs = dask.get("runs", {})
        for workers in ("1", "2"):
            run = runs.get(workers, {})
            table.add_row(f"dask {workers} worker(s) docs/s", "", _fmt(run.get("docs_per_s")),
                          f"efficiency {_fmt(dask.get('efficiency_1_to_2'))}, utilisation "
                          f"{_fmt(run.get('utilisation'))}" if workers == "2" else
                          f"{_fmt(dask.get('one_worker_vs_single_process'), '×')} single process")
    startup = results.get("startup", {})
    memory = results.get("memory", {})
    table.add_row("start-up s (import+build+first, least CPU of 3)", "", _fmt(startup.get("startup_s")),
                  f"CPU {_fmt(startup.get('startup_cpu_s'))} s; target < "
                  f"{results.get('targets', {}).get('startup_s_max')}")
    table.add_row("peak RSS MB (statement scan)", "", _fmt(memory.get("peak_rss_mb")), "")
    return table


def speed_tables(results: dict[str, Any]) -> list[Table]:
    """The full analysis against one bare Aho-Corasick pass, per stage, and its growth with length."""
    tables: list[Table] = []
    main = results.get("main_corpus", "statements")
    bare = results.get("baselines", {}).get("bare_pass", {}).get(main, {})
    ratio = results.get("ratios", {}).get(main, {}).get("full_vs_bare_pass")
    stages = results.get("stages")
    if stages:
        title = (f"time per stage on {main} ({stages['documents']} documents): full analysis = "
                 f"{_fmt(ratio, '×')} one bare pyahocorasick pass of {bare.get('tokens', '—')} corpus tokens")
        table = Table(title=title)
        for column in ("stage", "CPU s", "%", "× bare pass"):
            table.add_column(column, justify="left" if column == "stage" else "right")
        for row in stages["rows"]:
            table.add_row(row["part"], f"{row['seconds']:.3f}", f"{row['percent']:.1f}",
                          _fmt(row["vs_bare_pass"]))
        table.add_row("bare pass", _fmt(bare.get("seconds")), "", "1.00")
        tables.append(table)
    grow = results.get("growth")
    if grow and grow.get("points"):
        table = Table(title=f"time per character by document length ({grow['corpus']}; target: "
                            f"256k ≤ {grow['target_max']}× 4k)")
        for column in ("characters", "documents", "µs/char", "× first"):
            table.add_column(column, justify="right")
        for point in grow["points"]:
            table.add_row(f"{point['length']:,}", str(point["documents"]), f"{point['us_per_char']:.3f}",
                          _fmt(point["vs_first"]))
        tables.append(table)
        growing = [p for p in grow.get("by_part", []) if (p["last_vs_first"] or 0) > grow["target_max"]]
        if growing:
            first, last = grow["points"][0]["length"], grow["points"][-1]["length"]
            table = Table(title=f"parts whose time per character grows more than {grow['target_max']}× "
                                f"from {first:,} to {last:,} characters")
            for column in ("part", f"µs/char at {first:,}", f"at {last:,}", "×"):
                table.add_column(column, justify="left" if column == "part" else "right")
            for p in sorted(growing, key=lambda p: -p["us_per_char_last"]):
                table.add_row(p["part"], f"{p['us_per_char_first']:.4f}", f"{p['us_per_char_last']:.4f}",
                              _fmt(p["last_vs_first"]))
            tables.append(table)
    return tables


def bench(
    out: Path = typer.Option(Path("bench-results/bench.json"), "--out", help="Where to write the JSON results."),
    quick: bool = typer.Option(False, "--quick", help="Small corpora (seconds, for CI); figures are rough."),
    matching: bool = typer.Option(
        False, "--matching", help="Also benchmark known-content matching (basira.bench.matching)."
    ),
    dask: bool = typer.Option(True, "--dask/--no-dask", help="Measure Dask scaling (1 and 2 workers)."),
    profile: bool = typer.Option(True, "--profile/--no-profile", help="Profile the pipeline (pyinstrument)."),
    load: bool = typer.Option(
        True, "--load/--no-load", help="Load-test the REST API on 127.0.0.1 (basira.bench.load)."),
    load_only: bool = typer.Option(
        False, "--load-only", help="Only the API load test, merged into --out if it holds earlier results."),
    load_clients: int | None = typer.Option(
        None, "--load-clients", min=1, max=1000, help="Concurrent API clients (default 50; 10 with --quick)."),
    load_seconds: float | None = typer.Option(
        None, "--load-seconds", min=0.5, max=3600, help="Seconds of load (default 60; 3 with --quick)."),
    load_db: str | None = typer.Option(
        None, "--load-db", help="Database for the load test's server (default: a temporary SQLite file). "
        "Use a scratch database: the run adds api users, a bank and analyses."),
    load_bank_entries: int | None = typer.Option(
        None, "--load-bank-entries", min=0, max=10_000_000,
        help="Synthetic known-content entries in the load test's bank (default 10,000; 1,000 with --quick)."),
    load_workers: int = typer.Option(1, "--load-workers", min=1, max=64, help="The server's worker processes."),
    corpus: Path | None = typer.Option(
        None, "--corpus", exists=True, dir_okay=False, readable=True,
        help="Measure on this corpus (JSON Lines, or anything basira scan reads) instead of the generated one."),
    text_field: str = typer.Option("text", "--text-field", help="With --corpus: the field holding the text."),
    formats: bool = typer.Option(False, "--formats", help="Also measure the Telegram, PDF and OCR readers "
                                                          "(messages/s, pages/s; basira.bench.formats)."),
) -> None:
    """Measure basira's pipeline against a bare Aho-Corasick pass and a naive regex on a generated corpus.

    The corpus is neutral Arabic text with basira's own lexicon terms planted at a known rate (see
    basira.bench.corpus). Results, ratios and the targets go to --out; a profile report beside it.
    """
    from dataclasses import replace

    from basira.bench.pipeline import LoadOptions, run_bench, run_load_only

    load_options = LoadOptions.for_mode(quick, load_db)
    load_options = replace(load_options, clients=load_clients or load_options.clients,
                           seconds=load_seconds or load_options.seconds,
                           bank_entries=load_options.bank_entries if load_bank_entries is None else load_bank_entries,
                           workers=load_workers)
    err = make_console(stderr=True)
    console = make_console()
    with err.status("benchmarking") as status:
        if load_only:
            results = run_load_only(load_options, out, log=lambda message: status.update(message))
        else:
            results = run_bench(quick=quick, out=out, matching=matching, dask=dask, profile=profile,
                                load=load_options if load else None, log=lambda message: status.update(message),
                                corpus_path=corpus, text_field=text_field)
    if load_only:
        _print_load(console, results["load"])
        console.print(f"results: {out}")
        return
    if formats:
        from basira.bench.formats import bench_formats
        from basira.bench.pipeline import write_results

        with err.status("benchmarking the Telegram, PDF and OCR readers"):
            results["formats"] = bench_formats(quick)
        write_results(results, out)
        console.print_json(data={k: v for k, v in results["formats"].items() if k != "quick"})
    console.print(results_table(results))
    for table in speed_tables(results):
        console.print(table)
    verdict = results.get("verdict", {})
    for name, check in verdict.items():
        mark = {True: "[green]met[/green]", False: "[yellow]not met[/yellow]", None: "[dim]n/a[/dim]"}[check["met"]]
        console.print(f"  target {name}: {_fmt(check['value'])} (target {check['target']}) {mark}")
    hot = results.get("profile", {}).get("top_self", [])[:5]
    if hot:
        console.print("  profile, top self time: " + "; ".join(f"{h['function']} {h['percent']}%" for h in hot),
                      markup=False)
    if "matching" in results:
        try:
            from basira.bench.matching import summary

            for line in summary(results):
                console.print(f"  {line}", markup=False)
        except Exception:  # the matching figures are in the JSON either way
            pass
    if "load" in results:
        _print_load(console, results["load"])
    console.print(f"results: {out}")


def _print_load(console: Console, load: dict[str, Any]) -> None:
    from basira.bench.load import summary_lines

    for line in summary_lines(load):
        console.print(f"  {line}", markup=False)


def register(app: typer.Typer) -> None:
    app.command("bench")(bench)

"""``basira scan``: ingest → normalise → recognisers → policy, one JSON object per document."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import IO, Any

import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from basira.cli.commands.db import shown
from basira.cli.common import console
from basira.ingest import IngestOptions, iter_inputs
from basira.match.sources import safe_display
from basira.output import EVIDENCE_MODES, EvidenceMode
from basira.scan import AnalyzerSpec, OutputWriter, Scanner, default_jobs, settled_heap
from basira.types import InputError, PageImage

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_OUTPUT_FAILED = 3


def _table(results: list[dict[str, Any]]) -> Table:
    table = Table(title="basira scan", show_lines=False)
    for column in ("id", "source", "locator", "outcome", "categories", "evidence", "notes"):
        table.add_column(column, overflow="fold")
    for r in results:
        doc = r["document"]
        labels = Counter(e["label"] for e in r["evidence"])
        table.add_row(
            Text(safe_display(str(doc["id"] or ""))),  # data: never Rich markup, no terminal escapes
            Text(safe_display(str(doc["source"]))),
            str(doc["locator"] or ""),
            r["outcome"],
            ", ".join(f"{c['id']} {c['score']:.2f}" for c in r["categories"] if c["outcome"] != "not_violating"),
            ", ".join(f"{label}×{n}" for label, n in labels.most_common()),
            Text(safe_display(", ".join(n["code"] for n in r["notes"])
                              or "; ".join(e["message"] for e in r["errors"]))),
        )
    return table


class ResultStore:
    """Stores each result as it is produced (``--db``); a failure is reported per document, never fatal,
    and a re-run stores what is missing (saving is idempotent by document sha256 + versions)."""

    def __init__(self, url: str, retention: str):
        from basira.store import Store

        self.url = url
        self.store = Store.open(url, retention=retention)

    def save(self, record: dict[str, Any], text: str, images: tuple[PageImage, ...] = ()) -> str | None:
        from sqlalchemy.exc import SQLAlchemyError

        from basira.store import StoreError

        try:
            self.store.save_result(record, text, images=images)
        except (SQLAlchemyError, StoreError, OSError) as exc:
            return f"{type(exc).__name__}: {str(exc).splitlines()[0][:300]}"
        return None

    def close(self) -> None:
        self.store.close()


def scan(
    paths: list[str] = typer.Argument(
        ..., help="Files, directories (recursive) or '-' for standard input. Formats by extension: "
        ".txt .html .jsonl(.gz/.zst) .csv .tsv .warc(.gz)."
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write JSON Lines here instead of stdout."),
    output_format: str = typer.Option(
        "jsonl", "--format", "-f", help="jsonl (the contract) or table; with --engine dask: jsonl or parquet."
    ),
    policy: str | None = typer.Option(None, "--policy", help="Policy id (default: tco)."),
    model: str = typer.Option("default", "--model", help="The trained classifier: 'default' (shipped), a model "
                                                        "file from 'basira train', or 'none'."),
    jurisdiction: str | None = typer.Option(
        None, "--jurisdiction", help="Which designation lists count: all, un, us, eu, uk (default: policy's)."
    ),
    text_field: str = typer.Option("text", help="JSON Lines/CSV field holding the text (dots for nesting)."),
    id_field: str = typer.Option("id", help="JSON Lines/CSV field holding the document id."),
    input_format: str | None = typer.Option(None, "--input-format", help="Force an input format."),
    max_chars: int = typer.Option(5_000_000, help="Per-document size limit in characters."),
    db: str | None = typer.Option(
        None, "--db", envvar="BASIRA_DB",
        help="Store every result here: sqlite:///basira.db or postgresql+psycopg://… (re-scans are idempotent).",
    ),
    retention: str = typer.Option("full", help="With --db: 'full' keeps the text, 'hashes' only hashes and offsets."),
    bank: list[str] = typer.Option(
        [], "--bank", help="Match against this known-content bank (repeatable); banks live in --db."
    ),
    oversize: str = typer.Option("refuse", help="Past --max-chars: 'refuse' (error) or 'split' into parts."),
    ocr: bool = typer.Option(False, "--ocr", help="PDF: read pages with no text layer by OCR (images always are)."),
    ocr_lang: str = typer.Option("ara+eng", help="Tesseract models for OCR, joined by '+'."),
    pdf_pages: bool = typer.Option(False, "--pdf-pages", help="PDF: one document per page (locator 'page N')."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    engine: str = typer.Option("local", help="local (this process) or dask (sharded, resumable; needs -o DIR)."),
    scheduler: str | None = typer.Option(
        None, help="With dask: an existing cluster's scheduler, tcp://HOST:8786 (implies --engine dask)."
    ),
    workers: int = typer.Option(2, help="With dask and no --scheduler: local worker processes."),
    partition_size: str = typer.Option("32MiB", help="With dask: byte range per shard of large JSON Lines."),
    resume: bool = typer.Option(True, "--resume/--no-resume", help="With dask: skip shards already finished."),
    jobs: int | None = typer.Option(
        None, "--jobs", "-j", min=1,
        help="Local worker processes (default: every core this process may use); output identical to 1 job.",
    ),
    evidence: str = typer.Option(
        "decisive", "--evidence",
        help="decisive: only evidence a category, qualifier or note used, plus entities and quotations; "
        "all: every span the recognisers found.",
    ),
) -> None:
    """Scan inputs and print one result per document (JSON Lines, schema basira.scan/1).

    Exit codes: 0 every input processed; 1 some inputs failed or a result could not be stored (each listed
    on stderr; failed inputs also as 'outcome: error' lines); 2 usage error (or the --db store cannot be
    opened); 3 the output could not be written (e.g. disk full; every line written before is complete).
    """
    if evidence not in EVIDENCE_MODES:
        raise typer.BadParameter(f"--evidence must be one of {', '.join(EVIDENCE_MODES)}")
    evidence_mode: EvidenceMode = "all" if evidence == "all" else "decisive"
    if scheduler:
        engine = "dask"
    if engine not in ("local", "dask"):
        raise typer.BadParameter("--engine must be 'local' or 'dask'")
    if engine == "dask":
        if db or bank or input_format:
            raise typer.BadParameter("--db, --bank and --input-format are not available with --engine dask yet")
        if output is None:
            raise typer.BadParameter("--engine dask writes shards: give an output directory with -o DIR")
        from basira.scale.cli import dask_scan

        raise typer.Exit(dask_scan(
            paths, output, scheduler=scheduler, workers=workers, partition_size=partition_size,
            output_format="jsonl" if output_format == "table" else output_format, resume=resume, policy=policy,
            jurisdiction=jurisdiction, text_field=text_field, id_field=id_field, max_chars=max_chars,
            oversize=oversize, quiet=quiet, evidence=evidence_mode, console=console(stderr=True),
        ))
    if output_format not in ("jsonl", "table"):
        raise typer.BadParameter("--format must be 'jsonl' or 'table' ('parquet' with --engine dask)")
    if oversize not in ("refuse", "split"):
        raise typer.BadParameter("--oversize must be 'refuse' or 'split'")
    if retention not in ("full", "hashes"):
        raise typer.BadParameter("--retention must be 'full' or 'hashes'")
    err = console(stderr=True)
    spec = AnalyzerSpec(policy, jurisdiction, tuple(bank), db, model)
    try:
        from basira.model.stage import build_model_stage

        build_model_stage(model)  # a bad --model file is a usage error here, not in every worker
        scanner = Scanner(spec, jobs=jobs or default_jobs(), evidence=evidence_mode,
                          keep_record=output_format == "table", keep_full=db is not None)
        result_store = ResultStore(db, retention) if db else None
    except (KeyError, ValueError) as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(EXIT_USAGE) from None
    except Exception as exc:  # the database named by --db cannot be opened: say which, and stop before work
        err.print(escape(f"error: cannot open the store {shown(db or '')}: {type(exc).__name__}: "
                         f"{str(exc).splitlines()[0]}"))
        raise typer.Exit(EXIT_USAGE) from None
    try:
        options = IngestOptions(
            text_field=text_field, id_field=id_field, max_chars=max_chars, oversize=oversize, format=input_format,
            ocr=ocr, ocr_lang=ocr_lang, pdf_pages=pdf_pages,
        )
    except ValueError as exc:  # --ocr-lang that is no list of model names
        raise typer.BadParameter(str(exc)) from None
    try:
        if output:
            stream: IO[bytes] = open(output, "wb")  # noqa: SIM115
        else:
            sys.stdout.flush()
            stream = sys.stdout.buffer
    except OSError as exc:  # a missing directory, a directory, no permission: before any work is done
        if result_store is not None:
            result_store.close()
        err.print(f"[red]error:[/red] cannot write output to {escape(str(output))}: {escape(str(exc))}")
        raise typer.Exit(EXIT_OUTPUT_FAILED) from None
    writer = OutputWriter(stream, str(output or "stdout"), str(output) if output else None)
    failures = 0
    skipped: list[str] = []

    def report_skip(name: str, why: str) -> None:  # an entry of a directory that is not read
        skipped.append(name)
        err.print(Text(f"skipped {safe_display(name)}: {why}", style="yellow"))

    table_rows: list[dict[str, Any]] = []
    show_progress = not quiet and err.is_terminal
    progress = Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} documents"),
        TimeElapsedColumn(), console=err, transient=True, disable=not show_progress,
    )
    try:
        # the heap is settled before the scanner's worker processes fork (they share it), and they start
        # before the progress bar's thread
        with settled_heap(), scanner, progress:
            task = progress.add_task("scanning", total=None)
            for result in scanner.scan(iter_inputs(paths, options, on_skip=report_skip)):
                item = result.item
                where = f" ({item.locator})" if item.locator else ""
                if result.problem is not None:
                    failures += 1
                    code, message = result.problem  # an analysis failure's message names its input already
                    shown_message = f"{item.source}{where}: [{code}] {message}" if isinstance(item, InputError) \
                        else f"[{code}] {message}"
                    err.print(f"[red]error[/red] {escape(shown_message)}")
                elif result_store is not None and result.full is not None and not isinstance(item, InputError):
                    problem = result_store.save(result.full, item.text, item.images)
                    if problem:
                        failures += 1
                        message = f"{item.source}{where}: not stored in {shown(db or '')}: {problem}"
                        err.print(f"[red]error[/red] {escape(message)}")
                if output_format == "table":
                    assert result.record is not None
                    table_rows.append(result.record)
                else:
                    writer.write_lines(result.line)
                progress.advance(task)
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot write output to {writer.name}: {exc}")
        raise typer.Exit(EXIT_OUTPUT_FAILED) from None
    except KeyboardInterrupt:
        err.print("interrupted: every line written so far is complete")
        raise typer.Exit(130) from None
    finally:
        scanner.close()
        if result_store is not None:
            result_store.close()
        writer.close()
    if output_format == "table":
        console().print(_table(table_rows))
    if skipped:
        err.print(f"{len(skipped)} directory entries skipped, not read (listed above).")
    if failures:
        err.print(f"{failures} input(s) failed; see the errors above.")
        raise typer.Exit(EXIT_SOME_FAILED)


def register(app: typer.Typer) -> None:
    app.command("scan")(scan)

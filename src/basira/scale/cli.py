"""Command line of the Dask engine: ``python -m basira.scale`` (and what ``basira scan --engine dask`` calls).

Exit codes as ``basira scan``: 0 every input processed; 1 some inputs or shards failed (error lines in the
parts, listed in the summary); 2 usage error; 3 the output could not be written.
"""

from __future__ import annotations

import re
from pathlib import Path

import typer
from rich.console import Console

from basira.ingest import IngestOptions
from basira.output import EvidenceMode
from basira.scale.manifest import PlanMismatch
from basira.scale.runner import OUTPUT_FORMATS, WorkerMismatch, run_dask_scan, summary_table
from basira.scale.shards import DEFAULT_PARTITION_SIZE

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
EXIT_OUTPUT_FAILED = 3

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?i?b?)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1000, "kb": 1000, "kib": 1024, "ki": 1024, "m": 10**6, "mb": 10**6,
          "mib": 1 << 20, "mi": 1 << 20, "g": 10**9, "gb": 10**9, "gib": 1 << 30, "gi": 1 << 30,
          "t": 10**12, "tb": 10**12, "tib": 1 << 40, "ti": 1 << 40}


def parse_size(value: str) -> int:
    """``"64MB"`` → 64_000_000, ``"32MiB"`` → 33_554_432, ``"1000"`` → 1000."""
    match = _SIZE.match(value)
    unit = (match.group(2) or "").lower() if match else None
    if match is None or unit not in _UNITS:
        raise ValueError(f"not a size: {value!r} (e.g. 64MB, 32MiB, 1000000)")
    size = int(float(match.group(1)) * _UNITS[unit])
    if size < 1:
        raise ValueError(f"size must be positive: {value!r}")
    return size


def dask_scan(
    paths: list[str],
    output: Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: str = "32MiB",
    output_format: str = "jsonl",
    resume: bool = True,
    policy: str | None = None,
    jurisdiction: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    max_chars: int = 5_000_000,
    oversize: str = "refuse",
    quiet: bool = False,
    console: Console | None = None,
    evidence: EvidenceMode = "decisive",
) -> int:
    """Run the Dask scan from command-line values, print the summary; returns the exit code."""
    err = console or Console(stderr=True)
    try:
        size = parse_size(partition_size)
        if output_format not in OUTPUT_FORMATS:
            raise ValueError(f"--format must be one of {', '.join(OUTPUT_FORMATS)} with the Dask engine")
        options = IngestOptions(text_field=text_field, id_field=id_field, max_chars=max_chars, oversize=oversize)
        summary = run_dask_scan(
            paths, output, scheduler=scheduler, workers=workers, policy=policy, jurisdiction=jurisdiction,
            partition_size=size, output_format=output_format, resume=resume,
            progress=not quiet and err.is_terminal, ingest_options=options, console=err, evidence=evidence,
        )
    except (ValueError, KeyError, PlanMismatch, WorkerMismatch) as error:
        err.print(f"[red]error:[/red] {error}")
        return EXIT_USAGE
    except OSError as error:
        err.print(f"[red]error:[/red] cannot write output to {output}: {error}")
        return EXIT_OUTPUT_FAILED
    if not quiet:
        err.print(summary_table(summary))
    for failed in summary.shards_failed:
        err.print(f"[red]shard failed[/red] {failed['shard']}: {failed['error']}")
    for sample in summary.error_samples:
        err.print(f"[red]error[/red] {sample}", markup=False)
    if summary.errors or summary.shards_failed:
        err.print(f"{summary.errors} input(s) and {len(summary.shards_failed)} shard(s) failed; "
                  f"re-run the same command to retry failed shards.")
        return EXIT_SOME_FAILED
    return EXIT_OK


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command()
def main(
    paths: list[str] = typer.Argument(..., help="Files or directories: .jsonl(.gz/.zst), .parquet, .warc(.gz), "
                                      "and what basira scan reads."),
    output: Path = typer.Option(..., "--output", "-o", help="Output directory (part-NNNNN.*, _manifest.jsonl)."),
    scheduler: str | None = typer.Option(None, "--scheduler", help="Existing cluster, tcp://HOST:8786."),
    workers: int = typer.Option(2, "--workers", "-w", help="Local worker processes (without --scheduler)."),
    partition_size: str = typer.Option(
        f"{DEFAULT_PARTITION_SIZE >> 20}MiB", "--partition-size", help="Target input bytes per shard."
    ),
    output_format: str = typer.Option("jsonl", "--format", "-f", help="jsonl or parquet."),
    resume: bool = typer.Option(True, "--resume/--no-resume", help="Skip shards a previous run finished."),
    policy: str | None = typer.Option(None, "--policy", help="Policy id (default: tco)."),
    jurisdiction: str | None = typer.Option(None, "--jurisdiction", help="Which designation lists count."),
    text_field: str = typer.Option("text", help="JSON Lines/CSV/Parquet field holding the text."),
    id_field: str = typer.Option("id", help="JSON Lines/CSV/Parquet field holding the document id."),
    max_chars: int = typer.Option(5_000_000, help="Per-document size limit in characters."),
    oversize: str = typer.Option("refuse", help="Past --max-chars: 'refuse' (error) or 'split' into parts."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar, no summary table."),
    evidence: str = typer.Option("decisive", "--evidence", help="decisive (what a decision used) or all."),
) -> None:
    """Scan inputs on Dask into sharded JSON Lines or Parquet, resumably."""
    if evidence not in ("decisive", "all"):
        raise typer.BadParameter("--evidence must be 'decisive' or 'all'")
    code = dask_scan(
        paths, output, scheduler=scheduler, workers=workers, partition_size=partition_size,
        output_format=output_format, resume=resume, policy=policy, jurisdiction=jurisdiction,
        text_field=text_field, id_field=id_field, max_chars=max_chars, oversize=oversize, quiet=quiet,
        evidence="all" if evidence == "all" else "decisive",
    )
    raise typer.Exit(code)

"""``basira bank``: banks of known content — signals and labels only, never the text.

    basira bank create known-statements --description "…"
    basira bank add known-statements statement.txt --category glorification --source "case 12"
    basira bank add known-statements scan.jsonl          # re-reads the scanned inputs, by sha256
    basira bank export known-statements -o bank.json      # or --format csv
    basira bank import other-bank bank.csv --create
    basira bank list | disable NAME | enable NAME

File formats: see ``basira.match.banks`` and docs/banks.md.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from basira.cli.commands.db import DB_OPTION
from basira.cli.common import actor_name, console, open_store
from basira.match.banks import EntryLabels, NewEntry, compute_signals, read_bank_file, write_csv, write_json
from basira.match.sources import (
    flagged_category,
    is_scan_jsonl,
    read_scan_records,
    record_sources,
    safe_display,
    texts_from_inputs,
)

if TYPE_CHECKING:
    pass

bank_app = typer.Typer(
    help="Banks of known content: named lists of signals (hashes) with labels; never the text.",
    no_args_is_help=True,
)

EXIT_SOME_FAILED = 1
EXIT_USAGE = 2
ACTOR_OPTION = typer.Option(None, "--actor", envvar="BASIRA_USER", help="Who does this (for the audit log).")


def _err() -> Console:
    return console(stderr=True, highlight=False)




@bank_app.command("create")
def create(
    name: str = typer.Argument(..., help="Bank name: letters, digits, '.', '_', '-'."),
    description: str = typer.Option("", "--description", "-d"),
    db: str = DB_OPTION,
    actor: str | None = ACTOR_OPTION,
) -> None:
    """Create an empty bank."""
    from basira.store import Conflict

    with open_store(db) as store:
        try:
            bank = store.create_bank(name, description, actor=actor_name(actor))
        except (Conflict, ValueError) as exc:
            _err().print(f"error: {exc}", markup=False)
            raise typer.Exit(EXIT_USAGE) from None
    typer.echo(f"created bank {bank.name}")


@bank_app.command("add")
def add(
    bank: str = typer.Argument(..., help="Bank to add to."),
    paths: list[str] = typer.Argument(
        ..., help="Text inputs (any format 'basira scan' reads; each document is one entry), or a scan "
        "JSON Lines file, whose documents are re-read from their sources and matched by sha256."
    ),
    category: str | None = typer.Option(None, help="Policy category label (default for scan input: the "
                                        "record's strongest flagged category)."),
    entity: str | None = typer.Option(None, help="Entity label (e.g. the designated organisation's id)."),
    source: str | None = typer.Option(None, help="Provenance label (default: the input's name)."),
    outcome: str = typer.Option("violating", help="Scan input: which outcomes to add, comma-separated, or 'any'."),
    text_field: str = typer.Option("text", help="JSON Lines/CSV field holding the text."),
    id_field: str = typer.Option("id", help="JSON Lines/CSV field holding the document id."),
    db: str = DB_OPTION,
    actor: str | None = ACTOR_OPTION,
) -> None:
    """Compute the signals of texts and add them to a bank (the text itself is not stored)."""
    err = _err()
    who = actor_name(actor)
    entries: list[NewEntry] = []
    failures = 0
    for path in paths:
        if is_scan_jsonl(path):
            wanted_outcomes = None if outcome == "any" else {o.strip() for o in outcome.split(",")}
            records = [
                r for r in read_scan_records(path)
                if r.get("outcome") != "error" and (wanted_outcomes is None or r.get("outcome") in wanted_outcomes)
            ]
            wanted = {r["document"]["sha256"] for r in records}
            documents, errors = texts_from_inputs(record_sources(records), wanted, text_field=text_field,
                                                  id_field=id_field)
            for e in errors:
                err.print(f"error {e.source}: [{e.code}] {e.message}", markup=False)
            for record in records:
                doc = record["document"]
                found = documents.get(doc["sha256"])
                if found is None:
                    failures += 1
                    err.print(f"missing: {doc.get('source')} {doc.get('locator') or ''} (sha256 {doc['sha256'][:12]}…)"
                              " — its input is gone or has changed since the scan", markup=False)
                    continue
                labels = EntryLabels(category=category or flagged_category(record), entity=entity,
                                     source=source or doc.get("source"), added_by=who)
                entries.append(NewEntry(compute_signals(found.text), labels))
        else:
            documents, errors = texts_from_inputs(
                [path], text_field=text_field, id_field=id_field,
                on_skip=lambda name, why: err.print(f"skipped {safe_display(name)}: {why}", markup=False))
            for e in errors:
                failures += 1
                err.print(f"error {e.source}: [{e.code}] {e.message}", markup=False)
            for doc in documents.values():
                signals = compute_signals(doc.text)
                if not signals:
                    failures += 1
                    err.print(f"skipped {doc.source}: no words to sign", markup=False)
                    continue
                labels = EntryLabels(category=category, entity=entity, source=source or doc.source, added_by=who)
                entries.append(NewEntry(signals, labels))
    from basira.store import NotFound

    with open_store(db) as store:
        try:
            result = store.add_bank_entries(bank, entries, actor=who)
        except NotFound as exc:
            err.print(f"error: {exc} (create it with 'basira bank create')", markup=False)
            raise typer.Exit(EXIT_USAGE) from None
    typer.echo(f"{bank}: {result.added} added, {result.skipped} already present")
    if failures:
        raise typer.Exit(EXIT_SOME_FAILED)


def _format_of(path: str, fmt: str) -> str:
    if fmt != "auto":
        return fmt
    return "csv" if path.lower().endswith(".csv") else "json"


@bank_app.command("import")
def import_(
    bank: str = typer.Argument(..., help="Bank to import into."),
    file: str = typer.Argument(..., help="A basira.bank/1 JSON file or a bank CSV file ('-' for stdin)."),
    fmt: str = typer.Option("auto", "--format", help="json, csv or auto (by extension)."),
    create_bank: bool = typer.Option(False, "--create", help="Create the bank if it does not exist."),
    db: str = DB_OPTION,
    actor: str | None = ACTOR_OPTION,
) -> None:
    """Import hashes and labels (no text) from a bank file."""
    err = _err()
    try:
        content = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
        header, entries = read_bank_file(content, _format_of(file, fmt))
    except (OSError, ValueError, KeyError) as exc:
        err.print(f"error: {file}: {exc}", markup=False)
        raise typer.Exit(EXIT_USAGE) from None
    who = actor_name(actor)
    with open_store(db) as store:
        if store.get_bank(bank) is None:
            if not create_bank:
                err.print(f"error: no bank named {bank!r} (use --create)", markup=False)
                raise typer.Exit(EXIT_USAGE)
            store.create_bank(bank, str(header.get("description") or ""), actor=who)
        result = store.add_bank_entries(bank, entries, actor=who, action="bank.import")
    typer.echo(f"{bank}: {result.added} imported, {result.skipped} already present")


@bank_app.command("export")
def export(
    bank: str = typer.Argument(..., help="Bank to export."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    fmt: str = typer.Option("json", "--format", help="json (basira.bank/1) or csv."),
    db: str = DB_OPTION,
    actor: str | None = ACTOR_OPTION,
) -> None:
    """Export a bank's hashes and labels. The text is never exported (the store never has it)."""
    if fmt not in ("json", "csv"):
        raise typer.BadParameter("--format must be json or csv")
    with open_store(db) as store:
        found = store.get_bank(bank)
        if found is None:
            _err().print(f"error: no bank named {bank!r}", markup=False)
            raise typer.Exit(EXIT_USAGE)
        stream: IO[str] = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout  # noqa: SIM115
        try:
            entries = store.iter_bank_entries(bank)
            count = write_json(found, entries, stream) if fmt == "json" else write_csv(entries, stream)
        finally:
            if output:
                stream.close()
        store.audit(actor_name(actor), "bank.export", "bank", bank, after={"format": fmt, "entries": count})
    if output:
        typer.echo(f"{bank}: {count} entries written to {output}", err=True)


@bank_app.command("list")
def list_(
    db: str = DB_OPTION,
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """List banks with their entry counts and state."""
    import json

    with open_store(db) as store:
        banks = store.list_banks()
    if fmt == "json":
        typer.echo(json.dumps([b.to_dict() for b in banks], ensure_ascii=False, indent=2))
        return
    table = Table(title="basira banks")
    for column in ("name", "entries", "enabled", "revision", "description"):
        table.add_column(column)
    for b in banks:
        table.add_row(Text(b.name), str(b.entries), "yes" if b.enabled else "no", str(b.revision),
                      Text(safe_display(b.description, 80)))
    console().print(table)


def _set_enabled(name: str, enabled: bool, db: str, actor: str | None) -> None:
    from basira.store import NotFound

    with open_store(db) as store:
        try:
            bank = store.set_bank_enabled(name, enabled, actor=actor_name(actor))
        except NotFound as exc:
            _err().print(f"error: {exc}", markup=False)
            raise typer.Exit(EXIT_USAGE) from None
    typer.echo(f"{bank.name}: {'enabled' if bank.enabled else 'disabled'}")


@bank_app.command("disable")
def disable(name: str, db: str = DB_OPTION, actor: str | None = ACTOR_OPTION) -> None:
    """Disable a bank: matching skips it (its entries are kept)."""
    _set_enabled(name, False, db, actor)


@bank_app.command("enable")
def enable(name: str, db: str = DB_OPTION, actor: str | None = ACTOR_OPTION) -> None:
    """Enable a disabled bank."""
    _set_enabled(name, True, db, actor)


def register(app: typer.Typer) -> None:
    app.add_typer(bank_app, name="bank")

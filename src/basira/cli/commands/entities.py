"""``basira entities``: list and show the designated entities basira knows, and check operator files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import typer

from basira.recognizers.entities import EntityRecognizer
from basira.recognizers.entity_sources import (
    EntityRecord,
    EntitySourceError,
    Problem,
    read_entity_file,
    validate_records,
)

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

entities_app = typer.Typer(
    name="entities",
    help="Designated entities: list them, show one, check an operator list (CSV or FollowTheMoney JSON).",
    no_args_is_help=True,
)

FILES_OPTION = typer.Option(
    None, "--file", "-f", help="Extra operator CSV or FollowTheMoney .json/.jsonl file to merge (repeatable)."
)


def _recognizer(files: list[Path] | None) -> EntityRecognizer:
    try:
        return EntityRecognizer(extra_files=files or ())
    except (EntitySourceError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None


def _summary(recognizer: EntityRecognizer, record: EntityRecord) -> dict[str, Any]:
    lists, jurisdictions, via = recognizer.lists_of(record)
    return {
        "id": record.id,
        "kind": record.kind,
        "name": record.name,
        "name_ar": record.name_ar,
        "lists": lists,
        "jurisdictions": jurisdictions,
        "lists_via": via,
        "names": len(record.names),
    }


@entities_app.command("list")
def list_entities(
    jurisdiction: str | None = typer.Option(
        None, "--jurisdiction", "-j", help="Only entities listed in this jurisdiction: un, us, eu, uk (or all)."
    ),
    kind: str | None = typer.Option(None, "--kind", help="organization or person."),
    files: list[Path] | None = FILES_OPTION,
    as_json: bool = typer.Option(False, "--json", help="JSON Lines instead of a table."),
) -> None:
    """List the designated entities (bundled data plus any --file), one per line."""
    recognizer = _recognizer(files)
    wanted = None if jurisdiction in (None, "all") else jurisdiction.lower()
    shown = 0
    for record in sorted(recognizer.store.records, key=lambda r: r.id):
        summary = _summary(recognizer, record)
        if wanted and wanted not in summary["jurisdictions"]:
            continue
        if kind and record.kind != kind:
            continue
        shown += 1
        if as_json:
            typer.echo(json.dumps(summary, ensure_ascii=False))
        else:
            lists = ",".join(summary["lists"]) + (f" (via {summary['lists_via']})" if summary["lists_via"] else "")
            typer.echo(f"{record.id:<24} {record.kind:<12} {lists:<40} {record.name}")
    if not as_json:
        typer.echo(f"{shown} entities", err=True)


@entities_app.command("show")
def show_entity(
    entity_id: str = typer.Argument(..., help="Entity id, e.g. isil."),
    files: list[Path] | None = FILES_OPTION,
    as_json: bool = typer.Option(False, "--json", help="JSON instead of text."),
) -> None:
    """Show one entity: names (with form and ambiguity) and every list membership with its source."""
    recognizer = _recognizer(files)
    record = recognizer.store.get(entity_id)
    if record is None:
        typer.echo(f"error: no entity {entity_id!r} (see 'basira entities list')", err=True)
        raise typer.Exit(EXIT_USAGE)
    data = record.to_dict()
    data["effective_lists"], data["jurisdictions"], data["lists_via"] = recognizer.lists_of(record)
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(f"{record.id}: {record.name}" + (f" / {record.name_ar}" if record.name_ar else ""))
    typer.echo(f"  kind: {record.kind}")
    for key in ("parent", "leader_of", "note"):
        if data.get(key):
            typer.echo(f"  {key}: {data[key]}")
    typer.echo(f"  lists: {', '.join(data['effective_lists']) or '-'}"
               + (f" (inherited from {data['lists_via']})" if data["lists_via"] else ""))
    for m in record.lists:
        status = "" if m.active else f" [{m.status}{' ' + m.delisted if m.delisted else ''}]"
        typer.echo(f"    - {m.list} ({m.jurisdiction}) listed {m.listed or 'date unknown'}{status}: {m.ref or ''}")
    typer.echo("  names:")
    for n in record.names:
        flags = [n.form] + (["ambiguous"] if n.ambiguous else []) + (["case-sensitive"] if n.case_sensitive else [])
        typer.echo(f"    - {n.term} ({', '.join(flags)})")


@entities_app.command("check")
def check_file(
    path: Path = typer.Argument(..., help="Operator CSV (id,name,aliases,list,jurisdiction,listed,ref), "
                                "FollowTheMoney .json/.jsonl, or an entities YAML file."),
) -> None:
    """Validate an entity file. Exit 0 when usable, 1 when it has errors, 2 when it cannot be read."""
    if not path.exists():
        typer.echo(f"error: {path}: no such file", err=True)
        raise typer.Exit(EXIT_USAGE)
    try:
        records, problems = read_entity_file(path)
    except EntitySourceError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    if path.suffix.lower() not in (".yaml", ".yml"):
        problems = problems + [p for p in validate_records(records, path.name) if p.severity == "error"]
    _report(path, records, problems)
    if any(p.severity == "error" for p in problems):
        raise typer.Exit(EXIT_PROBLEMS)


def _report(path: Path, records: list[EntityRecord], problems: list[Problem]) -> None:
    for problem in problems:
        typer.echo(str(problem), err=problem.severity == "error")
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    names = sum(len(r.names) for r in records)
    memberships = sum(len(r.lists) for r in records)
    typer.echo(
        f"{path.name}: {len(records)} entities, {names} names, {memberships} list memberships; "
        f"{errors} error(s), {warnings} warning(s)"
    )
    sys.stdout.flush()


def register(app: typer.Typer) -> None:
    app.add_typer(entities_app, name="entities")

"""``basira explain FILE``: one document's decision, readable: highlighted evidence, categories, why."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from basira.cli.common import console as make_console
from basira.ingest import IngestOptions, iter_inputs
from basira.output import analysis_dict
from basira.types import Analysis, InputError

KIND_STYLES = {
    "signal": "bold white on red",
    "entity": "bold black on yellow",
    "context": "black on green",
    "quotation": "black on cyan",
    "structure": "black on magenta",
    "date": "black on blue",
    "url": "underline",
}


def highlighted(analysis: Analysis) -> Text:
    """The original text with evidence spans styled by kind (outer spans first, inner ones on top)."""
    text = Text(analysis.document.text)
    for e in sorted(analysis.evidence, key=lambda e: (-(e.end - e.start), e.start)):
        text.stylize(KIND_STYLES.get(e.kind.value, "bold"), e.start, e.end)
    return text


def render(analysis: Analysis, console: Console) -> None:
    record = analysis_dict(analysis)
    doc = record["document"]
    fit = not console.is_terminal  # piped: panels as wide as their text, not the console's width
    console.print(Panel(highlighted(analysis), title=f"{doc['source']} {doc['locator'] or ''}".strip(), expand=not fit))
    console.print(f"outcome: [bold]{record['outcome']}[/bold]  policy: {record['policy']}  "
                  f"jurisdiction: {record['jurisdiction']}")
    for category in record["categories"]:
        console.print(f"[bold]{category['id']}[/bold] ({category['legal_ref']}): {category['outcome']}, "
                      f"score {category['score']:.2f}")
        for line in category["explanation"]:
            console.print(f"    {line}")
    table = Table("id", "kind", "label", "span", "text", "rule", "score", "attrs")
    for e in record["evidence"]:
        table.add_row(e["id"], e["kind"], e["label"], f"{e['start']}-{e['end']}", Text(e["text"]), e["rule"],
                      f"{e['score']:.2f}", Text(str(e["attrs"]) if e["attrs"] else ""))
    console.print(table)
    for note in record["notes"]:
        console.print(f"[yellow]{note['code']}[/yellow]: {note['message']}")
    sor = record["statement_of_reasons"]
    if sor:
        console.print(Panel(sor["text"]["en"], title="Statement of reasons (en)", expand=not fit))
        console.print(Panel(sor["text"]["ar"], title="بيان الأسباب (ar)", expand=not fit))


def explain(
    path: str = typer.Argument(..., help="A file (or '-') whose first document is explained."),
    policy: str | None = typer.Option(None, "--policy", help="Policy id or file (default: tco)."),
    jurisdiction: str | None = typer.Option(None, "--jurisdiction", help="all, un, us, eu, uk."),
    all_documents: bool = typer.Option(False, "--all", help="Explain every document, not just the first."),
) -> None:
    """Explain the decision on one document: the text with evidence highlighted, categories, scores, why."""
    from basira.scan import build_analyzer

    console = make_console()
    try:
        analyzer = build_analyzer(policy, jurisdiction)
    except (KeyError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    failed = False
    for item in iter_inputs([path], IngestOptions()):
        if isinstance(item, InputError):
            typer.echo(f"error {item.source} {item.locator or ''}: [{item.code}] {item.message}", err=True)
            failed = True
        else:
            render(analyzer.analyze(item), console)
        if not all_documents and not failed:
            break
    if failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("explain")(explain)

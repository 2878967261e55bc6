"""``basira mine``: rank the words and phrases that separate violating from benign items (per language)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table


def mine_command(
    data: list[Path] = typer.Argument(..., help="Labelled JSON Lines ('text' and 'label'; 'violating' is positive)."),
    top: int = typer.Option(40, "--top", help="Terms to print at each end of each language's list."),
    max_n: int = typer.Option(3, "--max-n", min=1, max=5, help="Longest phrase, in words."),
    min_count: int = typer.Option(3, "--min-count", min=1, help="Leave out terms found in fewer items."),
    prior: float = typer.Option(1000.0, "--prior", help="α0, the weight of the pooled-frequency prior."),
    examples: int = typer.Option(0, "--examples", help="Print this many items under each printed term, to read."),
    entities: bool = typer.Option(False, "--entities", help="Also count the items naming each designated entity."),
    json_out: Path | None = typer.Option(None, "--json", help="Write every ranked term as JSON here."),
) -> None:
    """Log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008): z > 0 leans violating.
    A ranked term is a candidate to read in its items, never a lexicon entry by itself (docs/mining.md)."""
    from basira.eval.mining import MiningError, entity_counts, items_with, load_labelled, rank_by_language

    console = Console()
    try:
        items = load_labelled(data)
        rankings = rank_by_language(items, max_n=max_n, min_count=min_count, prior_scale=prior)
    except (MiningError, OSError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    if not rankings:
        typer.echo("error: no language has both violating and benign items", err=True)
        raise typer.Exit(2)
    for lang, ranking in rankings.items():
        title = (f"{lang}: {ranking.items_violating} violating / {ranking.items_benign} benign items "
                 f"({ranking.duplicates_dropped} duplicates dropped), {len(ranking.terms)} terms")
        for end, chosen in (("violating", ranking.terms[:top]), ("benign", ranking.terms[::-1][:top])):
            table = Table(title=f"{title}: top {end}")
            for column in ("rank", "term", "z", "δ", "violating", "benign"):
                table.add_column(column)
            for rank, score in enumerate(chosen, start=1):
                table.add_row(str(rank), score.term, f"{score.z:+.2f}", f"{score.delta:+.2f}",
                              str(score.violating), str(score.benign))
            console.print(table)
            if examples:
                for score in chosen:
                    console.print(f"[bold]{score.term}[/bold]")
                    for item in list(items_with(items, score.term))[:examples]:
                        mark = "V" if item.violating else "B"
                        console.print(f"  {mark} {item.id}: {item.text}", markup=False, highlight=False)
    if entities:
        table = Table(title="items naming each designated entity")
        for column in ("entity", "violating", "benign", "names matched"):
            table.add_column(column)
        for count in entity_counts(items):
            table.add_row(count.entity_id, str(count.violating), str(count.benign),
                          ", ".join(f"{name} ×{n}" for name, n in count.names[:6]))
        console.print(table)
    if json_out:
        payload = {lang: {**{k: v for k, v in asdict(r).items() if k != "terms"},
                          "terms": [asdict(t) for t in r.terms]} for lang, r in rankings.items()}
        json_out.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        console.print(f"ranked terms written to {json_out}")


def register(app: typer.Typer) -> None:
    app.command("mine")(mine_command)

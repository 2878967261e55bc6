"""``basira policy``: list, explain and validate policy files."""

from __future__ import annotations

import typer
from rich.table import Table

from basira.cli.common import console
from basira.policy import bundled_policies, load_policy
from basira.policy.explain import explain_policy

policy_app = typer.Typer(help="Policies are data (YAML): list them, explain them in words, validate a file.")


@policy_app.command("list")
def list_policies() -> None:
    """List the bundled policies."""
    table = Table("id", "version", "title", "categories", "jurisdictions")
    for name in bundled_policies():
        p = load_policy(name)
        table.add_row(p.id, p.version, p.title.en, ", ".join(p.categories), ", ".join(p.jurisdictions))
    console().print(table)


@policy_app.command("explain")
def explain(name: str = typer.Argument("tco", help="A bundled policy id or a policy file.")) -> None:
    """Print one paragraph per category, generated from the policy file itself."""
    try:
        typer.echo(explain_policy(load_policy(name)))
    except (KeyError, ValueError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None


@policy_app.command("validate")
def validate(path: str = typer.Argument(..., help="A policy YAML file.")) -> None:
    """Check a policy file against the schema; exit 1 with the reasons if it is invalid."""
    try:
        policy = load_policy(path)
    except (KeyError, ValueError) as exc:
        typer.echo(f"invalid: {exc}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"ok: {policy.key} with {len(policy.categories)} categories")


def register(app: typer.Typer) -> None:
    app.add_typer(policy_app, name="policy")

"""The ``basira`` command line. Each subcommand lives in ``basira/cli/commands/<name>.py`` and exposes
``register(app)``; modules there are discovered, so adding a command is adding one file."""

from __future__ import annotations

import importlib
import pkgutil

import typer

import basira

app = typer.Typer(
    name="basira",
    help=(
        "basira (بصيرة): find terrorist and violent-extremist content in Arabic and English text, "
        "explain every finding with exact spans, and decide per a written policy."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"basira {basira.__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """basira: Arabic-first, explainable TVEC detection."""


def _load_commands() -> None:
    from basira.cli import commands

    for module in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if not module.name.startswith("_"):
            importlib.import_module(f"{commands.__name__}.{module.name}").register(app)


_load_commands()


def main() -> None:
    app()

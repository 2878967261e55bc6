"""Helpers shared by the commands: consoles, the store."""

from __future__ import annotations

import getpass
import os
from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from basira.store import Store

# Rich's width when the stream is a pipe or a file and COLUMNS is not set: wide enough that no table cell and no
# message is cut or wrapped (Rich would assume 80 columns); tables still take only the width of their content.
PIPE_WIDTH = 100_000


def console(*, stderr: bool = False, highlight: bool = True) -> Console:
    """A Rich console for standard output or standard error: the terminal's width on a terminal; on a pipe or a
    file (no COLUMNS), lines as long as their content, never cut or wrapped at 80 columns."""
    made = Console(stderr=stderr, highlight=highlight)
    if made.is_terminal or os.environ.get("COLUMNS"):
        return made
    return Console(stderr=stderr, highlight=highlight, width=PIPE_WIDTH, soft_wrap=True)


def open_store(db: str) -> Store:
    """Open (and migrate) the store; imported late so that `basira --help` stays light."""
    from basira.store import Store

    return Store.open(db)


def actor_name(actor: str | None) -> str:
    """Who does this, for the audit log: the given name, else the operating-system user."""
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no user database
        return "basira"

"""Helpers shared by the commands that work on the store."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from basira.store import Store


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

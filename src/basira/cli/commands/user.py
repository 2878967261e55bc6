"""``basira user``: accounts for the review UI and the API.

    basira user add alice --role reviewer            # asks for the password twice
    echo "$PASSWORD" | basira user add bot --role api --password-stdin
    basira user token bot --name "ingest pipeline"    # prints a new token, once
    basira user list | disable NAME | enable NAME | revoke TOKEN_ID
    basira user role NAME admin | delete NAME
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import typer
from rich.table import Table
from rich.text import Text

from basira.cli.commands.db import DB_OPTION
from basira.cli.common import actor_name, console, open_store

if TYPE_CHECKING:
    pass

ROLES = ("reviewer", "admin", "api")
EXIT_USAGE = 2
ACTOR_OPTION = typer.Option(None, "--actor", envvar="BASIRA_USER", help="Who does this (for the audit log).")

user_app = typer.Typer(help="User accounts (roles: reviewer, admin, api) and their API tokens.",
                       no_args_is_help=True)




def _fail(message: str) -> typer.Exit:
    console(stderr=True, highlight=False).print(f"error: {message}", markup=False)
    return typer.Exit(EXIT_USAGE)


def _read_password(stdin: bool) -> str:
    if stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return password


@user_app.command("add")
def add(
    name: str = typer.Argument(..., help="User name."),
    role: str = typer.Option("reviewer", "--role", help="reviewer, admin or api."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
    db: str = DB_OPTION,
    actor: str | None = ACTOR_OPTION,
) -> None:
    """Create a user; the password is hashed with argon2 and never stored."""
    from basira.api.passwords import hash_password
    from basira.store import Conflict

    if role not in ROLES:
        raise _fail(f"--role must be one of {', '.join(ROLES)}")
    if not name or len(name) > 128 or any(c.isspace() or not c.isprintable() for c in name):
        raise _fail("a user name is 1-128 printable characters without spaces")
    try:
        password_hash = hash_password(_read_password(password_stdin))
    except ValueError as exc:
        raise _fail(str(exc)) from None
    with open_store(db) as store:
        try:
            store.create_user(name, role, password_hash, actor=actor_name(actor))
        except Conflict as exc:
            raise _fail(str(exc)) from None
    typer.echo(f"created user {name} ({role})")


@user_app.command("token")
def token(
    name: str = typer.Argument(..., help="User the token acts as."),
    label: str = typer.Option("", "--name", help="What the token is for."),
    db: str = DB_OPTION,
    actor: str | None = ACTOR_OPTION,
) -> None:
    """Create an API token and print it. It is shown this once; only its hash is stored."""
    from basira.store import NotFound

    with open_store(db) as store:
        try:
            record, secret = store.create_token(name, label, actor=actor_name(actor))
        except NotFound as exc:
            raise _fail(str(exc)) from None
    typer.echo(f"token {record.id} for {name} (shown once; keep it secret):", err=True)
    typer.echo(secret)


@user_app.command("list")
def list_(db: str = DB_OPTION) -> None:
    """Users and their roles (never password hashes)."""
    with open_store(db) as store:
        users = store.list_users()
        tokens = store.list_tokens()
    active: dict[str, int] = {}
    for t in tokens:
        if t.active:
            active[t.username] = active.get(t.username, 0) + 1
    table = Table(title="basira users")
    for column in ("user", "role", "state", "active tokens", "created"):
        table.add_column(column)
    for u in users:
        table.add_row(Text(u.username), u.role, "disabled" if u.disabled else "active", str(active.get(u.username, 0)),
                      u.created_at.strftime("%Y-%m-%d"))
    console().print(table)


def _set_disabled(name: str, disabled: bool, db: str, actor: str | None) -> None:
    from basira.store import NotFound

    with open_store(db) as store:
        try:
            store.update_user(name, disabled=disabled, actor=actor_name(actor))
        except NotFound as exc:
            raise _fail(str(exc)) from None
    typer.echo(f"{name}: {'disabled' if disabled else 'enabled'}")


@user_app.command("disable")
def disable(name: str, db: str = DB_OPTION, actor: str | None = ACTOR_OPTION) -> None:
    """Disable a user: their web sessions end and their API tokens are revoked, at once and for good."""
    _set_disabled(name, True, db, actor)


@user_app.command("enable")
def enable(name: str, db: str = DB_OPTION, actor: str | None = ACTOR_OPTION) -> None:
    """Enable a disabled user. Old sessions and tokens stay ended: they sign in again, and get new tokens
    with 'basira user token'."""
    _set_disabled(name, False, db, actor)


@user_app.command("role")
def role_(
    name: str = typer.Argument(..., help="User name."),
    role: str = typer.Argument(..., help="reviewer, admin or api."),
    db: str = DB_OPTION,
    actor: str | None = ACTOR_OPTION,
) -> None:
    """Give a user another role; their web sessions end (they sign in again)."""
    from basira.store import NotFound

    if role not in ROLES:
        raise _fail(f"the role must be one of {', '.join(ROLES)}")
    with open_store(db) as store:
        try:
            store.update_user(name, role=role, actor=actor_name(actor))
        except NotFound as exc:
            raise _fail(str(exc)) from None
    typer.echo(f"{name}: role {role}")


@user_app.command("delete")
def delete(name: str, db: str = DB_OPTION, actor: str | None = ACTOR_OPTION) -> None:
    """Delete a user with their tokens and sessions (their reviews and the audit log keep the name). A user
    created later under the same name starts with nothing of theirs."""
    from basira.store import NotFound

    with open_store(db) as store:
        try:
            store.delete_user(name, actor=actor_name(actor))
        except NotFound as exc:
            raise _fail(str(exc)) from None
    typer.echo(f"deleted user {name}")


@user_app.command("revoke")
def revoke(token_id: str, db: str = DB_OPTION, actor: str | None = ACTOR_OPTION) -> None:
    """Revoke an API token by its id (from 'basira user token' or the audit log)."""
    from basira.store import NotFound

    with open_store(db) as store:
        try:
            store.revoke_token(token_id, actor=actor_name(actor))
        except NotFound as exc:
            raise _fail(str(exc)) from None
    typer.echo(f"revoked token {token_id}")


def register(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")

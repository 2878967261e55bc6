"""``basira db upgrade|current``: the store's schema (Alembic migrations shipped inside basira)."""

from __future__ import annotations

import typer

from basira.store.defaults import DEFAULT_URL

db_app = typer.Typer(help="The store's database schema (migrations).", no_args_is_help=True)

DB_OPTION = typer.Option(
    DEFAULT_URL, "--db", envvar="BASIRA_DB", help="Store URL: sqlite:///file.db or postgresql+psycopg://…"
)


def shown(url: str) -> str:
    """The URL with any password hidden."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@db_app.command("upgrade")
def upgrade(
    db: str = DB_OPTION,
    revision: str = typer.Option("head", help="Target revision (default: the latest)."),
) -> None:
    """Create or migrate the store's tables to the latest schema."""
    from sqlalchemy.exc import SQLAlchemyError

    from basira.store import make_engine, migrate

    engine = make_engine(db)
    try:
        before = migrate.current_revision(engine)
        after = migrate.upgrade(engine, revision)
    except SQLAlchemyError as exc:
        typer.echo(f"error: cannot migrate {shown(db)}: {exc.__class__.__name__}: {exc.args[0] if exc.args else ''}",
                   err=True)
        raise typer.Exit(1) from None
    finally:
        engine.dispose()
    typer.echo(f"{shown(db)}: {before or 'empty'} -> {after}")


@db_app.command("current")
def current(db: str = DB_OPTION) -> None:
    """Print the schema revision of the store, and the latest one basira knows."""
    from sqlalchemy.exc import SQLAlchemyError

    from basira.store import make_engine, migrate

    engine = make_engine(db)
    try:
        revision = migrate.current_revision(engine)
    except SQLAlchemyError as exc:
        typer.echo(f"error: cannot read {shown(db)}: {exc.__class__.__name__}", err=True)
        raise typer.Exit(1) from None
    finally:
        engine.dispose()
    head = migrate.head_revision()
    state = "up to date" if revision == head else "needs 'basira db upgrade'"
    typer.echo(f"{revision or 'none'} (head {head}; {state})")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")

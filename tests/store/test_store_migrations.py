"""Migrations and models agree, migrations run both ways, and ``basira db`` drives them."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from typer.testing import CliRunner

from basira.cli import app
from basira.store import Store, make_engine, migrate
from basira.store.models import Base


def test_models_and_migrations_describe_the_same_schema(store_url):
    with Store.open(store_url) as store, store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_then_upgrade(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    assert migrate.upgrade(engine) == migrate.head_revision()
    tables = set(inspect(engine).get_table_names())
    assert {"documents", "analyses", "banks", "bank_entries", "bank_signals", "users", "api_tokens",
            "review_decisions", "appeals", "audit_log"} <= tables
    assert migrate.downgrade(engine, "base") is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    assert migrate.upgrade(engine) == migrate.head_revision()
    engine.dispose()


def test_db_upgrade_and_current_commands(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    runner = CliRunner()
    before = runner.invoke(app, ["db", "current", "--db", url])
    assert before.exit_code == 0 and before.output.startswith("none") and "needs" in before.output
    upgraded = runner.invoke(app, ["db", "upgrade", "--db", url])
    assert upgraded.exit_code == 0 and f"empty -> {migrate.head_revision()}" in upgraded.output
    after = runner.invoke(app, ["db", "current", "--db", url])
    assert after.exit_code == 0 and "up to date" in after.output


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'w.db'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_password_in_the_url_is_never_printed(tmp_path):
    result = CliRunner().invoke(app, ["db", "current", "--db", "postgresql+psycopg://u:s3cret@127.0.0.1:1/x"])
    assert "s3cret" not in result.output

"""``basira user`` and ``basira serve`` (the command line side of accounts and the server)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from basira.api import verify_password
from basira.cli import app
from basira.store import Store

runner = CliRunner()


def test_user_add_token_list_disable(tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'users.db'}"
    added = runner.invoke(app, ["user", "add", "amal", "--role", "reviewer", "--password-stdin", "--db", db,
                                "--actor", "setup"], input="a long passphrase\n")
    assert added.exit_code == 0, added.output
    with Store.open(db) as store:
        user = store.get_user("amal")
        assert user is not None and user.role == "reviewer"
        assert user.password_hash.startswith("$argon2id$") and "a long passphrase" not in user.password_hash
        assert verify_password(user.password_hash, "a long passphrase")
        assert not verify_password(user.password_hash, "wrong")
    token = runner.invoke(app, ["user", "token", "amal", "--db", db, "--name", "laptop"])
    assert token.exit_code == 0
    secret = token.stdout.strip().splitlines()[-1]
    assert secret.startswith("bsr_")
    with Store.open(db) as store:
        found = store.user_for_token(secret)
        assert found is not None and found.username == "amal"
        assert [e.action for e in store.audit_log(object_type="user", object_id="amal")] == ["user.create"]
    listed = runner.invoke(app, ["user", "list", "--db", db])
    assert "amal" in listed.stdout and "reviewer" in listed.stdout and "$argon2" not in listed.stdout
    assert runner.invoke(app, ["user", "disable", "amal", "--db", db]).exit_code == 0
    with Store.open(db) as store:
        assert store.user_for_token(secret) is None


def test_user_add_refuses_bad_input(tmp_path: Path):
    db = f"sqlite:///{tmp_path / 'users.db'}"
    assert runner.invoke(app, ["user", "add", "x", "--role", "root", "--password-stdin", "--db", db],
                         input="long enough pass\n").exit_code == 2
    assert runner.invoke(app, ["user", "add", "x", "--password-stdin", "--db", db], input="short\n").exit_code == 2
    assert runner.invoke(app, ["user", "add", "x y", "--password-stdin", "--db", db],
                         input="long enough pass\n").exit_code == 2
    ok = ["user", "add", "x", "--password-stdin", "--db", db]
    assert runner.invoke(app, ok, input="long enough pass\n").exit_code == 0
    assert runner.invoke(app, ok, input="long enough pass\n").exit_code == 2  # exists
    assert runner.invoke(app, ["user", "token", "nobody", "--db", db]).exit_code == 2


def test_serve_help_names_its_options():
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--db", "--policy", "--max-batch", "--rate"):
        assert option in result.stdout

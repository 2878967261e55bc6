"""Faults around ``basira scan``: the output's disk fills up (a 64 KiB tmpfs, or RLIMIT_FSIZE), the output
cannot be opened, the reader of stdout goes away, the process is killed, and the ``--db`` store goes away
mid-scan (SQLite locked by another connection; a PostgreSQL role locked out and its connections ended).

What must hold: the exit code says what happened (3 output, 1 inputs or results not stored), stderr names
the output or the documents, every complete output line parses, and a re-run stores exactly what is missing
(the store is idempotent by document sha256 + versions: counted, never doubled).

The shared PostgreSQL server is never stopped: the PostgreSQL test makes its own role and database, cuts
that role off (NOLOGIN + pg_terminate_backend), restores it, and drops both at the end.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import sqlite3
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .support import BASIRA, basira_env, count_lines, json_lines, run_measured

POSTGRES_ADMIN = os.environ.get("BASIRA_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def tiny_jsonl(path: Path, count: int, *, prefix: str = "doc") -> Path:
    """``count`` short, distinct documents (distinct texts: the store keys documents by sha256)."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(count):
            text = f"نص قصير رقم {i} عن الطقس ({prefix})"
            f.write(json.dumps({"id": f"{prefix}-{i}", "text": text}, ensure_ascii=False))
            f.write("\n")
    return path


def strict_json_lines(path: Path) -> list[dict[str, Any]]:
    """Every line of ``path`` parsed, as a strict JSON Lines reader does: the file ends with a newline."""
    data = path.read_bytes()
    assert data.endswith(b"\n"), f"{path} ends with a partial line: {data[-80:]!r}"
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def assert_no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr, stderr[-3000:]


# ------------------------------------------------------------------------------------------- full disks
@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (root only; the RLIMIT_FSIZE test below covers the same path without root)."""
    mount_point = tmp_path / "tiny-fs"
    mount_point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip()}); see the RLIMIT_FSIZE test")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_disk_full_on_the_output_file(tiny_fs: Path, tmp_path: Path) -> None:
    source = tiny_jsonl(tmp_path / "in.jsonl", 2000)
    out = tiny_fs / "out.jsonl"
    run = run_measured([*BASIRA, "scan", "-q", str(source), "-o", str(out)], timeout=120,
                       env=basira_env(), out_dir=tmp_path / "run")
    assert run.returncode == 3, run.stderr
    assert f"cannot write output to {out}" in " ".join(run.stderr.split())
    assert "No space left on device" in run.stderr
    assert_no_traceback(run.stderr)
    lines = strict_json_lines(out)  # cut back to the last complete line: no fragment at the end
    assert lines, "nothing was written before the disk filled up"
    assert [line["document"]["id"] for line in lines] == [f"doc-{i}" for i in range(len(lines))]


def test_disk_full_on_stdout(tiny_fs: Path, tmp_path: Path) -> None:
    source = tiny_jsonl(tmp_path / "in.jsonl", 2000)
    out = tiny_fs / "stdout.jsonl"
    with out.open("wb") as stdout:
        done = subprocess.run([*BASIRA, "scan", "-q", str(source)], stdout=stdout, stderr=subprocess.PIPE,
                              text=False, env=basira_env(), timeout=120)
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 3, stderr
    assert "cannot write output to stdout" in stderr and "No space left on device" in stderr
    assert_no_traceback(stderr)
    assert json_lines(out)


def test_file_size_limit_on_the_output(tmp_path: Path) -> None:
    """RLIMIT_FSIZE with SIGXFSZ ignored: write() fails with EFBIG, which must read like a full disk."""
    source = tiny_jsonl(tmp_path / "in.jsonl", 2000)
    out = tmp_path / "out.jsonl"

    def limit_file_size() -> None:  # pragma: no cover - runs in the child
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    run = run_measured([*BASIRA, "scan", "-q", str(source), "-o", str(out)], timeout=120, env=basira_env(),
                       preexec=limit_file_size, out_dir=tmp_path / "run")
    assert run.returncode == 3, run.stderr
    assert "File too large" in run.stderr and str(out) in " ".join(run.stderr.split())
    assert_no_traceback(run.stderr)
    assert strict_json_lines(out)
    assert out.stat().st_size <= 64 * 1024


@pytest.mark.parametrize("where", ["missing-directory", "a-directory"])
def test_issue10_an_output_that_cannot_be_opened_is_exit_3_not_a_traceback(tmp_path: Path, where: str) -> None:
    """``-o`` naming a path that cannot be opened used to end in a FileNotFoundError/IsADirectoryError
    traceback with exit code 1 ("some inputs failed")."""
    source = tiny_jsonl(tmp_path / "in.jsonl", 3)
    out = tmp_path / "no" / "such" / "dir" / "out.jsonl" if where == "missing-directory" else tmp_path
    run = run_measured([*BASIRA, "scan", "-q", str(source), "-o", str(out)], timeout=60, env=basira_env(),
                       out_dir=tmp_path / "run")
    assert run.returncode == 3, run.stderr
    assert "cannot write output to" in run.stderr
    assert_no_traceback(run.stderr)


def test_the_reader_of_stdout_goes_away(tmp_path: Path) -> None:
    """``basira scan … | head -1``: exit 3 with one clear line, no traceback, no hang."""
    source = tiny_jsonl(tmp_path / "in.jsonl", 2000)
    proc = subprocess.Popen([*BASIRA, "scan", "-q", str(source)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=basira_env())
    assert proc.stdout is not None and proc.stderr is not None
    json.loads(proc.stdout.readline())
    proc.stdout.close()
    try:
        stderr = proc.stderr.read().decode("utf-8", "replace")
        proc.wait(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 3, stderr
    assert "Broken pipe" in stderr
    assert_no_traceback(stderr)


def test_a_killed_scan_leaves_only_complete_lines(tmp_path: Path) -> None:
    """SIGKILL in the middle: every line flushed before the kill is whole (one write per line)."""
    source = tiny_jsonl(tmp_path / "in.jsonl", 20_000)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([*BASIRA, "scan", "-q", str(source), "-o", str(out)], env=basira_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 300  # a fail-safe for a starved machine, not a time limit
        while time.monotonic() < deadline and (not out.exists() or count_lines(out) < 200) and proc.poll() is None:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
    lines = json_lines(out)
    assert len(lines) >= 200
    assert out.read_bytes().endswith(b"\n"), "a line was cut in half by the kill"
    assert [line["document"]["id"] for line in lines] == [f"doc-{i}" for i in range(len(lines))]


# ------------------------------------------------------------------------------------- the --db store
def _scan_db(tmp_path: Path, source: Path, db: str, name: str, timeout: float = 300) -> tuple[int, str, Path]:
    out = tmp_path / f"{name}.jsonl"
    run = run_measured([*BASIRA, "scan", "-q", str(source), "-o", str(out), "--db", db], timeout=timeout,
                       env=basira_env(), out_dir=tmp_path / name)
    assert not run.timed_out, f"{name}: no result in {timeout} s"
    assert_no_traceback(run.stderr)
    return run.returncode, run.stderr, out


def _analyses(db: str) -> tuple[int, int]:
    """(analyses, audit rows for analysis.create) as the store counts them."""
    from basira.store import Store

    with Store.open(db, migrate_schema=False) as store:
        created = 0
        offset = 0
        while batch := store.audit_log(action="analysis.create", limit=5000, offset=offset):
            created += len(batch)
            offset += len(batch)
        return store.count_analyses(), created


def test_sqlite_locked_by_another_connection_then_a_rerun_resumes(tmp_path: Path) -> None:
    """Another connection holds BEGIN EXCLUSIVE for the whole scan, longer than the store's busy timeout (2 s
    here, through ``?timeout=`` in the URL, instead of the default 30 s): every document that waited is reported
    as not stored (exit 1), its JSON line is still written, and a re-run stores them — the document stored
    before is not stored twice. The lock is released only after the scan has ended, so nothing races."""
    db_path = tmp_path / "basira.db"
    db = f"sqlite:///{db_path}"
    code, stderr, _ = _scan_db(tmp_path, tiny_jsonl(tmp_path / "first.jsonl", 1, prefix="first"), db, "migrate")
    assert code == 0, stderr
    source = tiny_jsonl(tmp_path / "in.jsonl", 2)
    locker = sqlite3.connect(db_path, timeout=1, isolation_level=None)
    try:
        locker.execute("BEGIN EXCLUSIVE")
        started = time.monotonic()
        code, stderr, out = _scan_db(tmp_path, source, f"{db}?timeout=2", "locked", timeout=120)
        waited = time.monotonic() - started
    finally:
        with contextlib.suppress(sqlite3.Error):
            locker.rollback()
        locker.close()
    assert code == 1, stderr
    flat = " ".join(stderr.split())
    assert flat.count("not stored") == 2 and "locked" in flat, stderr
    assert "in.jsonl (line 1): not stored" in flat and "in.jsonl (line 2): not stored" in flat, stderr
    assert waited >= 2 * 2, f"the scan gave up after {waited:.1f} s, before its 2 s busy timeout per document"
    assert count_lines(out) == 2, "a result that could not be stored was not written either"
    assert _analyses(db) == (1, 1), "a document was stored while another connection held the write lock"
    code, stderr, _ = _scan_db(tmp_path, source, db, "rerun")
    assert code == 0, stderr
    assert _analyses(db) == (3, 3)
    code, stderr, _ = _scan_db(tmp_path, source, db, "again")
    assert code == 0, stderr
    assert _analyses(db) == (3, 3), "re-scanning stored results again"


def test_a_sqlite_url_timeout_must_be_a_number_of_seconds(tmp_path: Path) -> None:
    from basira.store.store import make_engine

    for bad in ("soon", "-1"):
        with pytest.raises(ValueError, match=f"E206: timeout in the SQLite URL .*{bad!r}"):
            make_engine(f"sqlite:///{tmp_path / 'x.db'}?timeout={bad}")
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}?timeout=1.5")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1500
    finally:
        engine.dispose()
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
    finally:
        engine.dispose()


@contextlib.contextmanager
def postgres_role_and_database() -> Iterator[tuple[str, str, str]]:
    """A throwaway LOGIN role owning a throwaway database: (role, database, the role's store URL)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    suffix = uuid.uuid4().hex[:10]
    role, database = f"basira_fault_{suffix}", f"basira_fault_{suffix}"
    admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'CREATE DATABASE "{database}" OWNER "{role}"'))
    base = make_url(POSTGRES_ADMIN)
    url = base.set(username=role, password=None, database=database).render_as_string(hide_password=False)
    try:
        yield role, database, url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'ALTER ROLE "{role}" LOGIN'))
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


@pytest.mark.postgres
@pytest.mark.long
def test_postgres_goes_away_mid_scan_then_a_rerun_resumes(tmp_path: Path) -> None:
    """While a scan stores results, its role is locked out (NOLOGIN) and its connections are ended; once the
    scan has reported a save that failed, it may log in again. The documents whose saves failed are listed
    (exit 1), every result is still written to the output, and a re-run stores exactly the missing ones.

    No race with the scan's speed: the scan is stopped (SIGSTOP) while it is cut off, so it cannot finish
    first, and the role stays locked out until the scan says so on stderr (or ends)."""
    from sqlalchemy import create_engine, text

    count = 4000
    source = tiny_jsonl(tmp_path / "in.jsonl", count)
    with postgres_role_and_database() as (role, _database, url):
        admin = create_engine(POSTGRES_ADMIN, isolation_level="AUTOCOMMIT")
        watcher = create_engine(url.replace(f"{role}@", "postgres@"), isolation_level="AUTOCOMMIT")
        out = tmp_path / "cut.jsonl"
        proc = subprocess.Popen([*BASIRA, "scan", "-q", str(source), "-o", str(out), "--db", url],
                                env=basira_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        stream = proc.stderr
        assert stream is not None
        chunks: list[bytes] = []  # stderr as it comes, read by a thread (a full pipe would block the scan)
        reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: stream.read1(4096), b"")), daemon=True)
        reader.start()
        try:
            deadline = time.monotonic() + 300
            stored = 0
            while time.monotonic() < deadline and stored < count // 10 and proc.poll() is None:
                time.sleep(0.1)
                with contextlib.suppress(Exception), watcher.connect() as conn:
                    stored = int(conn.execute(text("SELECT count(*) FROM analyses")).scalar() or 0)
            assert stored >= count // 10 and proc.poll() is None, (stored, proc.returncode, b"".join(chunks)[-3000:])
            proc.send_signal(signal.SIGSTOP)
            with admin.connect() as conn:
                conn.execute(text(f'ALTER ROLE "{role}" NOLOGIN'))
                conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = :r"),
                             {"r": role})
                proc.send_signal(signal.SIGCONT)
                while (time.monotonic() < deadline and proc.poll() is None
                       and "not stored" not in " ".join(b"".join(chunks).decode("utf-8", "replace").split())):
                    time.sleep(0.05)
                conn.execute(text(f'ALTER ROLE "{role}" LOGIN'))
            proc.wait(timeout=300)
            reader.join(timeout=30)
        finally:
            proc.kill()
            watcher.dispose()
            admin.dispose()
        stderr = b"".join(chunks).decode("utf-8", "replace")
        assert_no_traceback(stderr)
        assert proc.returncode == 1, stderr[-3000:]
        assert "not stored" in stderr
        assert count_lines(out) == count, "results were lost from the output when the store failed"
        first_pass = _analyses(url)
        assert first_pass[0] < count and first_pass[0] == first_pass[1]
        code, stderr, _ = _scan_db(tmp_path, source, url, "resume")
        assert code == 0, stderr[-3000:]
        assert _analyses(url) == (count, count), "the re-run lost or doubled results"


@pytest.mark.postgres
def test_issue12_text_with_nul_is_stored_in_postgres(tmp_path: Path) -> None:
    """A JSON Lines record with an escaped NUL ("\\u0000") and a WARC record whose header holds a NUL byte
    used to be analysed but "not stored": PostgreSQL refuses NUL in text and JSON. Ingest now replaces NUL
    (and lone surrogates) with U+FFFD, one character for one."""
    from .support import html_page, warc_record

    source = tmp_path / "in"
    source.mkdir()
    (source / "a.jsonl").write_text('{"id": "n1", "text": "نص قبل \\u0000 وبعد"}\n', encoding="utf-8")
    record = warc_record(html_page("نص عربي في صفحة"), number=1)
    (source / "b.warc").write_bytes(record.replace(b"http://example.test/page/1", b"http://exa\x00mple.test/"))
    with postgres_role_and_database() as (_role, _database, url):
        code, stderr, out = _scan_db(tmp_path, source, url, "nul")
        assert code == 0, stderr
        assert _analyses(url) == (2, 2)
        assert len(json_lines(out)) == 2

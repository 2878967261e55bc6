"""What ``basira scan`` prints for a person when its output goes to a pipe or a file: tables and messages whole
(never cut or wrapped at Rich's default 80 columns), the document id in ``--format table``, and every entry of a
walked directory that is not read named on stderr and counted. Run as a real process with real pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def basira(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    return subprocess.run([sys.executable, "-m", "basira", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)


def test_piped_stderr_and_table_are_neither_cut_nor_wrapped(tmp_path: Path) -> None:
    deep = tmp_path / ("a-directory-with-a-long-name-" * 3) / "and-another-one-below-it"
    deep.mkdir(parents=True)
    posts = deep / "posts.jsonl"
    doc_id = "post-" + "0123456789" * 9  # 95 characters: wider than 80 columns on its own
    posts.write_text(f'{{"id": "{doc_id}", "text": "الطقس جميل اليوم في المدينة"}}\n{{"id": "broken", "text": \n',
                     encoding="utf-8")
    done = basira("scan", "-q", "--format", "table", str(posts))
    assert done.returncode == 1, done.stderr
    error_lines = [line for line in done.stderr.splitlines() if line.startswith("error ")]
    assert len(error_lines) == 1, done.stderr  # one message, one line
    assert f"{posts} (line 2)" in error_lines[0], error_lines[0]
    assert error_lines[0].endswith("(Expecting value at column 1)"), error_lines[0]
    row = next((line for line in done.stdout.splitlines() if doc_id in line), None)
    assert row is not None, f"the id is cut or folded:\n{done.stdout}"
    assert str(posts) in row and "not_violating" in row, row
    assert len(row) > 200


def test_the_table_shows_the_document_id(tmp_path: Path) -> None:
    done = basira("scan", "-q", "--format", "table", str(ROOT / "examples" / "posts.jsonl"))
    assert done.returncode == 0, done.stderr
    header = next(line for line in done.stdout.splitlines() if "source" in line)
    assert [cell.strip() for cell in header.strip("┃ ").split("┃")][:3] == ["id", "source", "locator"]
    rows = [line for line in done.stdout.splitlines() if "posts.jsonl" in line]
    assert [row.strip("│ ").split("│")[0].strip() for row in rows] == ["p1", "p2", "p3", "p4", "p5"]


def test_entries_a_directory_scan_does_not_read_are_listed_and_counted(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / ".git" / "config.txt").write_text("not read", encoding="utf-8")
    (root / ".notes.txt").write_text("not read", encoding="utf-8")
    (root / "a.txt").write_text("الطقس جميل اليوم في المدينة", encoding="utf-8")
    (root / "sub" / "image.bin").write_bytes(b"\x00\x01")
    (root / "sub" / "b.txt").write_text("الشمس مشرقة", encoding="utf-8")
    done = basira("scan", "-q", str(root))
    assert done.returncode == 0, done.stderr  # skipping is not a failure
    assert len(done.stdout.splitlines()) == 2
    skipped = sorted(line for line in done.stderr.splitlines() if line.startswith("skipped "))
    assert skipped == sorted([
        f"skipped {root / '.git'}: hidden",
        f"skipped {root / '.notes.txt'}: hidden",
        f"skipped {root / 'sub' / 'image.bin'}: unknown file type (--input-format reads every file as one format)",
    ]), done.stderr
    assert "3 directory entries skipped, not read (listed above)." in done.stderr


def test_a_named_file_is_never_skipped_and_nothing_is_reported(tmp_path: Path) -> None:
    named = tmp_path / "notes.unknown"
    named.write_text("الطقس جميل اليوم", encoding="utf-8")
    done = basira("scan", "-q", str(named))
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 1
    assert "skipped" not in done.stderr, done.stderr


def test_bank_add_and_cluster_name_the_entries_of_a_directory_they_do_not_read(tmp_path: Path) -> None:
    root = tmp_path / "confirmed"
    root.mkdir()
    (root / "a.txt").write_text("نص معروف قصير للاختبار فقط", encoding="utf-8")
    (root / "b.txt").write_text("نص آخر معروف للاختبار فقط", encoding="utf-8")
    (root / "image.bin").write_bytes(b"\x00\x01")
    db = f"sqlite:///{tmp_path / 'banks.db'}"
    assert basira("bank", "create", "known", "--db", db).returncode == 0
    added = basira("bank", "add", "known", str(root), "--category", "designated_propaganda", "--db", db)
    assert added.returncode == 0, added.stderr
    assert f"skipped {root / 'image.bin'}: unknown file type" in added.stderr, added.stderr
    clustered = basira("cluster", "--inputs", str(root))
    assert clustered.returncode == 0, clustered.stderr
    assert f"skipped {root / 'image.bin'}: unknown file type" in clustered.stderr, clustered.stderr

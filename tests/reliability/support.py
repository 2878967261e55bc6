"""Shared pieces of the reliability suite: hypothesis profiles, hostile-text strategies, and running
``basira`` in a subprocess with a time limit, a memory cap and its peak RSS measured.

Profiles: ``BASIRA_FUZZ_PROFILE=ci`` (default; bounded, for CI) or ``deep`` (local: many more examples).
The profiles are applied per test (``@PROFILE``), never loaded globally, so other suites keep their own.
Every input is generated: letters, marks, controls, basira's own lexicon terms; no real material.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

PROFILE_NAME = os.environ.get("BASIRA_FUZZ_PROFILE", "ci")
DEEP = PROFILE_NAME == "deep"

settings.register_profile(
    "basira-ci", max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=False
)
settings.register_profile(
    "basira-deep", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck)
)
PROFILE = settings.get_profile("basira-deep" if DEEP else "basira-ci")


def examples(ci: int, deep: int | None = None) -> settings:
    """The profile with a per-test example count (some properties are costlier than others)."""
    return settings(PROFILE, max_examples=(deep or ci * 50) if DEEP else ci)


# ------------------------------------------------------------------------------------------ characters
ARABIC_LETTERS = [chr(c) for c in range(0x0621, 0x064B)]
DIACRITICS = [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u08f0", "\u08f1", "\u08f2"]
TATWEEL = "\u0640"
QURANIC_MARKS = [chr(c) for c in range(0x06D6, 0x06EE)] + [chr(c) for c in range(0x0610, 0x061B)]
BIDI_AND_ZERO_WIDTH = (
    ["\u00ad", "\u061c", "\u180e", "\ufeff", "\u2028", "\u2029", "\u0085"]
    + [chr(c) for c in range(0x200B, 0x2010)]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2060, 0x2070)]
)
LOOKALIKES = ["أ", "إ", "آ", "ٱ", "ى", "ة", "ی", "ک", "ہ", "ے", "ڪ", "ھ", "ۀ", "ۃ", "ە"]
PRESENTATION_FORMS = ["ﻻ", "ﷲ", "ﺑ", "ﻹ", "ﷺ", "ﻼ", "\ufc5e", "\ufe70", "ﬁ", "Ａ", "\u3000", "\u00a0", "𞸀"]
DIGITS = [str(d) for d in range(10)] + [chr(0x0660 + d) for d in range(10)] + [chr(0x06F0 + d) for d in range(10)]
PUNCTUATION = list("«»“”„\"'()[]{}<>.,;:!?-–—…/\\|@#&*_~") + ["،", "؛", "؟", "﴿", "﴾", "\n", "\r", "\t", " ", "  "]
ENTITIES = ["&quot;", "&amp;", "&#1575;", "&#x627;", "&lt;", "&gt;", "&nbsp;", "&#0;", "&#xD800;", "&#99999999;",
            "&bogus;", "&", "&#", "&#x;"]
URL_PIECES = ["http://", "https://", "www.", ".com", ".test", "xn--", "example.test/a?b=1", "ftp://x", "@user", "#وسم"]
DATE_PIECES = ["1445", "هـ", "رمضان", "محرم", "2024", "م", "مارس", "March", "11", "٢٠٢٤/٠٣/١١", "2024-03-11", "الموافق"]
OTHER_SCRIPTS = ["Привет", "שלום", "中文", "日本語", "한국어", "ελληνικά", "हिन्दी", "😀", "👍🏽", "🏳️‍🌈", "\U0001f9d5"]
LONE_SURROGATES = ["\ud800", "\udbff", "\udc00", "\udfff", "\udcff"]


@lru_cache(maxsize=1)
def lexicon_words() -> list[str]:
    """basira's own short lexicon terms (what the recognisers look for), so that generated text fires
    them; the same source as the benchmark corpus (``basira.bench.corpus``)."""
    from basira.bench.corpus import lexicon_terms

    return [term for term in lexicon_terms() if len(term) <= 40]


def _pieces(*, surrogates: bool) -> st.SearchStrategy[str]:
    choices = [
        st.sampled_from(ARABIC_LETTERS),
        st.sampled_from(DIACRITICS),
        st.just(TATWEEL),
        st.sampled_from(QURANIC_MARKS),
        st.sampled_from(BIDI_AND_ZERO_WIDTH),
        st.sampled_from(LOOKALIKES),
        st.sampled_from(PRESENTATION_FORMS),
        st.sampled_from(DIGITS),
        st.sampled_from(PUNCTUATION),
        st.sampled_from(ENTITIES),
        st.sampled_from(URL_PIECES),
        st.sampled_from(DATE_PIECES),
        st.sampled_from(OTHER_SCRIPTS),
        st.sampled_from(lexicon_words()),
        st.text(max_size=4),  # any code point hypothesis likes (controls, astral, unassigned)
    ]
    if surrogates:
        choices.append(st.sampled_from(LONE_SURROGATES))
    return st.one_of(choices)


def _long_run(*, surrogates: bool) -> st.SearchStrategy[str]:
    """A very long token or line: one piece repeated (a run of tatweel, marks, letters, spaces ...)."""
    return st.tuples(_pieces(surrogates=surrogates), st.integers(50, 3000 if not DEEP else 30000)).map(
        lambda pair: pair[0] * pair[1]
    )


def hostile_text(*, max_pieces: int = 80, surrogates: bool = False, long_runs: bool = True) -> st.SearchStrategy[str]:
    """Text made of hostile pieces; now and then a very long run of one of them."""
    piece = _pieces(surrogates=surrogates)
    if long_runs:
        piece = st.one_of(piece, piece, piece, piece, piece, piece, piece, piece, _long_run(surrogates=surrogates))
    separators = st.sampled_from(["", " ", " ", "\n", "\u200f", TATWEEL])
    return st.lists(st.tuples(piece, separators).map("".join), max_size=max_pieces).map("".join)


# ---------------------------------------------------------------------------------------- subprocesses
ROOT = Path(__file__).resolve().parents[2]
BASIRA = [sys.executable, "-c", "import sys; from basira.cli import main; sys.argv[0] = 'basira'; main()"]
MEMORY_CAP_BYTES = 6 << 30  # an address-space cap so that a runaway child fails alone, not the machine


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    max_rss_bytes: int
    seconds: float
    timed_out: bool


def _cap_memory() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP_BYTES, MEMORY_CAP_BYTES))


def _vm_hwm_kib(pid: int) -> int:
    """The process's peak resident set since its exec, in KiB (0 when it cannot be read)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_measured(
    cmd: Sequence[str],
    *,
    timeout: float,
    cwd: Path | None = None,
    stdin: Any = subprocess.DEVNULL,
    env: dict[str, str] | None = None,
    preexec: Any = None,
    out_dir: Path,
) -> Run:
    """Run ``cmd`` with a wall-clock limit and an address-space cap; report its peak RSS.

    The peak is the child's own ``VmHWM`` (high-water mark of the memory it has after exec), polled while it
    runs. ``wait4``'s ``ru_maxrss`` is not used when a poll succeeded: Linux folds the pre-exec image into it,
    and a child forked from a large pytest process would report the parent's size.
    stdout and stderr go to files in ``out_dir`` (a pipe that nobody reads could block the child).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    stdout_path, stderr_path = out_dir / "stdout.txt", out_dir / "stderr.txt"

    def child_setup() -> None:  # pragma: no cover - runs in the child
        _cap_memory()
        if preexec is not None:
            preexec()

    started = time.monotonic()
    with stdout_path.open("wb") as out, stderr_path.open("wb") as err:
        proc = subprocess.Popen(
            list(cmd), stdin=stdin, stdout=out, stderr=err, cwd=cwd, env=env, preexec_fn=child_setup
        )
        timed_out = False
        peak_kib = 0
        while True:
            peak_kib = max(peak_kib, _vm_hwm_kib(proc.pid))
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                timed_out = True
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: keep Popen from waiting again
    return Run(
        returncode=proc.returncode,
        stdout=stdout_path.read_text(encoding="utf-8", errors="replace"),
        stderr=stderr_path.read_text(encoding="utf-8", errors="replace"),
        max_rss_bytes=(peak_kib or usage.ru_maxrss) * 1024,  # Linux reports KiB
        seconds=time.monotonic() - started,
        timed_out=timed_out,
    )


def basira_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"PYTHONHASHSEED": "0", "COLUMNS": "200", "NO_COLOR": "1", **extra})
    return env


def json_lines(path: Path) -> list[dict[str, Any]]:
    """Every newline-terminated line of ``path`` parsed (a trailing fragment without ``\\n`` is not a line)."""
    data = path.read_bytes()
    complete = data[: data.rfind(b"\n") + 1] if b"\n" in data else b""
    return [json.loads(line) for line in complete.decode("utf-8").splitlines()]


def count_lines(path: Path) -> int:
    count = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            count += chunk.count(b"\n")
    return count


# -------------------------------------------------------------------------------------- generated inputs
def warc_record(
    payload: bytes,
    *,
    number: int = 1,
    content_type: str = "text/html; charset=utf-8",
    record_type: str = "response",
    http_headers: Sequence[str] = (),
) -> bytes:
    """One WARC/1.0 record: a ``response`` (HTTP status line and headers, then ``payload``) or a
    ``resource`` (``payload`` as is)."""
    if record_type == "response":
        head = ["HTTP/1.1 200 OK", f"Content-Type: {content_type}", *http_headers]
        if not any(h.lower().startswith("content-length") for h in http_headers):
            head.append(f"Content-Length: {len(payload)}")
        block = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + payload
        warc_type = "application/http; msgtype=response"
    else:
        block = payload
        warc_type = content_type
    header = (
        "WARC/1.0\r\n"
        f"WARC-Type: {record_type}\r\n"
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{number:012d}>\r\n"
        f"WARC-Target-URI: http://example.test/page/{number}\r\n"
        "WARC-Date: 2024-03-11T00:00:00Z\r\n"
        f"Content-Type: {warc_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return header.encode("latin-1") + block + b"\r\n\r\n"


def html_page(body: str, title: str = "صفحة") -> bytes:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><p>{body}</p></article></body></html>"
    ).encode()


def gzip_members(parts: Sequence[bytes]) -> bytes:
    """Each part its own gzip member, as WARC writers do (a reader can stop between records)."""
    import gzip

    return b"".join(gzip.compress(part, mtime=0) for part in parts)

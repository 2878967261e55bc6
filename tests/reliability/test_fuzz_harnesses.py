"""The atheris harnesses (``fuzz/fuzz_html.py``, ``fuzz/fuzz_warc.py``) run for a short, bounded number of
iterations from their seed corpora: a crash or a broken contract fails the test and leaves the input that
caused it in the test's temporary directory (``crash-*``). Long runs are local (see docs/reliability.md).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .support import DEEP, ROOT

RUNS = 20_000 if DEEP else 1000
HARNESSES = ["fuzz_html.py", "fuzz_warc.py"]


def test_atheris_is_installed() -> None:
    """atheris belongs in the dev extra; without it the harnesses cannot run here."""
    try:
        import atheris  # noqa: F401
    except ImportError:  # pragma: no cover - a missing dev dependency
        pytest.fail("atheris is not installed: add it to the dev extra (pip install atheris)")


@pytest.mark.long
@pytest.mark.parametrize("harness", HARNESSES)
def test_the_harness_runs_clean_for_a_bounded_number_of_inputs(harness: str, tmp_path: Path) -> None:
    pytest.importorskip("atheris")
    corpus = tmp_path / "corpus"  # libFuzzer writes what it finds into the first corpus directory
    corpus.mkdir()
    seeds = ROOT / "fuzz" / "corpus" / harness.removeprefix("fuzz_").removesuffix(".py")
    done = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / harness), f"-atheris_runs={RUNS}", f"-artifact_prefix={tmp_path}/",
         "-rss_limit_mb=3072", "-timeout=60", str(corpus), str(seeds)],
        capture_output=True, text=True, timeout=900, cwd=tmp_path,
    )
    crashes = sorted(p.name for p in tmp_path.glob("crash-*")) + sorted(p.name for p in tmp_path.glob("timeout-*"))
    assert done.returncode == 0 and not crashes, (
        f"{harness}: exit {done.returncode}, artifacts {crashes}\n{done.stderr[-6000:]}"
    )
    assert f"Done {RUNS}" in done.stderr or f"Done {RUNS}" in done.stdout

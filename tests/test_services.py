"""tests/conftest.py: a test that needs PostgreSQL or chromium is skipped, with the reason, when the service is
missing, and fails under CI=true. Checked by running real tests of the suite in a pytest subprocess with the
service pointed somewhere it is not (port 1, a chromium path that does not exist)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOWHERE_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:1/test"
SELECTIONS = {
    "postgres": (["tests/store/test_store_contract.py::test_changes_are_audited[postgres]"],
                 {"BASIRA_TEST_POSTGRES": NOWHERE_POSTGRES}, "PostgreSQL unreachable at"),
    "browser": (["tests/web/test_browser.py"], {"BASIRA_TEST_CHROMIUM": "/nonexistent/chromium"},
                "/nonexistent/chromium is missing"),
}


def run_pytest(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_ADDOPTS")}
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rsf", "-p", "no:cacheprovider", *args],
                          cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=300)


def test_a_missing_service_skips_with_its_reason_and_fails_under_ci() -> None:
    args = [arg for selection, _, _ in SELECTIONS.values() for arg in selection]
    env = {key: value for _, service_env, _ in SELECTIONS.values() for key, value in service_env.items()}
    local = run_pytest(args, env)
    assert local.returncode == 0, local.stdout[-3000:]
    tally = local.stdout.strip().splitlines()[-1]
    assert " skipped" in tally and "passed" not in tally and "failed" not in tally, local.stdout[-3000:]
    for service, (_, _, reason) in SELECTIONS.items():
        assert f"needs {service}: {reason}" in local.stdout, local.stdout[-3000:]
        assert f"services: {service}: {reason}" in local.stdout, "the end of the run names the missing service"

    ci = run_pytest(args, {**env, "CI": "true"})
    assert ci.returncode == 1, ci.stdout[-3000:]
    tally = ci.stdout.strip().splitlines()[-1]
    assert ("failed" in tally or "error" in tally) and "skipped" not in tally and "passed" not in tally, tally
    for _, _, reason in SELECTIONS.values():
        assert f"CI=true and a required service is missing: {reason}" in ci.stdout, ci.stdout[-3000:]

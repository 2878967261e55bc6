#!/usr/bin/env bash
# Security checks, run by tests/reliability/test_security.py (and by `make security` if the Makefile has it):
#   1. bandit -r src/basira -ll: no finding of medium or high severity (a justified one carries an inline
#      "# nosec BXXX - reason" on its line);
#   2. pip-audit of the installed environment against a vulnerability database: the PyPI JSON API first,
#      then OSV.
# Exit 0: clean (or pip-audit skipped because no vulnerability database is reachable — only that: it says
# "skipped: no vulnerability database reachable"). Exit 1: findings, or a check that failed otherwise.
# Exit 2: a tool is missing (they are in the dev extra: pip install -e '.[dev]').
#
# Environment: VENV (default .venv); BASIRA_PIP_AUDIT (the pip-audit command, default "$VENV/bin/pip-audit").
set -uo pipefail
cd "$(dirname "$0")/.."

VENV="${VENV:-.venv}"
PYTHON="$VENV/bin/python"
BANDIT="${BASIRA_BANDIT:-$VENV/bin/bandit}"
PIP_AUDIT="${BASIRA_PIP_AUDIT:-$VENV/bin/pip-audit}"
status=0
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

for tool in "$BANDIT" "$PIP_AUDIT"; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "security: $tool is not installed (pip install bandit pip-audit, or the dev extra)" >&2
        exit 2
    fi
done

# ------------------------------------------------------------------------------------------------ bandit
echo "== bandit -r src/basira -ll"
if "$BANDIT" -r src/basira -ll -q -f txt >"$work/bandit.txt" 2>"$work/bandit.err"; then
    echo "bandit: no medium or high severity issues"
else
    cat "$work/bandit.txt" "$work/bandit.err"
    echo "bandit: FAILED (fix each finding, or justify it inline with '# nosec BXXX - reason')"
    status=1
fi

# --------------------------------------------------------------------------------------------- pip-audit
# Classifies one pip-audit run: ok / vulnerable / unreachable (no database answered) / error.
classify() {
    "$PYTHON" - "$1" "$2" "$3" <<'PY'
import json, re, sys
rc, report_path, err_path = int(sys.argv[1]), sys.argv[2], sys.argv[3]
err = open(err_path, encoding="utf-8", errors="replace").read()
network = re.search(r"ConnectionError|NameResolutionError|Failed to resolve|Max retries exceeded|"
                    r"Failed to establish a new connection|Temporary failure in name resolution|"
                    r"Network is unreachable|Connection refused|timed out", err)
try:
    report = json.load(open(report_path, encoding="utf-8"))
except (OSError, ValueError):
    report = None
if report is None:
    print("unreachable" if rc != 0 and network else "error")
    sys.exit()
deps = report.get("dependencies", [])
vulnerable = [d for d in deps if d.get("vulns")]
audited = [d for d in deps if "skip_reason" not in d]
editable = [d for d in deps if "editable" in (d.get("skip_reason") or "")]
not_found = [d for d in deps if "not found on PyPI" in (d.get("skip_reason") or "")]
if vulnerable:
    for d in vulnerable:
        ids = ", ".join(v.get("id", "?") + (f" (fix: {', '.join(v.get('fix_versions') or [])})" if v.get("fix_versions") else "")
                        for v in d["vulns"])
        print(f"  {d['name']} {d.get('version', '')}: {ids}", file=sys.stderr)
    print("vulnerable")
elif not_found and not audited and len(not_found) + len(editable) == len(deps):
    # Every package "not found": the index answers for installs but serves no vulnerability data.
    print("unreachable")
elif rc == 0 and audited:
    print("ok")
else:
    print("error")
PY
}

echo "== pip-audit (installed environment)"
result="unreachable"
for service in pypi osv; do
    "$PIP_AUDIT" --progress-spinner off --skip-editable --vulnerability-service "$service" -f json \
        -o "$work/audit-$service.json" >"$work/audit-$service.out" 2>"$work/audit-$service.err"
    rc=$?
    result="$(classify "$rc" "$work/audit-$service.json" "$work/audit-$service.err")"
    echo "pip-audit ($service): $result"
    [ "$result" = "unreachable" ] || break
done
case "$result" in
    ok) echo "pip-audit: no known vulnerabilities" ;;
    unreachable)
        echo "pip-audit: skipped: no vulnerability database reachable (the PyPI JSON API and OSV did not answer;"
        echo "           this machine reaches package indexes only). Run it where they are reachable."
        ;;
    vulnerable) echo "pip-audit: FAILED: known vulnerabilities above"; status=1 ;;
    *)
        tail -n 20 "$work/audit-$service.err" >&2
        echo "pip-audit: FAILED: it did not complete (see above)"; status=1
        ;;
esac
exit "$status"

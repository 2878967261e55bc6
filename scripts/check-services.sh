#!/usr/bin/env bash
# The store and API tests need the PostgreSQL server at 127.0.0.1:5432 (trust auth, database `test`).
# This machine kind starts it before every session and CI run; if it is down, try to start it. Still down:
# under CI=true fail clearly here rather than let dozens of tests fail one by one; elsewhere warn and go on
# (tests/conftest.py then skips the tests marked "postgres", each with the reason).
set -euo pipefail
url="${BASIRA_TEST_POSTGRES:-postgresql://postgres@127.0.0.1:5432/test}"
reachable() { pg_isready -q -d "$url" 2>/dev/null || (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }
if ! reachable; then
    echo "services: PostgreSQL not reachable at 127.0.0.1:5432; trying to start it" >&2
    if command -v pg_ctlcluster >/dev/null 2>&1; then
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
        sleep 2
    fi
fi
if ! reachable; then
    case "${CI:-}" in
        true|1|yes)
            echo "services: FAILED: PostgreSQL is not reachable at 127.0.0.1:5432 (needed by the store and API tests)" >&2
            exit 1 ;;
    esac
    echo "services: WARNING: PostgreSQL is not reachable at 127.0.0.1:5432: the tests that need it will be skipped" >&2
    exit 0
fi
echo "services: PostgreSQL reachable"

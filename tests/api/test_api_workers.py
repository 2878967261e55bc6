"""``basira serve --workers N``: several processes, one set of settings (session secret included), one store."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from basira.api import Settings
from basira.bench.load import ServerProcess, count_analyses, process_tree
from basira.store import Store

from .live import PASSWORD, make_accounts, unique

NEUTRAL = "نشرة الطقس: أمطار خفيفة على السواحل"


def test_settings_survive_the_trip_through_the_environment() -> None:
    """What a worker process reads back is exactly what the parent was given, secret and None values too."""
    for secure, model in ((None, "default"), (True, None), (False, "/models/basira-tvec.npz")):
        settings = Settings(db_url="sqlite:////tmp/x.db", policy="platform_strict", jurisdiction=None,
                            retention="hashes", match_banks=False, max_chars=1234, rate_per_second=2.5,
                            rate_burst=7, secure_cookies=secure, confirm_bank="bank-a", blur_default=False,
                            workers=3, model=model)
        back = Settings.from_env(settings.to_env())
        assert back == settings
        assert back.session_secret == settings.session_secret


def test_two_workers_share_the_store_the_secret_and_refuse_a_live_policy_change(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'workers.db'}"
    with Store.open(db) as store:
        accounts = make_accounts(store)
    server = ServerProcess(db, tmp_path / "server.log", rate=1000.0, burst=1000, workers=2).start()
    try:
        assert server.process is not None
        assert len(process_tree(server.process.pid)) >= 3, server.log_path.read_text()  # the parent and 2 workers
        bearer = {"Authorization": f"Bearer {accounts.api}"}

        def analyze(n: int) -> int:
            # A connection per request, several at once, so that both workers accept some.
            response = httpx.post(f"{server.url}/v1/analyze", json={"text": unique(NEUTRAL)}, headers=bearer,
                                  timeout=30)
            return response.status_code

        with ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(analyze, range(60)))
        assert statuses == [200] * 60
        assert count_analyses(db) == 60

        # The login form and the login are new connections (often different workers): one secret signs both.
        for _ in range(10):
            with httpx.Client(base_url=server.url, timeout=30) as web:
                form = web.get("/login", headers={"Connection": "close"})
                csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
                assert csrf
                done = web.post("/login", headers={"Connection": "close"},
                                data={"username": "reviewer", "password": PASSWORD, "csrf": csrf.group(1),
                                      "next": "/queue"})
                assert done.status_code == 303, done.text
                assert web.get("/queue", headers={"Connection": "close"}).status_code == 200

        admin = {"Authorization": f"Bearer {accounts.admin}"}
        refused = httpx.put(f"{server.url}/v1/policy", json={"policy": "platform_strict"}, headers=admin, timeout=30)
        assert refused.status_code == 409 and "worker processes" in refused.json()["detail"]
        assert httpx.get(f"{server.url}/v1/policy", headers=admin, timeout=30).json()["policy"].startswith("tco@")
    finally:
        server.stop()
    log = server.log_path.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in log, log

"""The API load test (``basira.bench.load``): its counting checked against a server that fails on purpose, and
the real thing — 50 clients on ``/v1/analyze`` of a real ``basira serve`` over SQLite (60 s) and PostgreSQL
(20 s). Only what must hold on any machine is asserted (no 5xx, no transport error, valid answers, every
answer stored once); the latency figures go to ``test-output/bench-load*.json`` and are never asserted."""

from __future__ import annotations

import json
import shutil
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

from basira.bench.corpus import LARGE_POST_BYTES, cut_utf8
from basira.bench.load import (
    PACED_POST_BYTES,
    Documents,
    Sample,
    drive,
    large_posts,
    latency_summary,
    pace,
    percentile,
    valid_analysis,
)
from basira.cli import app

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from live import postgres_url

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "test-output"


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([1.0], 50, 1.0),
        ([1.0], 99, 1.0),
        ([1.0, 2.0], 50, 1.0),
        ([1.0, 2.0], 51, 2.0),
        ([float(v) for v in range(1, 101)], 99, 99.0),
        ([float(v) for v in range(1, 101)], 100, 100.0),
        ([float(v) for v in range(1, 1001)], 99, 990.0),
        ([float(v) for v in range(1, 11)], 90, 9.0),
    ],
)
def test_percentile_is_nearest_rank(values: list[float], q: float, expected: float) -> None:
    assert percentile(values, q) == expected


def test_percentile_refuses_what_has_no_answer() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 0)
    assert latency_summary([])["p99"] is None
    assert latency_summary([0.001, 0.002, 0.010]) == {"p50": 2.0, "p90": 10.0, "p99": 10.0, "max": 10.0,
                                                      "mean": 4.33}


def test_documents_are_unique_per_request_and_mix_statements_into_posts() -> None:
    documents = Documents.generate(posts=20, statements=4, seed=3)
    bodies = [documents.body("load", client, n) for client in range(5) for n in range(20)]
    assert len({b["id"] for b in bodies}) == len({b["text"] for b in bodies}) == 100
    long = [b for b in bodies if len(b["text"]) > 2000]
    assert len(long) == 10  # every tenth request of each client carries a statement


def test_a_known_text_must_come_back_with_its_match() -> None:
    documents = replace(Documents.generate(posts=5, statements=1, seed=2), known=("نص معروف في البنك",))
    expected = [n for n in range(40) if documents.expects_match(n)]
    assert expected == [10, 30]
    body = documents.body("load", 0, 10)
    assert body["text"].startswith("نص معروف في البنك\n")
    answer = {"schema": "basira.scan/1", "document": {"id": body["id"]}, "outcome": "review", "analysis_id": "a"}
    assert not documents.validate(body, 200, json.dumps(answer).encode())
    assert documents.validate(body, 200, json.dumps({**answer, "matches": [{"bank": "b"}]}).encode())
    other = documents.body("load", 0, 11)
    answer_other = {**answer, "document": {"id": other["id"]}}
    assert documents.validate(other, 200, json.dumps(answer_other).encode())  # no match expected of it
    assert not documents.validate(other, 200, json.dumps(answer).encode())  # another document's answer
    assert not documents.validate(other, 200, json.dumps({**answer_other, "outcome": "maybe"}).encode())
    assert not documents.validate(other, 200, b"not json")


class _Flaky(BaseHTTPRequestHandler):
    """A real HTTP server that answers by the request's number: 500, 503, a 200 that is not a result, a 429,
    or a valid result. It counts what it sent, so the harness's counts can be checked against it."""

    sent: ClassVar[Counter[str]] = Counter()
    lock = threading.Lock()

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        number = int(body["id"].rsplit("-", 1)[1])
        kind = ("500", "503", "bad200", "429", "ok")[number % 5]
        with self.lock:
            self.sent[kind] += 1
        if kind == "ok":
            payload = json.dumps({"schema": "basira.scan/1", "document": {"id": body["id"]},
                                  "outcome": "not_violating", "analysis_id": "a1"}).encode()
            status = 200
        elif kind == "bad200":
            payload, status = b'{"schema": "something else"}', 200
        else:
            payload, status = b"{}", int(kind)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def flaky_server() -> Iterator[str]:
    _Flaky.sent = Counter()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Flaky)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_harness_counts_every_5xx_429_and_invalid_answer(flaky_server: str) -> None:
    documents = Documents.generate(posts=10, statements=2, seed=1)
    result = drive(flaky_server, ["t1", "t2", "t3"], documents.body, valid_analysis, seconds=1.0, path="/x")
    summary = result.summary()
    sent = _Flaky.sent
    assert summary["requests"] == sum(sent.values()) >= 15
    assert summary["server_errors_5xx"] == sent["500"] + sent["503"] > 0
    assert summary["statuses"]["500"] == sent["500"] and summary["statuses"]["503"] == sent["503"]
    assert summary["rate_limited_429"] == sent["429"] > 0
    assert summary["invalid_bodies"] == sent["bad200"] > 0
    assert summary["ok"] == sent["ok"] > 0
    examples = summary["rejected_examples"]  # what was not valid, and why, for a failed run to show
    assert len(examples) == 5 and {e.split(" ", 1)[0] for e in examples} <= {"500", "503", "429", "200"}
    body = documents.body("load", 0, 2)
    bad = Sample.answered(0.1, body, 200, b'{"schema": "something else"}' + b"x" * 400, valid_analysis)
    assert not bad.valid and bad.rejected == f'200 {body["id"]}: {{"schema": "something else"}}' + "x" * 272
    assert Sample.answered(0.1, body, 429, b"{}", valid_analysis).rejected == f"429 {body['id']}: {{}}"
    assert summary["transport_errors"] == {}
    latency = summary["latency_ms"]
    assert 0 < latency["p50"] <= latency["p90"] <= latency["p99"] <= latency["max"]


def test_the_paced_phase_sends_on_schedule_and_counts_every_answer(flaky_server: str) -> None:
    documents = Documents.generate(posts=10, statements=2, seed=1)
    result = pace(flaky_server, "t1", documents.sized_body, valid_analysis, rate=40, seconds=1.0, path="/x")
    summary = result.summary()
    sent = _Flaky.sent
    assert summary["requests"] == sum(sent.values()) == 40  # open loop: rate x seconds, whatever the answers
    assert summary["server_errors_5xx"] == sent["500"] + sent["503"] > 0
    assert summary["invalid_bodies"] == sent["bad200"] > 0 and summary["ok"] == sent["ok"] > 0
    assert 1.0 * 39 / 40 <= summary["wall_s"] < 30
    with pytest.raises(ValueError):
        pace(flaky_server, "t1", documents.sized_body, valid_analysis, rate=0, seconds=1.0)


def test_sized_posts_are_unique_and_hold_the_bytes_asked_for() -> None:
    documents = Documents.generate(posts=10, statements=3, seed=1)
    bodies = [documents.sized_body("paced", 0, n) for n in range(10)]
    sizes = [len(b["text"].encode("utf-8")) for b in bodies]
    assert all(PACED_POST_BYTES - 8 <= size <= PACED_POST_BYTES for size in sizes), sizes
    assert len({b["text"] for b in bodies}) == len({b["id"] for b in bodies}) == 10
    assert len(documents.sized_body("paced", 0, 1, 600)["text"].encode("utf-8")) <= 600


def test_the_large_posts_are_375_kb_one_repeated_sentence_and_varied_text() -> None:
    posts = large_posts()
    for text in posts.values():
        assert LARGE_POST_BYTES - 8 <= len(text.encode("utf-8")) <= LARGE_POST_BYTES
    repeated, varied = posts["repeated"], posts["varied"]
    sentence = repeated[: repeated.index(". ") + 2]
    assert repeated.count(sentence) == len(repeated.encode("utf-8")) // len(sentence.encode("utf-8"))
    assert varied.count(varied[:200]) == 1 and varied.count(varied[-200:]) == 1  # nothing repeats
    assert cut_utf8("بصيرة", 5) == "بص"  # two-byte letters: never half of one


def test_the_harness_records_a_server_that_is_not_there_and_stops_on_time() -> None:
    from basira.bench.load import free_port

    documents = Documents.generate(posts=10, statements=2, seed=1)
    result = drive(f"http://127.0.0.1:{free_port()}", ["t1", "t2"], documents.body, valid_analysis, seconds=0.5)
    summary = result.summary()
    assert summary["ok"] == 0 and summary["requests"] == sum(summary["transport_errors"].values())
    assert "ConnectError" in summary["transport_errors"]
    assert summary["requests"] <= 2 * (0.5 / 0.1 + 2)  # each failure pauses 0.1 s: no spinning
    assert summary["latency_ms"]["p50"] is None  # nothing answered, so no latency is made up


def _load_run(tmp_path: Path, clients: int, seconds: float, db: str | None, artefact: str, workers: int = 1
              ) -> dict[str, Any]:
    out = tmp_path / "bench.json"
    args = ["bench", "--load-only", "--out", str(out), "--load-clients", str(clients), "--load-seconds",
            str(seconds), "--load-workers", str(workers)]
    if db is not None:
        args += ["--load-db", db]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output + repr(result.exception)
    ARTEFACTS.mkdir(exist_ok=True)
    shutil.copy(out, ARTEFACTS / artefact)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "basira.bench/1"
    assert "API load" in result.output
    return dict(data["load"])


def _assert_healthy(load: dict[str, Any], clients: int) -> None:
    phase = load["load"]
    assert phase["clients"] == clients
    why = (phase["statuses"], phase["rejected_examples"], load["server"])
    assert phase["server_errors_5xx"] == 0, why
    assert load["single_client"]["server_errors_5xx"] == 0, load["single_client"]["rejected_examples"]
    assert phase["transport_errors"] == {} and load["single_client"]["transport_errors"] == {}
    assert phase["invalid_bodies"] == 0 and phase["rate_limited_429"] == 0, why
    assert phase["ok"] == phase["requests"] >= clients  # every client was answered, every answer was valid
    assert load["store"]["lost_or_doubled"] == 0 and load["store"]["analyses_stored"] == load["store"]["ok_answers"]
    assert load["server"]["tracebacks"] == 0 and load["server"]["error_lines"] == []
    latency = phase["latency_ms"]
    assert 0 < latency["p50"] <= latency["p99"] <= latency["max"]
    assert load["ratios"]["load_vs_in_process"] > 0 and load["ratios"]["p50_load_vs_single_client"] > 0
    cpu = phase["cpu_per_ok"]  # the server's processes (all workers) and the load client worked for every answer
    assert cpu["server_ms"] > 0 and cpu["client_ms"] > 0
    assert load["zero_5xx"] is True
    _assert_paced_and_large(load)


def _assert_paced_and_large(load: dict[str, Any]) -> None:
    """The paced phase ran at half the saturated rate and was answered; each large post was answered whole at
    the server's size limit, and analysed in process at 375 KB."""
    paced = load["paced"]
    assert paced["rate_per_s"] == round(0.5 * paced["saturated"]["ok_per_s"], 2) > 0
    assert paced["saturated"]["ok"] == paced["saturated"]["requests"] > 0
    assert paced["ok"] == paced["requests"] > 0 and paced["server_errors_5xx"] == 0
    large = load["large_post"]
    assert large["server_max_chars"] == LARGE_POST_BYTES and large["default_max_chars"] == 200_000
    for kind in ("repeated", "varied"):
        whole = large["in_process"][kind]
        assert whole["bytes"] >= LARGE_POST_BYTES - 8 and whole["chars"] > 200_000 and whole["evidence"] > 0
        assert large["in_process"][f"{kind}_at_default_limit"]["chars"] == 200_000
        assert large["api"][kind]["statuses"] == [200, 200, 200]  # the whole post, with the server's limit raised
        assert large["api"][kind]["chars"] == whole["chars"] and large["api"][kind]["bytes"] == whole["bytes"]


@pytest.mark.long
def test_fifty_clients_for_sixty_seconds_on_sqlite_get_no_5xx(tmp_path: Path) -> None:
    load = _load_run(tmp_path, 50, 60, None, "bench-load-sqlite.json")
    assert load["database"] == "sqlite" and load["load"]["wall_s"] >= 60
    _assert_healthy(load, 50)


@pytest.mark.long
@pytest.mark.postgres
def test_fifty_clients_on_postgresql_and_two_server_workers_get_no_5xx(tmp_path: Path) -> None:
    with postgres_url() as url:
        load = _load_run(tmp_path, 50, 20, url, "bench-load-postgresql.json", workers=2)
    assert load["database"] == "postgresql" and load["server_workers"] == 2
    _assert_healthy(load, 50)


def test_load_only_keeps_earlier_figures_in_the_bench_file(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    out.write_text(json.dumps({"schema": "basira.bench/1", "pipeline": {"statements": {"mb_per_s": 3.0}}}))
    result = CliRunner().invoke(app, ["bench", "--load-only", "--out", str(out), "--load-clients", "2",
                                      "--load-seconds", "1"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["pipeline"] == {"statements": {"mb_per_s": 3.0}}
    assert data["load"]["load"]["clients"] == 2 and data["load"]["load"]["ok"] > 0
    assert data["load"]["load"]["cpu_per_ok"]["server_ms"] > 0 and "CPU per OK answer" in result.output
    assert data["verdict"]["api_load_5xx"] == {"value": 0, "target": 0, "met": True}
    _assert_paced_and_large(data["load"])
    assert data["load"]["store"]["lost_or_doubled"] == 0
    assert {"api_load_vs_in_process", "api_paced_p99_ms", "api_large_post_s"} <= set(data["verdict"])

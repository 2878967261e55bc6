"""Property-based API testing with schemathesis against the served OpenAPI schema: for every operation,
valid and invalid requests (bounded: 20 + 10 examples each), and not one answer may be a 5xx."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from live import LiveServer, make_accounts, running, seed_violating, sqlite_url
from schemathesis import GenerationMode

from basira.api import Settings

EXAMPLES = {GenerationMode.POSITIVE: 20, GenerationMode.NEGATIVE: 10}


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    settings = Settings(db_url=sqlite_url(tmp_path_factory.mktemp("fuzz")), rate_per_second=10_000.0,
                        rate_burst=10_000, max_body_bytes=64 * 1024, max_chars=5_000, max_batch=3)
    with running(settings) as live:
        yield live


def test_no_operation_answers_with_a_server_error(fuzzed: LiveServer):
    token = make_accounts(fuzzed.store).admin
    for _ in range(2):
        seed_violating(fuzzed.store)
    auth = {"Authorization": f"Bearer {token}"}
    schema = schemathesis.openapi.from_url(f"{fuzzed.url}/openapi.json", headers=auth)
    failures: list[str] = []
    statuses: Counter[int] = Counter()
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode, examples in EXAMPLES.items():
            strategy = operation.as_strategy(generation_mode=mode, headers=auth)

            @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                      phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
            @given(case=strategy)
            def run(case: schemathesis.Case) -> None:
                response = case.call(base_url=fuzzed.url, headers=auth, timeout=30)
                statuses[response.status_code] += 1
                if response.status_code >= 500:
                    failures.append(f"{case.method} {case.formatted_path} → {response.status_code}: "
                                    f"{case.body!r:.200} {response.text[:200]}")

            try:
                run()
            except Unsatisfiable:  # nothing to make invalid (e.g. no parameters, no body)
                assert mode is GenerationMode.NEGATIVE, operation.label
    assert operations >= 20
    assert sum(statuses.values()) >= operations * 15, statuses
    assert statuses[200] + statuses[201] > 100, statuses  # the valid requests mostly got through
    assert not failures, "\n".join(failures[:20])

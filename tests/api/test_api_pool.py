"""The analysis pool (issue 15, F1) on its own: running work is told to stop at its next checkpoint when the
client leaves or the time budget is spent, and its slot comes back once it has stopped."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable

import pytest

from basira.api.errors import ApiError
from basira.api.pool import AnalysisPool, Cancelled


class Steps:
    """A workload of many short steps with a checkpoint between them (as the analyser's recognisers)."""

    def __init__(self, steps: int = 2000, step_seconds: float = 0.005):
        self.steps, self.step_seconds = steps, step_seconds
        self.started = threading.Event()
        self.stopped_at: int | None = None

    def __call__(self, checkpoint: Callable[[], None]) -> int:
        self.started.set()
        for step in range(self.steps):
            try:
                checkpoint()
            except Cancelled:
                self.stopped_at = step
                raise
            time.sleep(self.step_seconds)
        return self.steps


def test_running_work_stops_when_its_client_leaves() -> None:
    pool = AnalysisPool(threads=1, queue=0, seconds=60)
    work = Steps()

    async def scenario() -> None:
        async def left() -> bool:
            return work.started.is_set()  # the client is gone as soon as its work runs

        with pytest.raises(ApiError) as refused:
            await pool.run(work, left)
        assert refused.value.status_code == 499 and refused.value.code == "cancelled"

    try:
        asyncio.run(scenario())
        deadline = time.monotonic() + 10
        while pool.admitted and time.monotonic() < deadline:
            time.sleep(0.01)
        assert pool.admitted == 0
        assert work.stopped_at is not None and work.stopped_at < work.steps // 2  # stopped, long before its end
    finally:
        pool.shutdown()


def test_running_work_stops_past_its_time_budget_and_a_full_pool_refuses_at_once() -> None:
    pool = AnalysisPool(threads=1, queue=0, seconds=2.0)
    work = Steps()

    async def scenario() -> None:
        first = asyncio.ensure_future(pool.run(work))
        while not work.started.is_set() and not first.done():
            await asyncio.sleep(0.01)
        assert work.started.is_set()
        with pytest.raises(ApiError) as busy:
            await pool.run(Steps(steps=1))
        assert busy.value.status_code == 503 and busy.value.code == "busy"
        assert int((busy.value.headers or {})["Retry-After"]) >= 1
        with pytest.raises(ApiError) as late:
            await first
        assert late.value.status_code == 503 and late.value.code == "timeout"

    try:
        asyncio.run(scenario())
        deadline = time.monotonic() + 10
        while pool.admitted and time.monotonic() < deadline:
            time.sleep(0.01)
        assert pool.admitted == 0 and work.stopped_at is not None and work.stopped_at < work.steps // 2
    finally:
        pool.shutdown()


def test_the_pool_returns_results_and_errors_of_its_work() -> None:
    pool = AnalysisPool(threads=2, queue=2, seconds=30)

    def fails(_checkpoint: Callable[[], None]) -> int:
        raise ValueError("this document's problem")

    async def scenario() -> None:
        assert await asyncio.gather(*(pool.run(Steps(steps=3, step_seconds=0.001)) for _ in range(4))) == [3] * 4
        with pytest.raises(ValueError, match="this document's problem"):
            await pool.run(fails)

    try:
        asyncio.run(scenario())
        assert pool.admitted == 0
    finally:
        pool.shutdown()

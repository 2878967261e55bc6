"""The analysis pool: analysis (CPU-bound) runs on a few threads of its own, off the event loop and off the
threads that serve every other request, so ``/healthz``, the review UI and reads stay quick under load.

* Bounded: at most ``threads`` analyses run and ``queue`` more wait; past that a request is refused at once
  with 503 and ``Retry-After`` (saturated), never queued without end.
* A time budget per request, counted from admission: past it the caller gets 503, and the work is told to stop.
* When the client disconnects, its queued work is dropped and its running work told to stop.

"Told to stop": the work receives a ``checkpoint`` callable and calls it between steps (after normalising,
after each recogniser, before each stage); it raises ``Cancelled`` once the request is over. A step already
running finishes first, and its thread stays counted until then (so abandoned work cannot pile up threads).
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from basira.api.errors import ApiError

T = TypeVar("T")
Checkpoint = Callable[[], None]
POLL_SECONDS = 0.25  # how often a waiting request looks at its client and its clock


class Cancelled(Exception):
    """The request this work belongs to is over (time budget spent, or the client left)."""


class _Ticket:
    def __init__(self, seconds: float):
        self.deadline = time.monotonic() + seconds
        self.stopped = threading.Event()

    def checkpoint(self) -> None:
        if self.stopped.is_set() or time.monotonic() > self.deadline:
            raise Cancelled()


class AnalysisPool:
    def __init__(self, threads: int, queue: int, seconds: float):
        if threads < 1 or queue < 0 or seconds <= 0:
            raise ValueError("the analysis pool needs at least 1 thread, a queue of 0 or more and a positive budget")
        self.threads = threads
        self.capacity = threads + queue
        self.seconds = seconds
        self._executor = ThreadPoolExecutor(threads, thread_name_prefix="basira-analysis")
        self._lock = threading.Lock()
        self._admitted = 0  # running or waiting

    @property
    def admitted(self) -> int:
        return self._admitted

    def _admit(self) -> bool:
        with self._lock:
            if self._admitted >= self.capacity:
                return False
            self._admitted += 1
            return True

    def _release(self) -> None:
        with self._lock:
            self._admitted -= 1

    def retry_after(self) -> int:
        """A hint for saturated callers: about one time budget's share per running thread."""
        return max(1, min(60, math.ceil(self.seconds / max(1, self.threads))))

    async def run(self, work: Callable[[Checkpoint], T], disconnected: Callable[[], Awaitable[bool]] | None = None
                  ) -> T:
        """Run ``work(checkpoint)`` in the pool and return its result; ``ApiError`` 503 when the pool is full
        or the time budget is spent; ``disconnected`` is polled to drop the work of a client that left."""
        if not self._admit():
            raise ApiError(503, f"the server is busy: {self.capacity} analyses are running or waiting; retry later",
                           code="busy", headers={"Retry-After": str(self.retry_after())})
        ticket = _Ticket(self.seconds)

        def job() -> T:
            try:
                ticket.checkpoint()  # the request may be over before a thread was free
                return work(ticket.checkpoint)
            finally:
                self._release()

        try:
            future: Future[T] = self._executor.submit(job)
        except RuntimeError:  # shutting down
            self._release()
            raise ApiError(503, "the server is shutting down", code="busy", headers={"Retry-After": "1"}) from None
        waiting = asyncio.wrap_future(future)
        try:
            while True:
                done, _ = await asyncio.wait({waiting}, timeout=POLL_SECONDS)
                if done:
                    try:
                        return waiting.result()
                    except Cancelled:
                        raise self._over_budget() from None
                if time.monotonic() > ticket.deadline:
                    raise self._over_budget()
                if disconnected is not None and await disconnected():
                    raise ApiError(499, "the client left; its analysis was cancelled", code="cancelled")
        finally:
            if not future.done():
                ticket.stopped.set()
                future.cancel()
            if future.cancelled():  # never started, and never will: its slot is freed here, not by job()
                self._release()

    def _over_budget(self) -> ApiError:
        return ApiError(503, f"the analysis took longer than the time budget of {self.seconds:g} s; send a shorter "
                        "text or retry later", code="timeout", headers={"Retry-After": str(self.retry_after())})

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

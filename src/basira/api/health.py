"""The database check behind ``/healthz``: run about once a second on a thread of its own, so that
``/healthz`` answers from the latest result in one turn of the event loop, however busy the process is
(under load every thread queues for the interpreter lock, and each hand-off between threads costs a turn).

A result counts while it is at most ``FRESH_SECONDS`` old and no later check failed; otherwise ``/healthz``
checks there and then (``CHECK_SECONDS`` at most).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

INTERVAL_SECONDS = 1.0
FRESH_SECONDS = 3.0
CHECK_SECONDS = 5.0


class Health:
    def __init__(self, check: Callable[[], str | None]):
        self._check = check
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="basira-health")
        self._ok_at: float | None = None
        self._failed_at: float | None = None
        self._revision: str | None = None

    async def probe(self) -> str | None:
        """Check now; the schema revision, or the check's exception."""
        loop = asyncio.get_running_loop()
        try:
            revision = await asyncio.wait_for(loop.run_in_executor(self._executor, self._check), CHECK_SECONDS)
        except Exception:
            self._failed_at = time.monotonic()
            raise
        self._ok_at, self._revision = time.monotonic(), revision
        return revision

    async def run(self) -> None:
        """Check every ``INTERVAL_SECONDS`` until cancelled (the application's lifespan)."""
        while True:
            with contextlib.suppress(Exception):  # recorded by probe(); /healthz reports it
                await self.probe()
            await asyncio.sleep(INTERVAL_SECONDS)

    async def status(self) -> tuple[bool, str | None]:
        """(database reachable, schema revision): the latest result when fresh, else a check now."""
        ok_at, failed_at = self._ok_at, self._failed_at
        if ok_at is not None and time.monotonic() - ok_at <= FRESH_SECONDS and (failed_at is None or failed_at < ok_at):
            return True, self._revision
        try:
            return True, await self.probe()
        except Exception:
            return False, None

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

"""Server settings: one frozen object, from ``basira serve`` options or the environment (``BASIRA_*``)."""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass, field, fields, replace
from typing import Any

from basira.store import DEFAULT_URL


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the API and the web UI are configured by. Limits are per request or per token."""

    db_url: str = DEFAULT_URL
    policy: str | None = None  # bundled policy id or a file; None = the default (tco)
    jurisdiction: str | None = None
    retention: str = "full"  # "full" keeps document text (reviewers need it); "hashes" does not
    match_banks: bool = True  # match against the store's enabled banks before the policy
    model: str | None = "default"  # the trained classifier, as for 'basira scan --model': default, a file, none
    max_body_bytes: int = 2 * 1024 * 1024  # any request body larger than this → 413
    max_chars: int = 200_000  # one document's text → 413 past it
    max_batch: int = 100  # documents per /v1/analyze/batch → 413 past it
    max_request_chars: int = 1_000_000  # characters of text per request, all documents of a batch together
    # Analyses running at once per worker process, off the event loop. Analysis is CPU-bound Python: threads
    # share one interpreter lock, so more add no speed, only queueing for it (/healthz included).
    analysis_threads: int = 2
    analysis_queue: int = 64  # analyses waiting for a thread; past threads + queue → 503 with Retry-After
    analysis_seconds: float = 60.0  # time budget per analysis request from admission → 503 past it
    rate_per_second: float = 20.0  # token bucket refill per API token
    rate_burst: int = 60  # token bucket size per API token
    login_rate_per_minute: float = 10.0  # login attempts per client address
    session_secret: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    session_max_age: int = 12 * 3600  # seconds
    secure_cookies: bool | None = None  # None: Secure exactly when the request came over TLS
    # Reverse proxies whose X-Forwarded-For/-Proto are believed (comma-separated addresses or networks).
    # None: no one's, so a client cannot choose the address its rate limits are counted against.
    trusted_proxies: str | None = None
    confirm_bank: str | None = None  # a confirmed violating decision feeds this bank unless the reviewer picks one
    blur_default: bool = True  # blur violating text until the reviewer clicks (reviewer wellbeing)
    queue_page_size: int = 25
    # Worker processes serving this store: a live policy change would reach one of them only, so it is refused.
    workers: int = 1

    def __post_init__(self) -> None:
        if self.retention not in ("full", "hashes"):
            raise ValueError(f"retention must be 'full' or 'hashes', got {self.retention!r}")
        for name in ("max_body_bytes", "max_chars", "max_batch", "rate_burst", "session_max_age", "queue_page_size",
                     "workers", "max_request_chars", "analysis_threads"):
            if int(getattr(self, name)) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.analysis_queue < 0 or self.analysis_seconds <= 0:
            raise ValueError("analysis_queue must be 0 or more and analysis_seconds positive")
        for proxy in self.proxies():
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                raise ValueError(f"trusted_proxies: {proxy!r} is not an IP address or network") from None

    def proxies(self) -> list[str]:
        """The trusted proxy addresses/networks, [] when none."""
        return [p.strip() for p in (self.trusted_proxies or "").split(",") if p.strip()]
        if self.rate_per_second <= 0 or self.login_rate_per_minute <= 0:
            raise ValueError("rates must be positive")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Read ``BASIRA_<FIELD>`` variables (e.g. ``BASIRA_DB_URL``, ``BASIRA_SESSION_SECRET``), then overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        defaults = cls()
        for f in fields(cls):
            raw = env.get(f"BASIRA_{f.name.upper()}")
            if raw is None:
                continue
            current = getattr(defaults, f.name)
            if f.name == "secure_cookies":
                values[f.name] = None if raw.lower() in ("", "auto") else raw.lower() in ("1", "true", "yes")
            elif isinstance(current, bool):
                values[f.name] = raw.lower() in ("1", "true", "yes")
            elif isinstance(current, int):
                values[f.name] = int(raw)
            elif isinstance(current, float):
                values[f.name] = float(raw)
            else:
                values[f.name] = raw or None
        if "BASIRA_DB" in env and "db_url" not in values:
            values["db_url"] = env["BASIRA_DB"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(defaults, **values)

    def to_env(self) -> dict[str, str]:
        """``BASIRA_<FIELD>`` variables that ``from_env`` reads back as these settings (so that every worker
        process of one server, which builds its own application, gets the same ones, secret included)."""
        env = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "secure_cookies" and value is None:
                text = "auto"
            elif isinstance(value, bool):
                text = "true" if value else "false"
            else:
                text = "" if value is None else str(value)
            env[f"BASIRA_{f.name.upper()}"] = text
        return env

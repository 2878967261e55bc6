"""Prometheus metrics on a registry of the application's own (so several apps in one process don't clash).

Counts of content and actions only; nothing is labelled by user or reviewer (basira judges content,
not people)."""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

__all__ = ["CONTENT_TYPE_LATEST", "Metrics"]


class Metrics:
    def __init__(self, queue_size: Callable[[], float] | None = None) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "basira_http_requests", "HTTP requests by method, route template and status.",
            ["method", "route", "status"], registry=self.registry,
        )
        self.latency = Histogram(
            "basira_http_request_seconds", "Time to answer an HTTP request, by route template.", ["route"],
            registry=self.registry, buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )
        self.analyses = Counter(
            "basira_analyses", "Documents analysed through the API, by outcome.", ["outcome"], registry=self.registry
        )
        self.reviews = Counter(
            "basira_reviews", "Review actions recorded, by action.", ["action"], registry=self.registry
        )
        self.appeals = Counter("basira_appeals", "Appeals filed.", registry=self.registry)
        self.rate_limited = Counter(
            "basira_rate_limited", "Requests refused by a rate limit, by kind.", ["kind"], registry=self.registry
        )
        if queue_size is not None:
            gauge = Gauge("basira_queue_items", "Items awaiting review.", registry=self.registry)
            gauge.set_function(queue_size)

    def watch_pool(self, admitted: Callable[[], float], capacity: int) -> None:
        """Gauges of the analysis pool: analyses running or waiting, and how many it admits at most."""
        Gauge("basira_analysis_admitted", "Analyses running or waiting in the pool.",
              registry=self.registry).set_function(admitted)
        Gauge("basira_analysis_capacity", "Analyses the pool admits at once (threads + queue); past it 503.",
              registry=self.registry).set(capacity)

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(route).observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)

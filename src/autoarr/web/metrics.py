"""Prometheus request counts and latency histograms by route and status, in a registry per app."""

from __future__ import annotations

from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class HttpMetrics:
    """The HTTP metrics one AutoArr app exposes at `/metrics`."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "autoarr_http_requests",
            "HTTP requests answered, by method, route template and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "autoarr_http_request_duration_seconds",
            "Time from request to last response byte, by method, route template and status",
            ["method", "route", "status"],
            buckets=_BUCKETS,
            registry=self.registry,
        )
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}

    def observe(self, *, method: str, route: str, status: int, seconds: float) -> None:
        # Label lookups take a lock and hash every label; the children are cached per (method, route, status).
        # Routes are templates and unmatched requests share one label, so this stays small.
        children = self._children.get((method, route, status))
        if children is None:
            labels = (method, route, str(status))
            children = self._children[(method, route, status)] = (
                self.requests.labels(*labels),
                self.latency.labels(*labels),
            )
        children[0].inc()
        children[1].observe(seconds)

    def render(self) -> bytes:
        return generate_latest(self.registry)

"""Prometheus metrics at /metrics: counts and timings only, never text, never ids."""

from __future__ import annotations

import time

from aiohttp import web
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from bot import keys
from bot.web import ops


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("trivsel_http_requests", "HTTP requests", ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram(
            "trivsel_http_request_seconds",
            "Time to answer a request",
            ["route"],
            registry=self.registry,
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
        )
        self.engine_errors = Counter(
            "trivsel_engine_errors", "Turns the engine could not answer", ["kind"], registry=self.registry
        )
        self.started = Counter(
            "trivsel_conversations_started", "Conversations started", ["tool", "partner"], registry=self.registry
        )
        self.completed = Counter(
            "trivsel_conversations_completed",
            "Conversations that reached their document",
            ["tool", "partner"],
            registry=self.registry,
        )
        self.rooms = Counter("trivsel_rooms_opened", "Facilitator rooms opened", registry=self.registry)
        self.room_answers = Counter("trivsel_room_answers", "Answers shared with rooms (counts only)", registry=self.registry)
        self.room_answers_lost = Counter(
            "trivsel_room_answers_lost", "Answers a room missed because its store was out", registry=self.registry
        )
        self.steps = Counter(
            "trivsel_step_reached",
            "Conversations reaching each step (where people stop)",
            ["tool", "step"],
            registry=self.registry,
        )


def partner_label(request: web.Request, partner) -> str:
    """Only configured partner ids become labels, so a caller cannot grow the metrics."""
    return partner if partner in request.app[keys.PARTNERS].by_id else "default"


@web.middleware
async def measure(request: web.Request, handler):
    started = time.perf_counter()
    route = request.match_info.route.resource.canonical if request.match_info.route.resource else "unmatched"
    status = 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as error:
        status = error.status
        raise
    finally:
        metrics = request.app[keys.METRICS]
        metrics.requests.labels(request.method, route, str(status)).inc()
        metrics.latency.labels(route).observe(time.perf_counter() - started)


async def expose(request: web.Request) -> web.Response:
    ops.require_operator(request)
    body = generate_latest(request.app[keys.METRICS].registry)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

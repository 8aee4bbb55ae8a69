"""Staying within the machine's open files: a header timeout, and shedding load before they run out.

Each connection holds a file descriptor. A client that opens connections and never finishes its
headers would hold them all: aiohttp closes a connection that has not brought a whole request
within its keep-alive timeout (counted from the connection's start, not reset by trickled bytes),
so that timeout is our header timeout. New connections get the lowest free descriptor, so the
number of a request's socket tells how many are open; from a margin below the limit the gateway
answers 503 with Retry-After and closes the connection, keeping the rest for its database, logs and
PDF workers (and for the requests already in flight).
"""

from __future__ import annotations

import logging
import resource
import time

from aiohttp import web

from bot.web.errors import ApiError

log = logging.getLogger("trivsel.capacity")
HEADER_TIMEOUT_S = 5.0
LIMIT: web.AppKey[int] = web.AppKey("open_file_limit", int)
LOG_EVERY_S = 60.0
_logged_at = 0.0


def raise_open_file_limit() -> int:
    """The soft limit raised to the hard one (as far as the system lets a process), at start."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            log.warning("could not raise the open-file limit from %d to %d", soft, hard)
    return soft


def open_file_limit() -> int:
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def margin(limit: int) -> int:
    return max(64, limit // 10)


@web.middleware
async def shed_load(request: web.Request, handler):
    limit = request.app.get(LIMIT) or open_file_limit()
    sock = request.transport.get_extra_info("socket") if request.transport else None
    if sock is not None and sock.fileno() >= limit - margin(limit):
        global _logged_at
        if time.monotonic() - _logged_at >= LOG_EVERY_S:
            log.warning("near the open-file limit (%d): answering 503 to new requests", limit)
            _logged_at = time.monotonic()
        response = ApiError(
            503, "busy", "The service is very busy right now. Please try again in a moment.", retry_after=5
        ).response()
        response.force_close()
        return response
    return await handler(request)

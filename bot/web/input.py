"""What API handlers do with a request first: read its JSON body, and hold back a client
(or a room) that asks too often."""

from __future__ import annotations

import asyncio
import json
import random
from typing import Any, Dict, Optional

from aiohttp import web

from bot.web.errors import ApiError

TOO_MANY = "Too many requests. Please wait a moment and try again."
# A body that has not arrived in this time is a client holding a connection open, not a leader.
BODY_TIMEOUT_S = 10.0


async def read_json(request: web.Request) -> Dict[str, Any]:
    if request.content_type != "application/json":
        raise ApiError(415, "unsupported_media_type", "Send JSON with the header Content-Type: application/json.")
    try:
        raw = await asyncio.wait_for(request.read(), BODY_TIMEOUT_S)
    except asyncio.TimeoutError:
        raise ApiError(408, "request_timeout", "The request body did not arrive in time. Please send it again.") from None
    try:
        body = json.loads(raw.decode("utf-8")) if raw else None
        # Valid JSON may still hold text no document can print: a lone surrogate ("\ud800").
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError, json.JSONDecodeError):
        raise ApiError(400, "invalid_json", "The request body is not valid JSON in UTF-8.") from None
    except RecursionError:  # nested a thousand deep: no request of ours looks like that
        raise ApiError(400, "invalid_json", "The request body is nested too deeply.") from None
    except ValueError:  # a number of more than 4,300 digits: Python will not read it as an int
        raise ApiError(400, "invalid_json", "The request body holds a number too long to read.") from None
    if not isinstance(body, dict):
        raise ApiError(400, "invalid_json", "The request body must be a JSON object.")
    return body


def retry_after(wait: float) -> int:
    """Whole seconds for the Retry-After header: at least one, and up to half again more at random,
    so eighty widgets held back at once do not all come back in the same second."""
    return max(1, int(wait + 0.999)) + random.randint(0, max(1, int(wait / 2)))


async def limit(request: web.Request, limiter_key: web.AppKey, client: Optional[str] = None, message: str = TOO_MANY) -> None:
    """429 when `client` (by default the caller's address) has no request left in its bucket."""
    wait = await request.app[limiter_key].take(client or request.remote or "unknown")
    if wait:
        raise ApiError(429, "too_many_requests", message, retry_after=retry_after(wait))

"""Who may read /metrics and /usage: the service's operators, never the internet.

With TRIVSEL_OPS_TOKEN set, both need `Authorization: Bearer <token>`. Without it, only a
request made on the machine itself, straight to the gateway, is served: one that came
through a proxy (it carries forwarded headers, as our nginx configuration sets) may be
anyone's, even though the proxy connects from loopback.
"""

from __future__ import annotations

import hmac

from aiohttp import web

from bot import keys
from bot.web.errors import ApiError

LOOPBACK = ("127.0.0.1", "::1")
FORWARDING_HEADERS = ("X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded", "X-Real-IP")


def came_through_a_proxy(request: web.Request) -> bool:
    return any(name in request.headers for name in FORWARDING_HEADERS)


def require_operator(request: web.Request) -> None:
    token = request.app[keys.SETTINGS].ops_token
    if token:
        allowed = hmac.compare_digest(request.headers.get("Authorization", "").encode(), f"Bearer {token}".encode())
    else:
        allowed = request.remote in LOOPBACK and not came_through_a_proxy(request)
    if not allowed:
        raise ApiError(
            403,
            "operators_only",
            "This page is for the service's operators. Send the ops token as Authorization: Bearer <token>.",
        )

"""Which web pages may call the API: our own, and the partners' listed origins (CORS).

A request without an Origin header, or from our own origin, is the landing page or
an app; a request from another origin must come from a partner's listed site, and
for an existing conversation, from that conversation's partner.
"""

from __future__ import annotations

from typing import Optional

from aiohttp import web

from bot import keys
from bot.web.errors import ApiError

CORS_PATHS = ("/api/", "/webhooks/")
# Public, read-only descriptions any page may read (so even a refused site can be told why).
PUBLIC_PATHS = ("/api/v1/texts", "/api/v1/tools", "/api/v1/partners/", "/api/v1/openapi.json")
EXPOSED = "Retry-After, Content-Disposition"


def cross_origin(request: web.Request) -> Optional[str]:
    """The calling page's origin when it is not our own, else None."""
    origin = request.headers.get("Origin")
    if not origin or origin == f"{request.scheme}://{request.host}":
        return None
    return origin


def refused() -> ApiError:
    return ApiError(
        403, "origin_not_allowed", "This site is not allowed to use the guide. Partners can ask to have their site added."
    )


def check_partner(request: web.Request, partner_id: Optional[str]) -> None:
    """A cross-origin call must come from one of the partner's own sites."""
    origin = cross_origin(request)
    if origin and origin not in request.app[keys.PARTNERS].get(partner_id).origins:
        raise refused()


@web.middleware
async def cors(request: web.Request, handler):
    origin = cross_origin(request)
    if origin is None or not request.path.startswith(CORS_PATHS):
        return await handler(request)
    if request.method in ("GET", "OPTIONS") and request.path.startswith(PUBLIC_PATHS):
        response = web.Response(status=204) if request.method == "OPTIONS" else await handler(request)
        response.headers["Access-Control-Allow-Origin"] = "*"
        return response
    if origin not in request.app[keys.PARTNERS].all_origins and request.method != "OPTIONS":
        # The refusal itself is readable (its preflight passes), so the widget can say plainly what is wrong.
        response = refused().response()
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
        return response
    if request.method == "OPTIONS":
        response = web.Response(
            status=204,
            headers={
                "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type, Idempotency-Key",
                "Access-Control-Max-Age": "600",
            },
        )
    else:
        try:
            response = await handler(request)
        except ApiError as error:  # readable by the partner's page too
            response = error.response()
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    response.headers["Vary"] = "Origin"
    return response

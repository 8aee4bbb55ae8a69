"""Builds the aiohttp application: API v1, the landing page and the widget."""

from __future__ import annotations

import asyncio
import logging
import re
from pathlib import PurePath
from typing import Callable, Optional

from aiohttp import ClientPayloadError, web
from aiohttp.abc import AbstractAccessLogger

from bot import keys
from bot.api import conversations, rest_channel, room_events, rooms, service, usage
from bot.conversations import outage, retention
from bot.conversations.engine import EngineClient
from bot.conversations.erase import erase_conversation
from bot.conversations.outage import StoreUnavailable
from bot.conversations.store import ConversationStore
from bot.documents.pool import DocumentRenderer
from bot.rooms import store as room_store
from bot.settings import Settings
from bot.web import capacity, metrics, origins, site
from bot.web.errors import ApiError, error_response
from bot.web.partners import Partners
from bot.web.proxies import TrustedProxies
from bot.web.ratelimit import Limits

log = logging.getLogger("trivsel.gateway")
RETENTION = web.AppKey("retention", asyncio.Task)
# Request bodies are small JSON; 2,000 characters of text fit many times over.
MAX_BODY_BYTES = 64 * 1024
# Conversation ids and host keys are keys: never logged.
ID_IN_PATH = re.compile(r"/(conversations|hosted|host)/[^/]+")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'"
    ),
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
# Answers that hold what a leader wrote (the replies, the transcript, the documents): no cache,
# in the browser or on the way, may keep a copy.
PRIVATE_PATHS = ("/api/v1/conversations", "/webhooks/rest/webhook")


class RedactingAccessLogger(AbstractAccessLogger):
    """Logs method, path with ids removed, status and time: never ids or bodies."""

    def log(self, request, response, time):
        path = ID_IN_PATH.sub(r"/\1/{id}", request.path)
        self.logger.info("%s %s %s %.1fms", request.method, path, response.status, time * 1000)


@web.middleware
async def errors_as_json(request: web.Request, handler):
    try:
        return await handler(request)
    except ApiError as error:
        return error.response()
    except web.HTTPRequestEntityTooLarge:
        return error_response(413, "request_too_large", "The request is too large.")
    except web.HTTPNotFound:
        return error_response(404, "not_found", "There is nothing here.")
    except web.HTTPMethodNotAllowed as error:
        return error_response(
            405, "method_not_allowed", "That method is not allowed here.", {"Allow": ", ".join(sorted(error.allowed_methods))}
        )
    except (ConnectionResetError, ClientPayloadError):
        # The client went away mid-request: nobody is left to answer, and nothing failed on our side.
        return web.Response(status=499, reason="Client Closed Request")
    except web.HTTPException:
        raise
    except StoreUnavailable:  # the gateway's database is full, locked or lost (logged once a minute there)
        return ApiError(
            503,
            "store_unavailable",
            "The service cannot save anything right now. Nothing was lost; please send the same again in a moment.",
            retry_after=outage.RETRY_AFTER_S,
        ).response()
    except request.app[keys.ROOMS].outage_errors:
        return ApiError(
            503,
            "rooms_unavailable",
            "The service is briefly unavailable. Nothing was lost; please try again in a moment.",
            retry_after=5,
        ).response()
    except Exception as error:  # never echo internals; log only the kind of failure
        log.error("unhandled %s on %s %s", type(error).__name__, request.method, ID_IN_PATH.sub(r"/\1/{id}", request.path))
        return error_response(
            500, "internal_error", "Something went wrong on our side. Nothing you wrote was lost; please try again."
        )


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith(PRIVATE_PATHS):
        response.headers["Cache-Control"] = "no-store"
    partner = request.app[keys.PARTNERS].get(request.query.get("partner"))
    if partner.origins:  # a partner's sites may frame our pages
        response.headers["Content-Security-Policy"] = SECURITY_HEADERS["Content-Security-Policy"].replace(
            "frame-ancestors 'self'", "frame-ancestors 'self' " + " ".join(partner.origins)
        )


def _static(name: str) -> Callable:
    """A file made at start-up; compressed when the client accepts it (its .br or .gz sibling)."""
    headers = {"Content-Type": site.TYPES[PurePath(name).suffix], "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}

    async def handler(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(request.app[keys.SITE] / name, headers=headers)

    return handler


def create_app(settings: Settings, engine: Optional[EngineClient] = None) -> web.Application:
    proxies = TrustedProxies(settings.trusted_proxies)
    app = web.Application(
        middlewares=[capacity.shed_load, proxies.middleware, metrics.measure, errors_as_json, origins.cors],
        client_max_size=MAX_BODY_BYTES,
    )
    app[capacity.LIMIT] = capacity.open_file_limit()
    app[keys.METRICS] = metrics.Metrics()
    app[keys.PARTNERS] = Partners.load(settings.partners_file)
    app[keys.SETTINGS] = settings
    app[keys.ENGINE] = engine or EngineClient(
        settings.rasa_urls, settings.rasa_token, settings.action_urls, settings.engine_timeout_s
    )
    app[keys.STORE] = ConversationStore(settings.gateway_db, settings.migrate)
    app[keys.DOCUMENTS] = DocumentRenderer(settings.pdf_workers, worker_mb=settings.pdf_worker_mb)
    _hold_limits(app, settings)
    app[keys.ROOMS] = room_store.for_settings(settings, app[keys.STORE].driver)
    room_events.setup(app)

    async def erase(conversation_id: str) -> None:
        await erase_conversation(conversation_id, settings.tracker_target, app[keys.STORE], app[keys.ROOMS])

    app[keys.ERASER] = erase
    _add_routes(app)
    app.on_response_prepare.append(_security_headers)
    app.on_startup.append(_start)
    app.on_cleanup.append(_stop)
    app.on_cleanup.append(lambda app: app[keys.LIMITS].close())
    return app


def _hold_limits(app: web.Application, settings: Settings) -> None:
    """The rate limits, in Redis when configured, so every gateway counts against the same buckets."""
    app[keys.LIMITS] = limits = Limits(settings.redis_url)
    app[keys.MESSAGE_LIMITER] = limits.bucket("message", settings.messages_per_minute)
    app[keys.CONVERSATION_LIMITER] = limits.bucket(
        "conversation", settings.conversations_per_minute, settings.conversations_burst
    )
    app[keys.DOWNLOAD_LIMITER] = limits.bucket("download", settings.downloads_per_minute)
    app[keys.CODE_MISS_LIMITER] = limits.bucket("code_miss", settings.code_misses_per_minute, settings.code_misses_per_minute)
    app[keys.ROOM_JOIN_LIMITER] = limits.bucket("room_join", settings.room_joins_per_minute)
    # A burst at least as large as the open-room cap: a conference may open all its rooms at once.
    app[keys.ROOM_LIMITER] = limits.bucket(
        "room", settings.rooms_per_minute, max(settings.open_rooms_per_address, settings.rooms_per_minute)
    )
    app[keys.OPEN_ROOMS] = limits.open_rooms()


def _add_routes(app: web.Application) -> None:
    """The API's routes, the operators' pages, and the widget's and rooms' static files."""
    app.router.add_routes(conversations.routes)
    app.router.add_routes(service.routes)
    app.router.add_routes(rest_channel.routes)
    app.router.add_routes(rooms.routes)
    app.router.add_get("/metrics", metrics.expose)
    app.router.add_get("/usage", usage.page)
    pages = {"/": "index.html", "/en": "en.html", "/facilitator": "facilitator.html", "/host/{key}": "presenter.html"}
    pages.update({"/r": "join.html", "/r/{code}": "join.html"})
    for path, page in pages.items():
        app.router.add_get(path, _static(page))
    for name in site.served():
        if name not in pages.values():
            app.router.add_get(f"/{name}", _static(name))


async def _start(app: web.Application) -> None:
    app[keys.SITE] = await asyncio.to_thread(site.build, app[keys.SETTINGS])
    await app[keys.STORE].open()
    await app[keys.ROOMS].open()
    await app[keys.ENGINE].start()
    app[keys.DOCUMENTS].start()
    await app[keys.DOCUMENTS].warm_up()
    app[RETENTION] = asyncio.create_task(retention.every_hour(app[keys.SETTINGS], app[keys.STORE], app[keys.ROOMS]))


async def _stop(app: web.Application) -> None:
    app[RETENTION].cancel()
    await app[keys.ENGINE].close()
    await app[keys.ROOMS].close()
    await app[keys.STORE].close()
    app[keys.DOCUMENTS].close()


def run(settings: Settings, on_ready: Optional[Callable[[], None]] = None) -> None:
    """Serves until interrupted; `on_ready` is called once the port is listening."""
    # The access log (method, route with ids removed, status, time) goes to var/log/access.log.
    access = logging.getLogger("aiohttp.access")
    access.setLevel(logging.INFO)
    (settings.var_dir / "log").mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(settings.var_dir / "log" / "access.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    access.addHandler(handler)
    capacity.raise_open_file_limit()
    web.run_app(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        access_log_class=RedactingAccessLogger,
        # A connection that has not brought a whole request's headers by then is closed (bot/web/capacity.py).
        keepalive_timeout=capacity.HEADER_TIMEOUT_S,
        print=(lambda _message: on_ready()) if on_ready else None,
    )

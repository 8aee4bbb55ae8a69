"""Live results for the presenter view, as server-sent events.

A stream sends the room's whole result whenever it changed (so a reconnecting presenter is
current at once); the results are computed once per change for all the room's screens on
this gateway (bot/rooms/live.py), and changes made through other gateways reach them too. A
comment line every 15 s keeps proxies from closing an idle stream. Streams end when the room
is deleted (`deleted`) or the gateway shuts down, and the browser's EventSource reconnects by
itself.
"""

from __future__ import annotations

import asyncio
import time

from aiohttp import web

from bot import keys
from bot.api.rooms import routes
from bot.rooms.live import LiveRooms
from bot.rooms.service import hosted, results_of

KEEPALIVE_S = 15.0
RETRY_MS = 1000

LIVE = web.AppKey("live_rooms", LiveRooms)


@routes.get("/api/v1/hosted/{key}/events")
async def events(request: web.Request) -> web.StreamResponse:
    room = await hosted(request)
    live = request.app[LIVE]
    with live.watch(room, request.remote or "unknown") as feed:
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store", "X-Accel-Buffering": "no"}
        )
        await response.prepare(request)
        await response.write(f"retry: {RETRY_MS}\n\n".encode())
        sent, last_write = 0, time.monotonic()
        try:
            while not live.stopping:
                if feed.generation != sent and feed.message is not None:
                    sent = feed.generation
                    await response.write(feed.message)
                    last_write = time.monotonic()
                    if feed.ended:
                        break
                    continue  # another may have come while writing
                published = feed.published
                try:
                    async with asyncio.timeout(max(0.0, last_write + KEEPALIVE_S - time.monotonic())):
                        await published.wait()
                except TimeoutError:
                    await response.write(b": still here\n\n")
                    last_write = time.monotonic()
        except ConnectionResetError:
            pass  # the presenter went away
    return response


def setup(app: web.Application) -> None:
    """One live-rooms notifier for this gateway, stopped before the stores close."""
    settings = app[keys.SETTINGS]
    app[LIVE] = LiveRooms(app[keys.ROOMS], results_of, settings.streams_per_room, settings.streams_per_address)

    async def on_shutdown(app: web.Application) -> None:
        await app[LIVE].stop()

    app.on_shutdown.append(on_shutdown)

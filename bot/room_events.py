"""Live results for the presenter view, as server-sent events.

Each open stream checks the room's change counter twice a second and sends the
whole result again when it moved (so a reconnecting presenter is current at once,
and several gateways sharing one database all see every answer). A comment line
every 15 s keeps proxies from closing an idle stream. Streams end when the
gateway shuts down, and the browser's EventSource reconnects by itself.
"""
from __future__ import annotations

import asyncio
import json
import time

from aiohttp import web

from bot import keys
from bot.room_store import live_state
from bot.rooms import hosted, results, routes

POLL_S = 0.5
KEEPALIVE_S = 15.0
RETRY_MS = 1000

STOPPING = web.AppKey("rooms_stopping", asyncio.Event)


def _event(name: str, data) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode("utf-8")


@routes.get("/api/v1/hosted/{key}/events")
async def events(request: web.Request) -> web.StreamResponse:
    room = await hosted(request)
    store = request.app[keys.ROOMS]
    stopping = request.app[STOPPING]
    response = web.StreamResponse(headers={
        "Content-Type": "text/event-stream", "Cache-Control": "no-store", "X-Accel-Buffering": "no"})
    await response.prepare(request)
    await response.write(f"retry: {RETRY_MS}\n\n".encode())
    seen, last_write = None, time.monotonic()
    try:
        while not stopping.is_set():
            try:
                current = await store.version(room["id"])
                if current is None:
                    await response.write(_event("deleted", {}))
                    break
                marker = (current["version"], live_state({**room, **current}))
                if marker != seen:
                    room = {**room, **current}
                    await response.write(_event("results", await results(request, room)))
                    seen, last_write = marker, time.monotonic()
                elif time.monotonic() - last_write > KEEPALIVE_S:
                    await response.write(b": still here\n\n")
                    last_write = time.monotonic()
            except store.outage_errors:
                pass  # the rooms' store is briefly out: keep the screen's stream, look again shortly
            try:
                await asyncio.wait_for(stopping.wait(), POLL_S)
            except asyncio.TimeoutError:
                pass
    except ConnectionResetError:
        pass  # the presenter went away
    return response


async def on_shutdown(app: web.Application) -> None:
    app[STOPPING].set()

"""Facilitator rooms through API v1: open a room, join it, watch it live, close it.

The host's key (in the host link) is the only key to control a room; the join
code is public. What reaches a room are the share payloads the actions attach to
structured answers and opted-in words (actions/share.py), recorded here once per
participant and question, and shown only as room_results computes them.
"""

from __future__ import annotations

import re
import time

from aiohttp import web

from bot import keys
from bot.conversations import tools
from bot.documents import qr
from bot.documents.filenames import attachment
from bot.rooms import export as room_export
from bot.rooms import summary as room_summary
from bot.rooms import words as shared_words
from bot.rooms.service import (
    SHARE_MAX_CHARS,
    hosted,
    join_url,
    joinable,
    links,
    results,
    within_open_rooms,
)
from bot.rooms.store import live_state
from bot.web.errors import ApiError
from bot.web.input import limit, read_json

routes = web.RouteTableDef()
BLOCKED_MAX_CHARS = 1000


@routes.get("/api/v1/warmups")
async def list_warmups(request: web.Request) -> web.Response:
    """What a facilitator can run in a room, with a line on each."""
    offered = [{"id": k, **v} for k, v in tools.warmups().items()]
    return web.json_response({"warmups": offered}, headers={"Cache-Control": "public, max-age=300"})


@routes.post("/api/v1/rooms")
async def create_room(request: web.Request) -> web.Response:
    await limit(request, keys.ROOM_LIMITER)
    body = await read_json(request)
    warmup = body.get("warmup")
    language = "da" if body.get("language") is None else body["language"]  # null: as if left out
    if not isinstance(warmup, str) or warmup not in tools.warmups():
        raise ApiError(422, "unknown_warmup", f"Unknown warm-up. Choose one of: {', '.join(sorted(tools.warmups()))}.")
    if language not in tools.LANGUAGES:
        raise ApiError(422, "unknown_language", "Unknown language. Choose da or en.")
    blocked = body.get("blocked_words")
    if blocked is not None and (not isinstance(blocked, str) or len(blocked) > BLOCKED_MAX_CHARS):
        raise ApiError(
            422,
            "invalid_blocked_words",
            f"`blocked_words` must be words separated by commas, at most {BLOCKED_MAX_CHARS} characters.",
        )
    client = request.remote or "unknown"
    await within_open_rooms(request, client)
    store = request.app[keys.ROOMS]
    room, host_key = await store.create(warmup, language, request.app[keys.SETTINGS].room_hours)
    for word in re.split(r"[,;\n]", blocked or ""):  # the host's own words join the room's filter
        if shared_words.fold(word):
            await store.hide_word(room["id"], " ".join(shared_words.entry(word)))
    await request.app[keys.OPEN_ROOMS].add(client, room["id"], room["expires_at"])
    request.app[keys.METRICS].rooms.inc()
    body = {**(await results(request, room)), **links(request, room, host_key)}
    return web.json_response(body, status=201, headers={"Cache-Control": "no-store"})


@routes.get("/api/v1/rooms/{code}")
async def room_for_participant(request: web.Request) -> web.Response:
    room = await joinable(request, request.match_info["code"])
    spec = tools.spec(room["warmup"])
    return web.json_response(
        {"code": room["code"], "warmup": room["warmup"], "language": room["language"], "title": spec["title"], "state": "open"}
    )


@routes.get("/api/v1/rooms/{code}/qr.svg")
async def room_qr(request: web.Request) -> web.Response:
    room = await joinable(request, request.match_info["code"])
    return web.Response(
        body=qr.svg(join_url(request, room["code"])),
        content_type="image/svg+xml",
        headers={"Cache-Control": "private, max-age=3600"},
    )


@routes.get("/api/v1/hosted/{key}")
async def host_view(request: web.Request) -> web.Response:
    room = await hosted(request)
    body = {**(await results(request, room)), **links(request, room, request.match_info["key"])}
    return web.json_response(body, headers={"Cache-Control": "no-store"})


@routes.post("/api/v1/hosted/{key}/close")
async def close_room(request: web.Request) -> web.Response:
    room = await hosted(request)
    if live_state(room) == "open":
        await request.app[keys.ROOMS].close_room(room["id"])
        room = await hosted(request)
    return web.json_response(await results(request, room), headers={"Cache-Control": "no-store"})


@routes.post("/api/v1/hosted/{key}/hide")
async def hide_word(request: web.Request) -> web.Response:
    """Takes a shared word off the screen (and out of the summary) for the rest of the room's life."""
    room = await hosted(request)
    word = (await read_json(request)).get("word")
    if not isinstance(word, str) or not word.strip() or len(word) > SHARE_MAX_CHARS:
        raise ApiError(422, "invalid_word", "`word` must be one of the words on the screen.")
    if shared_words.fold(word):  # punctuation alone matches no word
        await request.app[keys.ROOMS].hide_word(room["id"], " ".join(shared_words.entry(word)))
    return web.json_response(await results(request, room), headers={"Cache-Control": "no-store"})


@routes.post("/api/v1/hosted/{key}/reveal")
async def reveal_results(request: web.Request) -> web.Response:
    """Shows the results on the screen, or keeps them back (participants go on answering meanwhile)."""
    room = await hosted(request)
    revealed = (await read_json(request)).get("revealed")
    if not isinstance(revealed, bool):
        raise ApiError(422, "invalid_revealed", "`revealed` must be true (show the results) or false (hide them).")
    await request.app[keys.ROOMS].reveal(room["id"], revealed)
    room = await hosted(request)
    return web.json_response(await results(request, room), headers={"Cache-Control": "no-store"})


@routes.get("/api/v1/hosted/{key}/results.csv")
async def results_csv(request: web.Request) -> web.Response:
    """The anonymous results as a spreadsheet file for the host (shown or not on the screen)."""
    room = await hosted(request)
    shown = await results(request, room, for_screen=False)
    texts = tools.widget_texts()[shown["language"]]
    return web.Response(
        text=room_export.csv_text(shown, texts),
        content_type="text/csv",
        charset="utf-8",
        headers={
            "Content-Disposition": attachment(f"{texts['csv_name']} {shown['title']}", "room-results", "csv"),
            "Cache-Control": "no-store",
        },
    )


@routes.delete("/api/v1/hosted/{key}")
async def delete_room(request: web.Request) -> web.Response:
    room = await hosted(request)
    await request.app[keys.ROOMS].delete(room["id"])
    return web.Response(status=204)


@routes.get("/api/v1/hosted/{key}/summary.pdf")
async def summary_pdf(request: web.Request) -> web.Response:
    room = await hosted(request)
    await limit(request, keys.DOWNLOAD_LIMITER, "room:" + room["id"])  # each summary is a PDF render
    document = room_summary.document(await results(request, room, for_screen=False), time.time())
    pdf = await request.app[keys.DOCUMENTS].pdf(document, "")
    return web.Response(
        body=pdf,
        content_type="application/pdf",
        headers={"Content-Disposition": attachment(document.get("title"), "room-summary", "pdf"), "Cache-Control": "no-store"},
    )

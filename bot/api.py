"""Public API v1 (DESIGN.md: the contract partners and tests depend on)."""
from __future__ import annotations

import json
import re
import unicodedata
from typing import Any, Dict, Optional

from aiohttp import web

from bot import calendar, keys, metrics, origins, replies, rooms, tools, uploads
from bot.filenames import attachment
from bot.engine import EngineUnavailable
from bot.errors import ApiError, engine_unavailable, not_found
from bot.request_input import limit, read_json

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")
PARTNER_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
# Buttons send `/intent` or `/intent{"key": "value"}` (up to four keys, values of up to 200 characters,
# as json.dumps writes them); `start` is the gateway's alone. bot/openapi.yaml has the same pattern.
_VALUE = r'"(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]){0,200}"'
_ENTITY = r'"[a-z_]{1,30}": ?' + _VALUE
PAYLOAD_PATTERN = re.compile(r"^/(?!start\b)[a-z_]{1,30}(?:\{(?:" + _ENTITY + r"(?:, ?" + _ENTITY + r"){0,3})?\})?$")
TYPED_SLASH_GUARD = "\u200b"
CONTROL_CHARS = {c: None for c in range(32) if c not in (9, 10)}

routes = web.RouteTableDef()


def clean_text(value: Any, limit: int) -> str:
    if not isinstance(value, str):
        raise ApiError(422, "invalid_text", "`text` must be a string.")
    if len(value) > limit:  # as sent, as the API description counts it
        raise ApiError(413, "text_too_long", f"The message is longer than {limit} characters. Please shorten it or split it in two.")
    text = unicodedata.normalize("NFC", value).translate(CONTROL_CHARS).strip()
    if not text:
        raise ApiError(422, "empty_text", "The message is empty. Write something, or tap one of the buttons.")
    if text.startswith("/"):
        # Rasa reads a leading "/" as a button payload; a zero-width space keeps
        # typed text as text (the actions remove it again).
        text = TYPED_SLASH_GUARD + text
    return text


def clean_payload(value: Any) -> str:
    if not isinstance(value, str) or not PAYLOAD_PATTERN.fullmatch(value):
        raise ApiError(422, "invalid_payload", "`payload` must be one of the payloads the bot offered on a button.")
    return value


def conversation_id(request: web.Request) -> str:
    value = request.match_info["id"]
    if not ID_PATTERN.match(value):
        raise not_found()
    return value


async def existing(request: web.Request) -> Dict[str, Any]:
    record = await request.app[keys.STORE].get(conversation_id(request))
    if record is None:
        raise not_found()
    origins.check_partner(request, record["partner"])
    return record


async def send(request: web.Request, record: Dict[str, Any], message: str, metadata: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    counters = request.app[keys.METRICS]
    try:
        raw = await request.app[keys.ENGINE].send(record["id"], message, metadata)
        reply = replies.fold(record["id"], raw, {"progress": record.get("progress"), "state": record.get("state")})
    except EngineUnavailable:
        counters.engine_errors.labels("unavailable").inc()
        raise engine_unavailable() from None
    except replies.StateLost:
        counters.engine_errors.labels("state_lost").inc()
        raise engine_unavailable() from None
    shares = reply.pop("shares")
    if shares:
        await rooms.record_shares(request, record["id"], shares)
    await count(request, record, reply)
    await request.app[keys.STORE].update(record["id"], reply["state"], reply["progress"])
    return reply


async def count(request: web.Request, record: Dict[str, Any], reply: Dict[str, Any]) -> None:
    """Counts only: steps reached (where people stop), and documents reached, per tool and partner."""
    counters = request.app[keys.METRICS]
    before = (record.get("progress") or {}).get("step") or 0
    if reply["progress"]["step"] > before:
        counters.steps.labels(record["tool"], str(reply["progress"]["step"])).inc()
    if reply["state"] == "completed" and record.get("state") != "completed":
        partner = metrics.partner_label(request, record["partner"])
        counters.completed.labels(record["tool"], partner).inc()
        await request.app[keys.STORE].count_usage(record["tool"], partner, "completed")


@routes.post("/api/v1/conversations")
async def create_conversation(request: web.Request) -> web.Response:
    if "room" in (body := await read_json(request)):
        return web.json_response(await join_room(request, body), status=201)
    await limit(request, keys.CONVERSATION_LIMITER)
    upload = uploads.checked(body["followup"], body.get("tool")) if "followup" in body else None
    tool = upload["tool"] if upload else body.get("tool")
    language = body.get("language")
    if language is None and upload:  # null: as if left out
        language = upload["language"]
    metadata: Dict[str, Any] = {"upload": upload} if upload else {}
    if "prepared" in body:
        if tool != "group":
            raise ApiError(422, "invalid_prepared", "`prepared` goes with the tool `group` (Værktøj 2).")
        metadata["prepared"] = await rooms.prepared_for(request, body["prepared"])
    reply = await start_conversation(request, tool, language, body.get("partner"), metadata)
    return web.json_response(reply, status=201)


async def join_room(request: web.Request, body: Dict[str, Any]) -> Dict[str, Any]:
    """A participant joins a facilitator's room: a conversation with the room's warm-up.

    Limited per room rather than per address: a webinar's participants may all
    come from one company network.
    """
    room = await rooms.joinable(request, body["room"])
    await limit(request, keys.ROOM_JOIN_LIMITER, room["id"], "Many people are joining right now. Please try again in a moment.")
    language = room["language"] if body.get("language") is None else body["language"]  # null: as if left out
    if language not in tools.LANGUAGES:
        raise ApiError(422, "unknown_language", "Unknown language. Choose da or en.")
    reply = await open_conversation(request, room["warmup"], room["warmup"], language, None, {"room": {"code": room["code"]}})
    await request.app[keys.ROOMS].join(room["id"], reply["id"])
    return reply


def check_choices(tool: Any, language: Any, partner: Any) -> str:
    """422 for a tool, language or partner that is not one of ours; the language (null: Danish)."""
    if not isinstance(tool, str) or tool not in tools.available():
        offered = ", ".join(sorted(tools.available()))
        raise ApiError(422, "unknown_tool", f"Unknown tool. Choose one of: {offered}.")
    language = "da" if language is None else language
    if language not in tools.LANGUAGES:
        raise ApiError(422, "unknown_language", "Unknown language. Choose da or en.")
    if partner is not None and (not isinstance(partner, str) or not PARTNER_PATTERN.match(partner)):
        raise ApiError(422, "invalid_partner", "`partner` must be a short id of lower-case letters, digits and hyphens.")
    return language


async def start_conversation(request: web.Request, tool: Any, language: Any, partner: Any,
                             metadata: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """Checks the choices, creates the conversation and returns its first turn (with its id)."""
    language = check_choices(tool, language, partner)
    origins.check_partner(request, partner)
    if tool not in request.app[keys.PARTNERS].get(partner).public()["tools"]:
        raise ApiError(422, "tool_not_offered", "That tool is not offered here.")
    # A saved file starts the follow-up, or the same tool again when that is how it follows up (the ladder).
    engine_tool = uploads.FOLLOWUP_TOOL if (metadata or {}).get("upload") and not tools.retaken(tool) else tool
    return await open_conversation(request, tool, engine_tool, language, partner, metadata)


async def open_conversation(request: web.Request, tool: str, engine_tool: str, language: str, partner: Optional[str],
                            metadata: Optional[Dict[str, Any]]) -> Dict[str, Any]:
    """Creates the conversation and sends its opening; nothing is left behind if that fails."""
    cid = request.app[keys.ENGINE].new_conversation_id()
    store = request.app[keys.STORE]
    await store.create(cid, tool, language, partner)
    label = metrics.partner_label(request, partner)
    record = await store.get(cid)
    start = "/start" + json.dumps({"tool": engine_tool, "language": language})
    try:
        reply = await send(request, record, start, metadata or None)
    except ApiError:
        await store.delete(cid)
        raise
    request.app[keys.METRICS].started.labels(tool, label).inc()
    await store.count_usage(tool, label, "started")
    return {"id": cid, **reply}


@routes.post("/api/v1/conversations/{id}/messages")
async def post_message(request: web.Request) -> web.Response:
    record = await existing(request)
    # Per conversation, not per address: an office or a webinar behind one address is many leaders,
    # and one person cannot type sixty messages a minute.
    await limit(request, keys.MESSAGE_LIMITER, record["id"])
    body = await read_json(request)
    has_text, has_payload = "text" in body, "payload" in body
    if has_text == has_payload:
        raise ApiError(422, "invalid_message", "Send either `text` or `payload`.")
    if has_text:
        message = clean_text(body["text"], request.app[keys.SETTINGS].max_text_chars)
    else:
        message = clean_payload(body["payload"])
    key = idempotency_key(request)
    if key is None:
        return web.json_response(await send(request, record, message))
    store = request.app[keys.STORE]
    cached = await store.cached_reply(record["id"], key)
    if cached is not None:  # sent again after a lost reply: the same answer, and Rasa never sees it twice
        return web.json_response(cached, headers={"Idempotent-Replayed": "true"})
    # The key travels to the actions too: if the first try reached Rasa but its reply was lost,
    # they do not apply the message a second time (actions/form.py).
    reply = await send(request, record, message, {"idempotency_key": key})
    await store.remember_reply(record["id"], key, reply)
    return web.json_response(reply)


IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_.:-]{8,128}$")


def idempotency_key(request: web.Request) -> Optional[str]:
    """The message's Idempotency-Key header (IETF draft, as Stripe uses it), or None."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not IDEMPOTENCY_KEY.match(key):
        raise ApiError(400, "invalid_idempotency_key", "Idempotency-Key must be 8 to 128 letters, digits or -_.: (a random id).")
    return key


@routes.get("/api/v1/conversations/{id}")
async def get_conversation(request: web.Request) -> web.Response:
    record = await existing(request)
    await limit(request, keys.DOWNLOAD_LIMITER, record["id"])  # each read asks Rasa for the whole tracker
    try:
        tracker = await request.app[keys.ENGINE].tracker(record["id"])
    except EngineUnavailable:
        raise engine_unavailable() from None
    history = replies.transcript(record["id"], tracker.get("events") or [])
    return web.json_response({
        "id": record["id"], "tool": record["tool"], "language": (tracker.get("slots") or {}).get("language") or record["language"],
        **history,
    })


@routes.get(r"/api/v1/conversations/{id}/documents/{kind:[a-z][a-z0-9-]{0,40}}.{ext:pdf|json|ics}")
async def get_document(request: web.Request) -> web.Response:
    """The document as PDF (`?paper=a4` for posters, `?sheet=a4` for cards), as a file to save, or as a calendar entry."""
    record = await existing(request)
    # Per conversation: a leader fetches a handful of files, and a PDF costs a render.
    await limit(request, keys.DOWNLOAD_LIMITER, record["id"])
    kind, ext = request.match_info["kind"], request.match_info["ext"]
    try:
        tracker = await request.app[keys.ENGINE].tracker(record["id"])
    except EngineUnavailable:
        raise engine_unavailable() from None
    document = ((tracker.get("slots") or {}).get("documents") or {}).get(kind)
    if not isinstance(document, dict):
        raise ApiError(404, "no_document", "That document is not ready yet. It is made when that part of the conversation is done.")
    headers = {"Content-Disposition": attachment(document.get("title"), kind, ext), "Cache-Control": "no-store"}
    if ext == "json":
        return web.json_response(document, headers=headers, dumps=lambda d: json.dumps(d, ensure_ascii=False, indent=1))
    if ext == "ics":
        if not document.get("follow_up"):
            raise ApiError(404, "no_date", "This document has no follow-up date.")
        return web.Response(body=calendar.follow_up_event(document), content_type="text/calendar", charset="utf-8", headers=headers)
    variant = request.query.get("paper") or request.query.get("sheet") or ""
    if variant not in ("", "a4"):
        raise ApiError(422, "unknown_variant", "Use ?paper=a4 (posters) or ?sheet=a4 (action cards), or nothing.")
    pdf = await request.app[keys.DOCUMENTS].pdf(document, variant)
    return web.Response(body=pdf, content_type="application/pdf", headers=headers)


@routes.delete("/api/v1/conversations/{id}")
async def delete_conversation(request: web.Request) -> web.Response:
    record = await existing(request)
    await request.app[keys.ERASER](record["id"])
    return web.Response(status=204)


@routes.get("/healthz")
async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


@routes.get("/readyz")
async def readyz(request: web.Request) -> web.Response:
    checks = await request.app[keys.ENGINE].ready()
    documents = request.app[keys.DOCUMENTS]
    checks["pdf"] = documents.healthy
    documents.heal()  # reported once, replaced at once: the next check and the next download find it working
    ready = all(checks.values())
    return web.json_response({"ready": ready, "checks": checks}, status=200 if ready else 503)


@routes.get("/api/v1/texts")
async def widget_texts(request: web.Request) -> web.Response:
    return web.json_response(tools.widget_texts(), headers={"Cache-Control": "public, max-age=300"})


@routes.get("/api/v1/partners/{partner}")
async def partner_config(request: web.Request) -> web.Response:
    """A partner's look and tools for the widget; an unknown id gets the neutral default."""
    return web.json_response(request.app[keys.PARTNERS].get(request.match_info["partner"]).public(),
                             headers={"Cache-Control": "public, max-age=300"})


@routes.get("/api/v1/openapi.json")
async def openapi(request: web.Request) -> web.Response:
    return web.json_response(tools.openapi(), headers={"Cache-Control": "public, max-age=300"})


@routes.get("/api/v1/tools")
async def list_tools(request: web.Request) -> web.Response:
    return web.json_response({"tools": [{"id": k, "title": v} for k, v in tools.available().items()]})

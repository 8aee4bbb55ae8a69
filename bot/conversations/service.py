"""Conversations as the routes use them: checked input, starting one (alone, in a room, from a saved file), sending a message to its engine and keeping the gateway's record."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any, Dict, Optional

from aiohttp import web

import catalogue
from bot import keys
from bot.conversations import replies, tools, uploads
from bot.conversations.as_meant import as_meant
from bot.conversations.engine import EngineUnavailable
from bot.rooms import service as rooms
from bot.web import metrics, origins
from bot.web.errors import ApiError, engine_unavailable, not_found
from bot.web.input import limit
from catalogue.intents import CONTROL, THEME_PREFIX

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{32}$")


PARTNER_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


# Buttons send `/intent` or `/intent{"key": "value"}` (up to four keys, values of up to 200 characters,
# as json.dumps writes them); `start` is the gateway's alone. bot/api/openapi.yaml has the same pattern.
_VALUE = r'"(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]){0,200}"'


_ENTITY = r'"[a-z_]{1,30}": ?' + _VALUE


_ENTITIES = r"(?:\{(?:" + _ENTITY + r"(?:, ?" + _ENTITY + r"){0,3})?\})?$"
PAYLOAD_PATTERN = re.compile(r"^/(?!start\b)[a-z_]{1,30}" + _ENTITIES)
# The intents a button may send to the engine. An intent the engine's domain does not know ("/back") was
# taken in and broke the conversation for good (every later message 503, the transcript 500); "/open_tool"
# is the widget's own, opened in the browser, never sent. API v1 takes only these (its schema says so);
# the Rasa REST webhook takes any payload as a new sender's "get started" (bot/api/rest_channel.py).
PAYLOAD_INTENTS = sorted(
    {i for i in (*CONTROL, "answer") if i != "start"} | {THEME_PREFIX + key for key in catalogue.common()["themes"]}
)
OFFERED_PAYLOAD_PATTERN = re.compile(r"^/(?:" + "|".join(PAYLOAD_INTENTS) + r")" + _ENTITIES)


TYPED_SLASH_GUARD = "\u200b"


# A control character stands between words ("arbejde\x00og"): a space keeps them two words.
CONTROL_CHARS = {c: " " for c in range(32) if c not in (9, 10)}


def clean_text(value: Any, limit: int) -> str:
    if not isinstance(value, str):
        raise ApiError(422, "invalid_text", "`text` must be a string.")
    if len(value) > limit:  # as sent, as the API description counts it
        raise ApiError(
            413, "text_too_long", f"The message is longer than {limit} characters. Please shorten it or split it in two."
        )
    text = unicodedata.normalize("NFC", value).translate(CONTROL_CHARS).strip()
    if not text:
        raise ApiError(422, "empty_text", "The message is empty. Write something, or tap one of the buttons.")
    text = as_meant(text)  # without "Sendt fra min iPhone", a signature, the quoted question; "punktum" as "."
    if text.startswith("/"):
        # Rasa reads a leading "/" as a button payload; a zero-width space keeps
        # typed text as text (the actions remove it again).
        text = TYPED_SLASH_GUARD + text
    return text


def clean_payload(value: Any, offered: bool = True) -> str:
    """A button's payload; `offered=False` takes any payload's shape (a new sender's "get started")."""
    pattern = OFFERED_PAYLOAD_PATTERN if offered else PAYLOAD_PATTERN
    if not isinstance(value, str) or not pattern.fullmatch(value):
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


async def send(
    request: web.Request, record: Dict[str, Any], message: str, metadata: Optional[Dict[str, Any]] = None
) -> Dict[str, Any]:
    counters = request.app[keys.METRICS]
    try:
        raw = await request.app[keys.ENGINE].send(record["id"], message, metadata)
        reply = replies.fold(record["id"], raw, {"progress": record.get("progress"), "state": record.get("state")})
    except EngineUnavailable:
        counters.engine_errors.labels("unavailable").inc()
        raise engine_unavailable() from None
    except replies.NotHandled as lost:
        counters.engine_errors.labels(lost.kind).inc()
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
    check_partner_id(partner)
    return language


def check_partner_id(partner: Any) -> None:
    """A partner id as the API describes it (left out or null is fine)."""
    if partner is not None and (not isinstance(partner, str) or not PARTNER_PATTERN.match(partner)):
        raise ApiError(422, "invalid_partner", "`partner` must be a short id of lower-case letters, digits and hyphens.")


async def start_conversation(
    request: web.Request, tool: Any, language: Any, partner: Any, metadata: Optional[Dict[str, Any]] = None
) -> Dict[str, Any]:
    """Checks the choices, creates the conversation and returns its first turn (with its id)."""
    language = check_choices(tool, language, partner)
    origins.check_partner(request, partner)
    if tool not in request.app[keys.PARTNERS].get(partner).public()["tools"]:
        raise ApiError(422, "tool_not_offered", "That tool is not offered here.")
    # A saved file starts the follow-up, or the same tool again when that is how it follows up (the ladder).
    engine_tool = uploads.FOLLOWUP_TOOL if (metadata or {}).get("upload") and not tools.retaken(tool) else tool
    return await open_conversation(request, tool, engine_tool, language, partner, metadata)


async def open_conversation(
    request: web.Request, tool: str, engine_tool: str, language: str, partner: Optional[str], metadata: Optional[Dict[str, Any]]
) -> Dict[str, Any]:
    """Creates the conversation and sends its opening; nothing is left behind if that fails."""
    cid = request.app[keys.ENGINE].new_conversation_id()
    store = request.app[keys.STORE]
    await store.create(cid, tool, language, partner)
    label = metrics.partner_label(request, partner)
    record = await store.get(cid)
    assert record is not None  # created just above
    start = "/start" + json.dumps({"tool": engine_tool, "language": language})
    try:
        reply = await send(request, record, start, metadata or None)
    except ApiError:
        await store.delete(cid)
        raise
    request.app[keys.METRICS].started.labels(tool, label).inc()
    await store.count_usage(tool, label, "started")
    return {"id": cid, **reply}


IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_.:-]{8,128}$")


def idempotency_key(request: web.Request) -> Optional[str]:
    """The message's Idempotency-Key header (IETF draft, as Stripe uses it), or None."""
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not IDEMPOTENCY_KEY.match(key):
        raise ApiError(400, "invalid_idempotency_key", "Idempotency-Key must be 8 to 128 letters, digits or -_.: (a random id).")
    return key

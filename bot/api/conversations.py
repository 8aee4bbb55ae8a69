"""Public API v1 (DESIGN.md: the contract partners and tests depend on)."""

from __future__ import annotations

import json
from typing import Any, Dict, Optional

from aiohttp import web

from bot import keys
from bot.conversations import replies, tools, uploads
from bot.conversations.engine import EngineUnavailable
from bot.conversations.service import (
    check_partner_id,
    clean_payload,
    clean_text,
    existing,
    idempotency_key,
    join_room,
    send,
    start_conversation,
)
from bot.documents import calendar, filenames
from bot.documents.filenames import attachment
from bot.rooms import service as rooms
from bot.web.errors import ApiError, engine_unavailable
from bot.web.input import limit, read_json
from renderer import render

routes = web.RouteTableDef()


@routes.post("/api/v1/conversations")
async def create_conversation(request: web.Request) -> web.Response:
    if "room" in (body := await read_json(request)):
        if any(key in body for key in ("tool", "followup", "prepared")):  # a room decides what is done in it
            raise ApiError(422, "room_code_only", "To join a room, send its code (and a language) only.")
        check_partner_id(body.get("partner"))
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
    answers_step = whole_step(body.get("answers_step"))  # checked even beside a key: a bad value is refused
    key = idempotency_key(request) or step_key(record, answers_step)
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


def whole_step(step: Any) -> Optional[int]:
    """`answers_step` as a whole number of zero or more (None when not sent); anything else is refused."""
    if step is None:
        return None
    if isinstance(step, float) and step.is_integer():  # 3.0 is the JSON number 3
        step = int(step)
    if not isinstance(step, int) or isinstance(step, bool) or step < 0:
        raise ApiError(422, "invalid_answers_step", "`answers_step` must be the step (a whole number) of the question answered.")
    return step


def step_key(record: Dict[str, Any], step: Optional[int]) -> Optional[str]:
    """For a client without an Idempotency-Key that names the question it answers (`answers_step`, the step of
    the reply it answers): 409 if the conversation has moved on, else a key the resend shares with the first try
    (the question and the record's version), so the same message is never applied twice."""
    if step is None:
        return None
    if step != ((record.get("progress") or {}).get("step") or 0):
        raise ApiError(
            409, "already_answered", "That question has been answered already. Fetch the conversation to see where it is."
        )
    return f"step-{step}-{record['updated_at']!r}"


@routes.get("/api/v1/conversations/{id}")
async def get_conversation(request: web.Request) -> web.Response:
    record = await existing(request)
    await limit(request, keys.DOWNLOAD_LIMITER, record["id"])  # each read asks Rasa for the whole tracker
    try:
        tracker = await request.app[keys.ENGINE].tracker(record["id"])
    except EngineUnavailable:
        raise engine_unavailable() from None
    history = replies.transcript(record["id"], tracker.get("events") or [])
    return web.json_response(
        {
            "id": record["id"],
            "tool": record["tool"],
            "language": (tracker.get("slots") or {}).get("language") or record["language"],
            **history,
        }
    )


@routes.get(r"/api/v1/conversations/{id}/documents/{kind:[a-z][a-z0-9-]{0,40}}.{ext:pdf|json|ics}")
async def get_document(request: web.Request) -> web.Response:
    """The document as PDF (`?paper=a4` for posters, `?sheet=a4` for cards), as a file to save, or as a calendar entry."""
    record = await existing(request)
    # Per conversation: a leader fetches a handful of files, and a PDF costs a render.
    await limit(request, keys.DOWNLOAD_LIMITER, record["id"])
    kind, ext = request.match_info["kind"], request.match_info["ext"]
    try:
        tracker = await request.app[keys.ENGINE].tracker(record["id"], events=False)
    except EngineUnavailable:
        raise engine_unavailable() from None
    document = ((tracker.get("slots") or {}).get("documents") or {}).get(kind)
    if not isinstance(document, dict):
        raise ApiError(
            404, "no_document", "That document is not ready yet. It is made when that part of the conversation is done."
        )
    variant = (request.query.get("paper") or request.query.get("sheet") or "") if ext == "pdf" else ""
    if variant not in ("", "a4"):
        raise ApiError(422, "unknown_variant", "Use ?paper=a4 (posters) or ?sheet=a4 (action cards), or nothing.")
    named = render.printed_variant(document, variant) if variant else ""
    headers = {"Content-Disposition": attachment(document.get("title"), kind, ext, named)}  # no-store: bot/app.py
    if ext == "json":
        return kept_file(document, kind)
    if ext == "ics":
        if not document.get("follow_up"):
            raise ApiError(404, "no_date", "This document has no follow-up date.")
        return web.Response(
            body=calendar.follow_up_event(document), content_type="text/calendar", charset="utf-8", headers=headers
        )
    pdf = await request.app[keys.DOCUMENTS].pdf(document, variant)
    return web.Response(body=pdf, content_type="application/pdf", headers=headers)


def kept_file(document: Dict[str, Any], kind: str) -> web.Response:
    """The file to keep for a follow-up. Only a document an upload takes back is handed out as a
    file (bot/conversations/uploads.py): a meeting guide is for printing, not for keeping."""
    if kind not in tools.followable_kinds(document.get("tool") or ""):
        raise ApiError(
            404,
            "not_a_file_to_keep",
            "This document is for printing and sharing. The file to keep for a follow-up comes with the agreement or plan.",
        )
    language = str(document.get("language"))
    prefix = tools.widget_texts()[language if language in tools.LANGUAGES else "da"]["kept_file_name"]
    headers = {"Content-Disposition": filenames.kept_file(document, prefix, kind)}
    return web.json_response(document, headers=headers, dumps=lambda d: json.dumps(d, ensure_ascii=False, indent=1))


@routes.delete("/api/v1/conversations/{id}")
async def delete_conversation(request: web.Request) -> web.Response:
    record = await existing(request)
    await request.app[keys.ERASER](record["id"])
    return web.Response(status=204)

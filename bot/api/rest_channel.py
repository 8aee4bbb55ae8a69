"""Rasa's REST channel protocol, so clients written for Rasa work unchanged.

POST /webhooks/rest/webhook {sender, message, metadata?} -> [{recipient_id, text?, buttons?, custom?}]
A new sender starts a conversation (tool, language and partner from metadata);
its id is never stored, only a hash that maps it to our own random conversation id.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any, Dict, List

from aiohttp import web

from bot import keys
from bot.conversations import service
from bot.web import origins
from bot.web.errors import ApiError, not_found
from bot.web.input import limit, read_json

SENDER = re.compile(r"^[A-Za-z0-9_.:@-]{8,128}$")
routes = web.RouteTableDef()


def as_rasa(sender: str, reply: Dict[str, Any]) -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    for message in reply["messages"]:
        if "document" in message:
            out.append({"recipient_id": sender, "custom": {"document": message["document"]}})
        else:
            out.append({"recipient_id": sender, **message})
    out.append({"recipient_id": sender, "custom": {"progress": reply["progress"], "state": reply["state"]}})
    return out


@routes.post("/webhooks/rest/webhook")
async def webhook(request: web.Request) -> web.Response:
    body = await read_json(request)
    sender, text = body.get("sender"), body.get("message")
    metadata = {} if body.get("metadata") is None else body["metadata"]  # null: none
    if not isinstance(sender, str) or not SENDER.match(sender):
        raise ApiError(422, "invalid_sender", "`sender` must be 8 to 128 letters, digits or _.:@- (a random id per user).")
    if not isinstance(metadata, dict):
        raise ApiError(422, "invalid_metadata", "`metadata` must be an object.")
    # Checked on every message, though only a new sender's first one uses them: a request is valid or not by itself.
    partner, language = metadata.get("partner"), metadata.get("language")
    tool = "leader" if metadata.get("tool") is None else metadata["tool"]
    service.check_choices(tool, language, partner)
    message = (
        service.clean_payload(text, offered=False)
        if isinstance(text, str) and text.startswith("/")
        else service.clean_text(text, request.app[keys.SETTINGS].max_text_chars)
    )
    store = request.app[keys.STORE]
    sender_hash = hashlib.sha256(sender.encode()).hexdigest()
    # Per sender, as API v1 limits per conversation: many leaders may share one address.
    await limit(request, keys.MESSAGE_LIMITER, sender_hash)
    cid = await store.conversation_of_sender(sender_hash)
    replies: List[Dict[str, Any]] = []
    if cid is None or await store.get(cid) is None:
        await limit(request, keys.CONVERSATION_LIMITER)  # a new sender is a new conversation, as in API v1
        if language is None:
            language = request.app[keys.PARTNERS].get(partner).language
        started = await service.start_conversation(request, tool, language, partner)
        cid = started["id"]
        await store.map_sender(sender_hash, cid)
        replies += as_rasa(sender, started)
        if message.startswith("/"):
            return web.json_response(replies)  # a "get started" button: the welcome is the answer
    record = await store.get(cid)
    if record is None:  # deleted between the two reads: as if it never was
        raise not_found()
    origins.check_partner(request, record["partner"])
    if message.startswith("/") and not service.OFFERED_PAYLOAD_PATTERN.fullmatch(message):
        # An intent no button sends ("/get_started" again, "/restart"): never passed on to the engine, whose
        # domain does not know it (it broke the conversation for good); nothing to say, nothing changed.
        return web.json_response(replies)
    replies += as_rasa(sender, await service.send(request, record, message))
    return web.json_response(replies)

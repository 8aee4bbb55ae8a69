"""Stand-ins for the engine, for gateway tests that need no Rasa (the real stack is tested in e2e/)."""

from __future__ import annotations

import re
import secrets

from bot.app import create_app
from bot.conversations.engine import EngineClient, EngineUnavailable
from bot.settings import Settings


class FakeEngine(EngineClient):
    """Answers like Rasa's REST channel does, and records what it was sent. Every method the gateway
    calls is replaced; no server stands behind it."""

    def __init__(self):
        super().__init__(rasa_urls=[], token="", action_urls=[])
        self.sent = []
        self.down = False
        self.slots = {}

    async def start(self):
        pass

    async def close(self):
        pass

    async def send(self, cid, message, metadata=None):
        if self.down:
            raise EngineUnavailable("down")
        self.sent.append((cid, message))
        reply = [
            {"recipient_id": cid, "text": "Spørgsmål?", "buttons": [{"title": "Ja", "payload": '/choose{"value": "yes"}'}]},
            {"recipient_id": cid, "custom": {"progress": PROGRESS, "state": "active"}},
        ]
        if message == '/choose{"value": "confirm"}':
            reply.append(
                {
                    "recipient_id": cid,
                    "custom": {
                        "progress": {"step": 26, "total": 26, "label": "Dit dokument"},
                        "state": "completed",
                        "documents": [{"kind": "leader-agreement", "title": "Min lederaftale", "calendar": True}],
                    },
                }
            )
        return reply

    def new_conversation_id(self):
        return secrets.token_urlsafe(24)

    async def tracker(self, cid, events=True):
        return {
            "slots": self.slots,
            "events": [
                {"event": "user", "text": '/start{"tool": "leader"}'},
                {
                    "event": "bot",
                    "text": "Spørgsmål?",
                    "data": {
                        "buttons": [{"title": "Ja", "payload": '/choose{"value": "yes"}'}],
                        "custom": {"progress": PROGRESS, "state": "active"},
                    },
                },
                {"event": "user", "text": '/choose{"value": "yes"}'},
                {"event": "bot", "text": "Og så?", "data": {}},
                {"event": "user", "text": "mine egne ord"},
            ],
        }

    async def ready(self):
        return {"rasa_0": not self.down, "actions_0": not self.down}


class RoomEngine(FakeEngine):
    """Shares whatever value is tapped, under `share_key`, like the actions do in a room."""

    def __init__(self):
        super().__init__()
        self.metadata = {}
        self.share_key = "gives"

    async def send(self, cid, message, metadata=None):
        reply = await super().send(cid, message, metadata)
        self.metadata[cid] = metadata or self.metadata.get(cid)
        tapped = re.match(r'^/choose\{"value": "([^"]+)"\}$', message)
        if tapped and (self.metadata.get(cid) or {}).get("room"):
            reply.append({"recipient_id": cid, "custom": {"share": {"key": self.share_key, "value": tapped.group(1)}}})
        return reply


async def open_room(client, warmup="energy", language="da"):
    response = await client.post("/api/v1/rooms", json={"warmup": warmup, "language": language})
    assert response.status == 201
    return await response.json()


async def join(client, code):
    response = await client.post("/api/v1/conversations", json={"room": code})
    assert response.status == 201, await response.text()
    return (await response.json())["id"]


async def tap(client, cid, value):
    response = await client.post(f"/api/v1/conversations/{cid}/messages", json={"payload": f'/choose{{"value": "{value}"}}'})
    assert response.status == 200
    body = await response.json()
    assert "shares" not in body  # room bookkeeping never reaches the participant's reply
    return body


OFFICE = {"X-Forwarded-For": "198.51.100.20"}  # one NAT address, through the trusted proxy on loopback


def app_with(tmp_path, **settings):
    defaults = dict(var_dir=tmp_path, pdf_workers=1)
    return create_app(Settings(**{**defaults, **settings}), engine=FakeEngine())


PROGRESS = {"step": 1, "total": 26, "label": "Om dig"}

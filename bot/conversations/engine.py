"""The gateway's client for Rasa (REST channel + HTTP API) and the action server.

One pooled aiohttp session. Each conversation has its own Rasa server, picked from
its id (the same on every gateway; new ids are drawn so that each gateway hands the
servers new conversations in turn), so its tracker stays warm in that server's memory
and its messages never run on two servers at once; when that server refuses the
connection, the next one takes over (the shared tracker store lets any server
continue any conversation, and with several gateways the Redis lock store keeps a
conversation's messages in order).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import secrets
import zlib
from typing import Any, Dict, List, Optional

import aiohttp


class EngineUnavailable(Exception):
    """Rasa or the action server did not answer; the message was not handled."""


class EngineClient:
    def __init__(self, rasa_urls: List[str], token: str, action_urls: List[str], timeout_s: float = 30.0):
        self.rasa_urls = rasa_urls
        self.action_urls = action_urls
        self.token = token
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._turn = itertools.cycle(range(len(rasa_urls)))
        self._session: Optional[aiohttp.ClientSession] = None

    async def start(self) -> None:
        connector = aiohttp.TCPConnector(limit=200, limit_per_host=100, keepalive_timeout=30)
        self._session = aiohttp.ClientSession(connector=connector, timeout=self._timeout)

    async def close(self) -> None:
        if self._session:
            await self._session.close()

    def _own(self, conversation_id: str) -> int:
        return zlib.crc32(conversation_id.encode("utf-8")) % len(self.rasa_urls)

    def servers_for(self, conversation_id: str) -> List[str]:
        """The conversation's Rasa server first, then the others in turn."""
        first = self._own(conversation_id)
        return self.rasa_urls[first:] + self.rasa_urls[:first]

    def new_conversation_id(self) -> str:
        """An unguessable id (192 random bits, 32 characters) whose own server is the next in
        turn: random ids alone split 50 conversations 2:1 often enough to idle half the machine.
        Drawing again until the id fits leaves it random, and its server is still read from it."""
        wanted = next(self._turn)
        while True:
            conversation_id = secrets.token_urlsafe(24)
            if self._own(conversation_id) == wanted:
                return conversation_id

    def _open_session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("EngineClient.start() opens the session before the first call")
        return self._session

    async def _call(self, conversation_id: str, method: str, path: str, **kwargs) -> Any:
        """One request to the conversation's Rasa server; a server that refuses the connection
        never saw it, so the next one is tried. Anything else means the engine is unavailable for now."""
        session = self._open_session()
        for url in self.servers_for(conversation_id):
            try:
                async with session.request(method, f"{url}{path}", **kwargs) as response:
                    if response.status != 200:
                        raise EngineUnavailable(f"rasa answered {response.status}")
                    return await response.json()
            except aiohttp.ClientConnectorError:
                continue
            except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError) as error:
                raise EngineUnavailable(type(error).__name__) from None
        raise EngineUnavailable("no server answered")

    async def send(self, conversation_id: str, message: str, metadata: Optional[Dict[str, Any]] = None) -> List[Dict[str, Any]]:
        """One message through Rasa's REST channel; returns the bot's messages.

        `metadata` travels with the message to the actions (the uploaded document of a follow-up).
        """
        body = {"sender": conversation_id, "message": message, **({"metadata": metadata} if metadata else {})}
        messages = await self._call(conversation_id, "POST", "/webhooks/rest/webhook", json=body)
        if not messages:
            # Rasa answers an empty list when the action server is down: the turn failed.
            raise EngineUnavailable("no reply")
        return messages

    async def tracker(self, conversation_id: str, events: bool = True) -> Dict[str, Any]:
        """The conversation's tracker; `events=False` for its slots alone (a document download),
        which spares Rasa serialising every event of a long conversation at chat priority."""
        return await self._call(
            conversation_id,
            "GET",
            f"/conversations/{conversation_id}/tracker",
            params={"token": self.token, "include_events": "ALL" if events else "NONE"},
        )

    async def ready(self) -> Dict[str, bool]:
        """Each Rasa server has a model loaded and each action server answers."""
        checks: Dict[str, bool] = {}
        for i, url in enumerate(self.rasa_urls):
            checks[f"rasa_{i}"] = await self._ok(f"{url}/status", {"token": self.token}, needs="model_file")
        for i, url in enumerate(self.action_urls):
            checks[f"actions_{i}"] = await self._ok(f"{url}/health", {})
        return checks

    async def _ok(self, url: str, params: Dict[str, str], needs: Optional[str] = None) -> bool:
        try:
            async with self._open_session().get(url, params=params, timeout=aiohttp.ClientTimeout(total=3)) as r:
                if r.status != 200:
                    return False
                return bool((await r.json()).get(needs)) if needs else True
        except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError):
            return False

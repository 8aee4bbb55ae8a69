"""The gateway's client for Rasa (REST channel + HTTP API) and the action server.

One pooled aiohttp session; messages are spread over the Rasa servers in turn
(the tracker and lock stores make any server able to continue any conversation).
"""
from __future__ import annotations

import asyncio
import itertools
import json
from typing import Any, Dict, List, Optional

import aiohttp


class EngineUnavailable(Exception):
    """Rasa or the action server did not answer; the message was not handled."""


class EngineClient:
    def __init__(self, rasa_urls: List[str], token: str, action_urls: List[str], timeout_s: float = 30.0):
        self.rasa_urls = rasa_urls
        self.action_urls = action_urls
        self.token = token
        self._next = itertools.cycle(range(len(rasa_urls)))
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._session: Optional[aiohttp.ClientSession] = None

    async def start(self) -> None:
        connector = aiohttp.TCPConnector(limit=200, limit_per_host=100, keepalive_timeout=30)
        self._session = aiohttp.ClientSession(connector=connector, timeout=self._timeout)

    async def close(self) -> None:
        if self._session:
            await self._session.close()

    def _rasa(self) -> str:
        return self.rasa_urls[next(self._next)]

    async def _call(self, method: str, path: str, **kwargs) -> Any:
        """One request to a Rasa server; a server that refuses the connection never saw it,
        so the next one is tried. Anything else means the engine is unavailable for now."""
        for _ in self.rasa_urls:
            try:
                async with self._session.request(method, f"{self._rasa()}{path}", **kwargs) as response:
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
        messages = await self._call("POST", "/webhooks/rest/webhook", json=body)
        if not messages:
            # Rasa answers an empty list when the action server is down: the turn failed.
            raise EngineUnavailable("no reply")
        return messages

    async def tracker(self, conversation_id: str) -> Dict[str, Any]:
        return await self._call("GET", f"/conversations/{conversation_id}/tracker",
                                params={"token": self.token, "include_events": "ALL"})

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
            async with self._session.get(url, params=params, timeout=aiohttp.ClientTimeout(total=3)) as r:
                if r.status != 200:
                    return False
                return bool((await r.json()).get(needs)) if needs else True
        except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError):
            return False

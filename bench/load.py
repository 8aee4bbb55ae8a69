"""An async load client: N simulated users at once, think time zero, real HTTP."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
import uuid
from dataclasses import dataclass, field
from typing import Awaitable, Callable, List, Optional, Union

import aiohttp

# A whole Værktøj 1 conversation after the start: payloads start with "/".
LEADER_SCRIPT = [
    '/choose{"value": "yes"}',
    '/choose{"value": "recovery"}',
    "Søndagene er fri",
    "Telefonen om aftenen",
    "Lydløs efter kl. 19",
    '/choose{"value": "support"}',
    "Min makker",
    "At stå alene",
    "Ringe til netværket",
    "/skip",
    "Gå tur med hunden",
    "Spørge om hjælp",
    "Færre mails",
    "Frokost væk fra skrivebordet",
    "Når sæsonen er slut",  # words: a date here is read back before it is kept (actions/dates_when.py)
    "Jeg sover bedre",
    "Min kone",
    '/choose{"value": "Min nærmeste leder"}',
    "At jeg er presset",
    "En ekstra hånd",
    "Efter morgenmødet",
    '/choose{"value": "confirm"}',
]
# Rasa's starter bot (`rasa init`) has no long conversation; the same number of turns of its own intents.
STARTER_SCRIPT = (["hello", "I am sad", "yes", "great", "bye", "are you a bot?"] * 4)[: len(LEADER_SCRIPT) + 1]


@dataclass
class Result:
    latencies_ms: List[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0

    @property
    def messages(self) -> int:
        return len(self.latencies_ms)

    def pct(self, q: float) -> float:
        values = sorted(self.latencies_ms)
        return values[min(len(values) - 1, int(round(q / 100 * (len(values) - 1))))] if values else float("nan")

    @property
    def throughput(self) -> float:
        return self.messages / self.seconds if self.seconds else 0.0


async def _timed(result: Result, call: Awaitable) -> Optional[dict]:
    started = time.perf_counter()
    try:
        response = await call
        async with response:
            body = await response.json(content_type=None)
            if response.status >= 400:
                result.errors += 1
                return None
    except (aiohttp.ClientError, asyncio.TimeoutError, json.JSONDecodeError):
        result.errors += 1
        return None
    result.latencies_ms.append((time.perf_counter() - started) * 1000)
    return body


async def gateway_user(session: aiohttp.ClientSession, base: str, result: Result) -> None:
    """One leader through the public API: start, then the whole script."""
    started = await _timed(result, session.post(f"{base}/api/v1/conversations", json={"tool": "leader", "language": "da"}))
    if not started:
        return
    url = f"{base}/api/v1/conversations/{started['id']}/messages"
    for step in LEADER_SCRIPT:
        body = {"payload": step} if step.startswith("/") else {"text": step}
        await _timed(result, session.post(url, json=body))


def rest_user(script: List[str], first: Optional[str] = None) -> Callable:
    """One user on a Rasa REST channel (ours directly, or the starter bot). With several Rasa
    servers (`base` a list), users take them in turn and each keeps to its own, as the gateway does."""
    turn = itertools.count()

    async def user(session: aiohttp.ClientSession, base: Union[str, List[str]], result: Result) -> None:
        bases = [base] if isinstance(base, str) else base
        url = bases[next(turn) % len(bases)]
        sender = uuid.uuid4().hex
        for message in ([first] if first else []) + script:
            await _timed(result, session.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}))

    return user


async def run(users: int, user: Callable, base: Union[str, List[str]]) -> Result:
    result = Result()
    connector = aiohttp.TCPConnector(limit=users + 10)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=120)) as session:
        started = time.perf_counter()
        await asyncio.gather(*(user(session, base, result) for _ in range(users)))
        result.seconds = time.perf_counter() - started
    return result

"""Facilitator rooms in Redis, for several gateways (chosen when TRIVSEL_REDIS_URL is set).

The same operations as the SQL store (bot/rooms/store/protocol.py: RoomStore). Keys (prefix `trivsel:room:`):
`R:{id}` the room (hash, with `revealed` 1 or 0), `C:{code}` and `H:{host hash}` point to it, `M:{id}` its
members (set), `A:{id}` the shared answers (hash, field "conversation|question"),
`P:{conversation}` the room a participant is in, `X:{id}` the room's own filter words (added or hidden by the host). Redis deletes them by itself: the
members and answers when the room expires, the room's own record a day later, so that
a late participant is told "expired" rather than "unknown". Each change is one
MULTI/EXEC transaction, so a participant counts once however the gateways interleave, and
publishes the room's id on `trivsel:room:changed`, so every gateway's live screens of that
room update (bot/rooms/live.py: one subscription per gateway).
"""

from __future__ import annotations

import secrets
import time
from typing import Any, Dict, List, Optional, Tuple

from bot.rooms.store.protocol import host_hash, new_code, no_listener

PREFIX = "trivsel:room:"
TOLD_EXPIRED_S = 86400  # how long an expired room still answers "expired"
SEPARATOR = "|"
CHANGED = PREFIX + "changed"  # pub/sub channel: the id of each room that changed


def _key(kind: str, value: str) -> str:
    return f"{PREFIX}{kind}:{value}"


def _room(raw: Dict[str, str]) -> Optional[Dict[str, Any]]:
    if not raw:
        return None
    return {
        **raw,
        "created_at": float(raw["created_at"]),
        "expires_at": float(raw["expires_at"]),
        "version": int(raw["version"]),
        "revealed": raw.get("revealed", "1") == "1",  # rooms made before the reveal toggle show their results
    }


class RedisRoomStore:
    def __init__(self, url: str):
        import redis.asyncio as redis
        from redis.asyncio.retry import Retry
        from redis.backoff import ExponentialBackoff
        from redis.exceptions import ConnectionError, TimeoutError

        # A restarted Redis leaves stale pooled connections: try again on a fresh one.
        self.redis = redis.from_url(
            url,
            decode_responses=True,
            retry=Retry(ExponentialBackoff(cap=1.0, base=0.05), 3),
            retry_on_error=[ConnectionError, TimeoutError],
            health_check_interval=15,
        )
        self.outage_errors = (ConnectionError, TimeoutError)
        self.on_change = no_listener  # told each room this gateway changes (bot/rooms/live.py)

    # Pub/sub carries every change; a slow look catches one published while the subscription
    # was reconnecting, and what Redis deletes by itself.
    poll_s = 5.0

    async def changes(self):
        """Ids of rooms changed through any gateway; None once (re)subscribed, as changes may have been missed."""
        async with self.redis.pubsub(ignore_subscribe_messages=True) as pubsub:
            await pubsub.subscribe(CHANGED)
            yield None
            async for message in pubsub.listen():
                yield message["data"]

    async def _changed(self, tx, room_id: str) -> None:
        """Ends a change's transaction: the room's counter moves and every gateway hears of it."""
        tx.hincrby(_key("R", room_id), "version", 1).publish(CHANGED, room_id)
        await tx.execute()
        self.on_change(room_id)

    async def open(self) -> None:
        await self.redis.ping()

    async def close(self) -> None:
        await self.redis.aclose()

    async def create(self, warmup: str, language: str, hours: float) -> Tuple[Dict[str, Any], str]:
        host_key = secrets.token_urlsafe(24)
        now = time.time()
        expires = now + hours * 3600
        kept_until = int(expires + TOLD_EXPIRED_S)
        room_id = secrets.token_urlsafe(16)
        for _ in range(10):
            code = new_code()
            # SET NX claims the code atomically: two gateways never hand out the same one.
            if await self.redis.set(_key("C", code), room_id, nx=True, exat=kept_until):
                room = {
                    "id": room_id,
                    "code": code,
                    "host_hash": host_hash(host_key),
                    "warmup": warmup,
                    "language": language,
                    "state": "open",
                    "created_at": repr(now),
                    "expires_at": repr(expires),
                    "version": "0",
                    "revealed": "1",
                }
                async with self.redis.pipeline(transaction=True) as tx:
                    tx.hset(_key("R", room_id), mapping=room).expireat(_key("R", room_id), kept_until)
                    tx.set(_key("H", room["host_hash"]), room_id, exat=kept_until)
                    await tx.execute()
                return _room(room), host_key
        raise RuntimeError("no free room code")

    async def _by_pointer(self, kind: str, value: str) -> Optional[Dict[str, Any]]:
        room_id = await self.redis.get(_key(kind, value))
        return _room(await self.redis.hgetall(_key("R", room_id))) if room_id else None

    async def by_code(self, code: str) -> Optional[Dict[str, Any]]:
        return await self._by_pointer("C", code)

    async def by_host(self, host_key: str) -> Optional[Dict[str, Any]]:
        return await self._by_pointer("H", host_hash(host_key))

    async def of_conversation(self, conversation_id: str) -> Optional[Dict[str, Any]]:
        return await self._by_pointer("P", conversation_id)

    async def _ends(self, room_id: str) -> Optional[int]:
        """When the room's members, answers and hidden words go (None: the room is gone already)."""
        expires = await self.redis.hget(_key("R", room_id), "expires_at")
        return int(float(expires)) + 1 if expires else None

    async def join(self, room_id: str, conversation_id: str) -> None:
        expires = await self._ends(room_id)
        if expires is None:
            return  # deleted a moment ago
        async with self.redis.pipeline(transaction=True) as tx:
            tx.sadd(_key("M", room_id), conversation_id).expireat(_key("M", room_id), expires)
            tx.set(_key("P", conversation_id), room_id, exat=expires)
            await self._changed(tx, room_id)

    async def record(self, room_id: str, conversation_id: str, question: str, answer: str) -> None:
        expires = await self._ends(room_id)
        if expires is None:
            return
        async with self.redis.pipeline(transaction=True) as tx:
            tx.hset(_key("A", room_id), f"{conversation_id}{SEPARATOR}{question}", answer)
            tx.expireat(_key("A", room_id), expires)
            await self._changed(tx, room_id)

    async def answers(self, room_id: str) -> List[Tuple[str, str, str]]:
        stored = await self.redis.hgetall(_key("A", room_id))
        return [(*field.split(SEPARATOR, 1), answer) for field, answer in stored.items()]

    async def member_count(self, room_id: str) -> int:
        return int(await self.redis.scard(_key("M", room_id)))

    async def hide_word(self, room_id: str, folded: str) -> None:
        expires = await self._ends(room_id)
        if expires is None:
            return
        async with self.redis.pipeline(transaction=True) as tx:
            tx.sadd(_key("X", room_id), folded).expireat(_key("X", room_id), expires)
            await self._changed(tx, room_id)

    async def hidden_words(self, room_id: str) -> set:
        return set(await self.redis.smembers(_key("X", room_id)))

    async def version(self, room_id: str) -> Optional[Dict[str, Any]]:
        state, version, expires, revealed = await self.redis.hmget(
            _key("R", room_id), "state", "version", "expires_at", "revealed"
        )
        if state is None:
            return None
        return {"version": int(version), "state": state, "expires_at": float(expires), "revealed": revealed != "0"}

    async def reveal(self, room_id: str, revealed: bool) -> None:
        if await self._ends(room_id) is None:
            return  # deleted a moment ago: never leave a stray record behind
        async with self.redis.pipeline(transaction=True) as tx:
            tx.hset(_key("R", room_id), "revealed", "1" if revealed else "0")
            await self._changed(tx, room_id)

    async def close_room(self, room_id: str) -> None:
        async with self.redis.pipeline(transaction=True) as tx:
            tx.hset(_key("R", room_id), "state", "closed")
            await self._changed(tx, room_id)

    async def delete(self, room_id: str) -> None:
        room = await self.redis.hgetall(_key("R", room_id))
        members = await self.redis.smembers(_key("M", room_id))
        keys = [_key("R", room_id), _key("M", room_id), _key("A", room_id), _key("X", room_id), *(_key("P", m) for m in members)]
        if room:
            keys += [_key("C", room["code"]), _key("H", room["host_hash"])]
        async with self.redis.pipeline(transaction=True) as tx:
            tx.delete(*keys).publish(CHANGED, room_id)
            await tx.execute()
        self.on_change(room_id)

    async def forget_member(self, conversation_id: str) -> None:
        room_id = await self.redis.get(_key("P", conversation_id))
        if not room_id:
            return
        fields = [f for f in await self.redis.hkeys(_key("A", room_id)) if f.startswith(conversation_id + SEPARATOR)]
        async with self.redis.pipeline(transaction=True) as tx:
            if fields:
                tx.hdel(_key("A", room_id), *fields)
            tx.srem(_key("M", room_id), conversation_id).delete(_key("P", conversation_id))
            await self._changed(tx, room_id)

    async def expired(self) -> List[str]:
        return []  # Redis deletes expired rooms by itself (see the module's note)

"""Rate limits as token buckets, and the cap on rooms one address holds open.

In memory for one gateway; in Redis when several gateways share one (TRIVSEL_REDIS_URL), so a
client cannot multiply its allowance by the number of gateways. Both backends have the same
async interface, so call sites do not care which one they got (`Limits` picks).

Redis holds only hashes of what a bucket is keyed by (addresses, conversation ids). If Redis is
briefly out, the request is let through (the error's class is logged): a limit that fails
open for a moment costs less than a service that answers 500.

pyrate-limiter (the obvious library) keeps a sliding log of every request in a sorted set and
cannot say how long to wait without taking; a token bucket is one small hash per client and
answers Retry-After directly, so the Redis side is one atomic Lua script.
"""

from __future__ import annotations

import hashlib
import logging
import time
from typing import Dict, Iterable, List, Optional, Protocol, Tuple

log = logging.getLogger("trivsel.limits")
PREFIX = "trivsel:limit:"
LOG_EVERY_S = 60.0  # while Redis is out, say so once a minute, not on every request


class RateLimiter(Protocol):
    async def take(self, client: str) -> float:
        """0 if allowed now (a token is used), else the seconds until the client may try again."""

    async def waiting(self, client: str) -> float:
        """Like take(), but only looks: 0 if the client has a token left."""


class OpenRooms(Protocol):
    """The rooms each client address opened, until they expire (whether still open is the room store's)."""

    async def held(self, client: str) -> List[str]: ...

    async def add(self, client: str, room_id: str, expires_at: float) -> None: ...

    async def drop(self, client: str, room_ids: Iterable[str]) -> None: ...


def default_burst(per_minute: int, burst: Optional[int]) -> float:
    return float(burst or max(per_minute // 2, 5))


class MemoryRateLimiter:
    def __init__(self, per_minute: int, burst: Optional[int] = None, max_clients: int = 100_000):
        self.rate = per_minute / 60.0
        self.burst = default_burst(per_minute, burst)
        self.max_clients = max_clients
        self._buckets: Dict[str, Tuple[float, float]] = {}

    def _tokens(self, client: str, now: float) -> float:
        tokens, last = self._buckets.get(client, (self.burst, now))
        return min(self.burst, tokens + (now - last) * self.rate)

    async def take(self, client: str) -> float:
        now = time.monotonic()
        tokens = self._tokens(client, now)
        if tokens < 1:
            return (1 - tokens) / self.rate
        self._buckets[client] = (tokens - 1, now)
        self._trim()
        return 0.0

    async def waiting(self, client: str) -> float:
        tokens = self._tokens(client, time.monotonic())
        return 0.0 if tokens >= 1 else (1 - tokens) / self.rate

    def _trim(self) -> None:
        if len(self._buckets) > self.max_clients:  # forget the longest idle half
            for key, _ in sorted(self._buckets.items(), key=lambda kv: kv[1][1])[: self.max_clients // 2]:
                del self._buckets[key]


# KEYS[1] the bucket (a hash: tokens, at); ARGV: tokens per second, burst, cost (1 takes, 0 looks).
# Redis's own clock, so gateways with drifting clocks still agree. Returns the wait as a string
# (a Lua number would come back truncated to an integer).
TOKEN_BUCKET = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local rate, burst, cost = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(saved[1]) or burst
local at = tonumber(saved[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
if tokens < 1 then
  return tostring((1 - tokens) / rate)
end
if cost > 0 then
  tokens = tokens - cost
  redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
  -- a full bucket is the same as none: the key goes once it would be full again
  redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / rate * 1000) + 1000)
end
return '0'
"""


def hashed(client: str) -> str:
    return hashlib.sha256(client.encode("utf-8")).hexdigest()[:32]


class _FailsOpen:
    """Shared by the Redis backends: an outage lets the request through and is logged by class."""

    def __init__(self, errors: tuple):
        self.errors = errors
        self._logged = 0.0

    def outage(self, error: Exception) -> None:
        now = time.monotonic()
        if now - self._logged > LOG_EVERY_S:
            self._logged = now
            log.warning("limits not checked, Redis is out: %s", type(error).__name__)


class RedisRateLimiter:
    def __init__(self, redis, guard: _FailsOpen, name: str, per_minute: int, burst: Optional[int] = None):
        self.redis, self.guard = redis, guard
        self.prefix = f"{PREFIX}{name}:"
        self.rate = per_minute / 60.0
        self.burst = default_burst(per_minute, burst)
        self.script = redis.register_script(TOKEN_BUCKET)

    async def _run(self, client: str, cost: int) -> float:
        try:
            wait = await self.script(keys=[self.prefix + hashed(client)], args=[repr(self.rate), repr(self.burst), cost])
        except self.guard.errors as error:
            self.guard.outage(error)
            return 0.0
        return float(wait)

    async def take(self, client: str) -> float:
        return await self._run(client, 1)

    async def waiting(self, client: str) -> float:
        return await self._run(client, 0)


class MemoryOpenRooms:
    def __init__(self, max_clients: int = 100_000):
        self.max_clients = max_clients
        self._rooms: Dict[str, Dict[str, float]] = {}

    async def held(self, client: str) -> List[str]:
        now = time.time()
        rooms = self._rooms.get(client, {})
        for room_id in [r for r, expires in rooms.items() if expires <= now]:
            del rooms[room_id]
        return list(rooms)

    async def add(self, client: str, room_id: str, expires_at: float) -> None:
        self._rooms.setdefault(client, {})[room_id] = expires_at
        if len(self._rooms) > self.max_clients:  # forget addresses whose rooms have all expired
            now = time.time()
            for key in [k for k, rooms in self._rooms.items() if all(e <= now for e in rooms.values())]:
                del self._rooms[key]

    async def drop(self, client: str, room_ids: Iterable[str]) -> None:
        rooms = self._rooms.get(client, {})
        for room_id in room_ids:
            rooms.pop(room_id, None)


class RedisOpenRooms:
    """The same in Redis: a sorted set per address (hashed) of room ids, scored by expiry."""

    def __init__(self, redis, guard: _FailsOpen):
        self.redis, self.guard = redis, guard

    def _key(self, client: str) -> str:
        return f"{PREFIX}rooms:{hashed(client)}"

    async def held(self, client: str) -> List[str]:
        try:
            async with self.redis.pipeline(transaction=True) as tx:
                tx.zremrangebyscore(self._key(client), "-inf", time.time())
                tx.zrange(self._key(client), 0, -1)
                _, rooms = await tx.execute()
        except self.guard.errors as error:
            self.guard.outage(error)
            return []
        return [r.decode() if isinstance(r, bytes) else r for r in rooms]

    async def add(self, client: str, room_id: str, expires_at: float) -> None:
        try:
            async with self.redis.pipeline(transaction=True) as tx:
                tx.zadd(self._key(client), {room_id: expires_at})
                tx.expireat(self._key(client), int(expires_at) + 1, gt=True)
                tx.expireat(self._key(client), int(expires_at) + 1, nx=True)
                await tx.execute()
        except self.guard.errors as error:
            self.guard.outage(error)

    async def drop(self, client: str, room_ids: Iterable[str]) -> None:
        room_ids = list(room_ids)
        if not room_ids:
            return
        try:
            await self.redis.zrem(self._key(client), *room_ids)
        except self.guard.errors as error:
            self.guard.outage(error)


class Limits:
    """Makes the gateway's limiters: in Redis when a URL is given (shared by every gateway), else in memory."""

    def __init__(self, redis_url: str = ""):
        self.redis = None
        if redis_url:
            import redis.asyncio as redis
            from redis.asyncio.retry import Retry
            from redis.backoff import NoBackoff
            from redis.exceptions import ConnectionError, RedisError, TimeoutError

            # One retry on a fresh connection (a restarted Redis leaves stale pooled ones), short
            # timeouts: a limit check must never hold a request up for long.
            self.redis = redis.from_url(
                redis_url,
                retry=Retry(NoBackoff(), 1),
                retry_on_error=[ConnectionError, TimeoutError],
                socket_timeout=1.0,
                socket_connect_timeout=1.0,
            )
            self.guard = _FailsOpen((RedisError, OSError))

    def bucket(self, name: str, per_minute: int, burst: Optional[int] = None) -> RateLimiter:
        if self.redis is None:
            return MemoryRateLimiter(per_minute, burst)
        return RedisRateLimiter(self.redis, self.guard, name, per_minute, burst)

    def open_rooms(self) -> OpenRooms:
        return MemoryOpenRooms() if self.redis is None else RedisOpenRooms(self.redis, self.guard)

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()

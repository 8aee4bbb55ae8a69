"""Live rooms: one notifier per gateway that pushes a room's results to its open screens.

Every open presenter stream of a room shares one `Feed`: a task that looks at the room when
it is told the room changed, computes the results once and hands the same encoded event to
all the room's streams. So N screens cost one computation per change, not N polls.

Who says a room changed:
- this gateway's own writes: the room store calls `changed(room_id)` after each one;
- other gateways' writes: with Redis, one pub/sub subscription per gateway (the store's
  `changes()`); with SQL, nothing pushes, so each watched room is looked at every
  `store.poll_s` (one look per room per gateway, not per stream).
A burst of answers becomes at most one update per COALESCE_S per room.

Streams are capped per room and per client address (a room has a handful of screens; a
client holding hundreds of streams open is not a presenter).
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from contextlib import contextmanager, suppress
from typing import Any, Awaitable, Callable, Dict, Iterator, Optional

from bot.rooms.store import live_state
from bot.web.errors import ApiError

log = logging.getLogger("trivsel.rooms")

# At most one results computation per room this often: a hall of answers arriving together
# is one update, and the screen is still current well within a second.
COALESCE_S = 0.5


def event(name: str, data) -> bytes:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


class Feed:
    """One room's live results on this gateway, shared by all its open streams."""

    def __init__(self, room: Dict[str, Any]):
        self.room = room
        self.streams = 0
        self.wake = asyncio.Event()  # the room may have changed: look again
        self.message: Optional[bytes] = None  # the latest event, already encoded
        self.generation = 0  # counts published events, so a stream knows what it has sent
        self.published = asyncio.Event()  # set (and replaced) on each publish
        self.ended = False  # the room is gone: `message` is the `deleted` event
        self.task: Optional[asyncio.Task] = None

    def publish(self, message: bytes, ended: bool = False) -> None:
        self.message, self.ended = message, ended
        self.generation += 1
        self.published.set()
        self.published = asyncio.Event()

    def nudge(self) -> None:
        """Wakes every stream of this room without news (shutting down)."""
        self.published.set()
        self.published = asyncio.Event()


class LiveRooms:
    def __init__(
        self, store, results: Callable[[Any, Dict[str, Any]], Awaitable[Dict[str, Any]]], per_room: int, per_address: int
    ):
        self.store = store
        self.results = results  # (store, room) -> the results the screen shows
        self.per_room, self.per_address = per_room, per_address
        self.feeds: Dict[str, Feed] = {}
        self.by_address: Dict[str, int] = {}
        self.stopping = False
        self.listener: Optional[asyncio.Task] = None
        store.on_change = self.changed

    def changed(self, room_id: Optional[str]) -> None:
        """A room changed (None: any room may have; e.g. after pub/sub reconnected)."""
        for feed in self.feeds.values() if room_id is None else filter(None, [self.feeds.get(room_id)]):
            feed.wake.set()

    @contextmanager
    def watch(self, room: Dict[str, Any], address: str) -> Iterator[Feed]:
        """The room's feed for one more stream, or 429 when the room or the address has enough."""
        feed = self.feeds.get(room["id"])
        if feed and feed.streams >= self.per_room:
            raise ApiError(
                429,
                "too_many_screens",
                f"This room already has {self.per_room} live screens open. Close one, or show the same screen twice.",
                retry_after=15,
            )
        if self.by_address.get(address, 0) >= self.per_address:
            raise ApiError(
                429,
                "too_many_streams",
                f"Too many live screens are open from your address (at most {self.per_address}). Close some and try again.",
                retry_after=15,
            )
        if feed is None:
            feed = self.feeds[room["id"]] = Feed(room)
            feed.wake.set()
            feed.task = asyncio.create_task(self._follow(feed))
        if self.listener is None and hasattr(self.store, "changes"):
            self.listener = asyncio.create_task(self._listen())
        feed.streams += 1
        self.by_address[address] = self.by_address.get(address, 0) + 1
        try:
            yield feed
        finally:
            feed.streams -= 1
            self.by_address[address] -= 1
            if not self.by_address[address]:
                del self.by_address[address]
            if not feed.streams and self.feeds.get(room["id"]) is feed:
                del self.feeds[room["id"]]
                if feed.task:
                    feed.task.cancel()

    async def _follow(self, feed: Feed) -> None:
        """Looks at the room when told it changed (or every poll_s), and publishes its results when they moved."""
        room_id, seen = feed.room["id"], None
        while not self.stopping:
            feed.wake.clear()
            try:
                current = await self.store.version(room_id)
                if current is None:
                    feed.publish(event("deleted", {}), ended=True)
                    self.feeds.pop(room_id, None)
                    return
                room = {**feed.room, **current}
                marker = (current["version"], live_state(room))
                if marker != seen:
                    feed.publish(event("results", await self.results(self.store, room)))
                    seen = marker
                    await asyncio.sleep(COALESCE_S)  # changes meanwhile are taken together next time
                    continue
            except self.store.outage_errors:
                pass  # the rooms' store is briefly out: keep the screens, look again shortly
            except Exception as error:  # never leave a room's screens without a feed; log only the kind
                log.error("live results failed: %s", type(error).__name__)
            until_expiry = feed.room["expires_at"] - time.time()  # expiring is a change nobody writes
            with suppress(asyncio.TimeoutError):
                await asyncio.wait_for(
                    feed.wake.wait(), min(self.store.poll_s, until_expiry) if until_expiry > 0 else self.store.poll_s
                )

    async def _listen(self) -> None:
        """Other gateways' changes, through the store's one subscription for this gateway."""
        while not self.stopping:
            try:
                async for room_id in self.store.changes():
                    self.changed(room_id)
            except asyncio.CancelledError:
                raise
            except Exception as error:  # Redis restarting: subscribe again, and look at every room then
                if self.stopping:
                    return  # the store closed its connections under us
                log.warning("room changes: %s; subscribing again", type(error).__name__)
                await asyncio.sleep(1.0)

    async def stop(self) -> None:
        """Shutting down: every stream ends (its browser reconnects to another gateway or after the restart)."""
        self.stopping = True
        tasks = [t for t in [*(feed.task for feed in self.feeds.values()), self.listener] if t is not None]
        for feed in self.feeds.values():
            feed.nudge()
        for task in tasks:
            task.cancel()
        if tasks:
            # redis-py can swallow a cancel that lands while it subscribes: never hang a shutdown on
            # it (the store closing its connections then ends the listener).
            await asyncio.wait(tasks, timeout=1.0)

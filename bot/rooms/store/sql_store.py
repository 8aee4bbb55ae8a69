"""Facilitator rooms as stored: the room, who joined, and what each shared.

Lives beside the conversations table (SQLite by default, PostgreSQL when several
gateways share the store), so rooms survive a gateway restart and every gateway
sees the same room. A shared answer is keyed by (room, conversation, question):
sending it again or changing it replaces it, so each participant counts once.
The host's key is kept only as a hash; the join code is short and public.
"""

from __future__ import annotations

import secrets
import time
from typing import Any, Dict, List, Optional, Tuple

from bot.conversations.outage import StoreUnavailable
from bot.rooms.store.protocol import host_hash, new_code, no_listener


class SqlRoomStore:
    """Rooms in the gateway's own database (SQLite, or PostgreSQL shared by several gateways)."""

    # The gateway's database full, locked or lost (bot/conversations/outage.py): a room's screens wait it out.
    outage_errors: tuple = (StoreUnavailable,)
    # Nothing pushes another gateway's changes out of a database: a watched room is looked at this often.
    poll_s = 1.0

    def __init__(self, driver):
        self.driver = driver
        self.on_change = no_listener  # told each room this gateway changes (bot/rooms/live.py)

    async def open(self) -> None:
        pass  # the tables are the gateway database's, made by its migrations (bot/migrations)

    async def close(self) -> None:
        pass  # the connection is the conversation store's

    async def create(self, warmup: str, language: str, hours: float) -> Tuple[Dict[str, Any], str]:
        """A new open room and its host key (returned once, never stored)."""
        host_key = secrets.token_urlsafe(24)
        now = time.time()
        for _ in range(10):  # a clash of codes is rare; draw again
            room_id, code = secrets.token_urlsafe(16), new_code()
            if await self.by_code(code) is None:
                await self.driver.execute(
                    "INSERT INTO rooms (id, code, host_hash, warmup, language, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    room_id,
                    code,
                    host_hash(host_key),
                    warmup,
                    language,
                    now,
                    now + hours * 3600,
                )
                room = await self._one("SELECT * FROM rooms WHERE id = ?", room_id)
                assert room is not None  # just written in this transaction
                return room, host_key
        raise RuntimeError("no free room code")

    async def _one(self, sql: str, *args) -> Optional[Dict[str, Any]]:
        rows = await self.driver.fetch(sql, *args)
        return {**rows[0], "revealed": bool(rows[0]["revealed"])} if rows else None

    async def by_code(self, code: str) -> Optional[Dict[str, Any]]:
        return await self._one("SELECT * FROM rooms WHERE code = ?", code)

    async def by_host(self, host_key: str) -> Optional[Dict[str, Any]]:
        return await self._one("SELECT * FROM rooms WHERE host_hash = ?", host_hash(host_key))

    async def of_conversation(self, conversation_id: str) -> Optional[Dict[str, Any]]:
        return await self._one(
            "SELECT rooms.* FROM rooms JOIN room_members ON room_members.room_id = rooms.id "
            "WHERE room_members.conversation_id = ?",
            conversation_id,
        )

    async def join(self, room_id: str, conversation_id: str) -> None:
        await self.driver.execute("INSERT INTO room_members VALUES (?, ?, ?)", conversation_id, room_id, time.time())
        await self._touch(room_id)

    async def record(self, room_id: str, conversation_id: str, question: str, answer: str) -> None:
        await self.driver.execute(
            "INSERT INTO room_answers VALUES (?, ?, ?, ?) "
            "ON CONFLICT (room_id, conversation_id, question) DO UPDATE SET answer = excluded.answer",
            room_id,
            conversation_id,
            question,
            answer,
        )
        await self._touch(room_id)

    async def _touch(self, room_id: str) -> None:
        """Marks the room changed, so live views fetch its results again."""
        await self.driver.execute("UPDATE rooms SET version = version + 1 WHERE id = ?", room_id)
        self.on_change(room_id)

    async def answers(self, room_id: str) -> List[Tuple[str, str, str]]:
        rows = await self.driver.fetch("SELECT conversation_id, question, answer FROM room_answers WHERE room_id = ?", room_id)
        return [(r["conversation_id"], r["question"], r["answer"]) for r in rows]

    async def member_count(self, room_id: str) -> int:
        rows = await self.driver.fetch("SELECT COUNT(*) AS n FROM room_members WHERE room_id = ?", room_id)
        return int(rows[0]["n"])

    async def hide_word(self, room_id: str, folded: str) -> None:
        await self.driver.execute("INSERT INTO room_hidden VALUES (?, ?) ON CONFLICT (room_id, word) DO NOTHING", room_id, folded)
        await self._touch(room_id)

    async def hidden_words(self, room_id: str) -> set:
        return {r["word"] for r in await self.driver.fetch("SELECT word FROM room_hidden WHERE room_id = ?", room_id)}

    async def version(self, room_id: str) -> Optional[Dict[str, Any]]:
        return await self._one("SELECT version, state, expires_at, revealed FROM rooms WHERE id = ?", room_id)

    async def reveal(self, room_id: str, revealed: bool) -> None:
        await self.driver.execute("UPDATE rooms SET revealed = ? WHERE id = ?", int(revealed), room_id)
        await self._touch(room_id)

    async def close_room(self, room_id: str) -> None:
        await self.driver.execute("UPDATE rooms SET state = 'closed' WHERE id = ?", room_id)
        await self._touch(room_id)

    async def delete(self, room_id: str) -> None:
        await self.driver.execute("DELETE FROM room_answers WHERE room_id = ?", room_id)
        await self.driver.execute("DELETE FROM room_hidden WHERE room_id = ?", room_id)
        await self.driver.execute("DELETE FROM room_members WHERE room_id = ?", room_id)
        await self.driver.execute("DELETE FROM rooms WHERE id = ?", room_id)
        self.on_change(room_id)

    async def forget_member(self, conversation_id: str) -> None:
        """Delete-my-data: the participant's shared answers leave the room too."""
        room = await self.of_conversation(conversation_id)
        await self.driver.execute("DELETE FROM room_answers WHERE conversation_id = ?", conversation_id)
        await self.driver.execute("DELETE FROM room_members WHERE conversation_id = ?", conversation_id)
        if room:
            await self._touch(room["id"])

    async def expired(self) -> List[str]:
        rows = await self.driver.fetch("SELECT id FROM rooms WHERE expires_at <= ?", time.time())
        return [r["id"] for r in rows]

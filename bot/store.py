"""The gateway's own record of conversations: which ids exist, and their state.

What leaders write lives only in Rasa's tracker store; this table holds the
id, tool, language, partner, state and progress, so that unknown ids are
refused without touching Rasa and old conversations can be purged.
"""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import aiosqlite

SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id TEXT PRIMARY KEY,
    tool TEXT NOT NULL,
    language TEXT NOT NULL,
    partner TEXT,
    state TEXT NOT NULL DEFAULT 'active',
    progress TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
)
"""


SENDERS = """
CREATE TABLE IF NOT EXISTS rest_senders (
    sender_hash TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL
)
"""


class ConversationStore:
    def __init__(self, path: Path):
        self.path = path
        self._db: Optional[aiosqlite.Connection] = None

    async def open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = await aiosqlite.connect(self.path)
        self._db.row_factory = aiosqlite.Row
        await self._db.execute("PRAGMA journal_mode=WAL")
        await self._db.execute(SCHEMA)
        await self._db.execute(SENDERS)
        await self._db.commit()

    async def close(self) -> None:
        if self._db:
            await self._db.close()

    async def create(self, conversation_id: str, tool: str, language: str, partner: Optional[str]) -> None:
        now = time.time()
        await self._db.execute(
            "INSERT INTO conversations (id, tool, language, partner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            (conversation_id, tool, language, partner, now, now),
        )
        await self._db.commit()

    async def get(self, conversation_id: str) -> Optional[Dict[str, Any]]:
        async with self._db.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        record = dict(row)
        record["progress"] = json.loads(record["progress"]) if record["progress"] else None
        return record

    async def update(self, conversation_id: str, state: str, progress: Dict[str, Any]) -> None:
        await self._db.execute(
            "UPDATE conversations SET state = ?, progress = ?, updated_at = ? WHERE id = ?",
            (state, json.dumps(progress), time.time(), conversation_id),
        )
        await self._db.commit()

    async def delete(self, conversation_id: str) -> bool:
        cursor = await self._db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
        await self._db.execute("DELETE FROM rest_senders WHERE conversation_id = ?", (conversation_id,))
        await self._db.commit()
        return cursor.rowcount > 0

    async def conversation_of_sender(self, sender_hash: str) -> Optional[str]:
        """The conversation a Rasa REST client's sender id maps to (only its hash is kept)."""
        async with self._db.execute("SELECT conversation_id FROM rest_senders WHERE sender_hash = ?", (sender_hash,)) as cursor:
            row = await cursor.fetchone()
        return row["conversation_id"] if row else None

    async def map_sender(self, sender_hash: str, conversation_id: str) -> None:
        await self._db.execute("INSERT OR REPLACE INTO rest_senders VALUES (?, ?)", (sender_hash, conversation_id))
        await self._db.commit()

    async def older_than(self, seconds: float) -> List[str]:
        async with self._db.execute(
            "SELECT id FROM conversations WHERE updated_at < ?", (time.time() - seconds,)
        ) as cursor:
            return [row["id"] for row in await cursor.fetchall()]

"""The gateway's own record of conversations: which ids exist, and their state.

What leaders write lives only in Rasa's tracker store; this table holds the
id, tool, language, partner, state and progress, so that unknown ids are
refused without touching Rasa and old conversations can be purged.
SQLite by default; PostgreSQL (TRIVSEL_GATEWAY_DB=postgresql://...) when
several gateways share it. The SQL is written once, with `?` placeholders.
The erasure log (ids of deleted conversations, for restores) is here too.
The tables (this one's and the rooms') are made and changed by migrations only (bot/migrations).
"""

from __future__ import annotations

import json
import re
import time
from contextlib import suppress
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from bot import migrations
from bot.conversations.outage import StoreHealth, StoreUnavailable, postgres_outage, sqlite_outage

REPLIES_KEPT_S = 24 * 3600


class SqliteDriver:
    def __init__(self, path: Path, health: StoreHealth):
        self.path = path
        self.health = health
        self._db: Any = None  # an aiosqlite connection once open() ran

    async def open(self) -> None:
        import aiosqlite

        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = await aiosqlite.connect(self.path)
        self._db.row_factory = aiosqlite.Row
        await self._db.execute("PRAGMA journal_mode=WAL")

    async def execute(self, sql: str, *args) -> int:
        try:
            cursor = await self._db.execute(sql, args)
            await self._db.commit()
        except Exception as error:
            await self._failed(error)
            raise
        self.health.answered()
        return cursor.rowcount

    async def fetch(self, sql: str, *args) -> List[Dict[str, Any]]:
        try:
            async with self._db.execute(sql, args) as cursor:
                return [dict(row) for row in await cursor.fetchall()]
        except Exception as error:
            await self._failed(error)
            raise

    async def _failed(self, error: Exception) -> None:
        kind = sqlite_outage(error)
        if kind:
            with suppress(Exception):  # a write that failed half-way leaves no transaction open behind it
                await self._db.rollback()
            raise self.health.failed(kind) from None

    async def close(self) -> None:
        if self._db:
            await self._db.close()


async def _nothing_to_reset(_connection: Any) -> None:
    """asyncpg's default reset of a connection given back to the pool is one more round trip and
    transaction per query (advisory locks, cursors, LISTEN, session settings: this store uses none).
    An open transaction is still rolled back by the pool before this is called."""


class PostgresDriver:
    def __init__(self, url: str, health: StoreHealth):
        self.url = url
        self.health = health
        self._pool: Any = None  # an asyncpg pool once open() ran

    async def open(self) -> None:
        import asyncpg

        # A database that does not answer is an outage in seconds, not a request hanging for a minute.
        self._pool = await asyncpg.create_pool(
            self.url, min_size=1, max_size=10, timeout=5, command_timeout=10, reset=_nothing_to_reset
        )

    @staticmethod
    def _numbered(sql: str) -> str:
        count = iter(range(1, 1000))
        return re.sub(r"\?", lambda _: f"${next(count)}", sql)

    async def execute(self, sql: str, *args) -> int:
        try:
            status = await self._pool.execute(self._numbered(sql), *args)
        except Exception as error:
            self._failed(error)
            raise
        self.health.answered()
        return int(status.split()[-1]) if status.split()[-1].isdigit() else 0

    async def fetch(self, sql: str, *args) -> List[Dict[str, Any]]:
        try:
            return [dict(row) for row in await self._pool.fetch(self._numbered(sql), *args)]
        except Exception as error:
            self._failed(error)
            raise

    def _failed(self, error: Exception) -> None:
        kind = postgres_outage(error)
        if kind:
            raise self.health.failed(kind) from None

    async def close(self) -> None:
        if self._pool:
            await self._pool.close()


class ConversationStore:
    def __init__(self, target: str, migrate: str = "start"):
        self.target = target
        self.migrate = migrate  # TRIVSEL_MIGRATE: upgrade the schema at open ("start"), or only check it
        self.health = StoreHealth()
        self.driver: SqliteDriver | PostgresDriver = (
            PostgresDriver(target, self.health) if target.startswith("postgresql://") else SqliteDriver(Path(target), self.health)
        )

    async def open(self) -> None:
        await migrations.prepare(self.target, self.migrate)  # before the store's own connection holds the file
        await self.driver.open()

    async def close(self) -> None:
        await self.driver.close()

    async def can_write(self) -> bool:
        """For /readyz: whether a write goes through now (a full disk still reads, so a read would not tell)."""
        try:
            await self.driver.execute(
                "INSERT INTO gateway_health (id, checked_at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
                time.time(),
            )
        except StoreUnavailable:
            return False
        return True

    async def create(self, conversation_id: str, tool: str, language: str, partner: Optional[str]) -> None:
        now = time.time()
        await self.driver.execute(
            "INSERT INTO conversations (id, tool, language, partner, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
            conversation_id,
            tool,
            language,
            partner,
            now,
            now,
        )

    async def get(self, conversation_id: str) -> Optional[Dict[str, Any]]:
        rows = await self.driver.fetch("SELECT * FROM conversations WHERE id = ?", conversation_id)
        if not rows:
            return None
        record = rows[0]
        record["progress"] = json.loads(record["progress"]) if record["progress"] else None
        return record

    async def update(self, conversation_id: str, state: str, progress: Dict[str, Any]) -> None:
        await self.driver.execute(
            "UPDATE conversations SET state = ?, progress = ?, updated_at = ? WHERE id = ?",
            state,
            json.dumps(progress),
            time.time(),
            conversation_id,
        )

    async def delete(self, conversation_id: str) -> bool:
        removed = await self.driver.execute("DELETE FROM conversations WHERE id = ?", conversation_id)
        await self.driver.execute("DELETE FROM rest_senders WHERE conversation_id = ?", conversation_id)
        await self.driver.execute("DELETE FROM replies WHERE conversation_id = ?", conversation_id)
        return removed > 0

    async def record_erasure(self, conversation_id: str, erased_at: Optional[float] = None) -> None:
        """Logs a delete-my-data (the id and when) before the data goes: bot/backup.py re-applies the log at a restore."""
        await self.driver.execute(
            "INSERT INTO erasures (conversation_id, erased_at) VALUES (?, ?) ON CONFLICT (conversation_id) DO NOTHING",
            conversation_id,
            time.time() if erased_at is None else erased_at,
        )

    async def erasures(self) -> List[Tuple[str, float]]:
        """The erasure log, oldest first: (conversation id, when it was erased)."""
        rows = await self.driver.fetch("SELECT conversation_id, erased_at FROM erasures ORDER BY erased_at, conversation_id")
        return [(row["conversation_id"], row["erased_at"]) for row in rows]

    async def forget_old_erasures(self, days: float) -> None:
        """Ids erased longer ago than the oldest kept backup are no longer in any backup."""
        await self.driver.execute("DELETE FROM erasures WHERE erased_at < ?", time.time() - days * 86400)

    async def cached_reply(self, conversation_id: str, key: str) -> Optional[Dict[str, Any]]:
        rows = await self.driver.fetch(
            "SELECT reply FROM replies WHERE conversation_id = ? AND idem_key = ?", conversation_id, key
        )
        return json.loads(rows[0]["reply"]) if rows else None

    async def remember_reply(self, conversation_id: str, key: str, reply: Dict[str, Any]) -> None:
        await self.driver.execute(
            "INSERT INTO replies (conversation_id, idem_key, reply, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (conversation_id, idem_key) DO NOTHING",
            conversation_id,
            key,
            json.dumps(reply),
            time.time(),
        )

    async def forget_old_replies(self) -> None:
        await self.driver.execute("DELETE FROM replies WHERE created_at < ?", time.time() - REPLIES_KEPT_S)

    async def older_than(self, seconds: float) -> List[str]:
        rows = await self.driver.fetch("SELECT id FROM conversations WHERE updated_at < ?", time.time() - seconds)
        return [row["id"] for row in rows]

    async def count_usage(self, tool: str, partner: str, field: str) -> None:
        """+1 to this month's `started` or `completed` for the tool and partner."""
        assert field in ("started", "completed")
        month = time.strftime("%Y-%m", time.gmtime())
        await self.driver.execute(
            f"INSERT INTO usage (month, tool, partner, {field}) VALUES (?, ?, ?, 1) "
            f"ON CONFLICT (month, tool, partner) DO UPDATE SET {field} = usage.{field} + 1",
            month,
            tool,
            partner,
        )

    async def usage(self) -> List[Dict[str, Any]]:
        return await self.driver.fetch("SELECT * FROM usage ORDER BY month, tool, partner")

    async def conversation_of_sender(self, sender_hash: str) -> Optional[str]:
        """The conversation a Rasa REST client's sender id maps to (only its hash is kept)."""
        rows = await self.driver.fetch("SELECT conversation_id FROM rest_senders WHERE sender_hash = ?", sender_hash)
        return rows[0]["conversation_id"] if rows else None

    async def map_sender(self, sender_hash: str, conversation_id: str) -> None:
        await self.driver.execute("DELETE FROM rest_senders WHERE sender_hash = ?", sender_hash)
        await self.driver.execute("INSERT INTO rest_senders VALUES (?, ?)", sender_hash, conversation_id)

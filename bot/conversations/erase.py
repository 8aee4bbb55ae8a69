"""Erases conversations: delete-my-data as a whole, and Rasa's tracker store (SQLite or PostgreSQL).

Rasa's HTTP API can replace a tracker's events but not remove the stored rows,
so delete-my-data and the retention purge go to the tracker store's table itself.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from typing import TYPE_CHECKING, List, Optional

if TYPE_CHECKING:
    from bot.conversations.store import ConversationStore
    from bot.rooms.store import RoomStore

# Conversations whose last event is older than the cutoff (covers ids the gateway never saw).
STALE = "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < ?"


def _sqlite(path: str, sql: str, *args) -> List[tuple]:
    try:
        with sqlite3.connect(path, timeout=10) as db:
            cursor = db.execute(sql, args)
            return cursor.fetchall() if sql.lstrip().upper().startswith("SELECT") else [(cursor.rowcount,)]
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return []
        raise


async def _postgres(url: str, sql: str, *args) -> List[tuple]:
    import asyncpg

    numbered = sql.replace("?", "$1")
    connection = await asyncpg.connect(url)
    try:
        if sql.lstrip().upper().startswith("SELECT"):
            return [tuple(row) for row in await connection.fetch(numbered, *args)]
        status = await connection.execute(numbered, *args)
        return [(int(status.split()[-1]),)]
    except asyncpg.UndefinedTableError:
        return []
    finally:
        await connection.close()


async def _run(target: str, sql: str, *args) -> List[tuple]:
    if target.startswith("postgresql://"):
        return await _postgres(target, sql, *args)
    return await asyncio.to_thread(_sqlite, target, sql, *args)


async def erase_tracker(target: str, conversation_id: str) -> int:
    """Deletes every stored event of the conversation; returns how many."""
    rows = await _run(target, "DELETE FROM events WHERE sender_id = ?", conversation_id)
    return rows[0][0] if rows else 0


async def stale_conversations(target: str, days: float) -> List[str]:
    cutoff = time.time() - days * 86400
    return [row[0] for row in await _run(target, STALE, cutoff)]


async def erase_conversation(
    conversation_id: str, tracker_target: str, store: ConversationStore, rooms: RoomStore, erased_at: Optional[float] = None
) -> None:
    """Delete-my-data: everything stored for the conversation. Its id goes into the erasure log
    first, so a restore of an older backup erases it again (bot/backup.py); the gateway's record
    goes last, so a failed erase can be retried with the same id."""
    await store.record_erasure(conversation_id, erased_at)
    await rooms.forget_member(conversation_id)
    await erase_tracker(tracker_target, conversation_id)
    await store.delete(conversation_id)

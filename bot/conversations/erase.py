"""Erases conversations from Rasa's tracker store (SQLite or PostgreSQL).

Rasa's HTTP API can replace a tracker's events but not remove the stored rows,
so delete-my-data and the retention purge go to the tracker store's table itself.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from typing import List

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

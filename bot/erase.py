"""Erases a conversation's events from Rasa's tracker store.

Rasa's HTTP API can replace a tracker's events but not remove the stored rows,
so delete-my-data goes to the tracker store's table itself.
"""
from __future__ import annotations

import asyncio
import sqlite3


def _erase_sqlite(path: str, conversation_id: str) -> int:
    try:
        with sqlite3.connect(path, timeout=10) as db:
            return db.execute("DELETE FROM events WHERE sender_id = ?", (conversation_id,)).rowcount
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return 0
        raise


async def erase_tracker(target: str, conversation_id: str) -> int:
    """Deletes every stored event of the conversation; returns how many."""
    return await asyncio.to_thread(_erase_sqlite, target, conversation_id)

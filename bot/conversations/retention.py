"""Retention: conversations untouched for longer than TRIVSEL_RETENTION_DAYS are erased.

The erasure log (ids of deleted conversations) forgets ids after TRIVSEL_BACKUP_DAYS: by then no
kept backup holds them. Facilitator rooms are deleted with all their answers once they expire (TRIVSEL_ROOM_HOURS).
Runs every hour inside each gateway, and on demand: `python -m bot.conversations.retention [--days N]`.
It erases by the last activity of each conversation, in the tracker store (which also
catches conversations the gateway never recorded) and in the gateway's own table.
"""

from __future__ import annotations

import argparse
import asyncio
import logging

from bot import migrations
from bot.conversations.erase import erase_tracker, stale_conversations
from bot.conversations.store import ConversationStore
from bot.rooms import store as room_store
from bot.rooms.store import RoomStore
from bot.settings import Settings, SettingsError

log = logging.getLogger("trivsel.retention")
EVERY_S = 3600


async def purge(settings: Settings, store: ConversationStore, days: float) -> int:
    """Erases every conversation idle for more than `days`; returns how many."""
    ids = set(await stale_conversations(settings.tracker_target, days))
    ids |= set(await store.older_than(days * 86400))
    for conversation_id in ids:
        await erase_tracker(settings.tracker_target, conversation_id)
        await store.delete(conversation_id)
    if ids:
        log.warning("retention: erased %d conversations idle for more than %s days", len(ids), days)
    return len(ids)


async def purge_rooms(rooms: RoomStore) -> int:
    """Deletes every expired room with its members and answers; returns how many."""
    expired = await rooms.expired()
    for room_id in expired:
        await rooms.delete(room_id)
    return len(expired)


async def every_hour(settings: Settings, store: ConversationStore, rooms: RoomStore) -> None:
    while True:
        try:
            await purge(settings, store, settings.retention_days)
            await store.forget_old_replies()
            await purge_rooms(rooms)
            await store.forget_old_erasures(settings.backup_days)
        except Exception as error:  # a database hiccup must not stop the schedule
            log.warning("retention run failed: %s", type(error).__name__)
        await asyncio.sleep(EVERY_S)


async def _main(settings: Settings, days: float) -> None:
    # As the gateway does: TRIVSEL_MIGRATE=check leaves the schema alone and refuses another version.
    store = ConversationStore(settings.gateway_db, settings.migrate)
    await store.open()
    rooms = room_store.for_settings(settings, store.driver)
    await rooms.open()
    try:
        print(f"erased {await purge(settings, store, days)} conversations idle for more than {days} days")
        print(f"deleted {await purge_rooms(rooms)} expired rooms")
    finally:
        await rooms.close()
        await store.close()


if __name__ == "__main__":
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        raise SystemExit(str(error)) from None
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=float, default=settings.retention_days)
    try:
        asyncio.run(_main(settings, parser.parse_args().days))
    except migrations.SchemaError as error:
        raise SystemExit(str(error)) from None

"""Where rooms are kept: one RoomStore protocol, the SQL and Redis stores, and the choice between them."""

from __future__ import annotations

from bot.rooms.store.protocol import CODE_ALPHABET, CODE_LENGTH, RoomStore, live_state

__all__ = ["CODE_ALPHABET", "CODE_LENGTH", "RoomStore", "for_settings", "live_state"]


def for_settings(settings, sql_driver) -> RoomStore:
    """Redis when the gateways share one (TRIVSEL_REDIS_URL), else the gateway's own database."""
    if settings.redis_url:
        from bot.rooms.store.redis_store import RedisRoomStore

        return RedisRoomStore(settings.redis_url)
    from bot.rooms.store.sql_store import SqlRoomStore

    return SqlRoomStore(sql_driver)

"""Typed keys for what the application holds (aiohttp AppKey).

Imports nothing of the gateway at run time (the types only for the type checker), so no
module that needs a key can ever be in an import circle with this one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Awaitable, Callable

from aiohttp import web

if TYPE_CHECKING:
    from bot.conversations.engine import EngineClient
    from bot.conversations.store import ConversationStore
    from bot.documents.pool import DocumentRenderer
    from bot.rooms.store import RoomStore
    from bot.settings import Settings
    from bot.web.metrics import Metrics
    from bot.web.partners import Partners
    from bot.web.ratelimit import Limits, OpenRooms, RateLimiter

SETTINGS: web.AppKey[Settings] = web.AppKey("settings")
ENGINE: web.AppKey[EngineClient] = web.AppKey("engine")
STORE: web.AppKey[ConversationStore] = web.AppKey("store")
DOCUMENTS: web.AppKey[DocumentRenderer] = web.AppKey("documents")
MESSAGE_LIMITER: web.AppKey[RateLimiter] = web.AppKey("message_limiter")
CONVERSATION_LIMITER: web.AppKey[RateLimiter] = web.AppKey("conversation_limiter")
ERASER: web.AppKey[Callable[[str], Awaitable[None]]] = web.AppKey("eraser")
ROOMS: web.AppKey[RoomStore] = web.AppKey("rooms")  # the SQL or the Redis store
CODE_MISS_LIMITER: web.AppKey[RateLimiter] = web.AppKey("code_miss_limiter")
ROOM_JOIN_LIMITER: web.AppKey[RateLimiter] = web.AppKey("room_join_limiter")
ROOM_LIMITER: web.AppKey[RateLimiter] = web.AppKey("room_limiter")
OPEN_ROOMS: web.AppKey[OpenRooms] = web.AppKey("open_rooms")
DOWNLOAD_LIMITER: web.AppKey[RateLimiter] = web.AppKey("download_limiter")
LIMITS: web.AppKey[Limits] = web.AppKey("limits")
PARTNERS: web.AppKey[Partners] = web.AppKey("partners")
METRICS: web.AppKey[Metrics] = web.AppKey("metrics")
SITE: web.AppKey[Path] = web.AppKey("site")  # the served files, made at start-up (bot/web/site.py)

"""Typed keys for what the application holds (aiohttp AppKey)."""
from typing import Awaitable, Callable

from aiohttp import web

from bot.documents import DocumentRenderer
from bot.engine import EngineClient
from bot.metrics import Metrics
from bot.partners import Partners
from bot.ratelimit import Limits, OpenRooms, RateLimiter
from bot.settings import Settings
from bot.room_store import RoomStore
from bot.store import ConversationStore

SETTINGS = web.AppKey("settings", Settings)
ENGINE = web.AppKey("engine", EngineClient)
STORE = web.AppKey("store", ConversationStore)
DOCUMENTS = web.AppKey("documents", DocumentRenderer)
MESSAGE_LIMITER = web.AppKey("message_limiter", RateLimiter)
CONVERSATION_LIMITER = web.AppKey("conversation_limiter", RateLimiter)
ERASER = web.AppKey("eraser", Callable[[str], Awaitable[None]])
ROOMS = web.AppKey("rooms", RoomStore)  # or RedisRoomStore: the same operations
CODE_MISS_LIMITER = web.AppKey("code_miss_limiter", RateLimiter)
ROOM_JOIN_LIMITER = web.AppKey("room_join_limiter", RateLimiter)
ROOM_LIMITER = web.AppKey("room_limiter", RateLimiter)
OPEN_ROOMS = web.AppKey("open_rooms", OpenRooms)
DOWNLOAD_LIMITER = web.AppKey("download_limiter", RateLimiter)
LIMITS = web.AppKey("limits", Limits)
PARTNERS = web.AppKey("partners", Partners)
METRICS = web.AppKey("metrics", Metrics)

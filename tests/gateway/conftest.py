"""Fixtures the gateway's room tests share."""

from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", "redis"])
async def backend(request):
    """Where rooms are kept: the SQL store, or Redis at the test module's REDIS, emptied of rooms and limits."""
    if request.param == "redis":
        import redis.asyncio as redis

        connection = redis.from_url(request.module.REDIS)
        async for key in connection.scan_iter("trivsel:room:*"):
            await connection.delete(key)
        async for key in connection.scan_iter("trivsel:limit:*"):  # limits live there too, shared like rooms
            await connection.delete(key)
        await connection.aclose()
    return request.param


@pytest.fixture
def engine():
    """A stand-in engine for room tests, one for every gateway of a test, as their shared Rasa would be."""
    from tests.support.fakes import RoomEngine

    return RoomEngine()


@pytest.fixture
async def client(aiohttp_client, app_for):
    """A gateway on the room stores, as app_for makes it with its defaults."""
    return await aiohttp_client(app_for())


@pytest.fixture
def app_for(request, tmp_path, engine, backend):
    """A gateway on the test module's engine and rooms' store, limits out of the way; settings as asked."""
    from bot.app import create_app
    from bot.settings import Settings

    def make(**settings):
        defaults = dict(
            var_dir=tmp_path,
            messages_per_minute=6000,
            conversations_per_minute=6000,
            pdf_workers=1,
            redis_url=request.module.REDIS if backend == "redis" else "",
        )
        return create_app(Settings(**{**defaults, **settings}), engine=engine)

    return make

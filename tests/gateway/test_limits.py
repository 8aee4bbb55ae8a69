"""Limits that are fair to an office, a webinar and a conference, and shared by gateways through Redis.

The limiter on its own (in memory and in the machine's real Redis, a database of its own, only our keys),
then through the API as an office, a script, a facilitator and an operator would meet it.
"""

from __future__ import annotations

import os

import pytest

from bot.web.ratelimit import Limits
from tests.support.fakes import OFFICE, app_with

REDIS = os.environ.get("TRIVSEL_TEST_LIMITS_REDIS", "redis://127.0.0.1:6379/7")


async def forget_limits() -> None:
    import redis.asyncio as redis

    connection = redis.from_url(REDIS)
    async for key in connection.scan_iter("trivsel:limit:*"):
        await connection.delete(key)
    await connection.aclose()


@pytest.fixture(params=["memory", "redis"])
async def limits(request):
    if request.param == "redis":
        await forget_limits()
    made = Limits(REDIS if request.param == "redis" else "")
    yield made
    await made.close()


async def test_a_bucket_gives_its_burst_then_says_how_long_to_wait(limits):
    bucket = limits.bucket("test", per_minute=6, burst=3)
    assert [await bucket.take("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert await bucket.waiting("a") > 0  # looking does not take
    wait = await bucket.take("a")
    assert 0 < wait <= 10  # one request every ten seconds at six a minute
    assert await bucket.take("b") == 0.0  # another client is not held back


async def test_waiting_only_looks(limits):
    bucket = limits.bucket("test", per_minute=6, burst=1)
    assert [await bucket.waiting("a") for _ in range(5)] == [0.0] * 5
    assert await bucket.take("a") == 0.0 and await bucket.take("a") > 0


async def test_rooms_held_by_an_address_until_dropped(limits):
    rooms = limits.open_rooms()
    await rooms.add("a", "r1", 4e9)
    await rooms.add("a", "r2", 4e9)
    await rooms.add("a", "gone", 1.0)  # expired long ago
    assert sorted(await rooms.held("a")) == ["r1", "r2"] and await rooms.held("b") == []
    await rooms.drop("a", ["r1"])
    assert await rooms.held("a") == ["r2"]


async def test_redis_holds_no_address_or_conversation_id():
    import redis.asyncio as redis

    await forget_limits()
    limits = Limits(REDIS)
    await limits.bucket("conversation", 10).take("203.0.113.7")
    await limits.open_rooms().add("203.0.113.7", "r1", 4e9)
    connection = redis.from_url(REDIS)
    stored = [key async for key in connection.scan_iter("trivsel:limit:*")]
    await connection.aclose()
    await limits.close()
    assert len(stored) == 2 and not any(b"203.0.113.7" in key for key in stored)


async def test_when_redis_is_out_requests_are_let_through(caplog):
    limits = Limits("redis://127.0.0.1:1/6")  # nothing listens there
    bucket = limits.bucket("test", per_minute=1, burst=1)
    assert [await bucket.take("a") for _ in range(3)] == [0.0] * 3
    assert await limits.open_rooms().held("a") == []
    await limits.close()
    assert "ConnectionError" in caplog.text and "127.0.0.1:1" not in caplog.text


async def start(client, headers=OFFICE):
    return await client.post("/api/v1/conversations", json={"tool": "leader"}, headers=headers)


async def test_an_office_of_sixty_behind_one_address_all_get_in(aiohttp_client, tmp_path):
    client = await aiohttp_client(app_with(tmp_path))  # the default limits
    statuses = [(await start(client)).status for _ in range(60)]
    assert statuses == [201] * 60


async def test_a_script_hammering_from_one_address_is_stopped_and_told_when_to_come_back(aiohttp_client, tmp_path):
    client = await aiohttp_client(app_with(tmp_path))
    responses = [await start(client) for _ in range(200)]
    refused = [r for r in responses if r.status == 429]
    assert len(refused) > 100  # the burst lets an office in; a script gets no further than that
    body = await refused[-1].json()
    assert body["error"]["code"] == "too_many_requests" and int(refused[-1].headers["Retry-After"]) >= 1
    assert (await start(client, {"X-Forwarded-For": "198.51.100.99"})).status == 201  # the next office is not held back


async def test_two_gateways_sharing_redis_share_one_bucket(aiohttp_client, tmp_path):
    await forget_limits()
    shared = dict(redis_url=REDIS, conversations_per_minute=1, conversations_burst=3)
    first = await aiohttp_client(app_with(tmp_path / "a", **shared))
    second = await aiohttp_client(app_with(tmp_path / "b", **shared))
    assert [(await start(first)).status for _ in range(3)] == [201] * 3
    assert (await start(second)).status == 429


async def test_five_mistyped_codes_do_not_lock_an_office_out(aiohttp_client, tmp_path):
    client = await aiohttp_client(app_with(tmp_path))
    room = await (await client.post("/api/v1/rooms", json={"warmup": "energy"}, headers=OFFICE)).json()
    typos = [
        (await client.get(f"/api/v1/rooms/{code}", headers=OFFICE)).status
        for code in ["ZZZZZZ", "K7QF3", "22222", "ZZZZZY", "QQQQQQ"]
    ]
    assert typos == [404] * 5
    joined = await client.post("/api/v1/conversations", json={"room": room["code"]}, headers=OFFICE)
    assert joined.status == 201


async def test_a_guesser_is_held_back_only_for_seconds(aiohttp_client, tmp_path):
    client = await aiohttp_client(app_with(tmp_path))
    responses = [await client.get("/api/v1/rooms/ZZZZZZ", headers=OFFICE) for _ in range(30)]
    held = [r for r in responses if r.status == 429]
    assert [r.status for r in responses[:20]] == [404] * 20 and held
    assert (await held[0].json())["error"]["code"] == "too_many_tries"
    assert 1 <= int(held[0].headers["Retry-After"]) <= 30


async def test_opening_rooms_does_not_use_up_conversations(aiohttp_client, tmp_path):
    client = await aiohttp_client(app_with(tmp_path, conversations_burst=2, conversations_per_minute=1))
    for _ in range(5):
        assert (await client.post("/api/v1/rooms", json={"warmup": "energy"}, headers=OFFICE)).status == 201
    assert [(await start(client)).status for _ in range(2)] == [201, 201]


async def test_open_rooms_are_capped_per_address_and_a_closed_room_frees_a_place(aiohttp_client, tmp_path):
    client = await aiohttp_client(app_with(tmp_path, open_rooms_per_address=3))
    rooms = [await (await client.post("/api/v1/rooms", json={"warmup": "energy"}, headers=OFFICE)).json() for _ in range(3)]
    refused = await client.post("/api/v1/rooms", json={"warmup": "energy"}, headers=OFFICE)
    assert refused.status == 429
    error = (await refused.json())["error"]
    assert error["code"] == "too_many_open_rooms" and "Close a room" in error["message"]
    other = await client.post("/api/v1/rooms", json={"warmup": "energy"}, headers={"X-Forwarded-For": "198.51.100.99"})
    assert other.status == 201
    await client.post(f"/api/v1/hosted/{rooms[0]['host_key']}/close")
    assert (await client.post("/api/v1/rooms", json={"warmup": "energy"}, headers=OFFICE)).status == 201


async def test_downloads_are_limited_per_conversation(aiohttp_client, tmp_path):
    app = app_with(tmp_path, downloads_per_minute=2)  # a burst of five
    client = await aiohttp_client(app)
    first, second = [(await (await start(client)).json())["id"] for _ in range(2)]
    statuses = [(await client.get(f"/api/v1/conversations/{first}/documents/leader-agreement.json")).status for _ in range(3)]
    statuses += [(await client.get(f"/api/v1/conversations/{first}")).status for _ in range(3)]
    assert statuses == [404] * 3 + [200, 200, 429]  # no document yet, then the transcript, then wait
    assert (await client.get(f"/api/v1/conversations/{second}")).status == 200  # another leader's is not held back


async def test_the_room_summary_is_limited_per_room(aiohttp_client, tmp_path):
    client = await aiohttp_client(app_with(tmp_path, downloads_per_minute=1))
    room = await (await client.post("/api/v1/rooms", json={"warmup": "energy"})).json()
    statuses = [(await client.get(room["summary_url"])).status for _ in range(6)]
    assert statuses == [200] * 5 + [429]


async def test_new_senders_on_the_rest_channel_count_as_new_conversations(aiohttp_client, tmp_path):
    client = await aiohttp_client(app_with(tmp_path, conversations_burst=2, conversations_per_minute=1))
    statuses = [
        (await client.post("/webhooks/rest/webhook", json={"sender": f"sender-{n:04d}", "message": "hej"}, headers=OFFICE)).status
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]

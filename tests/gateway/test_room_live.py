"""Live room screens pushed, not polled: one results computation per change for all of a room's
streams, changes from another gateway, and caps on open streams. No timing is asserted here
(`make bench-room` measures time); waits only guard against hanging."""

from __future__ import annotations

import asyncio
import json
import os

from bot import keys
from bot.rooms.live import COALESCE_S
from tests.support.fakes import join, open_room, tap

# A database of its own on the machine's Redis, so other tests' rooms are never in the way.
REDIS = os.environ.get("TRIVSEL_TEST_LIVE_REDIS", "redis://127.0.0.1:6379/6")
GUARD_S = 10  # only so that a broken push fails the test instead of hanging it


class Screen:
    """A presenter's stream, read event by event."""

    def __init__(self, response):
        self.response = response

    async def next(self):
        name = None
        while True:
            line = (await asyncio.wait_for(self.response.content.readline(), GUARD_S)).decode()
            if line.startswith("event: "):
                name = line[7:].strip()
            elif line.startswith("data: "):
                return name, json.loads(line[6:])

    async def until(self, condition):
        while True:
            name, data = await self.next()
            if name == "results" and condition(data):
                return data

    def close(self):
        self.response.close()


async def screen(client, room) -> Screen:
    response = await client.get(f"/api/v1/hosted/{room['host_key']}/events")
    assert response.status == 200, await response.text()
    return Screen(response)


class CountingAnswers:
    """Counts how often the room's answers are read: once per results computation."""

    def __init__(self, store):
        self.calls, self.read = 0, store.answers
        store.answers = self

    async def __call__(self, room_id):
        self.calls += 1
        return await self.read(room_id)


async def test_a_change_reaches_every_screen_of_the_room_with_one_computation(aiohttp_client, app_for):
    app = app_for()
    client = await aiohttp_client(app)
    room = await open_room(client)
    people = [await join(client, room["code"]) for _ in range(3)]
    first, second = await screen(client, room), await screen(client, room)
    assert (await first.until(lambda r: r["members"] == 3))["answered"] == 0
    assert (await second.until(lambda r: r["members"] == 3))["answered"] == 0
    computations = CountingAnswers(app[keys.ROOMS])
    await tap(client, people[0], "trust")
    for each in (first, second):
        assert (await each.until(lambda r: r["answered"] == 1))["members"] == 3
    assert computations.calls == 1
    first.close()
    second.close()


async def test_another_gateway_s_answer_reaches_a_screen_here(aiohttp_client, app_for, backend):
    here_app = app_for()
    here, there = await aiohttp_client(here_app), await aiohttp_client(app_for())
    if backend == "redis":
        here_app[keys.ROOMS].poll_s = 3600  # so only pub/sub can bring it
    room = await open_room(here)
    people = [await join(there, room["code"]) for _ in range(3)]
    shown = await screen(here, room)
    await shown.until(lambda r: r["members"] == 3)
    await asyncio.sleep(3 * COALESCE_S)  # this gateway's feed has looked again and waits: only a push can wake it now
    for cid in people:
        await tap(there, cid, "support")
    latest = await shown.until(lambda r: r["answered"] == 3)
    assert latest["charts"][0]["bars"] == [{"value": "support", "label": "Sparring og støtte", "count": 3}]
    assert (await there.delete(f"/api/v1/hosted/{room['host_key']}")).status == 204
    name, _ = await shown.next()
    while name == "results":  # an update may still have been on its way
        name, _ = await shown.next()
    assert name == "deleted"
    shown.close()


async def test_open_streams_are_capped_per_room_and_per_address(aiohttp_client, app_for):
    client = await aiohttp_client(app_for(streams_per_room=2, streams_per_address=3))
    busy, other, later = await open_room(client), await open_room(client), await open_room(client)
    screens = [await screen(client, busy), await screen(client, busy)]
    refused = await client.get(f"/api/v1/hosted/{busy['host_key']}/events")
    body = await refused.json()
    assert refused.status == 429 and body["error"]["code"] == "too_many_screens" and "2 live screens" in body["error"]["message"]
    assert int(refused.headers["Retry-After"]) > 0
    screens.append(await screen(client, other))
    refused = await client.get(f"/api/v1/hosted/{other['host_key']}/events")
    assert refused.status == 429 and (await refused.json())["error"]["code"] == "too_many_streams"
    # A deleted room's streams end, and what they held is free again.
    for each in screens[:2]:
        await each.until(lambda r: True)
    assert (await client.delete(f"/api/v1/hosted/{busy['host_key']}")).status == 204
    for each in screens[:2]:
        name, _ = await each.next()
        while name == "results":
            name, _ = await each.next()
        assert name == "deleted"
        await asyncio.wait_for(each.response.content.read(), GUARD_S)  # the server ended the stream
    screens.append(await screen(client, later))
    for each in screens:
        each.close()


async def test_streams_end_when_the_gateway_shuts_down(aiohttp_client, app_for):
    client = await aiohttp_client(app_for())
    room = await open_room(client)
    shown = await screen(client, room)
    await shown.until(lambda r: True)
    await client.server.app.shutdown()
    assert (await asyncio.wait_for(shown.response.content.read(), GUARD_S)).strip() == b""  # ended, nothing more

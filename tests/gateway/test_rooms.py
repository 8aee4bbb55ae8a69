"""Facilitator rooms through the API, with a stand-in engine (the real stack is in tests/e2e)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess

import pytest

from bot.conversations.retention import purge_rooms
from bot.rooms.results import compute
from bot.rooms.store import CODE_ALPHABET
from tests.support.fakes import join, open_room, tap

# Rooms live in the gateway's database (SQLite here) or, for several gateways, in Redis
# (the machine's real one; CI has it): every test runs against both.
REDIS = os.environ.get("TRIVSEL_TEST_ROOMS_REDIS", "redis://127.0.0.1:6379/5")


async def host_view(client, room):
    response = await client.get(f"/api/v1/hosted/{room['host_key']}")
    return response.status, await response.json()


def chart(view, key):
    return next(c for c in view["charts"] if c["key"] == key)


async def test_a_room_from_opening_to_deletion(client, engine):
    room = await open_room(client)
    assert re.fullmatch(f"[{CODE_ALPHABET}]{{6}}", room["code"])
    assert len(room["host_key"]) == 32 and room["host_url"] == f"/host/{room['host_key']}"
    assert room["join_url"].endswith(f"/r/{room['code']}") and room["state"] == "open" and room["members"] == 0
    participant = await client.get(f"/api/v1/rooms/{room['code'].lower()}")
    assert participant.status == 200 and (await participant.json())["warmup"] == "energy"
    assert "host_key" not in await participant.json()
    qr = await client.get(room["qr_url"])
    assert qr.status == 200 and qr.content_type == "image/svg+xml" and b"<svg" in await qr.read()

    people = [await join(client, room["code"]) for _ in range(4)]
    assert engine.metadata[people[0]] == {"room": {"code": room["code"]}}
    assert engine.sent[0][1] == '/start{"tool": "energy", "language": "da"}'
    for cid, value in zip(people, ["recovery", "recovery", "support", "recovery"]):
        await tap(client, cid, value)
    status, view = await host_view(client, room)
    assert status == 200 and view["members"] == 4 and view["answered"] == 4
    gives = chart(view, "gives")
    assert gives["ready"] and gives["bars"] == [{"value": "recovery", "label": "Pauser og restitution", "count": 3}]
    assert gives["hidden"] == 1  # the lone "support" is not singled out

    closed = await client.post(f"/api/v1/hosted/{room['host_key']}/close")
    assert closed.status == 200 and (await closed.json())["state"] == "closed"
    late = await client.post("/api/v1/conversations", json={"room": room["code"]})
    assert late.status == 410 and (await late.json())["error"]["code"] == "room_closed"
    await tap(client, people[2], "recovery")  # after closing, answers no longer count
    assert chart((await host_view(client, room))[1], "gives")["hidden"] == 1

    deleted = await client.delete(f"/api/v1/hosted/{room['host_key']}")
    assert deleted.status == 204
    assert (await host_view(client, room))[0] == 404
    assert (await client.get(f"/api/v1/rooms/{room['code']}")).status == 404


async def test_nothing_is_shown_before_three_have_answered(client):
    room = await open_room(client)
    people = [await join(client, room["code"]) for _ in range(3)]
    await tap(client, people[0], "trust")
    await tap(client, people[1], "trust")
    gives = chart((await host_view(client, room))[1], "gives")
    assert gives == {
        "key": "gives",
        "kind": "themes",
        "title": "Det giver energi",
        "answered": 2,
        "ready": False,
        "bars": [],
        "hidden": 0,
    }
    await tap(client, people[2], "trust")
    gives = chart((await host_view(client, room))[1], "gives")
    assert gives["ready"] and gives["bars"][0]["count"] == 3


def test_lone_categories_are_hidden_and_levels_keep_the_ladder_order():
    room = {"code": "ABCDEF", "warmup": "maturity", "language": "en", "expires_at": 0}
    rows = [(f"p{i}", "level", level) for i, level in enumerate(["2", "2", "3", "3", "3", "6"])]
    view = compute(room, rows, 6, "open")
    levels = view["charts"][0]
    assert [b["count"] for b in levels["bars"]] == [0, 2, 3, 0, 0, 0]
    assert levels["bars"][1]["label"] == "2. Awareness" and levels["hidden"] == 1


def test_ratings_are_averaged_per_theme_and_shown_only_when_three_rated_it():
    room = {"code": "ABCDEF", "warmup": "prep", "language": "da", "expires_at": 0}
    rows = [
        ("a", "rating:workload", "3"),
        ("b", "rating:workload", "3"),
        ("c", "rating:workload", "2"),
        ("a", "rating:trust", "1"),
        ("b", "rating:trust", "2"),
        ("c", "rating:trust", "1"),
        ("a", "rating:meaning", "3"),
    ]
    ratings = compute(room, rows, 3, "open")["charts"][0]
    assert [(b["value"], b["score"], b["count"]) for b in ratings["bars"]] == [("workload", 2.67, 3), ("trust", 1.33, 3)]


async def test_changing_an_answer_replaces_it(client):
    room = await open_room(client)
    people = [await join(client, room["code"]) for _ in range(3)]
    for cid in people:
        await tap(client, cid, "trust")
    await tap(client, people[0], "meaning")
    await tap(client, people[1], "trust")
    gives = chart((await host_view(client, room))[1], "gives")
    assert (
        gives["answered"] == 3
        and gives["bars"] == [{"value": "trust", "label": "Tryghed og tillid", "count": 2}]
        and gives["hidden"] == 1
    )


async def test_the_host_can_take_a_word_off_the_screen(client, engine, tmp_path):
    engine.share_key = "word"
    room = await open_room(client, language="en")
    for word in ["Coffee", "coffee", "Rude word", "Quiet"]:
        await tap(client, await join(client, room["code"]), word)
    assert [b["label"] for b in chart((await host_view(client, room))[1], "word")["bars"]] == ["Coffee", "Quiet", "Rude word"]
    hidden = await client.post(f"/api/v1/hosted/{room['host_key']}/hide", json={"word": "rude  WORD"})
    assert hidden.status == 200
    assert [b["label"] for b in chart(await hidden.json(), "word")["bars"]] == ["Coffee", "Quiet"]
    summary = tmp_path / "summary.pdf"
    summary.write_bytes(await (await client.get(room["summary_url"])).read())
    text = subprocess.run(["pdftotext", str(summary), "-"], capture_output=True, text=True, check=True).stdout
    assert "Quiet" in text and "Rude" not in text
    refused = await client.post(f"/api/v1/hosted/{room['host_key']}/hide", json={"word": ""})
    assert refused.status == 422


async def test_a_shared_word_that_names_a_colleague_stays_off_the_screen(client, engine, tmp_path):
    # a user walk saw "peter er doven" in large type on the presenter screen at once
    engine.share_key = "word"
    room = await open_room(client)
    for word in ["peter er doven", "Kaffe", "kaffe", "sparring med Lars", "ro på"]:
        await tap(client, await join(client, room["code"]), word)
    words = chart((await host_view(client, room))[1], "word")
    assert [b["label"] for b in words["bars"]] == ["Kaffe", "ro på"] and words["hidden_names"] == 2
    summary = tmp_path / "summary.pdf"
    summary.write_bytes(await (await client.get(room["summary_url"])).read())
    text = " ".join(subprocess.run(["pdftotext", str(summary), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Kaffe" in text and "peter" not in text.lower() and "Lars" not in text
    assert "2 ord med et navn i vises ikke" in text


async def test_delete_my_data_takes_the_answers_out_of_the_room(client):
    room = await open_room(client)
    people = [await join(client, room["code"]) for _ in range(3)]
    for cid in people:
        await tap(client, cid, "trust")
    assert (await client.delete(f"/api/v1/conversations/{people[0]}")).status == 204
    _, view = await host_view(client, room)
    assert view["members"] == 2 and not chart(view, "gives")["ready"]


async def test_wrong_codes_are_rate_limited_per_client(aiohttp_client, app_for):
    client = await aiohttp_client(app_for(code_misses_per_minute=10))
    room = await open_room(client)
    statuses = [(await client.get(f"/api/v1/rooms/{code}")).status for code in ["ZZZZZZ", "nope", "22222"] * 4]
    assert statuses[:5] == [404] * 5 and 429 in statuses
    blocked = await client.post("/api/v1/conversations", json={"room": room["code"]})
    assert blocked.status == 429 and int(blocked.headers["Retry-After"]) >= 1


async def test_rooms_expire_and_are_then_deleted(aiohttp_client, app_for, backend):
    app = app_for(room_hours=1.0 / 3600)
    client = await aiohttp_client(app)
    room = await open_room(client)
    people = [await join(client, room["code"]) for _ in range(3)]
    for cid in people:
        await tap(client, cid, "trust")
    await asyncio.sleep(2.2)  # Redis expires keys on whole seconds
    expired = await client.post("/api/v1/conversations", json={"room": room["code"]})
    assert expired.status == 410 and (await expired.json())["error"]["code"] == "room_expired"
    status, view = await host_view(client, room)
    from bot import keys

    if backend == "redis":  # Redis has already dropped the members and answers; the room says "expired" for a day
        assert view["state"] == "expired" and view["members"] == 0 and view["answered"] == 0
        assert await purge_rooms(app[keys.ROOMS]) == 0
    else:  # the hourly purge deletes the room with everything in it
        assert view["state"] == "expired"
        assert await purge_rooms(app[keys.ROOMS]) == 1
        assert (await host_view(client, room))[0] == 404
        rows = await app[keys.STORE].driver.fetch("SELECT COUNT(*) AS n FROM room_answers")
        assert rows[0]["n"] == 0


async def test_rooms_and_answers_survive_a_gateway_restart(aiohttp_client, app_for):
    first = await aiohttp_client(app_for())
    room = await open_room(first)
    people = [await join(first, room["code"]) for _ in range(3)]
    for cid in people:
        await tap(first, cid, "support")
    await first.close()
    second = await aiohttp_client(app_for())
    status, view = await host_view(second, room)
    assert status == 200 and view["members"] == 3 and chart(view, "gives")["bars"][0]["count"] == 3


async def test_live_results_arrive_as_server_sent_events(client):
    room = await open_room(client)
    people = [await join(client, room["code"]) for _ in range(3)]
    stream = await client.get(f"/api/v1/hosted/{room['host_key']}/events")
    assert stream.status == 200 and stream.content_type == "text/event-stream"

    async def next_results():
        while True:
            line = (await stream.content.readline()).decode()
            if line.startswith("data: "):
                return json.loads(line[6:])

    first = await asyncio.wait_for(next_results(), 2)
    assert first["members"] == 3 and first["answered"] == 0
    for cid in people:
        await tap(client, cid, "workload")
    latest = first
    while latest["answered"] < 3:
        latest = await asyncio.wait_for(next_results(), 2)  # each update within two seconds
    assert chart(latest, "gives")["bars"][0] == {"value": "workload", "label": "Krav og ressourcer", "count": 3}
    stream.close()


async def test_the_summary_pdf_holds_the_aggregate(client, tmp_path):
    room = await open_room(client, language="en")
    people = [await join(client, room["code"]) for _ in range(3)]
    for cid in people:
        await tap(client, cid, "meaning")
    response = await client.get(room["summary_url"])
    assert response.status == 200 and response.content_type == "application/pdf"
    path = tmp_path / "summary.pdf"
    path.write_bytes(await response.read())
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Result: Energy check" in text and "3 joined and 3 answered" in text
    assert "Meaning and recognition" in text and "Shown once at least 3 have answered" in text  # `drains` has no answers


async def test_a_preparation_room_hands_its_ranking_to_the_host_s_group_conversation(client, engine):
    engine.share_key = "rating:workload"
    room = await open_room(client, warmup="prep")
    for value in ["3", "3", "2"]:
        await tap(client, await join(client, room["code"]), value)
    response = await client.post("/api/v1/conversations", json={"tool": "group", "prepared": room["host_key"]})
    assert response.status == 201
    cid = (await response.json())["id"]
    assert engine.metadata[cid]["prepared"] == {"members": 3, "themes": [{"key": "workload", "score": 2.67, "count": 3}]}
    wrong = await client.post("/api/v1/conversations", json={"tool": "leader", "prepared": room["host_key"]})
    assert wrong.status == 422


@pytest.mark.parametrize(
    "body,status,code",
    [
        ({"warmup": "poker"}, 422, "unknown_warmup"),
        ({"warmup": "energy", "language": "fr"}, 422, "unknown_language"),
    ],
)
async def test_bad_room_requests_get_a_clear_answer(client, body, status, code):
    response = await client.post("/api/v1/rooms", json=body)
    assert response.status == status and (await response.json())["error"]["code"] == code


async def test_unknown_host_keys_and_codes_are_404(client):
    assert (await client.get("/api/v1/hosted/" + "x" * 32)).status == 404
    assert (await client.get("/api/v1/hosted/short/events")).status == 404
    assert (await client.post("/api/v1/conversations", json={"room": 42})).status == 404


async def test_pages_are_served(client):
    for path in ["/facilitator", "/host/" + "x" * 32, "/r", "/r/ABCDEF", "/presenter.js", "/rooms.css", "/api/v1/warmups"]:
        assert (await client.get(path)).status == 200, path
    warmups = {w["id"] for w in (await (await client.get("/api/v1/warmups")).json())["warmups"]}
    assert warmups == {"energy", "maturity", "prep", "taste"}


async def test_join_links_use_the_public_address_and_joins_are_limited_per_room(aiohttp_client, app_for):
    client = await aiohttp_client(app_for(public_url="https://guide.example.dk/", room_joins_per_minute=10))
    room = await open_room(client)
    assert room["join_url"] == f"https://guide.example.dk/r/{room['code']}"
    statuses = [(await client.post("/api/v1/conversations", json={"room": room["code"]})).status for _ in range(8)]
    assert statuses[:5] == [201] * 5 and statuses[-1] == 429  # a burst of half a minute's joins, then wait
    other = await open_room(client)  # another room is not held back by this one
    assert (await client.post("/api/v1/conversations", json={"room": other["code"]})).status == 201

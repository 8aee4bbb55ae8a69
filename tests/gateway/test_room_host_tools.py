"""What a room's host has besides the live screen: words merged and filtered, results held back
until the host shows them, the CSV export and numbers written as each language writes them.
Every API test runs on both room stores (SQL and Redis)."""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import subprocess

import pytest

from bot.rooms import words
from bot.rooms.results import compute
from bot.rooms.summary import document
from tests.support.fakes import join, open_room, tap

REDIS = os.environ.get("TRIVSEL_TEST_HOST_TOOLS_REDIS", "redis://127.0.0.1:6379/7")
GUARD_S = 10  # only so that a broken push fails the test instead of hanging it


def chart(view, key):
    return next(c for c in view["charts"] if c["key"] == key)


async def host_view(client, room):
    response = await client.get(f"/api/v1/hosted/{room['host_key']}")
    assert response.status == 200
    return await response.json()


async def share_words(client, engine, room, *shared):
    engine.share_key = "word"
    for word in shared:
        await tap(client, await join(client, room["code"]), word)


def shown_words(view):
    return [(b["label"], b["count"]) for b in chart(view, "word")["bars"]]


# Merging and filtering


def test_spellings_that_differ_in_case_spacing_or_punctuation_are_one_word_in_its_most_common_spelling():
    room = {"code": "ABCDEF", "warmup": "energy", "language": "da", "expires_at": 0}
    shared = ["glade kunder", "Glade kunder!", "glade  kunder", "Ro.", "ro", "Kaffe", "!!!"]
    view = compute(room, [(f"p{i}", "word", w) for i, w in enumerate(shared)], len(shared), "open")
    assert shown_words(view) == [("glade kunder", 3), ("ro", 2), ("Kaffe", 1)]  # a tie: the plainer spelling


@pytest.mark.parametrize(
    "word,blocked",
    [
        ("Fuck det", True),
        ("røvhuller", True),  # `røvhul*` takes the inflected forms
        ("HOLD KÆFT!", True),  # two words side by side
        ("what a dickhead", True),
        ("pik", True),
        ("pikant", False),  # `pik` is a whole word, not a beginning
        ("fag", False),  # a Danish trade, not the English slur
        ("det går skidt", False),  # everyday Danish
        ("hold fast", False),
        ("glade kunder", False),
    ],
)
def test_the_default_list_catches_crude_words_in_both_languages_and_leaves_everyday_words(word, blocked):
    assert words.blocked(words.fold(word), words.default_entries()) is blocked


async def test_words_the_host_blocks_when_opening_a_room_never_reach_the_screen_the_summary_or_the_csv(client, engine, tmp_path):
    response = await client.post("/api/v1/rooms", json={"warmup": "energy", "blocked_words": "Jensen, bøvl*\nbudget"})
    assert response.status == 201
    room = await response.json()
    await share_words(client, engine, room, "Jensen er sød", "bøvlet", "kaffe", "Kaffe!", "fuck det", "Budget.", "ro")
    view = await host_view(client, room)
    assert chart(view, "word")["answered"] == 7 and shown_words(view) == [("kaffe", 2), ("ro", 1)]
    exported = await (await client.get(f"/api/v1/hosted/{room['host_key']}/results.csv")).text()
    summary = tmp_path / "summary.pdf"
    summary.write_bytes(await (await client.get(room["summary_url"])).read())
    printed = subprocess.run(["pdftotext", str(summary), "-"], capture_output=True, text=True, check=True).stdout
    for text in (exported, printed):
        assert "kaffe" in text and not any(w in text.lower() for w in ("jensen", "bøvl", "fuck", "budget"))
    # Hiding a word from the screen adds it to the same filter, whatever its punctuation.
    hidden = await client.post(f"/api/v1/hosted/{room['host_key']}/hide", json={"word": "KAFFE?"})
    assert shown_words(await hidden.json()) == [("ro", 1)]


@pytest.mark.parametrize("blocked", [42, "x" * 1001, ["Jensen"]])
async def test_blocked_words_must_be_text_of_reasonable_length(client, blocked):
    response = await client.post("/api/v1/rooms", json={"warmup": "energy", "blocked_words": blocked})
    assert response.status == 422 and (await response.json())["error"]["code"] == "invalid_blocked_words"


# Holding the results back


async def test_hidden_results_show_only_how_many_answered_until_the_host_shows_them_also_on_the_live_screen(client):
    room = await open_room(client)
    people = [await join(client, room["code"]) for _ in range(3)]
    stream = await client.get(f"/api/v1/hosted/{room['host_key']}/events")

    async def next_results():
        while True:
            line = (await asyncio.wait_for(stream.content.readline(), GUARD_S)).decode()
            if line.startswith("data: "):
                return json.loads(line[6:])

    assert (await next_results())["revealed"] is True
    hidden = await client.post(room["reveal_url"], json={"revealed": False})
    assert hidden.status == 200 and hidden.headers["Cache-Control"] == "no-store"
    for cid in people:  # participants go on answering meanwhile
        await tap(client, cid, "trust")
    latest = await next_results()
    while latest["answered"] < 3:
        latest = await next_results()
    gives = chart(latest, "gives")
    assert latest["revealed"] is False and gives["answered"] == 3 and not gives["ready"] and gives["bars"] == []
    assert not chart(await host_view(client, room), "gives")["bars"]  # a reload of the screen shows nothing more

    # The host's own downloads hold the results all along.
    exported = await (await client.get(room["csv_url"])).text()
    assert "Tryghed og tillid;3" in exported

    shown = await client.post(room["reveal_url"], json={"revealed": True})
    assert chart(await shown.json(), "gives")["bars"] == [{"value": "trust", "label": "Tryghed og tillid", "count": 3}]
    latest = await next_results()
    while not latest["revealed"]:
        latest = await next_results()
    assert chart(latest, "gives")["bars"][0]["count"] == 3
    stream.close()


async def test_the_choice_to_hide_results_outlives_a_gateway_restart(aiohttp_client, app_for):
    first = await aiohttp_client(app_for())
    room = await open_room(first)
    assert (await first.post(room["reveal_url"], json={"revealed": False})).status == 200
    await first.close()
    second = await aiohttp_client(app_for())
    assert (await host_view(second, room))["revealed"] is False


@pytest.mark.parametrize("body", [{}, {"revealed": "yes"}, {"revealed": None}, {"revealed": 1}])
async def test_reveal_takes_only_true_or_false(client, body):
    room = await open_room(client)
    response = await client.post(room["reveal_url"], json=body)
    assert response.status == 422 and (await response.json())["error"]["code"] == "invalid_revealed"


async def test_a_rooms_table_from_before_the_reveal_toggle_gets_it_with_its_rooms_shown(aiohttp_client, engine, tmp_path):
    from bot.app import create_app
    from bot.rooms.store.protocol import host_hash
    from bot.settings import Settings

    old = sqlite3.connect(tmp_path / "gateway.db")
    old.execute(
        "CREATE TABLE rooms (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, host_hash TEXT NOT NULL UNIQUE,"
        " warmup TEXT NOT NULL, language TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'open',"
        " created_at DOUBLE PRECISION NOT NULL, expires_at DOUBLE PRECISION NOT NULL, version BIGINT NOT NULL DEFAULT 0)"
    )
    key = "k" * 32
    old.execute(
        "INSERT INTO rooms (id, code, host_hash, warmup, language, created_at, expires_at) VALUES "
        "('r1', 'ABCDEF', ?, 'energy', 'da', 0, 9e9)",
        (host_hash(key),),
    )
    old.commit()
    old.close()
    client = await aiohttp_client(create_app(Settings(var_dir=tmp_path, pdf_workers=1), engine=engine))
    room = {"host_key": key, "reveal_url": f"/api/v1/hosted/{key}/reveal"}
    assert (await host_view(client, room))["revealed"] is True
    assert (await (await client.post(room["reveal_url"], json={"revealed": False})).json())["revealed"] is False


async def test_a_redis_room_from_before_the_reveal_toggle_shows_its_results(aiohttp_client, app_for, backend):
    import redis.asyncio as redis

    if backend != "redis":
        return  # the SQL store's older rooms: the test above
    client = await aiohttp_client(app_for())
    room = await open_room(client)
    connection = redis.from_url(REDIS)
    room_id = await connection.get(f"trivsel:room:C:{room['code']}")
    assert isinstance(room_id, bytes)  # the code leads to the room
    await connection.hdel(b"trivsel:room:R:" + room_id, "revealed")
    await connection.aclose()
    assert (await host_view(client, room))["revealed"] is True


# The CSV export


async def test_a_danish_csv_opens_in_excel_with_the_same_anonymity_as_the_screen(client, engine):
    engine.share_key = "rating:workload"
    room = await open_room(client, warmup="prep")
    for value in ["3", "3", "2"]:
        await tap(client, await join(client, room["code"]), value)
    response = await client.get(room["csv_url"])
    assert response.status == 200 and response.content_type == "text/csv" and response.charset == "utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Content-Disposition"] == 'attachment; filename="resultater-forberedelse-til-ledergruppens-moede.csv"'
    raw = await response.read()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte order mark Excel needs to read UTF-8
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "Spørgsmål;Svar;Antal;Andel af svarene (%);Gennemsnit (1 = det går godt, 3 = det skal vi tale om)"
    assert "Det skal vi tale om;Krav og ressourcer;3;100;2,67" in lines  # a decimal comma
    assert "Ord til mødet;Vises, når mindst 3 har svaret.;;;" in lines  # under three answers: nothing


async def test_an_english_csv_uses_commas_and_keeps_lone_answers_and_formulas_out(client, engine):
    room = await open_room(client, language="en")
    people = [await join(client, room["code"]) for _ in range(3)]
    for cid, theme in zip(people, ["trust", "trust", "support"]):
        await tap(client, cid, theme)
    engine.share_key = "word"
    for cid, word in zip(people, ["=1+2", "@coffee", "calm"]):
        await tap(client, cid, word)
    response = await client.get(room["csv_url"])
    assert response.headers["Content-Disposition"] == 'attachment; filename="results-energy-check.csv"'
    lines = (await response.text()).lstrip("\ufeff").splitlines()
    # No column left empty: an energy check has no rating to average (its file had an empty "Average"),
    # so the last column is each answer's share of those who answered the question.
    assert lines[0] == "Question,Answer,Count,Share of answers (%)"
    gives = [line for line in lines if line.startswith("What gives energy")]
    assert gives == [
        "What gives energy,Safety and trust,2,67",
        "What gives energy,Answers only one person chose (not shown one by one),1,33",
    ]
    assert "Your words,'=1+2,1,33" in lines and "Your words,'@coffee,1,33" in lines  # never run as a formula
    assert all(not line.endswith(",") for line in lines if line.startswith(("What gives energy", "Your words")))


async def test_only_the_host_link_opens_the_csv(client):
    await open_room(client)
    assert (await client.get("/api/v1/hosted/" + "x" * 32 + "/results.csv")).status == 404


# Numbers in the summary


@pytest.mark.parametrize(
    "language,written,key",
    [("da", "2,67 af 3 (3 svar)", "3 = det skal vi tale om"), ("en", "2.67 of 3 (3 answers)", "3 = we need to talk about it")],
)
async def test_the_summary_writes_scores_as_the_room_s_language_does_and_says_what_they_mean(
    client, engine, tmp_path, language, written, key
):
    engine.share_key = "rating:workload"
    room = await open_room(client, warmup="prep", language=language)
    for value in ["3", "3", "2"]:
        await tap(client, await join(client, room["code"]), value)
    path = tmp_path / "summary.pdf"
    path.write_bytes(await (await client.get(room["summary_url"])).read())
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert written in text and key in " ".join(text.split())


def test_whole_scores_are_written_without_decimals():
    results = {
        "language": "da",
        "warmup": "prep",
        "title": "Forberedelse",
        "members": 3,
        "answered": 3,
        "min_answers": 3,
        "charts": [
            {
                "title": "Det skal vi tale om",
                "kind": "ratings",
                "ready": True,
                "hidden": 0,
                "bars": [{"label": "Tryghed", "count": 3, "score": 3.0}, {"label": "Ro", "count": 4, "score": 2.5}],
            }
        ],
    }
    assert [b["text"] for b in document(results, 0)["charts"][0]["bars"]] == ["3 af 3 (3 svar)", "2,5 af 3 (4 svar)"]

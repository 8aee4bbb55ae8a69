"""A database made by the release before migrations is upgraded at start, keeps every row, and is served.

On SQLite and on the machine's PostgreSQL (CI runs it; this test never skips).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from typing import Any, List, Tuple

import asyncpg
import pytest

from bot import migrations
from bot.rooms.store.protocol import host_hash
from bot.settings import ROOT
from launcher.running import PG
from tests.support.fakes import app_with

# The tables exactly as the release before migrations made them (bot/conversations/store.py and
# bot/rooms/store/sql_store.py then); `revealed` was added by a hand-written ALTER TABLE at start,
# so such a database has it or not.
PREVIOUS_RELEASE = [
    """CREATE TABLE IF NOT EXISTS conversations (
        id TEXT PRIMARY KEY, tool TEXT NOT NULL, language TEXT NOT NULL, partner TEXT,
        state TEXT NOT NULL DEFAULT 'active', progress TEXT,
        created_at DOUBLE PRECISION NOT NULL, updated_at DOUBLE PRECISION NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS rest_senders (
        sender_hash TEXT PRIMARY KEY, conversation_id TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS usage (
        month TEXT NOT NULL, tool TEXT NOT NULL, partner TEXT NOT NULL,
        started INTEGER NOT NULL DEFAULT 0, completed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (month, tool, partner))""",
    """CREATE TABLE IF NOT EXISTS replies (
        conversation_id TEXT NOT NULL, idem_key TEXT NOT NULL, reply TEXT NOT NULL,
        created_at DOUBLE PRECISION NOT NULL, PRIMARY KEY (conversation_id, idem_key))""",
    """CREATE TABLE IF NOT EXISTS rooms (
        id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, host_hash TEXT NOT NULL UNIQUE,
        warmup TEXT NOT NULL, language TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'open',
        created_at DOUBLE PRECISION NOT NULL, expires_at DOUBLE PRECISION NOT NULL,
        version BIGINT NOT NULL DEFAULT 0, revealed INTEGER NOT NULL DEFAULT 1)""",
    """CREATE TABLE IF NOT EXISTS room_members (
        conversation_id TEXT PRIMARY KEY, room_id TEXT NOT NULL, joined_at DOUBLE PRECISION NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS room_members_room ON room_members (room_id)",
    """CREATE TABLE IF NOT EXISTS room_answers (
        room_id TEXT NOT NULL, conversation_id TEXT NOT NULL, question TEXT NOT NULL, answer TEXT NOT NULL,
        PRIMARY KEY (room_id, conversation_id, question))""",
    """CREATE TABLE IF NOT EXISTS room_hidden (
        room_id TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (room_id, word))""",
]
CONVERSATIONS = 25
HOST_KEY = "OldHostKeyKeptByTheFacilitator01"
PROGRESS = {"step": 7, "total": 26, "label": "Din aftale"}


def conversation_id(i: int) -> str:
    return f"old{i:03d}".ljust(32, "x")


def previous_release(revealed: bool):
    tables = list(PREVIOUS_RELEASE)
    if not revealed:  # rooms from before the reveal toggle
        tables[4] = tables[4].replace(", revealed INTEGER NOT NULL DEFAULT 1", "")
    now = time.time()
    rows: List[Tuple[str, Tuple[Any, ...]]] = [
        (
            "INSERT INTO conversations VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (conversation_id(i), "leader", "da", None, "active", json.dumps(PROGRESS), now, now),
        )
        for i in range(CONVERSATIONS)
    ]
    rows += [
        ("INSERT INTO usage VALUES (?, ?, ?, ?, ?)", ("2026-11", "leader", "default", 25, 3)),
        ("INSERT INTO replies VALUES (?, ?, ?, ?)", (conversation_id(0), "old-key-0001", json.dumps({"kept": "reply"}), now)),
        ("INSERT INTO rest_senders VALUES (?, ?)", ("sender-hash", conversation_id(1))),
        (
            "INSERT INTO rooms (id, code, host_hash, warmup, language, state, created_at, expires_at, version) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ("room-1", "KMTRPW", host_hash(HOST_KEY), "energy", "da", "open", now, now + 3600, 4),
        ),
        ("INSERT INTO room_members VALUES (?, ?, ?)", (conversation_id(2), "room-1", now)),
        ("INSERT INTO room_members VALUES (?, ?, ?)", (conversation_id(3), "room-1", now)),
        ("INSERT INTO room_answers VALUES (?, ?, ?, ?)", ("room-1", conversation_id(2), "gives", "recovery")),
        ("INSERT INTO room_hidden VALUES (?, ?)", ("room-1", "chef")),
    ]
    return tables, rows


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(request, tmp_path):
    """An empty database and a way to run SQL on it, as the previous release would have."""
    if request.param == "sqlite":
        import aiosqlite

        path = str(tmp_path / "gateway.db")

        async def run(statements):
            async with aiosqlite.connect(path) as db:
                for sql, args in statements:
                    await db.execute(sql, args)
                await db.commit()

        yield path, run
        return
    name = f"trivsel_migrate_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(f"{PG}/postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{PG}/{name}"

    async def run_pg(statements):
        connection = await asyncpg.connect(url)
        try:
            for sql, args in statements:
                count = iter(range(1, 100))
                await connection.execute("".join(f"${next(count)}" if c == "?" else c for c in sql), *args)
        finally:
            await connection.close()

    yield url, run_pg
    await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await admin.close()


@pytest.mark.parametrize("revealed", [True, False], ids=["with-revealed", "before-revealed"])
async def test_a_database_from_the_previous_release_is_upgraded_at_start_and_served(aiohttp_client, tmp_path, database, revealed):
    target, run = database
    tables, rows = previous_release(revealed)
    await run([(sql, ()) for sql in tables] + rows)
    assert await migrations.current(target) is None  # no schema version before

    client = await aiohttp_client(app_with(tmp_path / "var", gateway_store=target))
    assert await migrations.current(target) == migrations.head()

    for i in range(CONVERSATIONS):  # every conversation is still there, as the gateway knows it
        response = await client.get(f"/api/v1/conversations/{conversation_id(i)}")
        assert response.status == 200, (i, await response.text())
    replayed = await client.post(
        f"/api/v1/conversations/{conversation_id(0)}/messages", json={"text": "igen"}, headers={"Idempotency-Key": "old-key-0001"}
    )
    assert await replayed.json() == {"kept": "reply"}  # a resent message still gets its first reply
    answered = await client.post(f"/api/v1/conversations/{conversation_id(4)}/messages", json={"text": "nyt svar"})
    assert answered.status == 200

    usage = await client.get("/usage?format=json")
    assert "2026-11" in await usage.text()

    room = await client.get("/api/v1/rooms/KMTRPW")
    assert room.status == 200 and (await room.json())["warmup"] == "energy"
    hosted = await client.get(f"/api/v1/hosted/{HOST_KEY}")
    view = await hosted.json()
    assert hosted.status == 200 and view["members"] == 2 and view["answered"] == 1
    assert view["revealed"] is True  # rooms from before the toggle are shown, as they were then
    hidden = await client.post(f"/api/v1/hosted/{HOST_KEY}/reveal", json={"revealed": False})
    assert hidden.status == 200

    deleted = await client.delete(f"/api/v1/conversations/{conversation_id(5)}")
    assert deleted.status == 204
    await client.close()

    # A second start (another gateway, the next restart) finds the schema current and changes nothing.
    again = await aiohttp_client(app_with(tmp_path / "var2", gateway_store=target))
    assert (await again.get(f"/api/v1/conversations/{conversation_id(6)}")).status == 200
    assert (await again.get(f"/api/v1/conversations/{conversation_id(5)}")).status == 404
    assert await migrations.current(target) == migrations.head()


async def test_a_gateway_set_to_check_refuses_an_old_schema_and_the_command_upgrades_it(tmp_path, database):
    target, run = database
    tables, rows = previous_release(revealed=False)
    await run([(sql, ()) for sql in tables] + rows)
    with pytest.raises(migrations.SchemaError, match="python -m bot.migrate upgrade"):
        await migrations.prepare(target, "check")
    assert await migrations.upgrade(target) is None  # from no version
    await migrations.prepare(target, "check")
    assert await migrations.upgrade(target) == migrations.head()  # a second upgrade does nothing


def _retention(tmp_path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.conversations.retention"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": os.environ["PATH"], "PYTHONPATH": str(ROOT), "TRIVSEL_VAR_DIR": str(tmp_path), **env},
    )


async def test_the_retention_command_leaves_the_schema_alone_when_set_to_check(tmp_path, database):
    target, run = database
    tables, rows = previous_release(revealed=False)
    await run([(sql, ()) for sql in tables] + rows)
    refused = _retention(tmp_path, TRIVSEL_GATEWAY_DB=target, TRIVSEL_MIGRATE="check")
    assert refused.returncode != 0 and "python -m bot.migrate upgrade" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr
    assert await migrations.current(target) is None  # as the release before migrations left it
    done = _retention(tmp_path, TRIVSEL_GATEWAY_DB=target)  # TRIVSEL_MIGRATE=start, the default
    assert done.returncode == 0 and "erased 0 conversations" in done.stdout, done.stderr
    assert await migrations.current(target) == migrations.head()

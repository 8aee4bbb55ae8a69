"""An operator's bad day: what the gateway does when its machine is less kind than ours."""

from __future__ import annotations

import contextlib
import logging
import os
import resource
import socket
import sqlite3
import subprocess
import sys
import time
import uuid

import asyncpg
import pytest

from bot import keys
from bot.app import create_app
from bot.conversations.outage import StoreUnavailable
from bot.settings import Settings
from bot.web import capacity
from launcher.running import PG, ROOT
from tests.support.fakes import FakeEngine, app_with, open_room

HUGE = "1" * 4301  # one digit past Python's limit for turning a string into an int


async def test_a_json_number_too_long_for_python_gets_400_on_every_json_endpoint_and_the_upload(aiohttp_client, tmp_path):
    client = await aiohttp_client(app_with(tmp_path))
    started = await client.post("/api/v1/conversations", json={"tool": "leader"})
    cid = (await started.json())["id"]
    room = await open_room(client)
    key = room["host_key"]
    bodies = {
        "/api/v1/conversations": '{"tool": "leader", "language": %s}',
        f"/api/v1/conversations/{cid}/messages": '{"text": %s}',
        "/api/v1/rooms": '{"warmup": "energy", "hours": %s}',
        f"/api/v1/hosted/{key}/hide": '{"word": %s}',
        f"/api/v1/hosted/{key}/reveal": '{"revealed": %s}',
        "/webhooks/rest/webhook": '{"sender": "partner-app-user-1", "message": %s}',
        # a saved file taken back for a follow-up (the upload), with a number deep inside it
        "/api/v1/conversations#upload": '{"followup": {"schema_version": 1, "answers": {"n": %s}}}',
    }
    for path, body in bodies.items():
        response = await client.post(path.split("#")[0], data=body % HUGE, headers={"Content-Type": "application/json"})
        assert response.status == 400, (path, response.status, await response.text())
        error = (await response.json())["error"]
        assert error["code"] == "invalid_json" and "number" in error["message"], path


WRITES = ("INSERT", "UPDATE", "DELETE")


def failing_writes(driver, error):
    """The driver's connection from now on fails every write with `error`, as SQLite or PostgreSQL would; reads go on."""
    if hasattr(driver, "_db"):  # aiosqlite
        real = driver._db.execute

        def execute(sql, parameters=None):
            if driver.failing and sql.lstrip().upper().startswith(WRITES):
                raise error
            return real(sql, parameters)

        driver._db.execute = execute
    else:  # an asyncpg pool (its attributes are read-only): a lost connection fails reads too
        driver._pool = FailingPool(driver, driver._pool, error)
    driver.failing = True


class FailingPool:
    def __init__(self, driver, pool, error):
        self.driver, self.pool, self.error = driver, pool, error

    async def execute(self, sql, *args):
        if self.driver.failing:
            raise self.error
        return await self.pool.execute(sql, *args)

    async def fetch(self, sql, *args):
        if self.driver.failing:
            raise self.error
        return await self.pool.fetch(sql, *args)

    def __getattr__(self, name):
        return getattr(self.pool, name)


async def readiness(client):
    response = await client.get("/readyz")
    return response.status, (await response.json())["checks"]["database"]


async def an_outage_is_503_and_not_ready_with_one_log_line(client, caplog, store_driver, cid):
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            started = await client.post("/api/v1/conversations", json={"tool": "leader"})
            assert started.status == 503 and int(started.headers["Retry-After"]) >= 1
            assert (await started.json())["error"]["code"] == "store_unavailable"
            answered = await client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "mit svar"})
            assert answered.status == 503 and int(answered.headers["Retry-After"]) >= 1
        assert await readiness(client) == (503, False)
        lines = [r.getMessage() for r in caplog.records if r.name == "trivsel.store"]
        # One line for seven failed requests; a write already under way when the outage began (the
        # retention run at start) may still succeed, and then the next failure starts a new episode.
        episodes = 1 + sum(line.startswith("gateway database answers again") for line in lines)
        assert lines and sum("unavailable" in line for line in lines) == episodes, lines
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]

        store_driver.failing = False  # space made, the lock gone, the connection back
        assert await readiness(client) == (200, True)
        answered = await client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "mit svar"})
        assert answered.status == 200
        assert [r.getMessage() for r in caplog.records if r.name == "trivsel.store"][-1].startswith(
            "gateway database answers again"
        )


@pytest.mark.parametrize("message", ["database or disk is full", "database is locked"])
async def test_a_full_disk_or_a_locked_sqlite_database_is_503_and_not_ready(aiohttp_client, tmp_path, caplog, message):
    app = app_with(tmp_path)
    client = await aiohttp_client(app)
    cid = (await (await client.post("/api/v1/conversations", json={"tool": "leader"})).json())["id"]
    assert await readiness(client) == (200, True)
    driver = app[keys.STORE].driver
    failing_writes(driver, sqlite3.OperationalError(message))
    await an_outage_is_503_and_not_ready_with_one_log_line(client, caplog, driver, cid)


async def test_a_lost_postgresql_connection_is_503_and_not_ready(aiohttp_client, tmp_path, caplog):
    name = f"trivsel_outage_{uuid.uuid4().hex[:10]}"
    admin = await asyncpg.connect(f"{PG}/postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    app = app_with(tmp_path, gateway_store=f"{PG}/{name}")
    client = await aiohttp_client(app)
    try:
        cid = (await (await client.post("/api/v1/conversations", json={"tool": "leader"})).json())["id"]
        driver = app[keys.STORE].driver
        failing_writes(driver, asyncpg.exceptions.ConnectionDoesNotExistError("connection was closed in the middle of operation"))
        await an_outage_is_503_and_not_ready_with_one_log_line(client, caplog, driver, cid)
    finally:
        await client.close()
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def test_a_sqlite_file_locked_by_another_process_is_503_then_served_again(aiohttp_client, tmp_path):
    app = app_with(tmp_path)
    client = await aiohttp_client(app)
    cid = (await (await client.post("/api/v1/conversations", json={"tool": "leader"})).json())["id"]
    lock = sqlite3.connect(tmp_path / "gateway.db", timeout=1, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")  # held past the gateway's wait for it
    try:
        answered = await client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "mit svar"})
        assert answered.status == 503 and int(answered.headers["Retry-After"]) >= 1
        assert await readiness(client) == (503, False)
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert await readiness(client) == (200, True)
    assert (await client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "mit svar"})).status == 200


@pytest.fixture
def gateway_process(tmp_path):
    """The gateway as an operator runs it (python -m bot.gateway), with an open-file limit of 256 (soft and hard)."""
    from launcher.ports import free_port

    port = free_port()
    env = dict(
        os.environ,
        TRIVSEL_PORT=str(port),
        TRIVSEL_VAR_DIR=str(tmp_path),
        TRIVSEL_RASA_URLS="http://127.0.0.1:9",
        TRIVSEL_ACTION_URLS="http://127.0.0.1:9",
        TRIVSEL_PDF_WORKERS="1",
    )

    def low_limit():
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))

    process = subprocess.Popen(
        [sys.executable, "-m", "bot.gateway"], cwd=ROOT, env=env, preexec_fn=low_limit, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            break
        time.sleep(0.3)
    yield port
    process.terminate()
    process.wait(15)


def healthz(port):
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        reply = b""
        while chunk := s.recv(4096):
            reply += chunk
    return reply


def test_slow_headers_are_cut_off_and_the_gateway_sheds_load_before_it_runs_out_of_files(gateway_process):
    port = gateway_process
    assert healthz(port).startswith(b"HTTP/1.1 200")
    # A client that never finishes its headers is closed after a few seconds.
    slow = socket.create_connection(("127.0.0.1", port), timeout=15)
    slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: loc")
    started = time.monotonic()
    assert slow.recv(4096) == b""  # closed by the gateway, with nothing sent
    assert time.monotonic() - started < capacity.HEADER_TIMEOUT_S + 3
    slow.close()

    # 200 connections held open at once, against a limit of 256 files: the next request is turned away
    # with 503 before the files run out, and served again once they are let go.
    held = [socket.create_connection(("127.0.0.1", port), timeout=15) for _ in range(200)]
    try:
        busy = healthz(port)
        assert busy.startswith(b"HTTP/1.1 503") and b"Retry-After:" in busy
    finally:
        for s in held:
            s.close()
    time.sleep(0.5)
    assert healthz(port).startswith(b"HTTP/1.1 200")


class SteppingEngine(FakeEngine):
    """Each message a conversation's engine applies moves it one step on; keeps the metadata each try came with."""

    def __init__(self):
        super().__init__()
        self.steps: dict = {}
        self.tries: list = []

    async def send(self, cid, message, metadata=None):
        self.tries.append((message, metadata))
        reply = await super().send(cid, message, metadata)
        step = self.steps[cid] = self.steps.get(cid, 0) + 1
        reply[1] = {
            "recipient_id": cid,
            "custom": {"progress": {"step": step, "total": 26, "label": "Om dig"}, "state": "active"},
        }
        return reply


async def test_a_client_without_an_idempotency_key_names_the_step_it_answers_and_a_resend_is_never_stored_twice(
    aiohttp_client, tmp_path, monkeypatch
):
    engine = SteppingEngine()
    app = create_app(Settings(var_dir=tmp_path, pdf_workers=1), engine=engine)
    client = await aiohttp_client(app)
    started = await (await client.post("/api/v1/conversations", json={"tool": "leader"})).json()
    url = f"/api/v1/conversations/{started['id']}/messages"
    assert started["progress"]["step"] == 1

    first = await client.post(url, json={"text": "Søndagene er fredede", "answers_step": 1})
    assert first.status == 200 and (await first.json())["progress"]["step"] == 2
    resent = await client.post(url, json={"text": "Søndagene er fredede", "answers_step": 1})
    assert resent.status == 409 and (await resent.json())["error"]["code"] == "already_answered"
    assert [m for m, _ in engine.tries].count("Søndagene er fredede") == 1  # the resend never reached the engine

    # The reply is lost after the engine took the message (the gateway could not write its record):
    # the resend carries the same key to the actions, which apply a key once (actions/idempotency.py).
    store = app[keys.STORE]
    real_update = store.update

    async def update_fails_once(*args):
        monkeypatch.setattr(store, "update", real_update)
        raise StoreUnavailable("locked")

    monkeypatch.setattr(store, "update", update_fails_once)
    lost = await client.post(url, json={"text": "Mest om mandagen", "answers_step": 2})
    assert lost.status == 503
    again = await client.post(url, json={"text": "Mest om mandagen", "answers_step": 2})
    assert again.status == 200
    keys_sent = [meta["idempotency_key"] for message, meta in engine.tries if message == "Mest om mandagen"]
    assert len(keys_sent) == 2 and keys_sent[0] == keys_sent[1]

    bad = await client.post(url, json={"text": "hej", "answers_step": "to"})
    assert bad.status == 422 and (await bad.json())["error"]["code"] == "invalid_answers_step"
    # beside an Idempotency-Key too (schemathesis: a negative step with a key was taken)
    keyed = await client.post(url, json={"text": "hej", "answers_step": -3}, headers={"Idempotency-Key": "k" * 20})
    assert keyed.status == 422 and (await keyed.json())["error"]["code"] == "invalid_answers_step"

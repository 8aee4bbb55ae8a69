"""The caching tracker store on PostgreSQL (the scale-out path): what it stores is what Rasa's own
SQL store reads back, a kept conversation's turn is two statements each on its own (no BEGIN,
COMMIT or ROLLBACK round trips), and a save too long for one statement is still one transaction.
On a database of its own on the machine's PostgreSQL (TRIVSEL_TEST_POSTGRES)."""

from __future__ import annotations

import asyncio
import os
import uuid
from urllib.parse import urlparse

import psycopg2
import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import UserUttered

from rasa_components import tracker_store
from rasa_components.tracker_store import CachingSQLTrackerStore
from tests.actions.test_tracker_store import DOMAIN, answered, turn

SERVER = urlparse(os.environ.get("TRIVSEL_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432"))


def _admin():
    connection = psycopg2.connect(
        host=SERVER.hostname, port=SERVER.port or 5432, user=SERVER.username or "postgres", dbname="postgres"
    )
    connection.autocommit = True
    return connection


@pytest.fixture
def database():
    name = f"trivsel_tracker_test_{uuid.uuid4().hex[:10]}"
    admin = _admin()
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    yield name
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _store(cls, database):
    return cls(
        domain=DOMAIN,
        dialect="postgresql",
        host=SERVER.hostname,
        port=SERVER.port or 5432,
        db=database,
        username=SERVER.username or "postgres",
    )


def rows(store):
    with store.engine.connect() as connection:
        return [
            tuple(r)
            for r in connection.execute(
                sa.text("SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id")
            )
        ]


def test_each_event_is_stored_once_and_read_back_as_rasa_reads_it(database):
    async def go():
        ours, rasas = _store(CachingSQLTrackerStore, database), _store(SQLTrackerStore, database)
        tracker = await ours.get_or_create_tracker("c1")
        for i in range(5):
            tracker = await answered(ours, f"Svar {i}")
        fresh = await rasas.retrieve("c1")
        assert [e.as_dict() for e in fresh.events] == [e.as_dict() for e in tracker.events]
        stored = rows(ours)
        assert len(stored) == len(tracker.events)
        # The rows are those Rasa's own store writes for the same events.
        with rasas.engine.begin() as connection:
            connection.execute(sa.text("DELETE FROM events"))
        await rasas.save(fresh)
        assert rows(rasas) == stored

        await answered(rasas, "Fra en anden server")  # another Rasa server answered a message of it
        again = await answered(ours, "Næste")
        assert [e.text for e in again.events if isinstance(e, UserUttered)][-2:] == ["Fra en anden server", "Næste"]

    asyncio.run(go())


def test_a_kept_conversations_turn_is_two_statements_each_on_its_own(database):
    statements = []

    def seen(connection, cursor, statement, *_):
        statements.append((statement.split()[0], connection.connection.dbapi_connection.autocommit))

    async def go():
        ours = _store(CachingSQLTrackerStore, database)
        await ours.get_or_create_tracker("c1")
        await answered(ours, "Første")
        for engine in (ours.engine, ours._direct):
            sa.event.listen(engine, "before_cursor_execute", seen)
        tracker = await answered(ours, "Anden")
        assert statements == [("SELECT", True), ("INSERT", True)]
        assert (await ours.retrieve("c1")) is tracker

    asyncio.run(go())


def test_a_save_too_long_for_one_statement_is_stored_whole_in_one_transaction(database, monkeypatch):
    monkeypatch.setattr(tracker_store, "ONE_STATEMENT_ROWS", 3)
    inserts = []

    def seen(connection, cursor, statement, *_):
        if statement.startswith("INSERT"):
            inserts.append(connection.connection.dbapi_connection.autocommit)

    async def go():
        ours = _store(CachingSQLTrackerStore, database)
        for engine in (ours.engine, ours._direct):
            sa.event.listen(engine, "before_cursor_execute", seen)
        await ours.get_or_create_tracker("c1")
        tracker = await answered(ours, "Første")
        turn(tracker, "Anden")  # five more events: over the limit set above
        await ours.save(tracker)
        assert inserts[-1] is False, "the long save ran inside a transaction"
        assert len(rows(ours)) == len(tracker.events)
        assert (await _store(SQLTrackerStore, database).retrieve("c1")).latest_message.text == "Anden"

    asyncio.run(go())

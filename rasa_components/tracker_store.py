"""Rasa's SQL tracker store, keeping each conversation's tracker in memory between turns.

Rasa's SQLTrackerStore reads every event of the current session on every message
and replays them into a new tracker, and counts them again before each save;
profiling under load put a third of Rasa's time there. Here the tracker saved at
the end of a turn is kept and handed back on the next message, after one small
query shows that the stored events are still exactly those it was saved with
(another Rasa server, delete-my-data or the retention purge change their count or
latest timestamp, and the tracker is read afresh). Rows are written as Rasa writes
them, in one statement.

On PostgreSQL that small query and the save are each one statement in autocommit:
one round trip each, where psycopg2 would send BEGIN before and ROLLBACK or COMMIT
after (three). A single INSERT is atomic, so a turn's rows are still all stored or none.

A kept tracker is used at most once: `retrieve` takes it out of the cache, and only
`save` puts it back. So a turn that fails half-way leaves nothing half-done behind,
and a tracker changed after its save (its event count differs) is never reused.
A tracker whose session was restarted in the turn (actions/compaction.py) is not
kept, because Rasa's store then reads only the new session. Trackers idle for
IDLE_S are dropped, so a conversation's words do not linger in memory.

A message the bot answered by holding it back (the care message after acute distress) is stored
without its words: they are never an answer nor shown again, so nothing needs them kept.

endpoints: tracker_store: {type: rasa_components.tracker_store.CachingSQLTrackerStore, dialect, db, ...}
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Set, Tuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import BotUttered, Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY


def _held_back(events: List[Event]) -> Set[int]:
    """Which of these events are a leader's message the bot answered by holding it back (a reply's
    custom `held`: the care message after acute distress, actions/conversation.py): its words are
    never an answer and never shown again, so they are not stored either. The turn's reply is saved
    with the message, so both are among the events of one save."""
    held, last_message = set(), None
    for i, event in enumerate(events):
        if isinstance(event, UserUttered):
            # a tapped button ("/distress" under the check-in) is no one's words: kept, as the transcript shows it
            last_message = None if (event.text or "").startswith("/") else i
        custom = (event.data or {}).get("custom") if isinstance(event, BotUttered) else None
        if last_message is not None and isinstance(custom, dict) and custom.get("held"):
            held.add(last_message)
    return held


def _sqlite_settings(connection: Any, _: Any) -> None:
    """Write-ahead log: a save is one append, and readers never wait for a writer. With
    synchronous=NORMAL a crash of the process loses nothing; a power cut may lose the last turns."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


IDLE_S = 600
MAX_KEPT = 2000
# A save of more rows than this (a long conversation's first save) goes in one transaction instead
# of one statement: PostgreSQL takes at most 65,535 parameters in a statement, six a row here.
ONE_STATEMENT_ROWS = 1000
# On a tracker this store handed out: (events of its session already stored, its token).
STORED = "_trivsel_stored"

Token = Tuple[int, float]


class CachingSQLTrackerStore(SQLTrackerStore):
    engine: sa.engine.Engine  # made by SQLTrackerStore.__init__; replaced below for SQLite

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # sender_id -> (tracker, its event count when saved, stored token, saved at)
        self._kept: OrderedDict[str, Tuple[DialogueStateTracker, int, Token, float]] = OrderedDict()
        self._sweep: Optional[asyncio.TimerHandle] = None
        events = self.SQLEvent.__table__
        self._insert = events.insert()
        self._token_query = sa.select(sa.func.count(events.c.id), sa.func.max(events.c.timestamp)).where(
            events.c.sender_id == sa.bindparam("sender_id")
        )
        if self.engine.dialect.name == "sqlite":
            # SQLAlchemy gives SQLite files no pool: every query opened the file again, and the
            # last close checkpointed the log. One kept connection per thread instead.
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, poolclass=sa.pool.SingletonThreadPool)
            sa.event.listen(self.engine, "connect", _sqlite_settings)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        # On PostgreSQL, connections that run each statement on its own (see the module). Their own
        # pool: switching a pooled connection to autocommit and back costs a round trip each way.
        self._direct: Optional[sa.engine.Engine] = (
            sa.create_engine(self.engine.url, isolation_level="AUTOCOMMIT") if self.engine.dialect.name == "postgresql" else None
        )

    def _stored(self, sender_id: str) -> Token:
        """How many events are stored for the conversation, and the latest timestamp among them."""
        with (self._direct or self.engine).connect() as connection:
            count, latest = connection.execute(self._token_query, {"sender_id": sender_id}).one()
        return int(count or 0), float(latest or 0.0)

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        kept = self._kept.pop(sender_id, None)
        if kept is not None:
            tracker, events, token, _ = kept
            if len(tracker.events) == events and self._stored(sender_id) == token:
                return tracker
        tracker = await super().retrieve(sender_id)
        if tracker is not None:
            # Read under the conversation's lock: what was read is what is stored.
            setattr(tracker, STORED, (len(tracker.events), self._stored(sender_id)))
        return tracker

    @staticmethod
    def _row(sender_id: str, event: Event, held_back: bool = False) -> Dict[str, Any]:
        """The row Rasa's SQLTrackerStore.save writes for the event; a message `held_back` without its words."""
        data = event.as_dict()
        if held_back:
            data = {**data, "text": "", "parse_data": {**(data.get("parse_data") or {}), "text": ""}}
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    async def save(self, tracker: DialogueStateTracker) -> None:
        sender_id = tracker.sender_id
        self._kept.pop(sender_id, None)
        await self.stream_events(tracker)
        known = getattr(tracker, STORED, None)
        if known is not None and known[0] > len(tracker.events):
            known = None
        if known is None:
            # Not read by this store (a new tracker, or Rasa's stand-in after a failed read):
            # Rasa's own rule, which skips as many events as are stored, and not kept.
            with self.session_scope() as session:
                new = list(self._additional_events(session, tracker))
        else:
            new = list(tracker.events)[known[0] :]
        held = _held_back(new)
        rows = [self._row(sender_id, e, i in held) for i, e in enumerate(new)]
        if rows:
            # No ORM unit of work: the same rows in the same order, in one statement.
            if self._direct is not None and len(rows) <= ONE_STATEMENT_ROWS:
                with self._direct.connect() as connection:
                    connection.execute(self._insert.values(rows))
            else:
                with self.engine.begin() as connection:
                    connection.execute(self._insert, rows)
        if known is None or any(isinstance(e, SessionStarted) for i, e in enumerate(tracker.events) if i > 0):
            # A new session began in this turn: the next turn reads it from the store.
            setattr(tracker, STORED, None)
            return
        count, latest = known[1]
        token = (count + len(rows), max([latest] + [r["timestamp"] or 0.0 for r in rows]))
        setattr(tracker, STORED, (len(tracker.events), token))
        self._kept[sender_id] = (tracker, len(tracker.events), token, time.monotonic())
        self._forget_idle()

    def _forget_idle(self) -> None:
        cutoff = time.monotonic() - IDLE_S
        while self._kept:
            _, (_, _, _, saved_at) = next(iter(self._kept.items()))
            if saved_at > cutoff and len(self._kept) <= MAX_KEPT:
                break
            self._kept.popitem(last=False)
        if self._kept and self._sweep is None:
            # Also when no message comes: look again once the oldest could be idle.
            def sweep() -> None:
                self._sweep = None
                self._forget_idle()

            self._sweep = asyncio.get_running_loop().call_later(IDLE_S / 4, sweep)

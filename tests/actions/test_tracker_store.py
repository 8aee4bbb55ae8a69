"""The caching tracker store stores what Rasa's SQL store stores and never hands out a stale tracker."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered

from rasa_components.tracker_store import CachingSQLTrackerStore

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "domain"))


def stores(tmp_path):
    db = str(tmp_path / "tracker.db")
    return (
        CachingSQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=db),
        SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=db),
        db,
    )


def turn(tracker, text):
    for event in (
        UserUttered(text, {"name": "answer", "confidence": 1.0}),
        ActionExecuted("tool_form"),
        SlotSet("requested_slot", "x"),
        BotUttered("Næste spørgsmål"),
        ActionExecuted("action_listen"),
    ):
        tracker.update(event)


async def answered(store, text, sender_id="c1"):
    """One turn as Rasa runs it: read the tracker, add a message and the reply, save."""
    tracker = await store.retrieve(sender_id)
    turn(tracker, text)
    await store.save(tracker)
    return tracker


def rows(db):
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id"
        ).fetchall()


def test_each_event_is_stored_once_and_read_back_as_rasa_reads_it(tmp_path):
    async def go():
        ours, rasas, db = stores(tmp_path)
        tracker = await ours.get_or_create_tracker("c1")
        for i in range(5):
            tracker = await answered(ours, f"Svar {i}")
        fresh = await rasas.retrieve("c1")
        assert [e.as_dict() for e in fresh.events] == [e.as_dict() for e in tracker.events]
        assert len(rows(db)) == len(tracker.events)
        # The rows are those Rasa's own store writes for the same events.
        other = SQLTrackerStore(domain=DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db"))
        await other.save(fresh)
        assert rows(db) == rows(str(tmp_path / "rasa.db"))

    asyncio.run(go())


def test_the_kept_tracker_is_reused_only_while_the_store_is_unchanged(tmp_path):
    async def go():
        ours, rasas, db = stores(tmp_path)
        await ours.get_or_create_tracker("c1")
        tracker = await answered(ours, "Første")
        assert await ours.retrieve("c1") is tracker  # kept between turns
        await ours.save(tracker)

        await answered(rasas, "Fra en anden server")  # another Rasa server answered a message of it
        again = await answered(ours, "Tredje")
        assert again is not tracker and [e.text for e in again.events if isinstance(e, UserUttered)][-2:] == [
            "Fra en anden server",
            "Tredje",
        ]
        assert len(rows(db)) == len(again.events)

        # Delete-my-data goes to the table itself.
        with sqlite3.connect(db) as connection:
            connection.execute("DELETE FROM events WHERE sender_id = 'c1'")
        assert await ours.retrieve("c1") is None

    asyncio.run(go())


def test_a_turn_that_failed_before_its_save_leaves_nothing_behind(tmp_path):
    async def go():
        ours, _, db = stores(tmp_path)
        await ours.get_or_create_tracker("c1")
        await answered(ours, "Gemt")
        tracker = await ours.retrieve("c1")
        turn(tracker, "Aldrig gemt")  # the turn fails here: no save
        fresh = await ours.retrieve("c1")
        assert fresh is not tracker and fresh.latest_message.text == "Gemt"
        # Changed after its save, even without being handed out: read afresh.
        await ours.save(fresh)
        turn(fresh, "Heller ikke gemt")
        assert (await ours.retrieve("c1")).latest_message.text == "Gemt"

    asyncio.run(go())


def test_after_a_new_session_the_next_turn_reads_only_that_session(tmp_path):
    async def go():
        ours, _, db = stores(tmp_path)
        tracker = await ours.get_or_create_tracker("c1")
        turn(tracker, "Gammel session")
        tracker.update(SessionStarted())
        tracker.update(SlotSet("language", "da"))
        tracker.update(ActionExecuted("action_listen"))
        await ours.save(tracker)
        fresh = await ours.retrieve("c1")
        assert fresh is not tracker
        assert isinstance(fresh.events[0], SessionStarted) and len(fresh.events) == 3
        turn(fresh, "Ny session")
        await ours.save(fresh)
        assert len(rows(db)) == len(tracker.events) + 5

    asyncio.run(go())


def test_a_stand_in_tracker_after_a_failed_read_adds_nothing(tmp_path):
    # When a read fails, Rasa's fail-safe store hands over a new, empty tracker and saves it at
    # the end of the turn. Rasa's own store then skips as many events as are stored, so the
    # conversation is not overwritten by a new session; this store must do the same.
    async def go():
        ours, rasas, db = stores(tmp_path)
        await ours.get_or_create_tracker("c1")
        for text in ("Et", "To", "Tre"):
            await answered(ours, text)
        stored = rows(db)
        stand_in = ours.init_tracker("c1")
        await ours.save(stand_in)
        for event in (ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")):
            stand_in.update(event)
        turn(stand_in, "Efter en fejl")
        await ours.save(stand_in)
        assert rows(db) == stored
        assert (await rasas.retrieve("c1")).latest_message.text == "Tre"

    asyncio.run(go())


def cared_for(tracker, text):
    """One turn answered with the care message, whose reply holds the words back (`custom.held`)."""
    for event in (
        UserUttered(text, {"name": "distress", "confidence": 1.0}),
        ActionExecuted("action_distress"),
        BotUttered("Tak, fordi du siger det.", {"custom": {"held": "(vises ikke igen)"}}),
        ActionExecuted("action_listen"),
    ):
        tracker.update(event)


def test_words_answered_with_the_care_message_are_never_stored(tmp_path):
    """What a leader wrote in acute distress was kept word for word in the tracker store, though never an
    answer and never shown again; the reply that held it back is stored with it in the same save."""

    async def go():
        ours, rasas, db = stores(tmp_path)
        tracker = await ours.get_or_create_tracker("c1")
        tracker = await answered(ours, "Svar 1")
        tracker = await ours.retrieve("c1")
        cared_for(tracker, "jeg har tænkt på at tage mit liv")
        await ours.save(tracker)
        await answered(ours, "Svar 2")
        stored = " ".join(str(r) for r in rows(db))
        assert "tage mit liv" not in stored
        assert "Svar 1" in stored and "Svar 2" in stored  # every other message as written
        fresh = await rasas.retrieve("c1")
        said = [e.text for e in fresh.events if isinstance(e, UserUttered)]
        assert said == ["Svar 1", "", "Svar 2"]  # the message is still there, without its words

    asyncio.run(go())


def test_a_tapped_button_answered_with_the_care_message_is_stored_as_tapped(tmp_path):
    """ "Hvor kan jeg få hjælp?" tapped under the check-in gets the care message too: its payload is no one's
    words, and the transcript shows its title (stored empty, it showed as a second held-back message)."""

    async def go():
        ours, _, db = stores(tmp_path)
        tracker = await ours.get_or_create_tracker("c1")
        cared_for(tracker, "/distress")
        await ours.save(tracker)
        assert "/distress" in " ".join(str(r) for r in rows(db))

    asyncio.run(go())

"""A long conversation starts a fresh session that carries its state (actions/compaction.py)."""

from __future__ import annotations

from rasa_sdk import Tracker

from actions import compaction


def tracker(events, slots):
    return Tracker("t", {"tool": "leader", **slots}, {}, events, False, None, {"name": "tool_form"}, "action_listen")


def turn(*actions):
    """A user message followed by these actions (as the tracker the form's validation sees)."""
    return [{"event": "user", "text": "x"}, {"event": "user_featurization"}] + [{"event": "action", "name": a} for a in actions]


LONG = [{"event": "bot", "text": "..."}] * 200
ANSWER = [
    {"event": "slot", "name": "leader_theme1_works", "value": "Søndage"},
    {"event": "slot", "name": "requested_slot", "value": "x"},
]
NO_ANSWER = [{"event": "slot", "name": "requested_slot", "value": "x"}]


def test_not_due_while_short():
    assert not compaction.due(tracker(turn("tool_form"), {"leader_has_leader": "yes"}), ANSWER)


def test_due_when_long_after_an_answer_or_after_a_request():
    assert compaction.due(tracker(LONG + turn("tool_form"), {"leader_has_leader": "yes"}), ANSWER)
    assert compaction.due(tracker(LONG + turn("action_control", "tool_form"), {"leader_has_leader": "yes"}), NO_ANSWER)


def test_never_when_the_form_may_reject_the_message():
    # "/skip" straight to the form: it sets no slot, so Rasa's form rejects it and the skip rule
    # answers; slots from a snapshot would make the form swallow the skip.
    assert not compaction.due(tracker(LONG + turn("tool_form"), {"leader_has_leader": "yes"}), NO_ANSWER)


def test_the_fresh_session_carries_every_filled_slot_and_the_form():
    events = compaction.fresh_session(
        tracker(LONG, {"leader_has_leader": "yes", "leader_theme1": {"key": "trust"}, "notes": None})
    )
    assert events[0]["event"] == "session_started"
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots == {"tool": "leader", "leader_has_leader": "yes", "leader_theme1": {"key": "trust"}}
    assert events[-2] == {"event": "active_loop", "name": "tool_form", "timestamp": None}
    assert events[-1]["event"] == "action" and events[-1]["name"] == "tool_form"

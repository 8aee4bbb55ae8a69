"""A very long conversation stays cheap and whole: Rasa starts fresh sessions that carry the
state along (actions/compaction.py), and nothing the leader said or was told is lost."""

from __future__ import annotations

import sqlite3

import pytest

from tests.support.walkthrough import assert_in_pdf, finish, leader_script

pytestmark = pytest.mark.e2e


def test_two_hundred_turns_then_the_agreement_holds_every_answer(api, stack):
    cid = api.start("leader", "da")["id"]
    script = leader_script()
    typed = [s for s in script if not s.startswith("/")]
    reply = None
    for i, step in enumerate(script):
        reply = api.tap(cid, step) if step.startswith("/") else api.say(cid, step)
        if i in (3, 12):  # a leader who asks why, and for examples, again and again
            for _ in range(60):
                asked = api.tap(cid, "/help")
                assert asked["messages"][-1].get("buttons"), "the open question is asked again after each help"
    with sqlite3.connect(stack.settings.tracker_target) as db:
        sessions = db.execute(
            "SELECT COUNT(*) FROM events WHERE sender_id = ? AND type_name = 'session_started'", (cid,)
        ).fetchone()[0]
    assert sessions >= 3  # fresh sessions were started along the way
    done, _, pdf = finish(api, cid, reply)
    assert_in_pdf(pdf, typed)
    status, transcript, _ = api.call("GET", f"/api/v1/conversations/{cid}")
    assert status == 200
    shown = [m["text"] for m in transcript["messages"] if m["from"] == "leader"]
    assert shown[0] == "Ja, jeg har en leder" and typed[-1] in shown  # the whole conversation, first to last
    assert "automatisk" in transcript["messages"][0]["text"]

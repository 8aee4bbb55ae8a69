"""Findings of the third user walk (issue 22), through the real stack (gateway, Rasa, action server):
a break at the meeting guide says the guide is saved and how to come back; the hop from the ladder
into the plan greets briefly with the ladder's step; a typed correction at the review opens the
change list."""

from __future__ import annotations

import pytest

from tests.support.client import button, texts

pytestmark = pytest.mark.e2e


def titles(reply):
    return [b["title"] for m in reply["messages"] for b in m.get("buttons", [])]


def test_a_break_at_the_meeting_guide_says_it_is_saved_and_how_to_come_back(api):
    cid = api.start("group", "en")["id"]
    for text in ("The leadership team at Holm", "Five of us", "After new year, 8 am in the canteen"):
        r = api.answer(cid, text)
    r = api.answer(cid, "We only talk operations")
    r = api.tap(cid, button(r, "Safety and trust"))
    r = api.tap(cid, button(r, "Demands and resources"))
    r = api.tap(cid, "/skip")  # two themes
    assert "We're meeting now" in titles(r)
    guide_prompt = texts(r)
    r = api.tap(cid, button(r, "Take a break"))
    said = texts(r)
    assert "Here's a suggestion for your meeting" not in said, said
    assert "saved" in said and "same browser" in said, said
    assert "meeting guide" in said.lower(), said
    assert guide_prompt  # the guide was asked before


def test_a_typed_correction_at_the_review_opens_the_change_list_and_tilbage_goes_back(api):
    r = api.start("maturity", "da")
    cid = r["id"]
    for _ in range(8):
        if "Her er det hele samlet" in texts(r):
            break
        r = api.tap(cid, r["messages"][-1]["buttons"][0]["payload"])
    assert "Her er det hele samlet" in texts(r)
    r = api.say(cid, "det andet svar skal være mere positivt")
    said = texts(r)
    assert said.startswith("Lad os rette det."), said
    assert "Her er det hele samlet" not in said and "Jeg er ikke helt sikker" not in said
    assert titles(r)[-1] == "Tilbage"
    r = api.tap(cid, button(r, "Tilbage"))
    assert "Her er det hele samlet" in texts(r)  # back at the review

"""Warm-ups in a facilitator's room: what an answer shares, and what stays private."""

from __future__ import annotations

import catalogue
from actions.control import ActionStart
from actions.conversation import Conversation
from actions.finish import ActionFinish
from actions.form import ValidateToolForm
from tests.support.actions import run, slot_events, tracker

ROOM = {"code": "ABC234"}


def shares(messages):
    return [m["custom"]["share"] for m in messages if (m.get("custom") or {}).get("share")]


def answer(tool, slot, text, room=ROOM, slots=None):
    values = {"tool": tool, "room": room, **(slots or {})}
    t = tracker(slots={**values, slot: text}, text=text, requested=slot, candidates=[slot])
    return run(ValidateToolForm(), t)


def test_a_tapped_theme_is_shared_as_its_key_only_in_a_room():
    messages, events = answer("energy", "energy_gives", "recovery")
    assert shares(messages) == [{"key": "gives", "value": "recovery"}]
    assert slot_events(events)["energy_gives"] == "recovery"
    messages, _ = answer("energy", "energy_gives", "recovery", room=None)
    assert shares(messages) == []


def test_a_typed_theme_is_matched_to_the_option_and_shared_as_its_key():
    messages, _ = answer("taste", "taste_theme", "Pauser og restitution")
    assert shares(messages) == [{"key": "theme", "value": "recovery"}]


def test_free_text_reflections_are_never_shared():
    slots = {"energy_gives": "recovery", "energy_drains": "workload"}
    messages, events = answer("energy", "energy_small_step", "Gå en tur hver tirsdag med min hund", slots=slots)
    assert shares(messages) == []
    assert slot_events(events)["energy_small_step"] == "Gå en tur hver tirsdag med min hund"
    assert all("Gå en tur" not in str(m.get("custom")) for m in messages)


def test_the_word_step_is_asked_only_in_a_room_and_shares_a_short_word():
    energy = catalogue.tool("energy")
    answered = {"tool": "energy", "energy_gives": "recovery", "energy_drains": "workload", "energy_small_step": "x"}
    assert Conversation(tracker(slots=answered)).next_missing() is None
    assert Conversation(tracker(slots={**answered, "room": ROOM})).next_missing() == energy.step("energy_word")
    slots = {k: v for k, v in answered.items() if k != "tool"}
    messages, _ = answer("energy", "energy_word", "Kaffe", slots=slots)
    assert shares(messages) == [{"key": "word", "value": "Kaffe"}]


def test_a_long_text_at_the_word_step_is_asked_again_not_shared():
    messages, events = answer("energy", "energy_word", "Det er når jeg får lov at arbejde i fred om morgenen")
    assert shares(messages) == []
    assert slot_events(events)["energy_word"] is None
    assert "højst 3 ord" in messages[0]["text"]


def test_ratings_are_one_question_per_theme_each_shared_under_its_theme():
    prep = catalogue.tool("prep")
    themes = list(catalogue.common()["themes"])
    assert [s.slot for s in prep.steps if s.share] == [f"prep_rate_{k}" for k in themes] + ["prep_word"]
    conv = Conversation(tracker(slots={"tool": "prep", "room": ROOM}))
    step = prep.step("prep_rate_trust")
    assert "Tryghed og tillid" in conv.text(step.ask_texts(), step)
    messages, _ = answer("prep", "prep_rate_trust", "3")
    assert shares(messages) == [{"key": "rating:trust", "value": "3"}]


def test_warmups_have_no_review_and_end_with_their_own_way_on():
    assert catalogue.tool("energy").review is None
    slots = {
        "tool": "energy",
        "room": ROOM,
        "energy_gives": "recovery",
        "energy_drains": "workload",
        "energy_small_step": "x",
        "energy_word": "Kaffe",
    }
    messages, _ = run(ActionFinish(), tracker(slots=slots))
    final = messages[-1]
    assert final["custom"]["state"] == "completed"
    assert final["buttons"][0] == {"title": "Tag hele samtalen om din trivsel", "payload": '/open_tool{"tool": "leader"}'}


def test_the_ladder_level_is_shared_when_the_maturity_check_ends_in_a_room():
    slots = {
        "tool": "maturity",
        "maturity_attention": "2",
        "maturity_initiatives": "3",
        "maturity_agenda": "2",
        "maturity_values": "3",
        "maturity_expectations": "2",
        "maturity_backing": "3",
        "maturity_review": "confirm",
    }
    messages, _ = run(ActionFinish(), tracker(slots={**slots, "room": ROOM}))
    level = shares(messages)
    assert len(level) == 1 and level[0]["key"] == "level" and level[0]["value"] in "123456"
    messages, _ = run(ActionFinish(), tracker(slots=slots))
    assert shares(messages) == []


def test_joining_a_room_says_what_is_shown_and_what_stays_private():
    t = tracker(slots={"tool": "energy"}, intent="start")
    t.latest_message["metadata"] = {"room": ROOM}
    messages, events = run(ActionStart(), t)
    assert slot_events(events)["room"] == ROOM
    texts = " ".join(m.get("text") or "" for m in messages)
    assert "automatisk" in texts and "fælles skærm" in texts and "ser kun du" in texts and "mindst tre" in texts


def test_a_prepared_group_sees_its_ranking_and_gets_those_themes_first():
    prepared = {
        "members": 5,
        "themes": [{"key": "workload", "score": 2.6, "count": 5}, {"key": "clarity", "score": 2.2, "count": 5}],
    }
    slots = {
        "tool": "group",
        "prepared": prepared,
        "group_group_name": "Ledergruppen",
        "group_group_size": "5",
        "group_meeting_date": "tirsdag",
        "group_why_now": "travlt",
    }
    t = tracker(
        slots={**slots, "group_why_now": "travlt"}, text="travlt", requested="group_why_now", candidates=["group_why_now"]
    )
    messages, _ = run(ValidateToolForm(), t)
    asked = messages[-1]
    assert "5 i gruppen" in asked["text"] and '"Krav og ressourcer", "Klare roller og forventninger"' in asked["text"]
    assert [b["payload"] for b in asked["buttons"][:2]] == ['/choose{"value": "workload"}', '/choose{"value": "clarity"}']

"""Warm-ups in a facilitator's room: what an answer shares, and what stays private."""

from __future__ import annotations

import catalogue
from actions.control import ActionControl, ActionDistress, ActionStart
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


def test_a_theme_in_own_words_is_read_back_as_the_likeliest_and_shared_only_when_taken():
    """A user walk typed "for mange opgaver og for faa folk" at the energy check and got "Vælg en af knapperne"."""
    text = "for mange opgaver og for faa folk"
    understanding = {"signal": None, "themes": [["workload", 0.71], ["support", 0.12], ["recovery", 0.08]]}
    values = {"tool": "energy", "room": ROOM, "energy_drains": text}
    t = tracker(slots=values, text=text, requested="energy_drains", candidates=["energy_drains"], understanding=understanding)
    messages, events = run(ValidateToolForm(), t)
    slots = slot_events(events)
    assert slots["energy_drains"] is None and slots["pending"]["choice"] == "workload"
    assert messages[0]["text"] == "Jeg skriver »Krav og ressourcer« – passer det?"
    assert shares(messages) == []  # nothing reaches the screen before the participant takes it


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
    assert Conversation(tracker(slots={**answered, "room": ROOM})).next_missing() == energy.known_step("energy_word")
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
    step = prep.known_step("prep_rate_trust")
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
    assert final["buttons"][0] == {
        "title": "Gå videre med hele samtalen om din trivsel",
        "payload": '/open_tool{"tool": "leader"}',
    }


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
    assert "5 i gruppen" in asked["text"] and "»Krav og ressourcer«, »Klare roller og forventninger«" in asked["text"]
    assert [b["payload"] for b in asked["buttons"][:2]] == ['/choose{"value": "workload"}', '/choose{"value": "clarity"}']


def test_vaerktoej_2_started_on_the_shared_screen_speaks_to_the_group_from_the_first_turn():
    """Started from a preparation room's picture, the group reads along from the welcome on: "I", not "du"."""
    t = tracker(slots={"tool": "group"}, intent="start")
    t.latest_message["metadata"] = {"prepared": {"members": 3, "themes": [{"key": "trust", "score": 2.5}]}}
    messages, _ = run(ActionStart(), t)
    texts = " ".join(m.get("text") or "" for m in messages)
    assert "andre med jeres egne ord" in texts and "det, I skriver her" in texts and "dine egne ord" not in texts
    alone = tracker(slots={"tool": "group"}, intent="start")
    messages, _ = run(ActionStart(), alone)
    assert "andre med dine egne ord" in " ".join(m.get("text") or "" for m in messages)  # preparing alone: "du"


# -- distress and strain where participants type ------------------------------------------------
# A room's warm-up goes through the same guard and the same form as Værktøj 1: what the guard flags
# is honoured at the private step and at the shared word, and neither reaches the screen.

ENERGY_UNTIL_SMALL_STEP = {"energy_gives": "recovery", "energy_drains": "workload"}
ENERGY_UNTIL_WORD = {**ENERGY_UNTIL_SMALL_STEP, "energy_small_step": "Gå en tur tirsdag"}


def typed_in_room(slot, words, slots, signal=None, intent="answer", pending=None, tool="energy", room=ROOM):
    values = {"tool": tool, "room": room, **slots, slot: words, "pending": pending}
    return tracker(
        slots=values, text=words, intent=intent, requested=slot, candidates=[slot], understanding={"signal": signal, "themes": []}
    )


def said(messages):
    return " ".join(m.get("text") or "" for m in messages)


def test_strain_at_the_private_step_gets_the_check_in_and_stays_private():
    words = "jeg er ved at gå ned med stress"
    messages, events = run(ValidateToolForm(), typed_in_room("energy_small_step", words, ENERGY_UNTIL_SMALL_STEP, "strain"))
    assert "klogt at tage det alvorligt" in said(messages) and len(messages) == 1  # the check-in, no next question
    assert slot_events(events)["energy_small_step"] is None  # held until the leader says, never kept by default
    assert slot_events(events)["pending"]["value"] == words and shares(messages) == []


def test_acute_distress_at_the_private_step_gets_care_and_is_never_kept():
    words = "jeg vil bare sige at jeg ikke kan mere og har tænkt på at tage mit liv"
    values = {"tool": "energy", "room": ROOM, **ENERGY_UNTIL_SMALL_STEP}
    t = tracker(slots=values, text=words, intent="distress", requested="energy_small_step")
    messages, events = run(ActionDistress(), t)
    assert "70 201 201" in said(messages) and words not in str(events)
    # "Fortsæt" typed next asks the private step again, and nothing is kept.
    t = typed_in_room("energy_small_step", "fortsæt", ENERGY_UNTIL_SMALL_STEP, pending=slot_events(events)["pending"])
    messages, events = run(ValidateToolForm(), t)
    assert slot_events(events)["energy_small_step"] is None and "ser kun du" in messages[-1]["text"]


def test_strain_in_the_word_for_the_screen_gets_the_check_in_never_the_screen_and_not_the_end_at_once():
    messages, events = run(ValidateToolForm(), typed_in_room("energy_word", "helt udbrændt", ENERGY_UNTIL_WORD, "strain"))
    assert "klogt at tage det alvorligt" in said(messages) and shares(messages) == []
    held = slot_events(events)
    assert held["energy_word"] is None and held["requested_slot"] == "energy_word"  # the form waits: no "Tak" yet
    assert held["pending"] == {"kind": "strain", "slot": "energy_word", "value": "helt udbrændt"}
    # "Gem det som mit svar": the answer is kept (never shared), and the form may end.
    values = {"tool": "energy", "room": ROOM, **ENERGY_UNTIL_WORD, "pending": held["pending"]}
    messages, events = run(ActionControl(), tracker(slots=values, text="/keep", intent="keep", requested="energy_word"))
    assert slot_events(events) == {"energy_word": "helt udbrændt", "pending": None} and shares(messages) == []
    # "Fortsæt", tapped or typed: the word is asked for again, nothing kept and nothing shared.
    messages, events = run(ActionControl(), tracker(slots=values, text="/resume", intent="resume", requested="energy_word"))
    assert slot_events(events) == {"pending": None} and shares(messages) == []
    t = typed_in_room("energy_word", "ok", ENERGY_UNTIL_WORD, pending=held["pending"])
    messages, events = run(ValidateToolForm(), t)
    assert slot_events(events)["energy_word"] is None and shares(messages) == []
    assert slot_events(events)["requested_slot"] == "energy_word"


def test_where_to_get_help_under_the_check_in_keeps_nothing():
    pending = {"kind": "strain", "slot": "energy_word", "value": "helt udbrændt"}
    values = {"tool": "energy", "room": ROOM, **ENERGY_UNTIL_WORD, "pending": pending}
    messages, events = run(ActionDistress(), tracker(slots=values, text="/distress", intent="distress", requested="energy_word"))
    assert "70 201 201" in said(messages)
    assert slot_events(events)["pending"] == {"kind": "care", "slot": "energy_word"}


def test_outside_a_room_the_last_private_question_waits_for_the_check_in_too():
    slots = {"taste_theme": "recovery", "taste_wears": "forstyrrelser"}
    t = typed_in_room("taste_first_step", "jeg er helt udbrændt", slots, "strain", tool="taste", room=None)
    messages, events = run(ValidateToolForm(), t)
    assert "klogt at tage det alvorligt" in said(messages) and len(messages) == 1
    assert slot_events(events)["taste_first_step"] is None and slot_events(events)["requested_slot"] == "taste_first_step"


def test_a_warm_up_promises_the_questions_its_progress_counts_and_knows_when_it_is_in_a_room():
    """A user test: "tre hurtige spørgsmål" in the welcome, "Trin 1 af 5" at the first question, and at the
    end "Er du med i et fælles rum, så kig op …" said inside the room."""
    import re

    for room, word, total in ((ROOM, "fire", 4), (None, "tre", 3)):
        start = tracker(slots={"tool": "energy", "room": room}, intent="start")
        welcome = run(ActionStart(), start)[0][0]["text"]
        assert re.search(rf"\b{word} hurtige spørgsmål\b", welcome)
        conv = Conversation(tracker(slots={"tool": "energy", "room": room}))
        assert conv.progress(conv.steps()[0]) == {"step": 1, "total": total, "label": "Energi"}
        answered = {"energy_gives": "recovery", "energy_drains": "workload", "energy_small_step": "x", "energy_word": "Kaffe"}
        ending = run(ActionFinish(), tracker(slots={"tool": "energy", "room": room, **answered}))[0][-1]
        assert ending["custom"]["progress"] == {"step": total, "total": total, "label": "Tak"}
        assert ("skærmen" in ending["text"]) == bool(room) and "Er du med i et fælles rum" not in ending["text"]

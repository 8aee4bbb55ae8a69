"""'Ret et svar': a user test found a skipped "Tema 3" among 22 buttons, and the question asked again
without its theme. Only given answers are offered, in lists a phone shows whole, and every one of them
can be reached; a question asked again names its theme."""

from __future__ import annotations

import json

import pytest

import catalogue
from actions.changes import MAX_BUTTONS
from actions.control import ActionControl
from actions.conversation import Conversation
from catalogue import CONTINUE, SKIPPED, StepKind
from tests.support.actions import run, slot_events, tracker

THEMES = [
    {"key": "recovery", "words": None},
    {"key": "support", "words": "Jeg har ingen at spørge"},
    {"key": "trust", "words": None},
]


def finished(tool_id, themes=2):
    """Every question of a tool answered at the review, with `themes` themes (the rest left out)."""
    slots = {"tool": tool_id}
    for step in catalogue.tool(tool_id).steps:
        if step.kind == StepKind.REVIEW:
            break
        if step.kind == StepKind.THEME:
            slots[step.slot] = THEMES[step.round_number - 1] if step.round_number <= themes else SKIPPED
        elif step.kind == StepKind.CHOICE:
            slots[step.slot] = step.spec["options"][0]["value"]
        elif step.kind == StepKind.CHECKPOINT:
            slots[step.slot] = CONTINUE
        elif step.kind == StepKind.DATE:
            slots[step.slot] = {"date": "2027-03-15", "text": "15. marts"}
        else:
            slots[step.slot] = f"svar {step.id}"
    return slots, catalogue.tool(tool_id).known_step(f"{tool_id}_review").slot


def change_list(slots, review, part=None):
    entities = [{"entity": "part", "value": part}] if part else []
    text = "/change" + (json.dumps({"part": part}) if part else "")
    messages, _ = run(ActionControl(), tracker(slots=slots, text=text, intent="change", entities=entities, requested=review))
    return messages[-1]


def reachable(slots, review):
    """Every answer the change list leads to (through its parts), and the longest list shown on the way."""
    found, longest, todo = [], 0, [None]
    while todo:
        shown = change_list(slots, review, todo.pop())
        longest = max(longest, len([b for b in shown["buttons"] if b["title"] != "Tilbage"]))
        for button in shown["buttons"]:
            if button["title"] == "Tilbage":  # the way back (tests/actions/test_flow_round3.py)
                continue
            intent, _, entities = button["payload"][1:].partition("{")
            value = json.loads("{" + entities)
            if intent == "edit":
                found.append(value["value"])
            else:
                todo.append(value["part"])
    return found, longest


@pytest.mark.parametrize("tool_id,themes", [("leader", 2), ("leader", 3), ("group", 2), ("organisation", 2), ("maturity", 0)])
def test_the_change_list_offers_every_given_answer_and_nothing_else_in_short_lists(tool_id, themes):
    slots, review = finished(tool_id, themes)
    given = [s.slot for s in catalogue.tool(tool_id).applicable(slots) if s.kind not in (StepKind.REVIEW, StepKind.CHECKPOINT)]
    conv = Conversation(tracker(slots=slots))
    given = [slot for slot in given if slots.get(slot) != SKIPPED and conv.shown(conv.tool.known_step(slot))]
    found, longest = reachable(slots, review)
    assert sorted(found) == sorted(given)  # each once: no skipped theme, no question left out
    assert longest <= MAX_BUTTONS


def test_a_left_out_theme_is_not_offered_and_the_parts_are_named_by_theme():
    slots, review = finished("leader", 2)
    assert not any("Tema 3" in b["title"] for b in change_list(slots, review, "reflection")["buttons"])
    slots, review = finished("leader", 3)
    shown = change_list(slots, review)
    titles = [b["title"] for b in shown["buttons"]]
    assert shown["text"] == "Hvilken del vil du rette i?"
    assert "Dine temaer: Pauser og restitution" in titles and "Dine temaer: Tryghed og tillid" in titles
    inside = change_list(slots, review, "reflection:2")
    assert [b["title"] for b in inside["buttons"]] == [
        "Tema 2",
        "Det fungerer",
        "Det slider",
        "Det kan jeg selv gøre noget ved",
        "Tilbage",
    ]


def test_a_question_asked_again_to_change_it_names_its_theme():
    slots, review = finished("organisation", 2)
    edit = tracker(
        slots=slots,
        text='/edit{"value": "organisation_card2_when"}',
        intent="edit",
        entities=[{"entity": "value", "value": "organisation_card2_when"}],
        requested=review,
    )
    messages, events = run(ActionControl(), edit)
    assert messages[0]["text"] == "Du retter dit svar om »Sparring og støtte«."
    assert (
        slot_events(events)["organisation_card2_when"] is None
        and slot_events(events)["requested_slot"] == "organisation_card2_when"
    )

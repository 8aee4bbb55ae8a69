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
from actions.form import ValidateToolForm
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
    assert messages[0]["text"] == "I retter jeres svar om »Sparring og støtte«."  # the plan speaks to its group
    assert (
        slot_events(events)["organisation_card2_when"] is None
        and slot_events(events)["requested_slot"] == "organisation_card2_when"
    )


def edited_after_the_document(slots, slot):
    """Taps "Ret et svar" → `slot` once the document is made, as Rasa runs it: action_control reopens the
    answer, then the form starts again (it had ended), and its start puts what the message's payload
    names into the question asked (the slot's own name) and has every answer given checked again."""
    edit = {
        "text": f'/edit{{"value": "{slot}"}}',
        "intent": "edit",
        "entities": [{"entity": "value", "value": slot}],
    }
    _, reopened = run(ActionControl(), tracker(slots=slots, active=False, **edit))
    slots = {**slots, **slot_events(reopened)}
    given = [s.slot for s in catalogue.tool("leader").steps if slots.get(s.slot) is not None]
    started = tracker(slots={**slots, slot: slot}, requested=slot, candidates=[*given, slot], **edit)
    # the message was action_control's: the form comes after it, not straight after the leader's message
    started.events.insert(2, {"event": "action", "name": "action_control"})
    return run(ValidateToolForm(), started)


@pytest.mark.parametrize(
    "slot,question",
    [
        ("leader_first_step_when", "Hvornår går du i gang?"),
        ("leader_support", "Hvem kan støtte dig i det?"),
        ("leader_notice", "Hvordan vil du mærke, at det hjælper?"),
        ("leader_theme1_works", "Når du tænker på »Pauser og restitution«: Hvad fungerer allerede godt for dig?"),
    ],
)
def test_after_the_document_an_answer_to_change_is_asked_again_and_nothing_else_is_touched(slot, question):
    """A user walk: after the document, "Ret et svar" → "Hvornår" went straight to the review, with
    "Hvornår: leader_first_step_when" in it and in the new PDF; "Det fungerer" asked "Hvornår går du i
    gang?" instead, as the answer there (a date read back) was read back again."""
    slots, review = finished("leader", 2)
    slots.update({review: "confirm", "finished": True, "leader_first_step_when": "fredag 11. december 2026"})
    messages, events = edited_after_the_document(slots, slot)
    changed = slot_events(events)
    assert changed[slot] is None and changed["requested_slot"] == slot  # the payload is no answer
    assert question in messages[-1]["text"] and "Her er det hele samlet" not in str(messages)
    assert not any(m.get("text", "").startswith("Jeg skriver") for m in messages)  # no date read back again
    others = {name: value for name, value in changed.items() if name not in (slot, "requested_slot", "pending")}
    assert all(value == slots[name] for name, value in others.items()), others  # every other answer as it was


def test_an_old_change_button_tapped_at_a_question_changes_that_answer_and_is_not_kept_as_this_one():
    """At "Det slider" (form asking), an "Ret et svar" button tapped from further up the chat: Rasa puts
    the slot name it carries into the question asked. It is no answer: the form hands the request on."""
    slots, _ = finished("leader", 2)
    slots["leader_theme2_wears"] = None
    messages, events = run(
        ValidateToolForm(),
        tracker(
            slots={**slots, "leader_theme2_wears": "leader_theme1_works"},
            text='/edit{"value": "leader_theme1_works"}',
            intent="edit",
            entities=[{"entity": "value", "value": "leader_theme1_works"}],
            requested="leader_theme2_wears",
            candidates=["leader_theme2_wears"],
        ),
    )
    assert slot_events(events)["leader_theme2_wears"] is None
    assert any(e["event"] == "action_execution_rejected" for e in events)  # the rules then change it
    assert messages == []  # nothing asked: action_control answers the request

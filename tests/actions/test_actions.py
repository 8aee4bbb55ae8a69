"""Custom actions on trackers built in code (engine env: .venv/engine)."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest

import catalogue
from actions.ask import answer_buttons
from actions.choices import choice_value
from actions.control import ActionControl, ActionDistress, ActionOutside, ActionStart
from actions.conversation import Conversation
from actions.finish import ActionFinish
from actions.form import ValidateToolForm
from catalogue import SKIPPED
from tests.support.actions import LEADER, ROOT, filled_until, run, slot_events, tracker

# -- the catalogue ---------------------------------------------------------------


def test_every_text_exists_in_danish_and_english():
    def walk(node, path):
        if isinstance(node, dict):
            if set(node) & {"da", "en"} and all(isinstance(v, str) for v in node.values()):
                assert set(node) == {"da", "en"} and all(v.strip() for v in node.values()), path
            for key, value in node.items():
                walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}[{i}]")

    walk(catalogue.common(), "common")
    for tool in catalogue.tools().values():
        walk(tool.spec, tool.id)
        for step in tool.steps:
            if step.kind != "review":
                assert step.ask_texts() and step.spec.get("label"), step.slot


def test_generated_domain_matches_the_catalogue():
    fresh = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_domain.py")], capture_output=True, text=True, check=True)
    assert fresh.stdout == (ROOT / "domain" / "generated.yml").read_text(encoding="utf-8"), "run `make domain`"


# -- validation ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("ja", "yes"),
        ("Ja tak", "yes"),
        ("yes", "yes"),
        ("nej, jeg ejer selv firmaet", "no"),
        ("No, I'm at the top", "no"),
        ("måske", None),
    ],
)
def test_typed_yes_and_no(typed, expected):
    assert choice_value(LEADER.known_step("leader_has_leader"), typed, "da") == expected


def test_unclear_choice_is_asked_again_and_the_words_kept_as_a_note():
    t = tracker(
        slots={"leader_has_leader": "måske en slags"},
        text="måske en slags",
        requested="leader_has_leader",
        candidates=["leader_has_leader"],
    )
    messages, events = run(ValidateToolForm(), t)
    slots = slot_events(events)
    assert slots["leader_has_leader"] is None and slots["notes"] == ["måske en slags"]
    assert slots["requested_slot"] == "leader_has_leader"


def test_own_words_find_the_theme_and_are_kept():
    words = "jeg når aldrig at trække vejret mellem to møder"
    found = {"signal": None, "themes": [["recovery", 0.8], ["workload", 0.1], ["boundaries", 0.05]]}
    t = tracker(
        slots={**filled_until("leader_theme1"), "leader_theme1": words},
        text=words,
        requested="leader_theme1",
        understanding=found,
        candidates=["leader_theme1"],
    )
    messages, events = run(ValidateToolForm(), t)
    assert slot_events(events)["leader_theme1"] == {"key": "recovery", "words": words}
    assert "Pauser og restitution" in messages[0]["text"]
    assert slot_events(events)["requested_slot"] == "leader_theme1_works"


def test_unrecognised_words_become_the_leaders_own_theme():
    t = tracker(
        slots={**filled_until("leader_theme1"), "leader_theme1": "Min kollega Bent"},
        text="Min kollega Bent",
        requested="leader_theme1",
        understanding={"signal": None, "themes": [["support", 0.15], ["trust", 0.14]]},
        candidates=["leader_theme1"],
    )
    _, events = run(ValidateToolForm(), t)
    assert slot_events(events)["leader_theme1"] == {"key": None, "words": "Min kollega Bent"}


def test_skipping_the_third_theme_skips_its_questions():
    slots = {**filled_until("leader_theme3"), "leader_theme3": SKIPPED}
    t = tracker(slots=slots, requested="leader_theme3")
    _, events = run(ValidateToolForm(), t)
    assert slot_events(events)["requested_slot"] == "leader_keep_doing"


# -- controls -------------------------------------------------------------------------


def test_skip_back_and_language():
    slots = filled_until("leader_theme1_wears")
    messages, events = run(ActionControl(), tracker(slots=slots, intent="skip", requested="leader_theme1_wears"))
    assert slot_events(events) == {"leader_theme1_wears": SKIPPED}
    messages, events = run(ActionControl(), tracker(slots=slots, intent="go_back", requested="leader_theme1_wears"))
    assert slot_events(events) == {"leader_theme1_works": None, "requested_slot": "leader_theme1_works"}
    messages, events = run(
        ActionControl(), tracker(slots=slots, intent="language", text="english please", requested="leader_theme1_wears")
    )
    assert slot_events(events) == {"language": "en"} and "English" in messages[0]["text"]


def test_required_questions_cannot_be_skipped():
    messages, events = run(ActionControl(), tracker(intent="skip", requested="leader_has_leader"))
    assert events == [] and "svar" in messages[0]["text"]


def test_edit_reopens_one_answer_and_the_review():
    slots = {**filled_until("leader_review"), "leader_review": "confirm"}
    t = tracker(slots=slots, intent="edit", entities=[{"entity": "value", "value": "leader_more_of"}], requested=None)
    _, events = run(ActionControl(), t)
    assert slot_events(events) == {
        "leader_more_of": None,
        "leader_review": None,
        "finished": None,
        "requested_slot": "leader_more_of",
    }


def test_start_over_clears_every_answer():
    _, events = run(ActionControl(), tracker(slots=filled_until("leader_meet_who"), intent="start_over"))
    cleared = slot_events(events)
    assert all(cleared[s] is None for s in LEADER.slots) and cleared["notes"] is None


def test_distress_offers_help_and_never_keeps_the_message_as_the_answer():
    text = "Jeg kan ikke mere, jeg sover ikke og græder om aftenen"
    t = tracker(slots=filled_until("leader_keep_doing"), text=text, intent="distress", requested="leader_keep_doing")
    messages, events = run(ActionDistress(), t)
    assert "112" in messages[0]["text"] and "70 201 201" in messages[0]["text"]
    assert slot_events(events) == {"pending": {"kind": "care", "slot": "leader_keep_doing"}}
    assert text not in str(events)


def test_welcome_says_it_is_automated_and_what_is_kept():
    messages, _ = run(ActionStart(), tracker(slots={"language": "en"}))
    said = " ".join(m["text"] for m in messages)
    assert "automated" in said and "30 days" in said and "Delete my data" in said


@pytest.mark.parametrize("tool", ["taste", "energy", "prep", "followup", "maturity-again"])
def test_a_tool_with_its_own_welcome_greets_once_and_promises_no_document_it_never_gives(tool):
    slots = {"tool": tool, "language": "da"}
    if tool == "maturity-again":  # a saved ladder taken again
        slots = {
            "tool": "maturity",
            "language": "da",
            "upload": {
                "document": {
                    "tool": "maturity",
                    "date": "1. marts 2027",
                    "ladder": {"current": 2, "levels": ["Uerkendt", "Bevidsthed"]},
                }
            },
        }
    elif tool == "followup":
        slots["upload"] = {"document": {"title": "Min lederaftale", "date": "1. marts 2027"}, "items": []}
    messages, _ = run(ActionStart(), tracker(slots=slots, intent="start"))
    said = " ".join(m["text"] for m in messages)
    assert "automatisk samtaleguide" in said and "Slet mine data" in said
    assert said.lower().count("velkommen") == 1
    if tool in ("taste", "energy", "prep"):
        assert "dokument" not in said


def test_words_after_the_end_become_a_note_in_the_document():
    slots = {**filled_until("leader_review"), "leader_review": "confirm", "finished": True}
    _, events = run(ActionOutside(), tracker(slots=slots, text="tak for hjælpen", active=False))
    assert slot_events(events)["documents"]["leader-agreement"]["notes"] == ["tak for hjælpen"]


def test_the_review_shows_the_notes_the_document_will_print():
    """A note kept on the way ("Jeg har gemt det … som en note") is printed: the review shows it first."""
    from actions.summary import summary_text

    slots = {**filled_until("leader_review"), "notes": ["ring til Karin om vagtplanen"]}
    text = summary_text(Conversation(tracker(slots=slots)))
    assert "NOTER UNDERVEJS" in text and "• ring til Karin om vagtplanen" in text
    assert "NOTER UNDERVEJS" not in summary_text(Conversation(tracker(slots=filled_until("leader_review"))))


# -- asking and finishing -------------------------------------------------------------


def test_questions_carry_progress_and_buttons():
    messages, _ = run(ValidateToolForm(), tracker(requested="leader_has_leader"))  # the form asks the next step
    assert messages[0]["custom"]["progress"] == {"step": 1, "total": 26, "label": "Om dig"}
    assert [b["payload"] for b in messages[0]["buttons"]][:2] == ['/choose{"value": "yes"}', '/choose{"value": "no"}']


def test_third_theme_offers_the_rest_and_a_way_out():
    slots = filled_until("leader_theme3")
    messages, _ = run(ValidateToolForm(), tracker(slots=slots, requested="leader_theme3"))
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert "Pauser og restitution" not in titles and "Sparring og støtte" not in titles
    assert "To temaer er nok" in titles


def test_leaders_without_a_leader_get_other_partners():
    conv = Conversation(tracker(slots={"leader_has_leader": "no"}))
    titles = [b["title"] for b in answer_buttons(conv, LEADER.known_step("leader_meet_who"))]
    assert "Bestyrelsen" in titles and "Min nærmeste leder" not in titles
    assert conv.partner() == "din sparringspartner"


def test_the_agreement_matches_the_renderers_schema():
    slots = {**filled_until("leader_review"), "leader_review": "confirm", "leader_theme1_wears": SKIPPED, "notes": ["en note"]}
    messages, events = run(ActionFinish(), tracker(slots=slots, active=False))
    agreement = slot_events(events)["documents"]["leader-agreement"]
    schema = json.loads((ROOT / "renderer" / "agreement.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(agreement, schema)
    assert agreement["title"] == "Min lederaftale" and agreement["notes"] == ["en note"]
    answers = [i["answer"] for s in agreement["sections"] for b in s["blocks"] for i in b["items"]]
    assert "svar keep_doing" in answers and SKIPPED not in answers
    assert messages[0]["custom"]["state"] == "completed"
    assert messages[0]["custom"]["documents"] == [
        {"kind": "leader-agreement", "title": "Min lederaftale", "keep": True, "calendar": False, "layout": "agreement"}
    ]


def test_each_finished_tool_offers_one_file_to_keep_and_an_upload_takes_it_back():
    """The meeting guide's file was offered and then refused; Værktøj 3 offered the plan's file, which
    holds no action cards to follow up. Each tool keeps one file: one the follow-up goes through."""
    kept = {tool.id: tool.kept_kind for tool in catalogue.tools().values() if tool.kept_kind}
    assert kept == {
        "leader": "leader-agreement",
        "group": "group-agreement",
        "organisation": "action-cards",
        "maturity": "maturity-ladder",
        "followup": catalogue.FROM_UPLOAD,  # the uploaded document, brought up to date
    }
    for tool_id, kind in kept.items():
        assert kind == catalogue.FROM_UPLOAD or kind in catalogue.tool(tool_id).followable_kinds


def test_the_change_menu_names_each_answer_once_and_leaves_out_what_is_no_answer():
    slots = {**filled_until("leader_review"), "leader_review": "confirm", "leader_theme3": {"key": "trust", "words": None}}
    messages, _ = run(ActionControl(), tracker(slots=slots, intent="change", requested=None))
    titles = [b["title"] for m in messages for b in m.get("buttons", [])]
    assert len(titles) == len(set(titles)), titles
    assert "Din aftale" in titles and "Samtalen" in titles  # more than a phone shows at once: by part
    # Two questions labelled "Hvornår" are told apart by the part they are listed under.
    for part in ("agreement", "meeting"):
        entities = [{"entity": "part", "value": part}]
        messages, _ = run(ActionControl(), tracker(slots=slots, intent="change", entities=entities, requested=None))
        inside = [b["title"] for m in messages for b in m.get("buttons", [])]
        assert "Hvornår" in inside and len(inside) == len(set(inside)) and not any("__" in t for t in inside)


@pytest.mark.parametrize(
    "slot,value,kept",
    [
        ("leader_meet_who", "Min nærmeste leder", True),  # a suggestion this question offers
        ("leader_meet_who", "yes", False),  # a button from an earlier question, tapped again
        ("leader_first_step", "Min nærmeste leder", False),  # offered at another question only
    ],
)
def test_a_tapped_answer_counts_only_where_it_was_offered(slot, value, kept):
    slots = {"leader_has_leader": "yes", slot: value}
    t = tracker(slots=slots, text=f'/choose{{"value": "{value}"}}', intent="choose", requested=slot, candidates=[slot])
    _, events = run(ValidateToolForm(), t)
    assert slot_events(events)[slot] == (value if kept else None)


def test_a_group_reads_its_review_as_a_group():
    """A user walk's group on a shared screen was told "du kan rette alle svar"."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions.ask import ask

    for tool, expected in (("group", "I kan rette alle svar"), ("leader", "du kan rette alle svar")):
        review = catalogue.tool(tool).review
        assert review is not None
        met = {"group_guide": catalogue.CONTINUE} if tool == "group" else {}  # the review comes after the meeting
        conv = Conversation(tracker(slots={"tool": tool, **met}, requested=review.slot))
        dispatcher = CollectingDispatcher()
        ask(dispatcher, conv, review)
        assert expected in dispatcher.messages[0]["text"]


def test_a_group_is_asked_which_answer_to_change_as_a_group():
    """A second user walk's shared screen asked "Hvilken del vil du rette i?"."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions import changes

    for tool, expected in (("group", " I rette"), ("leader", " du rette")):
        review = catalogue.tool(tool).review
        assert review is not None
        slots = {"tool": tool, **{s.slot: "x" for s in catalogue.tool(tool).steps if s.kind == catalogue.StepKind.TEXT}}
        if tool == "group":
            slots["group_guide"] = catalogue.CONTINUE  # the group reads along
        dispatcher = CollectingDispatcher()
        changes.offer(Conversation(tracker(slots=slots, requested=review.slot)), dispatcher)
        assert expected in dispatcher.messages[0]["text"]
        assert (" du " in dispatcher.messages[0]["text"]) == (tool == "leader")

"""Findings of the third user walk (issue 22): actions on trackers built in code."""

from __future__ import annotations

import json

import pytest

import catalogue
from actions.choices import choose, suggested
from actions.control import ActionControl
from actions.form import ValidateToolForm
from catalogue import SKIPPED
from tests.actions.test_changes import change_list, finished
from tests.support.actions import run, tracker


def group_at_guide(**extra):
    return {
        "tool": "group",
        "language": "en",
        "group_group_name": "The leadership team at Holm",
        "group_group_size": "5",
        "group_meeting_date": "Tuesday",
        "group_why_now": "A hard year",
        "group_theme1": {"key": "trust", "words": None},
        "group_theme2": {"key": "workload", "words": None},
        "group_theme3": SKIPPED,
        **extra,
    }


def test_a_break_at_the_meeting_guide_is_left_to_the_pause_not_answered_with_the_guide_again():
    t = tracker(slots=group_at_guide(), text="/pause", intent="pause", requested="group_guide")
    messages, events = run(ValidateToolForm(), t)
    # Nothing for the form: no question asked and no slot set, so Rasa hands "/pause" to the rules.
    assert messages == []
    assert [e for e in events if e.get("event") == "slot" and e["name"] != "requested_slot"] == []


def test_a_break_at_the_meeting_guide_says_the_guide_is_saved_and_how_to_come_back():
    t = tracker(slots=group_at_guide(), text="/pause", intent="pause", requested="group_guide")
    messages, _ = run(ActionControl(), t)
    said = messages[0]["text"]
    assert said.startswith("The meeting guide and your answers are saved for 30 days")
    assert "same browser" in said and "“We're meeting now”" in said
    t = tracker(slots=group_at_guide(language="da"), text="/pause", intent="pause", requested="group_guide")
    assert "»Vi holder mødet nu«" in run(ActionControl(), t)[0][0]["text"]


ONESELF_EN = [
    "i am the top",
    "i'm the top",
    "im the top",
    "i am the boss",
    "i'm the owner",
    "that's me, i'm the md",
    "that's me, i'm the ceo",
    "i'm the ceo",
    "I am the MD",
]


@pytest.mark.parametrize("text", ONESELF_EN)
def test_an_owner_saying_in_english_they_are_the_top_is_top_management_at_the_plans_backing(text):
    sponsor = catalogue.tool("organisation").known_step("organisation_sponsor")
    assert suggested(sponsor, text, "en") == "I am top management myself"


@pytest.mark.parametrize("text", ONESELF_EN)
def test_an_owner_saying_in_english_they_are_the_top_is_top_management_at_the_ladders_backing(text):
    backing = catalogue.tool("maturity").known_step("maturity_backing")
    chosen = choose(backing, text, "en")
    assert chosen is not None and chosen.value == "self"


def test_each_part_of_the_change_list_has_a_way_back_to_the_parts_and_the_parts_to_the_review():
    slots, review = finished("leader", 3)
    parts = change_list(slots, review)
    assert parts["text"] == "Hvilken del vil du rette i?"
    assert parts["buttons"][-1] == {"title": "Tilbage", "payload": "/resume"}  # the review asked again
    for button in parts["buttons"]:
        if button["payload"].startswith("/change{"):
            part = json.loads(button["payload"][len("/change") :])["part"]
            inside = change_list(slots, review, part)
            assert inside["buttons"][-1] == {"title": "Tilbage", "payload": "/change"}, part  # the list of parts
    # "Tilbage" at the list of parts asks the review again.
    messages, _ = run(ActionControl(), tracker(slots=slots, text="/resume", intent="resume", requested=review))
    assert messages == []  # nothing said: the form asks the review (rule: action_control, then tool_form)
    asked, _ = run(ValidateToolForm(), tracker(slots=slots, requested=review))
    assert asked[0]["text"].startswith("Her er det hele samlet.")


def test_a_typed_correction_at_the_review_opens_the_change_list_not_the_whole_review_again():
    slots, review = finished("organisation", 2)
    slots[review] = "tovholder på tavlen skal være mig"
    t = tracker(slots=slots, text="tovholder på tavlen skal være mig", requested=review, candidates=[review])
    messages, events = run(ValidateToolForm(), t)
    assert len(messages) == 1, messages
    assert messages[0]["text"] == "Lad os rette det. Hvilken del vil I rette i?"  # an organisation: "I"
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert "Forberedelse" in titles and titles[-1] == "Tilbage"
    assert not any("Her er det hele samlet" in m.get("text", "") for m in messages)
    assert {e["name"]: e["value"] for e in events if e["event"] == "slot"}[review] is None


@pytest.mark.parametrize(
    "text, label",
    [
        ("ledernetvaerk", "Mit ledernetværk"),
        ("mentor", "En mentor"),
        ("bestyrelsen", "Bestyrelsen"),
        ("min leder", None),
        # a fourth walk's was asked for a name, then printed »Netvaerket«
        ("mit netvaerk tror jeg, erfa gruppen", "Mit ledernetværk"),
        ("netvaerket", "Mit ledernetværk"),
        ("netværk og min kone", None),  # two: the leader's words
    ],
)
def test_a_suggestion_typed_without_its_small_words_is_printed_as_the_suggestion(text, label):
    """A user walk typed "ledernetvaerk" at "Hvem vil du tale med?" and found "Ledernetvaerk" in the PDF."""
    meet = catalogue.tool("leader").known_step("leader_meet_who")
    assert suggested(meet, text, "da") == label


def test_back_at_the_meetings_first_question_stays_in_front_of_the_group():
    """A user walk's "Tilbage" at the meeting's first question went back into the leader's own preparation,
    on the shared screen: it goes back only as far as the meeting's start."""
    first = next(s for s in catalogue.tool("group").steps if s.slot.startswith("group_meet1"))
    slots = group_at_guide(language="da", group_guide=catalogue.CONTINUE)
    messages, events = run(ActionControl(), tracker(slots=slots, text="/go_back", intent="go_back", requested=first.slot))
    assert "mødets første spørgsmål" in messages[0]["text"] and events == []
    # one answer into the meeting, back goes to it
    slots = {**slots, first.slot: "Vi taler sammen hver morgen"}
    later = next(s for s in catalogue.tool("group").steps if s.slot.startswith("group_meet1") and s.slot != first.slot)
    _, events = run(ActionControl(), tracker(slots=slots, text="/go_back", intent="go_back", requested=later.slot))
    assert {"event": "slot", "name": first.slot, "value": None} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]


@pytest.mark.parametrize("text", ["det er vel mig selv?", "det er nok mig selv", "mig selv vel"])
def test_oneself_with_a_doubt_at_the_plans_backing_is_top_management(text):
    """A user walk's "det er vel mig selv?" was stored as typed and printed in the message to all leaders
    ("Arbejdet har opbakning fra det er vel mig selv i topledelsen")."""
    sponsor = catalogue.tool("organisation").known_step("organisation_sponsor")
    assert suggested(sponsor, text, "da") == "Jeg er selv topledelsen"
    assert suggested(sponsor, "det er vel ikke mig", "da") is None


def test_back_from_a_preparation_answer_changed_on_the_shared_screen_goes_back_as_usual():
    """A reviewer's: "tilbage" typed while changing the group's size (before the meeting's start) raised."""
    slots = group_at_guide(language="da", group_guide=catalogue.CONTINUE)
    messages, events = run(ActionControl(), tracker(slots=slots, text="/go_back", intent="go_back", requested="group_group_size"))
    assert messages and all("mødets første" not in m["text"] for m in messages)


def test_two_guesses_at_the_plans_backing_stay_the_leaders_words():
    sponsor = catalogue.tool("organisation").known_step("organisation_sponsor")
    assert suggested(sponsor, "måske mig, måske direktøren", "da") is None

"""When-questions ("Hvornår går du i gang?"): a date in the answer is read back and printed as the
date, words stay words, a past date is asked about, and the leader can correct what was read."""

from __future__ import annotations

import datetime as dt

import pytest

import catalogue
from actions import dates_when
from actions.control import ActionControl
from actions.conversation import Conversation
from actions.documents import build_all
from actions.form import PENDING, ValidateToolForm
from tests.support.actions import filled_until, run, slot_events, tracker

SLOT = "leader_first_step_when"


def answer(text, slots=None, language="da"):
    slots = {**filled_until(SLOT), "language": language, SLOT: text, **(slots or {})}
    return run(ValidateToolForm(), tracker(slots=slots, text=text, requested=SLOT, candidates=[SLOT]))


def test_every_question_that_asks_when_in_words_is_a_when_question():
    asks_when = {
        s.slot
        for tool in catalogue.tools().values()
        for s in tool.steps
        if s.kind == catalogue.StepKind.TEXT and s.ask_texts().get("da", "").startswith("Hvornår")
    }
    marked = {s.slot for tool in catalogue.tools().values() for s in tool.steps if s.when}
    # and the plan's timeline, which asks when in other words ("Hvordan ser tidsplanen groft set ud?")
    assert asks_when and asks_when | {"organisation_timeline"} == marked
    assert {"leader_first_step_when", "leader_meet_when", "group_meeting_date", "group_deal1_by_when"} <= marked
    assert {"organisation_involve_when", "organisation_card1_when"} <= marked


def test_a_day_in_the_plans_timeline_is_printed_as_the_date_and_months_stay_words():
    """A user walk's "kick-off torsdag i næste uge" was printed as typed in a plan read for months."""
    today = dt.date(2026, 12, 7)
    read = dates_when.read("kick-off torsdag i næste uge, og så på plads inden sæsonstart i marts", "da", today)
    assert read is not None and read.printed == "kick-off torsdag 17. december 2026, og så på plads inden sæsonstart i marts"
    assert dates_when.read("Plan klar i januar, handlekort fra marts, opfølgning i juni.", "da", today) is None


def test_a_relative_day_is_read_back_as_the_date_it_will_print():
    read = dates_when.read("naeste fre", "da")
    assert read is not None
    printed = read.printed
    assert printed.startswith("fredag ") and printed[-4:].isdigit()
    messages, events = answer("naeste fre")
    assert messages[0]["text"] == f"Jeg skriver »{printed}« – passer det?"
    assert [b["title"] for b in messages[0]["buttons"]] == ["Ja, det passer", "Nej, en anden dag", "Behold mine ord"]
    assert slot_events(events)[SLOT] is None and len(messages) == 1  # nothing new is asked until it is settled
    pending = slot_events(events)[PENDING]

    # "Ja, det passer" (typed or tapped): the date is kept as printed.
    _, events = answer("ja", {PENDING: pending})
    assert slot_events(events)[SLOT] == printed
    _, events = run(
        ActionControl(), tracker(slots={**filled_until(SLOT), PENDING: pending}, text="/keep", intent="keep", requested=SLOT)
    )
    assert slot_events(events) == {SLOT: printed, PENDING: None}

    # "Behold mine ord": the words as typed.
    tapped = tracker(
        slots={**filled_until(SLOT), PENDING: pending, SLOT: "naeste fre"},
        text='/choose{"value": "naeste fre"}',
        intent="choose",
        requested=SLOT,
        candidates=[SLOT],
    )
    _, events = run(ValidateToolForm(), tapped)
    assert slot_events(events)[SLOT] == "naeste fre"

    # "nej": asked again; another date typed instead: read back afresh.
    messages, events = answer("nej", {PENDING: pending})
    assert slot_events(events)[SLOT] is None and slot_events(events)[PENDING] is None
    assert messages[-1]["text"] == "Hvornår går du i gang?"
    messages, events = answer("nej, 1/3-2030", {PENDING: pending})
    assert messages[0]["text"] == "Jeg skriver »fredag 1. marts 2030« – passer det?"
    # "no thats wrong, …": the new date without the no and the wrong (a walk's printed "thats wrong, …")
    messages, events = answer("nej det er forkert, 1/3-2030", {PENDING: pending})
    assert messages[0]["text"] == "Jeg skriver »fredag 1. marts 2030« – passer det?"


def test_the_printed_date_reaches_the_document():
    messages, events = answer("torsdag i uge 12 2030, efter morgenmødet")
    pending = slot_events(events)[PENDING]
    _, events = answer("ja tak", {PENDING: pending})
    slots = {**filled_until(SLOT), **slot_events(events)}
    made = build_all(Conversation(tracker(slots=slots, requested=None)))
    answers = [i["answer"] for d in made.values() for s in d["sections"] for b in s["blocks"] for i in b["items"]]
    assert "torsdag 21. marts 2030, efter morgenmødet" in answers


@pytest.mark.parametrize(
    "text",
    [
        "efter sommerferien",
        "Fra første møde i februar",
        "hver fredag",
        "mandag eller tirsdag",
        # an alternative named: the leader's words (a user walk printed »pa mandag 7. december 2026 el. d 15 ish«)
        "pa mandag el. d 15 ish",
        "fredag kl 9 eller 10",
    ],
)
def test_words_without_one_date_are_kept_as_typed_without_asking(text):
    messages, events = answer(text)
    assert slot_events(events)[SLOT] == text
    assert not any("passer det" in (m.get("text") or "") for m in messages)


def test_a_date_in_the_past_is_asked_about():
    messages, events = answer("3. marts 2026")
    assert messages[0]["text"] == "Jeg skriver »tirsdag 3. marts 2026«, men den dato er allerede gået. Passer det alligevel?"
    messages, _ = answer("March 3rd 2026", language="en")
    assert (
        messages[0]["text"]
        == "I'll put down “Tuesday 3 March 2026”, but that date has already passed. Is that right all the same?"
    )


def test_a_week_without_a_day_is_read_back_as_the_week():
    messages, _ = answer("uge 12 2030")
    assert messages[0]["text"] == "Jeg skriver »uge 12 (18.–22. marts 2030)« – passer det?"
    messages, _ = answer("week 12 2030", language="en")
    assert messages[0]["text"] == "I'll put down “week 12 (18–22 March 2030)”. Is that right?"


def test_a_past_date_at_a_date_question_is_asked_about_too():
    slot = "group_followup_date"
    slots = {"tool": "group", slot: "3. marts 2026"}
    messages, events = run(ValidateToolForm(), tracker(slots=slots, text="3. marts 2026", requested=slot, candidates=[slot]))
    assert messages[0]["text"] == "Jeg skriver »tirsdag 3. marts 2026«, men den dato er allerede gået. Passer det alligevel?"
    assert slot_events(events)[PENDING]["value"]["date"] == "2026-03-03"


@pytest.mark.parametrize(
    "text, printed",
    [
        ("bare mandag 14/12 2026", "mandag 14. december 2026"),  # "bare" beside the date is no part of it
        ("i uge 2 2027 nok, efter nytaar", "i uge 2 (11.–15. januar 2027), efter nytaar"),
        # a doubt before a negation is part of what is said; "så" is a conjunction (a reviewer's)
        ("fredag 18/12 2026 nok ikke", "fredag 18. december 2026 nok ikke"),
        ("fredag 18/12 2026 så vi har tid", "fredag 18. december 2026 så vi har tid"),
        # the date asked as a question is the date: a user walk's poster printed "Fra mandag 7. december 2026?"
        ("torsdag 17/12 2026?", "torsdag 17. december 2026"),
        ("fra mandag 14/12 2026 vel?", "fra mandag 14. december 2026"),
    ],
)
def test_doubt_right_beside_a_date_is_left_out_of_what_is_printed(text, printed):
    read = dates_when.read(text, "da")
    assert read is not None and read.printed == printed


@pytest.mark.parametrize("text", ["ja", "nej"])
def test_a_bare_yes_or_no_with_nothing_read_back_asks_when_again(text):
    """A user walk found "Hvornår: ja" on a card."""
    messages, events = answer(text)
    assert slot_events(events)[SLOT] is None
    assert messages[0]["text"].startswith("Skriv gerne hvornår")


def test_fint_takes_the_date_read_back():
    messages, events = answer("naeste fre")
    _, events = answer("fint", {PENDING: slot_events(events)[PENDING]})
    assert slot_events(events)[SLOT].startswith("fredag ")


@pytest.mark.parametrize("typed,stored", [("ja fredag er rigtig", True), ("ja, torsdag", False)])
def test_a_yes_that_names_the_day_read_back_takes_it_and_another_day_is_read_afresh(typed, stored):
    """A user walk typed "ja fredag er rigtig" under »fredag 18. december 2026«: it was read as a new date
    (this week's Friday) and printed "ja fredag 11. december 2026 er rigtig"."""
    _, events = answer("fre i naeste uge")
    pending = slot_events(events)[PENDING]
    messages, events = answer(typed, {PENDING: pending})
    if stored:
        assert slot_events(events)[SLOT] == pending["value"] and slot_events(events)[PENDING] is None
    else:
        assert slot_events(events)[SLOT] is None and "torsdag" in slot_events(events)[PENDING]["value"]


def test_a_day_corrected_in_the_message_is_read_back_alone():
    messages, events = answer("tirsdag, nej vent, onsdag")
    printed = slot_events(events)[PENDING]["value"]
    assert printed.startswith("onsdag") and "tirsdag" not in printed and "vent" not in printed
    assert "Du skrev" not in messages[-1]["text"]  # no weekday slip to point out

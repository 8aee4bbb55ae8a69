"""Værktøj 2, Værktøj 3, the maturity ladder and follow-ups: actions on trackers built in code."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

import catalogue
from actions import dates, documents, followup
from actions.choices import choice_value
from actions.control import ActionStart
from actions.conversation import Conversation
from actions.form import ValidateToolForm
from catalogue import CONTINUE, SKIPPED, USE_DRAFT
from tests.support.actions import ROOT, run, slot_events, tracker

SCHEMA = json.loads((ROOT / "renderer" / "agreement.schema.json").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("15. marts 2027", dt.date(2027, 3, 15)),
        ("15/3", dt.date(2027, 3, 15)),
        ("2027-03-15", dt.date(2027, 3, 15)),
        ("March 15, 2027", dt.date(2027, 3, 15)),
        ("uge 12", dt.date(2027, 3, 22)),
        ("torsdag i uge 2", dt.date(2027, 1, 14)),
        ("week 50", dt.date(2026, 12, 7)),
        ("efter sommerferien", None),
        ("uge 60", None),
        ("2027-02-30", None),
    ],
)
def test_dates_as_leaders_type_them(text, expected):
    assert dates.parse(text, TODAY) == expected


def group_slots(**extra):
    slots = {
        "tool": "group",
        "group_group_name": "Ledergruppen i Hansen VVS",
        "group_group_size": "5",
        "group_meeting_date": "tirsdag",
        "group_why_now": "Et hårdt år",
        "group_theme1": {"key": "trust", "words": None},
        "group_theme2": {"key": None, "words": "Vores kunder"},
        "group_theme3": SKIPPED,
    }
    slots.update(extra)
    return slots


def test_meeting_guide_has_an_agenda_per_theme_and_opening_questions():
    conv = Conversation(tracker(slots=group_slots()))
    guide = documents.build_all(conv, when="guide", today=TODAY)["group-meeting-guide"]
    jsonschema.validate(guide, SCHEMA)
    agenda = next(s for s in guide["sections"] if s["heading"] == "Dagsorden")["blocks"][0]["items"]
    assert [i["label"] for i in agenda] == ["10 min", "20 min", "20 min", "15 min", "5 min"]  # five people
    assert "Tryghed og tillid" in agenda[1]["answer"] and "Vores kunder" in agenda[2]["answer"]
    questions = next(s for s in guide["sections"] if s["heading"].startswith("Spørgsmål"))["blocks"]
    assert [b["heading"] for b in questions] == ["Tryghed og tillid", "Vores kunder"]
    # The leader's own reason for the meeting is in their part of the guide only, never on the agenda.
    where = [s["heading"] for s in guide["sections"] for b in s["blocks"] for i in b["items"] if "Et hårdt år" in i["answer"]]
    assert where == ["Kun til dig, der leder mødet"]


@pytest.mark.parametrize(
    "size,per_theme,agreement",
    [
        ("5", "20 min", "15 min"),
        ("Vi er fem", "20 min", "15 min"),
        ("vi er 4 plus mig", "20 min", "15 min"),  # the writer on top: five
        ("tolv ledere", "40 min", "30 min"),
        ("to", "15 min", "15 min"),
        ("en lille flok", "25 min", "20 min"),
    ],
)
def test_the_agenda_gives_every_member_time_to_speak(size, per_theme, agreement):
    conv = Conversation(tracker(slots=group_slots(group_group_size=size)))
    guide = documents.build_all(conv, when="guide", today=TODAY)["group-meeting-guide"]
    agenda = next(s for s in guide["sections"] if s["heading"] == "Dagsorden")["blocks"][0]["items"]
    assert [i["label"] for i in agenda][1:4] == [per_theme, per_theme, agreement]


def test_meeting_rounds_follow_the_chosen_themes():
    conv = Conversation(tracker(slots=group_slots()))
    slots = [s.slot for s in conv.steps()]
    assert "group_meet2_works" in slots and "group_meet3_works" not in slots and "group_deal3_action" not in slots


def test_checkpoint_makes_the_guide_and_waits():
    messages, events = run(ValidateToolForm(), tracker(slots=group_slots(), requested="group_guide"))
    assert messages[0]["custom"]["documents"][0]["kind"] == "group-meeting-guide"
    assert "group-meeting-guide" in slot_events(events)["documents"]
    assert [b["payload"] for b in messages[0]["buttons"]][0] == '/choose{"value": "__continue__"}'


def test_typed_words_at_the_checkpoint_carry_on_and_are_kept():
    t = tracker(
        slots=group_slots(group_guide="nu holder vi mødet"),
        text="nu holder vi mødet",
        requested="group_guide",
        candidates=["group_guide"],
    )
    _, events = run(ValidateToolForm(), t)
    assert slot_events(events)["group_guide"] == CONTINUE and slot_events(events)["notes"] == ["nu holder vi mødet"]


def test_a_follow_up_date_is_read_and_confirmed():
    t = tracker(
        slots=group_slots(group_followup_date="uge 12"),
        text="uge 12",
        requested="group_followup_date",
        candidates=["group_followup_date"],
    )
    messages, events = run(ValidateToolForm(), t)
    assert slot_events(events)["pending"]["value"]["date"].endswith("-03-22")
    assert messages[0]["text"].startswith("Jeg skriver »mandag 22. marts") and messages[0]["text"].endswith("passer det?")


def test_the_announcement_draft_is_built_from_the_answers():
    slots = {
        "tool": "organisation",
        "language": "en",
        "organisation_lead": "Mette",
        "organisation_priority1": {"key": "support", "words": None},
        "organisation_priority2": {"key": "recovery", "words": None},
        "organisation_announcement": USE_DRAFT,
    }
    t = tracker(slots=slots, text=USE_DRAFT, requested="organisation_announcement", candidates=["organisation_announcement"])
    _, events = run(ValidateToolForm(), t)
    draft = slot_events(events)["organisation_announcement"]
    assert (
        "“Support and a sounding board” and “Breaks and recovery”" in draft
        and "Mette is leading the work and holding it all together." in draft
    )


@pytest.mark.parametrize(
    "lead,reads",
    [
        ("Det er mig, Karin fra HR", "Karin fra HR er tovholder og holder i trådene."),
        ("mig", "Jeg står selv for arbejdet."),
        ("Jens Mogens", "Jens Mogens er tovholder og holder i trådene."),
        ("Det bliver Lars fra økonomi.", "Lars fra økonomi er tovholder og holder i trådene."),
    ],
)
def test_the_announcement_reads_naturally_for_any_lead(lead, reads):
    slots = {
        "tool": "organisation",
        "language": "da",
        "organisation_lead": lead,
        "organisation_priority1": {"key": "workload", "words": None},
        "organisation_priority2": {"key": None, "words": "Tid til hinanden"},
        "organisation_announcement": USE_DRAFT,
    }
    t = tracker(slots=slots, text=USE_DRAFT, requested="organisation_announcement", candidates=["organisation_announcement"])
    draft = slot_events(run(ValidateToolForm(), t)[1])["organisation_announcement"]
    assert reads in draft and "»Krav og ressourcer« og »Tid til hinanden«" in draft
    assert "mig" not in draft and "Tovholder:" not in draft


def test_action_cards_carry_why_each_theme_matters():
    slots = {
        "tool": "organisation",
        "organisation_org_name": "Hansen",
        "organisation_priority1": {"key": "support", "words": None},
        "organisation_priority1_why": "Folk bliver",
        "organisation_card1_actions": "Sparringsmakkere",
        "organisation_card1_who": "Mette",
    }
    cards = documents.build_all(Conversation(tracker(slots=slots)), today=TODAY)["action-cards"]
    jsonschema.validate(cards, SCHEMA)
    card = cards["sections"][0]["blocks"][0]
    assert card["heading"] == "Sparring og støtte"
    assert [i["answer"] for i in card["items"]] == ["Folk bliver", "Sparringsmakkere", "Mette"]
    # A follow-up of the cards asks how the actions went, quoting the actions, not the reason.
    assert followup.items(cards) == [{"heading": "Sparring og støtte", "summary": "Sparringsmakkere"}]


@pytest.mark.parametrize(
    "answers,level",
    [
        (["1", "1", "1", "1", "1", "1"], 1),
        (["2", "3", "2", "3", "2", "3"], 2),
        (["4", "4", "4", "5", "4", "5"], 4),
        (["6", "5", "5", "5", "6", "5"], 5),
    ],
)
def test_maturity_level_is_the_middle_of_the_answers(answers, level):
    ids = ["attention", "initiatives", "agenda", "values", "expectations", "backing"]
    slots = {"tool": "maturity", **{f"maturity_{i}": a for i, a in zip(ids, answers)}}
    ladder = documents.ladder(Conversation(tracker(slots=slots)))
    assert ladder is not None and ladder["current"] == level and len(ladder["levels"]) == 6
    assert ladder["result"].startswith(f"I står på trin {level} af 6")
    # the step's description is said to be typical of it, not a reading of each answer (a user walk's)
    assert "Typisk for trinnet: " in ladder["result"] and ladder["typical"] == "Typisk for trinnet"


def test_maturity_options_can_be_typed():
    step = catalogue.tool("maturity").known_step("maturity_initiatives")
    assert choice_value(step, "vi har prøvet lidt på eget initiativ", "da") == "3"


def test_follow_up_goes_through_each_action_of_the_uploaded_document():
    conv = Conversation(
        tracker(
            slots=group_slots(
                group_deal1_action="Tjek-ind",
                group_deal2_action="Sig nej",
                group_followup_date={"text": "x", "date": "2027-03-15"},
            )
        )
    )
    saved = documents.build_all(conv, today=TODAY)["group-agreement"]
    items = followup.items(saved)
    assert items == [{"heading": "Tryghed og tillid", "summary": "Tjek-ind"}, {"heading": "Vores kunder", "summary": "Sig nej"}]
    t = tracker(slots={"tool": "followup"}, text="/start")
    t.latest_message["metadata"] = {"upload": saved}
    messages, events = run(ActionStart(), t)
    upload = slot_events(events)["upload"]
    assert upload["items"] == items and "Vores aftale" in messages[0]["text"]  # greeted once, naming the document
    answered = {
        "tool": "followup",
        "upload": upload,
        "followup_item1_status": "done",
        "followup_item1_learned": "Det virker",
        "followup_item2_status": "dropped",
        "followup_next_date": {"text": "uge 36", "date": "2027-09-06"},
    }
    follow = Conversation(tracker(slots=answered))
    assert [s.slot for s in follow.steps()][:4] == [
        "followup_item1_status",
        "followup_item1_learned",
        "followup_item2_status",
        "followup_item2_learned",
    ]
    assert "followup_item3_status" not in [s.slot for s in follow.steps()]
    updated = documents.build_all(follow, today=TODAY)["group-agreement"]
    jsonschema.validate(updated, SCHEMA)
    assert updated["layout"] == "poster" and updated["follow_up"]["date"] == "2027-09-06"
    last = updated["sections"][-1]
    assert last["heading"] == "Opfølgning 26. november 2026"
    assert [[i["answer"] for i in b["items"]] for b in last["blocks"]][:2] == [["Gjort", "Det virker"], ["Droppet"]]

    # A second follow-up, months later, on the file saved after the first: both stay, in order.
    again = {
        **answered,
        "upload": {"document": updated, "items": followup.items(updated)},
        "followup_item1_learned": "Stadig godt",
    }
    later = documents.build_all(Conversation(tracker(slots=again)), today=TODAY + dt.timedelta(days=100))["group-agreement"]
    headings = [s["heading"] for s in later["sections"]]
    assert headings[-2:] == ["Opfølgning 26. november 2026", "Opfølgning 6. marts 2027"]
    assert followup.items(later) == items  # still the agreement's actions, not the follow-ups' answers
    # One next date: the one this follow-up set (the first follow-up's is history, gone).
    dates = [i["answer"] for s in later["sections"] for b in s["blocks"] for i in b["items"] if i.get("ref") == "next_date"]
    assert dates == ["mandag 6. september 2027"], dates
    # Followed up again the same day: both rounds of answers stay.
    same_day = documents.build_all(
        Conversation(tracker(slots={**again, "upload": {"document": later, "items": items}})),
        today=TODAY + dt.timedelta(days=100),
    )
    assert [s["heading"] for s in same_day["group-agreement"]["sections"]] == headings + headings[-1:]


def test_a_message_for_a_conversation_rasa_cannot_find_is_reported_not_answered():
    from actions.control import ActionControl, ActionOutside

    lost = tracker(slots={"tool": None, "language": None}, text="mit svar", active=False)
    for action in (ActionOutside(), ActionControl()):
        messages, events = run(action, lost)
        assert [m.get("custom") for m in messages] == [{"state_lost": True}]
        assert events == []


def test_the_review_shows_answers_only():
    from actions.summary import summary_text

    text = summary_text(Conversation(tracker(slots=group_slots(group_guide=CONTINUE, group_meet1_works="Tjek-ind"))))
    assert "Tjek-ind" in text and "Tryghed og tillid" in text
    assert "__" not in text and "Mødeguide" not in text  # the checkpoint's "go on" is no answer
    assert "Tema 3" not in text  # two themes were chosen; the third is not "skipped"


def test_the_review_on_the_shared_screen_leaves_the_leaders_own_answer_out():
    """After "Vi holder mødet nu" the group reads the screen: the "why now" is only in the leader's guide."""
    from actions.control import ActionControl
    from actions.summary import summary_text

    before = summary_text(Conversation(tracker(slots=group_slots())))
    assert "Et hårdt år" in before  # alone, before the meeting, the leader still sees it
    meeting = group_slots(group_guide=CONTINUE, group_meet1_works="Tjek-ind")
    text = summary_text(Conversation(tracker(slots=meeting)))
    assert "Tjek-ind" in text and "Et hårdt år" not in text and "Hvorfor nu" not in text
    messages, _ = run(ActionControl(), tracker(slots=meeting, intent="change"))
    payloads = [b["payload"] for m in messages for b in m.get("buttons", [])]
    assert any("group_group_name" in p for p in payloads) and not any("why_now" in p for p in payloads)


def test_vaerktoej_2_started_from_the_facilitators_screen_does_not_ask_the_leaders_own_why():
    """The presenter's "Start Værktøj 2 med gruppens billede" runs the conversation on the projector."""
    prepared = {"members": 3, "themes": [{"key": "boundaries", "score": 2.7}]}
    alone = [s.id for s in catalogue.tool("group").applicable(group_slots(group_why_now=None))]
    on_screen = [s.id for s in catalogue.tool("group").applicable(group_slots(group_why_now=None, prepared=prepared))]
    assert "why_now" in alone and "why_now" not in on_screen
    assert set(alone) - set(on_screen) == {"why_now"}
    guide = documents.build_all(Conversation(tracker(slots=group_slots(group_why_now=None, prepared=prepared))), when="guide")
    headings = [s["heading"] for s in guide["group-meeting-guide"]["sections"]]
    assert "Dagsorden" in headings and "Kun til dig, der leder mødet" not in headings
    # ... and nothing it says promises a part of the guide for the leader alone, as it does when prepared alone.
    assert "kun til dig" not in guide["group-meeting-guide"]["intro"].lower()
    alone_guide = documents.build_all(Conversation(tracker(slots=group_slots())), when="guide")["group-meeting-guide"]
    assert "»Kun til dig, der leder mødet«, er kun til dig" in alone_guide["intro"]
    for slots, promised in ((group_slots(prepared=prepared, group_why_now=None), False), (group_slots(), True)):
        messages, _ = run(ValidateToolForm(), tracker(slots=slots, requested="group_guide"))
        assert ("den sidste del er kun til dig" in messages[0]["text"]) == promised

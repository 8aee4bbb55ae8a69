"""The message to all leaders (Værktøj 3) is drafted from what was answered: a user test found it
ignored the backing, the timeline and how leaders are heard. A question skipped leaves its line out."""

from __future__ import annotations

import catalogue
from actions.ask import draft_text
from actions.conversation import Conversation
from actions.form import ValidateToolForm
from catalogue import SKIPPED
from tests.support.actions import run, slot_events, tracker

ANSWERS = {
    "tool": "organisation",
    "organisation_lead": "Det er mig, Karin fra HR",
    "organisation_sponsor": "Direktøren, Hanne Holm",
    "organisation_timeline": "Plan klar i januar, handlekort fra marts, opfølgning i juni.",
    "organisation_priority1": {"key": "recovery", "words": None},
    "organisation_priority2": {"key": "workload", "words": None},
    "organisation_involve_how": "På et ledermøde",
    "organisation_involve_when": "i februar",
}


def draft(slots):
    conv = Conversation(tracker(slots=slots))
    return draft_text(conv, conv.tool.step("organisation_announcement"))


def test_the_draft_says_who_backs_it_the_timeline_and_how_leaders_are_heard():
    text = draft(ANSWERS)
    assert "Opbakning i ledelsen: Direktøren, Hanne Holm." in text
    assert "Tidsplan: Plan klar i januar, handlekort fra marts, opfølgning i juni." in text
    assert "Sådan bliver I hørt: På et ledermøde (i februar)." in text
    assert "Tovholder: Karin fra HR." in text
    english = draft({**ANSWERS, "language": "en"})
    assert "Backing in management: Direktøren, Hanne Holm." in english and "Timeline: Plan klar i januar" in english


def test_a_skipped_question_leaves_its_line_out_and_nothing_reads_broken():
    text = draft({**ANSWERS, "organisation_sponsor": SKIPPED, "organisation_involve_when": SKIPPED})
    assert "Opbakning" not in text and "Sådan bliver I hørt: På et ledermøde." in text
    assert "()" not in text and "[" not in text and "{" not in text and ": ." not in text


def test_an_owner_who_is_top_management_says_so_in_their_own_words():
    step = catalogue.tool("organisation").step("organisation_sponsor")
    t = tracker(
        slots={"tool": "organisation", step.slot: "det er jo mig der er topledelsen"},
        text="det er jo mig der er topledelsen",
        requested=step.slot,
        candidates=[step.slot],
    )
    messages, events = run(ValidateToolForm(), t)
    assert slot_events(events)[step.slot] == "Jeg er selv topledelsen"
    assert messages[0]["text"] == "Jeg skriver »Jeg er selv topledelsen«."
    assert "Opbakning i ledelsen: Jeg er selv topledelsen." in draft({**ANSWERS, step.slot: "Jeg er selv topledelsen"})

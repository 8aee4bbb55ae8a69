"""The message to all leaders (Værktøj 3) is drafted from what was answered: a user test found it
ignored the backing, the timeline and how leaders are heard. A question skipped leaves its line out."""

from __future__ import annotations

import pytest

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
    return draft_text(conv, conv.tool.known_step("organisation_announcement"))


def test_the_draft_says_who_backs_it_the_timeline_and_how_leaders_are_heard():
    text = draft(ANSWERS)
    assert "Karin fra HR er tovholder og holder i trådene." in text
    assert "Arbejdet har opbakning fra direktøren, Hanne Holm i topledelsen." in text
    assert "erfaringer og idéer: på et ledermøde i februar." in text
    assert "på et ledermøde i februar." in draft({**ANSWERS, "organisation_involve_when": "I februar"})  # Danish "I" is "in"
    assert "Tidsplanen ser groft sådan ud: plan klar i januar, handlekort fra marts, opfølgning i juni." in text
    english = draft({**ANSWERS, "language": "en"})
    assert "The work has the backing of direktøren, Hanne Holm in top management." in english
    assert "timeline looks like this: plan klar i januar" in english


def test_backing_said_as_a_sentence_of_its_own_is_quoted_not_squeezed_into_the_drafts_sentence():
    """A user walk's "hele bestyrelsen står bag, Jens (næstformand) især" was printed as "Arbejdet har
    opbakning fra hele bestyrelsen står bag, Jens (næstformand) især i topledelsen"."""
    said = "hele bestyrelsen står bag, Jens (næstformand) især"
    text = draft({**ANSWERS, "organisation_sponsor": said})
    assert "Opbakning i topledelsen: hele bestyrelsen står bag, Jens (næstformand) især." in text
    assert "opbakning fra hele" not in text
    english = draft({**ANSWERS, "organisation_sponsor": "the whole board is behind it", "language": "en"})
    assert "Backing in top management: the whole board is behind it." in english


LABELS = ("Tovholder:", "Opbakning", "Sådan bliver I hørt:", "Tidsplan:", "Project lead:", "Backing in", "Timeline:")


def test_the_draft_is_a_letter_not_a_list_of_labels_with_no_brackets_in_brackets():
    """A user walk found "Tovholder: mig selv.", "Opbakning i ledelsen: Jeg er selv topledelsen." and
    "(i uge 3 (18.–22. januar 2027))" in the letter."""
    owner = {
        **ANSWERS,
        "organisation_lead": "mig selv",
        "organisation_sponsor": "Jeg er selv topledelsen",
        "organisation_timeline": "starter i januar og kører foraaret",
        "organisation_involve_when": "i uge 3 (18.–22. januar 2027)",
    }
    text = draft(owner)
    assert "Jeg står selv for arbejdet." in text and "Som øverste leder bakker jeg fuldt op om det." in text
    assert "på et ledermøde i uge 3 (18.–22. januar 2027)." in text
    assert "Tidsplanen ser groft sådan ud: starter i januar og kører foraaret." in text
    assert not any(label in text for label in LABELS) and "mig selv" not in text and "topledelsen." not in text
    assert "((" not in text and "))" not in text and text.count("(") == 1
    english = draft(
        {
            **owner,
            "language": "en",
            "organisation_lead": "me",
            "organisation_sponsor": "I am top management myself",
            "organisation_involve_how": "At a leaders' meeting",
            "organisation_involve_when": "Friday 11 December 2026",
        }
    )
    assert "I'm leading the work myself. As the one at the top, I'm fully behind it." in english
    assert "ideas: at a leaders' meeting, Friday 11 December 2026." in english
    assert not any(label in english for label in LABELS) and "i am the top" not in english.lower()


def test_a_skipped_question_leaves_its_sentence_out_and_nothing_reads_broken():
    text = draft({**ANSWERS, "organisation_sponsor": SKIPPED, "organisation_involve_when": SKIPPED})
    assert "opbakning" not in text and "erfaringer og idéer: på et ledermøde." in text
    assert "()" not in text and "[" not in text and "{" not in text and ": ." not in text and "  " not in text


@pytest.mark.parametrize(
    "typed",
    # typed without ø (a third user walk's was pasted into the letter: "opbakning fra det gor jeg selv, …")
    ["det er jo mig der er topledelsen", "det gor jeg selv, jeg ejer det hele"],
)
def test_an_owner_who_is_top_management_says_so_in_their_own_words(typed):
    step = catalogue.tool("organisation").known_step("organisation_sponsor")
    t = tracker(
        slots={"tool": "organisation", step.slot: typed},
        text=typed,
        requested=step.slot,
        candidates=[step.slot],
    )
    messages, events = run(ValidateToolForm(), t)
    assert slot_events(events)[step.slot] == "Jeg er selv topledelsen"
    assert messages[0]["text"] == "Jeg skriver »Jeg er selv topledelsen«."
    assert "Som øverste leder bakker jeg fuldt op om det." in draft({**ANSWERS, step.slot: "Jeg er selv topledelsen"})


def at_the_draft(said, language="da", slots=None, intent="answer"):
    step = catalogue.tool("organisation").known_step("organisation_announcement")
    t = tracker(
        slots={**ANSWERS, "language": language, step.slot: said, **(slots or {})},
        text=said,
        intent=intent,
        requested=step.slot,
        candidates=[step.slot],
    )
    messages, events = run(ValidateToolForm(), t)
    return step, messages, slot_events(events)


@pytest.mark.parametrize(
    "said, language", [("kan du goere den kortere", "da"), ("make it shorter", "en"), ("lidt kortere tak", "da")]
)
def test_asking_for_a_shorter_message_shows_one_to_take_never_saves_the_request(said, language):
    step, messages, slots = at_the_draft(said, language)
    assert slots[step.slot] is None  # the request is not the message
    shown = messages[0]["text"]
    assert shown.startswith("Her er en kortere udgave:" if language == "da" else "Here's a shorter version:")
    assert said not in shown and len(shown) < len(draft({**ANSWERS, "language": language}))
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles[0] == ("Brug den korte udgave" if language == "da" else "Use the short version")
    assert not any("svar" in t or "answer" in t for t in titles)
    assert len(messages) == 1  # the long draft is not asked again on top of it
    # taking it, by the button or a typed yes, keeps the short one
    held = {"pending": slots["pending"]}
    for taken, intent in (("/choose", "choose"), ("ja tak", "answer")):
        value = "__draft_short__" if intent == "choose" else taken
        _, _, after = at_the_draft(value, language, held, intent)
        assert after[step.slot].startswith("Kære ledere" if language == "da" else "Dear leaders")
        assert "Tidsplanen" not in after[step.slot] and "timeline" not in after[step.slot]


@pytest.mark.parametrize(
    "said, language, short",
    [("den korte er fin", "da", True), ("ja brug den korte", "da", True), ("the long one please", "en", False)],
)
def test_with_both_versions_shown_a_few_words_pick_one_never_become_the_message(said, language, short):
    """A user walk's "den korte er fin" after the shorter version was printed as the message to all leaders."""
    step, _, slots = at_the_draft("kan du goere den kortere" if language == "da" else "make it shorter", language)
    _, _, after = at_the_draft(said, language, {"pending": slots["pending"]})
    assert after[step.slot].startswith("Kære ledere" if language == "da" else "Dear leaders")
    assert said not in after[step.slot]
    assert ("Tidsplanen" in after[step.slot] or "timeline" in after[step.slot]) is not short


def test_asking_for_a_rewrite_says_how_to_adjust_it_and_keeps_nothing():
    step, messages, slots = at_the_draft("kan du skrive den om så den er mere personlig")
    assert slots[step.slot] is None
    assert "ret det til i jeres egen mail" in messages[0]["text"]
    assert [b["title"] for b in messages[0]["buttons"]] == ["Brug udkastet", "Vis en kortere udgave"]


def test_an_own_version_of_the_message_is_kept_as_written():
    own = (
        "Kære alle. Vi tager fat på trivslen i år, og vi vil gerne have jer med fra start – også selvom det bliver kortere møder."
    )
    step, _, slots = at_the_draft(own)
    assert slots[step.slot] == own


@pytest.mark.parametrize(
    "typed, printed",
    [
        ("det er vel jensens tomrer aps, hele butikken", "jensens tomrer aps"),
        ("hansen & sons plumbing, the whole company i guess", "hansen & sons plumbing"),
        ("Aarhus Kommune, Børn og Unge", "Aarhus Kommune, Børn og Unge"),  # the part the plan covers stays
    ],
)
def test_the_organisations_name_is_kept_without_the_words_around_it(typed, printed):
    """A user walk's "the whole company i guess" headed the plan, every action card and the calendar entry."""
    slot = "organisation_org_name"
    t = tracker(slots={"tool": "organisation", slot: typed}, text=typed, requested=slot, candidates=[slot])
    messages, events = run(ValidateToolForm(), t)
    assert slot_events(events)["organisation_org_name"] == printed
    said = [m["text"] for m in messages]
    assert said[:-1] == ([f"Jeg skriver »{printed}«."] if printed != typed else [])
    assert said[-1] == "Hvem er tovholder – den, der holder i trådene?"  # and on to the next question

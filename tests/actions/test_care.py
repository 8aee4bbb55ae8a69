"""After the care message (acute distress) nothing the leader wrote is kept as an answer or a note:
going on asks the same question again, and any other way back into the form keeps nothing typed
right after it. Strain about oneself gets a check-in that comes before anything else, its words
held and kept only when the leader asks ("Gem det som mit svar"), also at a warm-up's last question."""

from __future__ import annotations

import pytest

import catalogue
from actions.control import ActionControl, ActionDistress, ActionOutside
from actions.conversation import Conversation
from actions.form import NOTES, PENDING, ValidateToolForm
from tests.support.actions import filled_until, run, slot_events, tracker

DISCLOSURE = "jeg har tænkt på at tage mit liv"
CARE_AT = {"kind": "care", "slot": "leader_theme1_works"}
# Gone on from the care message at that question: heavy words typed to it then get help again.
GONE_ON = {"kind": "after_care", "slot": "leader_theme1_works"}
CARE_AGAIN = {**CARE_AT, "again": True}


def question(t, slot):
    """The question as the bot asks it in this conversation."""
    conv = Conversation(t)
    step = conv.tool.known_step(slot)
    return conv.text(step.ask_texts(), step)


def said(messages):
    return " ".join(m.get("text") or "" for m in messages)


def typed(slot, words, slots, intent="answer", signal=None, language="da", tool="leader"):
    """`words` typed at `slot`, as the form receives them (from_text filled the slot)."""
    return tracker(
        slots={**slots, "tool": tool, "language": language, slot: words},
        text=words,
        intent=intent,
        requested=slot,
        candidates=[slot],
        understanding={"signal": signal, "themes": []},
    )


def request(slot, words, slots, intent, language="da"):
    """`words` the classifier took for a request, typed at `slot` (action_control runs)."""
    return tracker(
        slots={**slots, "language": language}, text=words, intent=intent, requested=slot, understanding={"signal": None}
    )


def no_answer_holds(events, *words):
    everything = str(events)
    return all(w not in everything for w in words)


# -- the care message itself ------------------------------------------------------------------


@pytest.mark.parametrize(
    "slot",
    ["leader_has_leader", "leader_theme1", "leader_theme1_works", "leader_first_step_when"],
)
@pytest.mark.parametrize(
    "text", [DISCLOSURE, "Jeg kan ikke mere, jeg sover ikke og græder om aftenen og tænker på at gøre en ende på det"]
)
def test_the_care_message_keeps_nothing_at_any_kind_of_question(slot, text):
    t = tracker(slots=filled_until(slot), text=text, intent="distress", requested=slot)
    messages, events = run(ActionDistress(), t)
    assert "112" in said(messages) and "70 201 201" in said(messages)
    assert slot_events(events) == {PENDING: {"kind": "care", "slot": slot}}
    assert no_answer_holds(events, text)
    assert [b["payload"] for b in messages[-1]["buttons"]] == ["/pause", "/resume"]


@pytest.mark.parametrize(
    "language,text,care_in",
    [
        ("da", "honestly i just dont see the point of going on anymore, everyone would be better off", "en"),
        ("en", "jeg vil ikke leve mere, det er for meget", "da"),
        ("da", DISCLOSURE, "da"),
        ("en", "I want to die", "en"),
    ],
)
def test_the_care_message_comes_in_the_language_the_words_were_written_in(language, text, care_in):
    """A fourth user walk's English distress in a Danish conversation got the care message in Danish only."""
    slot = "leader_theme1_works"
    t = tracker(slots={**filled_until(slot), "language": language}, text=text, intent="distress", requested=slot)
    messages, _ = run(ActionDistress(), t)
    assert catalogue.message("distress", care_in) in said(messages)


def test_after_the_document_the_care_message_keeps_nothing_either():
    slots = {**filled_until("leader_review"), "leader_review": "confirm", "finished": True}
    t = tracker(slots=slots, text=DISCLOSURE, intent="distress", active=False)
    _, events = run(ActionDistress(), t)
    assert slot_events(events) == {PENDING: {"kind": "care", "slot": None}}


def test_a_message_the_guard_flagged_acute_is_never_an_answer_whichever_way_it_reaches_the_form():
    t = typed("leader_theme1_works", DISCLOSURE, filled_until("leader_theme1_works"), intent="distress")
    messages, events = run(ValidateToolForm(), t)
    assert "70 201 201" in said(messages)
    assert slot_events(events)["leader_theme1_works"] is None and no_answer_holds(events, DISCLOSURE)


def test_the_care_models_acute_reading_of_a_name_at_a_who_question_is_the_name_not_the_care_message():
    """The guard's intent "distress" goes straight to action_distress: what reading.read says of a reading
    by the care model alone (a name at "Hvem er tovholder?") must hold there too (a user walk's "Rajesh
    will take it i think" got the care message)."""
    slots = {"tool": "organisation", "language": "en", "organisation_org_name": "Nordic Pack"}
    t = tracker(
        slots=slots,
        text="Rajesh will take it i think",
        intent="distress",
        requested="organisation_lead",
        understanding={"signal": None, "acute_by": "model"},
    )
    messages, events = run(ActionDistress(), t)
    assert "112" not in said(messages) and "Rajesh" in said(messages)  # read back, no care message
    assert slot_events(events)["organisation_lead"] == "Rajesh"
    assert any(e["event"] == "followup" and e["name"] == "tool_form" for e in events)  # and the next question is asked


def test_acute_distress_the_net_finds_in_an_answer_at_a_who_question_gets_the_care_message():
    slots = {"tool": "organisation", "language": "da", "organisation_org_name": "Hansen VVS"}
    t = tracker(
        slots=slots,
        text="Karin. " + DISCLOSURE,
        intent="distress",
        requested="organisation_lead",
        understanding={"signal": None, "acute_by": "net"},
    )
    messages, events = run(ActionDistress(), t)
    assert "112" in said(messages) and slot_events(events) == {PENDING: {"kind": "care", "slot": "organisation_lead"}}


def test_an_option_read_as_acute_by_the_care_model_alone_is_asked_about_gently_and_kept_until_the_leader_says():
    t = tracker(
        slots=filled_until("leader_has_leader"),
        text="nej, det er slut med chefer for mig, jeg ejer det hele",
        intent="distress",
        requested="leader_has_leader",
        understanding={"signal": None, "acute_by": "model"},
    )
    messages, events = run(ActionDistress(), t)
    assert "112" not in said(messages) and "lyder tungt" in said(messages)
    assert slot_events(events).get("leader_has_leader") is None


# -- going on: the same question again, nothing kept ---------------------------------------------


def test_the_resume_button_asks_the_same_question_again_turn_by_turn():
    """The user's path: the disclosure at "what works", the care message, "Fortsæt", then a real answer."""
    slot = "leader_theme1_works"
    slots = filled_until(slot)
    _, events = run(ActionDistress(), tracker(slots=slots, text=DISCLOSURE, intent="distress", requested=slot))
    slots = {**slots, **slot_events(events)}
    _, events = run(ActionControl(), tracker(slots=slots, text="/resume", intent="resume", requested=slot))
    assert slot_events(events) == {PENDING: GONE_ON}  # nothing stored; the rule's tool_form asks again
    slots = {**slots, **slot_events(events)}
    t = typed(slot, "Korte gåture i frokostpausen", slots)
    messages, events = run(ValidateToolForm(), t)
    assert slot_events(events)[slot] == "Korte gåture i frokostpausen"


@pytest.mark.parametrize(
    "words,intent,signal",
    [
        ("fortsæt", "answer", "clarify:resume"),  # how the guard reads it today
        ("fortsaet", "answer", "clarify:resume"),
        ("ok lad os fortsætte", "answer", None),
        ("lad os komme videre", "answer", None),
        ("carry on", "answer", None),
        ("det er fint, lad os bare komme videre", "answer", None),  # a fourth walk's got help again
    ],
)
def test_typed_go_on_words_read_as_answers_ask_the_same_question_again(words, intent, signal):
    slot = "leader_theme1_works"
    t = typed(slot, words, {**filled_until(slot), PENDING: CARE_AT}, intent=intent, signal=signal)
    messages, events = run(ValidateToolForm(), t)
    assert slot_events(events)[slot] is None and slot_events(events)[PENDING] == GONE_ON
    assert messages[-1]["text"] == question(t, slot)
    assert messages[0]["text"].startswith("Godt. Vi tager det i dit tempo")  # a word on the way back (a third walk)


@pytest.mark.parametrize(
    "words,intent",
    [
        ("fortsæt", "resume"),
        ("videre", "skip"),
        ("ok lad os fortsætte", "resume"),
        ("next question", "skip"),
        ("go on", "resume"),
    ],
)
def test_typed_go_on_words_read_as_requests_ask_the_same_question_again(words, intent):
    """ "videre" is "skip" to the classifier: after the care message it is "go on", the question is not skipped."""
    slot = "leader_theme1_works"
    t = request(slot, words, {**filled_until(slot), PENDING: CARE_AT}, intent)
    messages, events = run(ActionControl(), t)
    assert slot_events(events) == {PENDING: GONE_ON}
    assert messages[0]["text"].startswith("Godt. Vi tager det i dit tempo")


def test_no_negated_go_on_is_taken_as_going_on():
    slot = "leader_theme1_works"
    t = typed(slot, "jeg kan ikke fortsætte sådan her", {**filled_until(slot), PENDING: CARE_AT})
    messages, events = run(ValidateToolForm(), t)
    assert "Livslinien" in said(messages) and slot_events(events)[slot] is None
    assert slot_events(events)[PENDING] == CARE_AGAIN


# -- anything else typed right after the care message: help again, no question, nothing kept ----


@pytest.mark.parametrize(
    "slot,words",
    [
        ("leader_theme1_works", "jeg ved ikke hvad jeg skal sige, det er bare svært"),  # text
        ("leader_theme1", "jeg er bare så træt af det hele"),  # theme in own words
        ("leader_first_step_when", "på mandag måske"),  # date
        ("leader_has_leader", "ja"),  # choice (typed)
        ("leader_theme1_works", "Korte gåture i frokostpausen"),  # even what reads as an answer
    ],
)
@pytest.mark.parametrize("language", ["da", "en"])
def test_other_words_after_the_care_message_get_help_again_and_are_never_kept(slot, words, language):
    t = typed(slot, words, {**filled_until(slot), PENDING: {"kind": "care", "slot": slot}}, language=language)
    messages, events = run(ValidateToolForm(), t)
    assert len(messages) == 1 and "70 201 201" in messages[0]["text"]
    assert ("Livslinien" in messages[0]["text"]) and (("pause" in messages[0]["text"]) or ("break" in messages[0]["text"]))
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/pause", "/resume"]
    assert slot_events(events)[slot] is None and NOTES not in slot_events(events)
    assert slot_events(events)[PENDING] == {"kind": "care", "slot": slot, "again": True}  # still waiting to go on
    assert messages[0]["text"] == catalogue.message("care_again", language)


@pytest.mark.parametrize("words", ["what? i meant the orders", "nej nej, jeg har det fint", "why are you saying this"])
def test_words_that_say_the_care_message_was_not_needed_bring_the_question_back_and_keep_nothing(words):
    """A walk's "orders pile up" got the care message it never needed, and then the same help text at every
    message: no way on but the button."""
    slot = "leader_theme1_works"
    t = typed(slot, words, {**filled_until(slot), PENDING: CARE_AT})
    messages, events = run(ValidateToolForm(), t)
    assert messages[0]["text"] == catalogue.message("question_again", "da")
    assert slot_events(events)[slot] is None and slot_events(events)[PENDING] == GONE_ON
    assert no_answer_holds(slot_events(events), words)
    assert messages[-1]["text"] == question(t, slot)


@pytest.mark.parametrize(
    "words,signal",
    [
        ("det nytter ikke", None),  # a reviewer's: plain words, but no sign the care was not needed
        ("i give up", None),
        ("jeg har det ikke fint", None),
        ("hvad er meningen med det hele", None),
        ("whatever", None),
        ("jeg har det fint, men jeg orker ikke mere", "strain"),
    ],
)
# right after the care message, and at the question it brought back once the leader went on (a walk tapped
# "Fortsæt" and typed "det nytter ikke": it was printed under "Det fungerer")
@pytest.mark.parametrize("pending", [CARE_AT, GONE_ON])
def test_heavy_words_after_the_care_message_get_help_again_and_are_never_kept(words, signal, pending):
    slot = "leader_theme1_works"
    t = typed(slot, words, {**filled_until(slot), PENDING: pending}, signal=signal)
    messages, events = run(ValidateToolForm(), t)
    assert messages[0]["text"] == catalogue.message("care_again", "da")
    assert slot_events(events)[slot] is None and slot_events(events)[PENDING] == CARE_AGAIN


def test_a_long_go_on_read_as_skip_after_the_care_message_asks_the_question_again_and_skips_nothing():
    """A walk's "det er fint, har det ok nu. vil bare videre" skipped the question it was typed at, and the
    next one ("Hvad af det …?") pointed at nothing."""
    slot = "leader_theme1_works"
    t = request(slot, "det er fint, har det ok nu. vil bare videre", {**filled_until(slot), PENDING: CARE_AT}, "skip")
    _, events = run(ActionControl(), t)
    assert slot_events(events) == {PENDING: GONE_ON}


def test_i_dont_know_what_to_do_after_the_care_message_is_no_request_for_a_hint():
    slot = "leader_theme1_works"
    t = request(slot, "jeg ved ikke hvad jeg skal gøre", {**filled_until(slot), PENDING: CARE_AT}, "dont_know")
    messages, events = run(ActionControl(), t)
    assert messages[0]["text"] == catalogue.message("care_again", "da")
    assert slot_events(events)[PENDING] == CARE_AT


def test_help_typed_after_the_care_message_is_where_to_get_help():
    slot = "leader_theme1_works"
    messages, events = run(ActionControl(), request(slot, "hjælp", {**filled_until(slot), PENDING: CARE_AT}, "help"))
    assert "70 201 201" in said(messages) and slot_events(events)[PENDING] == CARE_AT


# -- the other ways back into the form ------------------------------------------------------------


def test_a_pause_keeps_the_care_so_words_typed_on_coming_back_days_later_are_not_an_answer():
    slot = "leader_theme1_works"
    messages, events = run(ActionControl(), request(slot, "/pause", {**filled_until(slot), PENDING: CARE_AT}, "pause"))
    assert slot_events(events)[PENDING] == CARE_AT
    # what was typed under the care message is not kept, and the pause says so (a user walk read "Alt er gemt")
    assert "Det, du lige skrev, kommer ikke med i dokumentet." in said(messages)
    later = typed(slot, "så er jeg her igen, det var en hård uge", {**filled_until(slot), **slot_events(events)})
    messages, events = run(ValidateToolForm(), later)
    assert slot_events(events)[slot] is None and "Livslinien" in said(messages)
    _, events = run(ActionControl(), request(slot, "/resume", {**filled_until(slot), PENDING: CARE_AT}, "resume"))
    assert slot_events(events) == {PENDING: GONE_ON}


def test_an_old_option_button_tapped_after_the_care_message_is_taken_only_if_this_question_offers_it():
    slot = "leader_has_leader"
    slots = {**filled_until(slot), PENDING: {"kind": "care", "slot": slot}, slot: "yes"}
    t = tracker(slots=slots, text='/choose{"value": "yes"}', intent="choose", requested=slot, candidates=[slot])
    _, events = run(ValidateToolForm(), t)
    assert slot_events(events)[slot] == "yes" and slot_events(events)[PENDING] is None  # the leader's tap, an answer
    slot = "leader_theme1_works"
    slots = {**filled_until(slot), PENDING: CARE_AT, slot: "yes"}
    t = tracker(slots=slots, text='/choose{"value": "yes"}', intent="choose", requested=slot, candidates=[slot])
    _, events = run(ValidateToolForm(), t)
    assert slot_events(events)[slot] is None


def test_an_old_keep_button_after_the_care_message_keeps_nothing():
    slot = "leader_theme1_works"
    _, events = run(ActionControl(), request(slot, "/keep", {**filled_until(slot), PENDING: CARE_AT}, "keep"))
    assert slot_events(events) == {PENDING: None}


def test_going_back_and_changing_an_answer_after_the_care_message_keep_nothing_of_it():
    slot = "leader_theme1_works"
    _, events = run(ActionControl(), request(slot, "/go_back", {**filled_until(slot), PENDING: CARE_AT}, "go_back"))
    assert slot_events(events) == {"leader_theme1": None, "requested_slot": "leader_theme1", PENDING: None}
    t = tracker(
        slots={**filled_until(slot), PENDING: CARE_AT},
        text='/edit{"value": "leader_has_leader"}',
        intent="edit",
        entities=[{"entity": "value", "value": "leader_has_leader"}],
        requested=slot,
    )
    _, events = run(ActionControl(), t)
    assert slot_events(events)["leader_has_leader"] is None and slot_events(events)[PENDING] is None
    assert no_answer_holds(events, DISCLOSURE)


@pytest.mark.parametrize("tool", ["group", "organisation", "followup", "energy", "taste"])
def test_every_tool_s_text_questions_keep_nothing_typed_right_after_the_care_message(tool):
    spec = catalogue.tool(tool)
    step = next(s for s in spec.steps if s.kind == "text" and not s.room_only)
    upload = {"document": {"title": "Min lederaftale"}, "items": [{"heading": "Pauser", "summary": "Gå en tur"}]}
    slots = {"tool": tool, "upload": upload, PENDING: {"kind": "care", "slot": step.slot}}
    messages, events = run(ValidateToolForm(), typed(step.slot, "det hele er sort", slots, tool=tool))
    assert slot_events(events)[step.slot] is None and "Livslinien" in said(messages)
    messages, events = run(ValidateToolForm(), typed(step.slot, "fortsæt", slots, tool=tool))
    assert slot_events(events)[step.slot] is None and slot_events(events)[PENDING] == {"kind": "after_care", "slot": step.slot}


def test_an_answer_typed_to_the_question_the_care_message_brought_back_is_the_answer():
    slot = "leader_theme1_works"
    t = typed(slot, "kaffe med kollegerne", {**filled_until(slot), PENDING: GONE_ON})
    _, events = run(ValidateToolForm(), t)
    assert slot_events(events)[slot] == "kaffe med kollegerne"


@pytest.mark.parametrize("words", ["kaffe med kollegerne", "coffee with the team"])
def test_plain_answers_after_the_help_was_said_again_bring_the_question_back(words):
    """A walk typed its answer three times after the care message and got the same help text each time."""
    slot = "leader_theme1_works"
    t = typed(slot, words, {**filled_until(slot), PENDING: CARE_AGAIN})
    messages, events = run(ValidateToolForm(), t)
    assert messages[0]["text"] == catalogue.message("question_again", "da")
    assert slot_events(events)[slot] is None and slot_events(events)[PENDING] == GONE_ON  # typed again, it is the answer


# -- outside the form (after the document) ------------------------------------------------------


def test_after_the_document_words_right_after_the_care_message_are_no_note():
    slots = {
        **filled_until("leader_review"),
        "leader_review": "confirm",
        "finished": True,
        PENDING: {"kind": "care", "slot": None},
    }
    t = tracker(slots=slots, text="det er bare svært det hele", active=False)
    messages, events = run(ActionOutside(), t)
    assert messages[0]["text"] == catalogue.message("care_again", "da") and events == []


def test_strain_after_the_document_gets_the_check_in_and_is_no_note():
    slots = {**filled_until("leader_review"), "leader_review": "confirm", "finished": True}
    t = tracker(slots=slots, text="jeg er ved at gå ned med stress", active=False, understanding={"signal": "strain"})
    messages, events = run(ActionOutside(), t)
    assert messages[0]["text"] == catalogue.message("strain_chat", "da") and events == []
    assert "/distress" in [b["payload"] for b in messages[0]["buttons"]]


def test_no_another_day_at_a_date_read_back_still_stores_nothing():
    """ "Nej, en anden dag" sends /resume too: going on keeps nothing held, a date no more than strain."""
    slot = "leader_first_step_when"
    pending = {"kind": "date", "slot": slot, "value": {"text": "fredag", "date": "2027-03-05"}}
    _, events = run(ActionControl(), request(slot, "/resume", {**filled_until(slot), PENDING: pending}, "resume"))
    assert slot_events(events) == {PENDING: None}


@pytest.mark.parametrize("text,active", [("ok videre", True), ("fortsæt", False)])
def test_going_on_typed_under_a_pause_is_the_way_on_and_no_note(text, active):
    """A user walk typed "ok videre" under the pause's "Fortsæt" and found "Ok videre" under "Noter undervejs"."""
    slot = "leader_theme1_works"
    t = tracker(slots=filled_until(slot), text=text, requested=slot, active=active, understanding={"signal": "clarify:resume"})
    messages, events = run(ActionOutside(), t)
    assert messages == [] and "notes" not in slot_events(events)
    assert [e.get("name") for e in events if e.get("event") == "followup"] == ([] if active else ["tool_form"])


def test_a_pause_under_the_gentle_question_says_the_words_were_not_kept():
    """A reviewer's: "Hold pause" under "Har du det svært lige nu …?" said "Alt, hvad du har skrevet, er gemt"."""
    slot = "leader_theme1_works"
    gentle = {"kind": "clarify", "slot": slot, "text": "jeg ved ikke om jeg kan mere", "request": "distress"}
    messages, _ = run(ActionControl(), request(slot, "/pause", {**filled_until(slot), PENDING: gentle}, "pause"))
    assert "Det, du lige skrev, kommer ikke med i dokumentet." in said(messages)


def test_on_a_groups_shared_screen_the_care_message_speaks_to_the_room_and_elsewhere_to_the_leader():
    """A walk's care message on the meeting screen said "du" to the whole group; a plural conversation read by
    one person (the maturity ladder) is still spoken to directly."""
    from actions.conversation import Conversation

    shared = Conversation(tracker(slots={"tool": "group", "language": "da", "group_guide": catalogue.CONTINUE}))
    alone = Conversation(tracker(slots={"tool": "maturity", "language": "da"}))
    said = {}
    for name, conv in (("shared", shared), ("alone", alone)):
        from rasa_sdk.executor import CollectingDispatcher

        dispatcher = CollectingDispatcher()
        conv.care(dispatcher)
        said[name] = dispatcher.messages[0]["text"]
    assert said["shared"] == catalogue.message("distress_shared", "da") and "Den, det gælder" in said["shared"]
    assert said["alone"] == catalogue.message("distress", "da") and "din egen læge" in said["alone"]


@pytest.mark.parametrize("active", [True, False])
def test_going_on_typed_after_the_care_message_outside_the_form_asks_the_question_again(active):
    """A second walk's go-on right after the care message got "Hvad vil du nu?" with two buttons before the
    question."""
    slot = "leader_theme1_works"
    slots = {**filled_until(slot), PENDING: CARE_AT}
    t = tracker(slots=slots, text="det er fint, lad os bare komme videre", requested=slot, active=active)
    messages, events = run(ActionOutside(), t)
    assert [m["text"] for m in messages] == [catalogue.message("care_go_on", "da")]
    assert slot_events(events) == {PENDING: GONE_ON} and "notes" not in slot_events(events)
    assert [e.get("name") for e in events if e.get("event") == "followup"] == ([] if active else ["tool_form"])

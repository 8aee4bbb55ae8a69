"""A button's title typed instead of tapped is the tap (rasa_components/typed_buttons.py)."""

from __future__ import annotations

import asyncio

import pytest

from rasa_components import fence, typed_buttons
from tests.support.in_process_engine import ActionServer, engine, turn


def buttons_of(*pairs):
    """Buttons as the bot's last turn offered them: (title, payload) each."""
    return [{"title": title, "payload": payload} for title, payload in pairs]


MENU = buttons_of(
    ("Leder over mig", '/edit{"value": "leader_has_leader"}'),
    ("Samtalen", '/edit{"value": "talk"}'),
    ("Tilbage", "/resume"),
    ("På dansk, tak", '/language{"language": "da"}'),
)


@pytest.mark.parametrize(
    "typed,payload",
    [
        ("Samtalen", '/edit{"value": "talk"}'),
        ("samtalen", '/edit{"value": "talk"}'),  # as phones type it
        ("  leder over mig tak", '/edit{"value": "leader_has_leader"}'),  # a "tak" after it says nothing more
        ("tilbage!", "/resume"),
        ("på dansk tak", '/language{"language": "da"}'),  # a title that ends in a "tak" of its own
        ("samtalen, datoen", None),  # more than the title: the words are read as words
        ("samtale", '/edit{"value": "talk"}'),  # close to one title of the change list (a walk's "aftalen")
        ("nej", None),  # a bare no is the conversation's to read (it turns a read-back down)
    ],
)
def test_a_typed_title_is_its_button(typed, payload):
    assert typed_buttons.pressed(typed, MENU) == payload


GENTLE_ASK = [{"title": "Jeg har det svært", "payload": "/distress"}, {"title": "Gem det som mit svar", "payload": "/keep"}]


@pytest.mark.parametrize(
    "typed,payload",
    [
        # a user walk typed this under the gentle question and got "vi springer det over"
        ("nej det er fint, gem det bare som svar", "/keep"),
        ("keep it please", "/keep"),
        ("that's my answer", "/keep"),
        ("gem det ikke", None),  # never after a negation
        ("don't save it", None),
        # never with words of distress (the guard reads them first), a question or another meaning
        ("gem det bare, jeg vil ikke leve mere", None),
        ("save it, I want to kill myself", None),
        ("gem det?", None),
        ("gem det til senere", None),
        ("keep it simple", None),
        ("keep it between us", None),
        ("ok just save it", "/keep"),
        ("jeg har det svært", "/distress"),
    ],
)
def test_keeping_asked_for_in_own_words_under_the_keep_button_is_the_tap(typed, payload):
    assert typed_buttons.pressed(typed, GENTLE_ASK) == payload


CHOICE_GENTLE = [
    {"title": "Jeg har det svært", "payload": "/distress"},
    {"title": "Gjort", "payload": '/choose{"value": "done"}'},
    {"title": "Droppet", "payload": '/choose{"value": "dropped"}'},
]
EXAMPLE_ASK = [{"title": "Vis et eksempel", "payload": "/example"}, {"title": "Gem det som mit svar", "payload": "/keep"}]
BOTH_ASKED = [
    {"title": "Fortsæt", "payload": "/resume"},
    {"title": "Hold pause", "payload": "/pause"},
    {"title": "Gem det som mit svar", "payload": "/keep"},
]


@pytest.mark.parametrize(
    "buttons,typed,payload",
    [
        # a user walk answered "ja" to "Har du det svært lige nu – eller skal jeg gemme …?" and had "ja"
        # stored as the answer: under the gentle question any yes is care
        (GENTLE_ASK, "ja", "/distress"),
        (GENTLE_ASK, "ja lidt faktisk", "/distress"),
        (GENTLE_ASK, "yes, a bit honestly", "/distress"),
        (GENTLE_ASK, "nej", "/keep"),
        (GENTLE_ASK, "nej tak", "/keep"),
        (GENTLE_ASK, "ja, gem det bare", "/keep"),  # a yes to the second half
        (GENTLE_ASK, "nej, jeg vil ikke leve mere", None),  # the guard reads it first
        (GENTLE_ASK, "nej nej jeg har det fint nu, det var bare for at forklare", None),  # the form reads it
        # elsewhere only a bare yes is the request: more words are read by the guard first
        (EXAMPLE_ASK, "ja", "/example"),
        (EXAMPLE_ASK, "ja tak", "/example"),
        (EXAMPLE_ASK, "ja, jeg vil ikke leve mere", None),
        (EXAMPLE_ASK, "nej", "/keep"),
        # two requests offered: which one a yes means is not said
        (BOTH_ASKED, "ja", None),
        (BOTH_ASKED, "nej", None),
        # the gentle question at a button question: its options beside "Jeg har det svært", no keep button;
        # a walk's "yes i am" got "pick one of the buttons"
        (CHOICE_GENTLE, "yes i am", "/distress"),
        (CHOICE_GENTLE, "ja", "/distress"),
        (CHOICE_GENTLE, "yeah", "/distress"),
        (CHOICE_GENTLE, "ja lidt faktisk", "/distress"),
        (CHOICE_GENTLE, "ja lidt, men i gang", "/distress"),  # a yes to a hard time, with an option beside it
        # the option's own words after the yes are the option's to read (a reviewer's "yes, planned ones")
        (
            [
                {"title": "Jeg har det svært", "payload": "/distress"},
                {"title": "Yes, planned ones", "payload": '/choose{"value": "4"}'},
            ],
            "yes, planned ones",
            '/choose{"value": "4"}',
        ),
        (CHOICE_GENTLE, "Gjort", '/choose{"value": "done"}'),  # an option's title is its tap
        # the check-in's "Hvor kan jeg få hjælp?" is no question a yes answers
        ([{"title": "Fortsæt", "payload": "/resume"}, {"title": "Hvor kan jeg få hjælp?", "payload": "/distress"}], "ja", None),
        # a date read back keeps with /keep too ("Ja, det passer"): its yes is the conversation's to read
        ([{"title": "Ja, det passer", "payload": "/keep"}, {"title": "Nej, en anden dag", "payload": "/resume"}], "ja tak", None),
    ],
)
def test_a_yes_or_no_to_our_either_or_question_is_its_button(buttons, typed, payload):
    assert typed_buttons.pressed(typed, buttons) == payload


def test_keeping_asked_for_where_no_keep_button_is_offered_is_read_as_words():
    assert typed_buttons.pressed("gem det bare", MENU) is None


def test_a_bare_yes_or_no_title_is_left_to_the_conversation():
    assert typed_buttons.pressed("No", [{"title": "No", "payload": '/choose{"value": "1"}'}]) is None


def test_only_the_bots_last_turn_offers_buttons():
    class Event:
        def __init__(self, kind, buttons=None):
            self.type_name, self.data = kind, {"buttons": buttons} if buttons else {}

    events = [Event("bot", MENU[:1]), Event("user"), Event("bot", MENU[1:2]), Event("bot"), Event("bot", MENU[2:])]
    assert typed_buttons.offered(events) == MENU[1:]


# sha256 of the Rasa function typed_buttons wraps, as Rasa 3.6.21 ships it (typed_buttons.PATCHED).
RASA_SOURCES = {
    "rasa.core.processor:MessageProcessor._handle_message_with_tracker": (
        "f42e1ae303933d9ffed67c0b879a946d68bee26ab9c991676c62d9c0f7e374d2"
    ),
}


def test_the_wrapped_rasa_function_has_not_changed_its_source():
    changed = fence.changed(typed_buttons.source_hashes(), RASA_SOURCES)
    assert not changed, f"Rasa's source changed under typed buttons: {changed}. Read it, adapt, update RASA_SOURCES."


def test_a_menus_title_typed_opens_what_the_button_opens_and_is_never_a_note():
    """A user walk typed "samtalen" at "Hvilken del vil du rette i?": it was kept as a note and printed."""
    from rasa_components import patches

    patches.install()

    async def scenario():
        async with engine(ActionServer()) as agent:
            await turn(agent, "s1", '/start{"tool": "leader", "language": "da"}')
            await turn(agent, "s1", '/choose{"value": "yes"}')
            menu, _ = await turn(agent, "s1", "/change")
            assert any(b["title"] == "Leder over mig" for m in menu for b in m.get("buttons") or [])
            said, error = await turn(agent, "s1", "leder over mig tak")
            tracker = await agent.tracker_store.retrieve("s1")
            return said, error, tracker

    said, error, tracker = asyncio.run(scenario())
    assert error is None
    assert tracker.latest_message.intent["name"] == "edit"
    assert not tracker.get_slot("notes")
    assert any("Har du selv en leder over dig?" in (m.get("text") or "") for m in said)


CHANGE_MENU = buttons_of(
    ("Dine temaer: Pauser og restitution", '/change{"part": "reflection:1"}'),
    ("Dine temaer: Krav og ressourcer", '/change{"part": "reflection:2"}'),
    ("Din aftale", '/change{"part": "agreement"}'),
    ("Dem der kan støtte dig", '/edit{"value": "leader_support"}'),
    ("Tilbage", "/resume"),
)


@pytest.mark.parametrize(
    "typed,payload",
    [
        ("aftalen", '/change{"part": "agreement"}'),  # a walk's got the same list again, word for word
        ("min aftale", '/change{"part": "agreement"}'),
        ("dem der kan stoette", '/edit{"value": "leader_support"}'),
        ("pauser", '/change{"part": "reflection:1"}'),
        ("temaer", None),  # two titles as near: neither
        ("hvad med det andet", None),
    ],
)
def test_words_close_to_one_title_of_the_change_list_are_that_button(typed, payload):
    assert typed_buttons.pressed(typed, CHANGE_MENU) == payload


def test_words_close_to_a_title_elsewhere_are_left_to_the_conversation():
    buttons = [{"title": "Fortsæt", "payload": "/resume"}, {"title": "Hold pause", "payload": "/pause"}]
    assert typed_buttons.pressed("fortsætter", buttons) is None


@pytest.mark.parametrize("typed", ["jeg vil dø", "jeg er en byrde", "skader mig selv", "kan ikke mere", "a"])
def test_words_of_distress_at_the_change_list_are_never_a_tap(typed):
    """A reviewer's: "jeg vil dø" shares "jeg" with a title; the guard must read it."""
    menu = CHANGE_MENU + [{"title": "Det kan jeg selv gøre noget ved", "payload": '/edit{"value": "b"}'}]
    assert typed_buttons.pressed(typed, menu) is None

"""How the actions' offer of documents becomes API messages (bot/conversations/replies.py)."""

from __future__ import annotations

from typing import Any, Dict, List

from bot.conversations import replies

GUIDE = {"kind": "group-meeting-guide", "title": "Mødeguide", "layout": "agreement", "keep": False, "calendar": False}
TEXT = "Her er et forslag til jeres møde. Hent det, og ret det gerne til."
BUTTONS = [
    {"title": "Vi holder mødet nu", "payload": '/choose{"value": "__continue__"}'},
    {"title": "Hold pause", "payload": "/pause"},
]


def shape(messages):
    return [next(key for key in ("document", "text", "buttons") if key in m) for m in messages]


def test_a_document_comes_between_the_text_that_offers_it_and_the_buttons_for_what_comes_next():
    # Rasa's REST channel: the text with its buttons, then the payload that offers the document.
    live = replies.fold("c1", [{"text": TEXT, "buttons": BUTTONS}, {"custom": {"documents": [GUIDE, {**GUIDE, "kind": "b"}]}}])
    assert shape(live["messages"]) == ["text", "document", "document", "buttons"]
    assert live["messages"][-1] == {"buttons": BUTTONS}
    # The stored turn (a reload's transcript): one event with all three.
    stored = {"event": "bot", "text": TEXT, "data": {"buttons": BUTTONS, "custom": {"documents": [GUIDE]}}}
    assert shape(replies.transcript("c1", [stored])["messages"]) == ["text", "document", "buttons"]


def test_only_the_file_to_keep_offers_a_file_and_a_calendar_entry():
    poster = {"kind": "group-agreement", "title": "Vores aftale", "layout": "poster", "keep": True, "calendar": True}
    notes = {"kind": "group-meeting-notes", "title": "Det talte vi om", "layout": "agreement", "keep": False, "calendar": False}
    messages = replies.fold("c1", [{"text": "Så er jeres aftale klar.", "custom": {"documents": [poster, notes]}}])["messages"]
    offered = {m["document"]["kind"]: set(m["document"]) for m in messages if "document" in m}
    assert offered == {
        "group-agreement": {"kind", "title", "url", "a4_url", "save_url", "calendar_url"},
        "group-meeting-notes": {"kind", "title", "url"},
    }


def test_a_poster_names_its_paper_and_offers_a4_beside_it():
    """'Hent PDF: Vores aftale' was the A3 poster, and the card did not say so (a user walk)."""
    poster = {
        "kind": "group-agreement",
        "title": "Vores aftale",
        "layout": "poster",
        "paper": "plakat i A3",
        "paper_a4": "Også i A4",
    }
    notes = {"kind": "group-meeting-notes", "title": "Det talte vi om", "layout": "agreement", "keep": False}
    messages = replies.fold("c1", [{"text": "Så er jeres aftale klar.", "custom": {"documents": [poster, notes]}}])["messages"]
    offered = {m["document"]["kind"]: m["document"] for m in messages if "document" in m}
    assert offered["group-agreement"]["paper"] == "plakat i A3" and offered["group-agreement"]["paper_a4"] == "Også i A4"
    assert offered["group-agreement"]["a4_url"].endswith("group-agreement.pdf?paper=a4")
    assert "paper" not in offered["group-meeting-notes"] and "a4_url" not in offered["group-meeting-notes"]


def test_a_reload_shows_the_words_that_got_the_care_message_as_held_back_and_every_other_word_as_typed():
    held = "(Det, der blev skrevet her, vises ikke igen.)"
    care = {"buttons": [{"title": "Hold pause", "payload": "/pause"}], "custom": {"state": "active", "held": held}}
    events: List[Dict[str, Any]] = [
        {"event": "bot", "text": "Hvad fungerer allerede godt for dig?"},
        {"event": "user", "text": "korte gåture"},
        {"event": "bot", "text": "Og hvad slider på dig?"},
        {"event": "user", "text": "jeg har tænkt på at tage mit liv"},
        {"event": "bot", "text": "Tak, fordi du siger det.", "data": care},
        {"event": "user", "text": "/pause"},  # a tapped button is shown as tapped
        {"event": "bot", "text": "Dine svar indtil nu er gemt."},
    ]
    shown = replies.transcript("c1", events)["messages"]
    leader = [m["text"] for m in shown if m["from"] == "leader"]
    assert leader == ["korte gåture", held, "Hold pause"]
    assert "tage mit liv" not in str(shown) and all("typed" not in m and "held" not in m for m in shown)


def test_the_words_before_the_gentle_question_are_held_back_when_its_care_button_is_tapped():
    """A reviewer's: "Jeg har det svært" tapped under the gentle question brought the care message, and the
    disclosure typed before the question stayed on a reload."""
    held = "(Det, der blev skrevet her, vises ikke igen.)"
    gentle = {"buttons": [{"title": "Jeg har det svært", "payload": "/distress"}], "custom": {"asks_care": True}}
    events: List[Dict[str, Any]] = [
        {"event": "bot", "text": "Og hvad slider på dig?"},
        {"event": "user", "text": "min kollega begik selvmord og jeg tænker selv på det"},
        {"event": "bot", "text": "Det, du skriver, lyder tungt. Har du det svært lige nu?", "data": gentle},
        {"event": "user", "text": "/distress"},
        {"event": "bot", "text": "Tak, fordi du siger det.", "data": {"custom": {"held": held}}},
    ]
    shown = replies.transcript("c1", events)["messages"]
    assert [m["text"] for m in shown if m["from"] == "leader"] == [held, "Jeg har det svært"]
    assert "selvmord" not in str(shown) and all("asks_care" not in m for m in shown)
    # the question before the gentle one, and what was typed before it, stay as they were
    assert shown[0]["text"] == "Og hvad slider på dig?"

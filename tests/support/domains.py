"""A small domain as Rasa writes it into a model, and a release of it that only adds and rewords:
what the domain fence's tests and the tests of what a release may change both start from."""

from __future__ import annotations

from typing import Any, Dict


def text_slot() -> Dict[str, Any]:
    return {"type": "text", "influence_conversation": False, "mappings": [{"type": "custom"}]}


def domain(**change: Any) -> Dict[str, Any]:
    """A form of two questions."""
    base: Dict[str, Any] = {
        "version": "3.1",
        "intents": ["answer", "help"],
        "slots": {"first": text_slot(), "second": text_slot(), "language": text_slot()},
        "forms": {"tool_form": {"required_slots": ["first", "second"]}},
        "actions": ["action_start", "validate_tool_form"],
        "responses": {"utter_hello": [{"text": "Hej"}]},
    }
    base.update(change)
    return base


def grown_domain() -> Dict[str, Any]:
    """The same domain a release later: a new intent, slot, question, action and response, a text reworded."""
    return domain(
        intents=["answer", "help", "thanks"],
        slots={**domain()["slots"], "third": text_slot()},
        forms={"tool_form": {"required_slots": ["first", "second", "third"]}},
        actions=["action_start", "validate_tool_form", "action_new"],
        responses={"utter_hello": [{"text": "Hej med dig"}], "utter_bye": [{"text": "Farvel"}]},
    )

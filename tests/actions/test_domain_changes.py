"""What Rasa 3.6 does with a conversation in progress when the next release's domain changes:
the facts behind the domain fence (rasa_components/domain_fence.py) and docs/operator.md's
'What a release may change in the domain'. A stored conversation is read back as the tracker
store reads it: its events replayed against the new model's domain and slots."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from rasa.core.actions.action import action_for_name_or_text
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException

from tests.support.domains import domain, grown_domain, text_slot


def stored_under_old_domain() -> list:
    """A leader in the form, the first question answered, the second asked, after a 'help'."""
    return [
        ActionExecuted("action_listen"),
        UserUttered("/help", {"name": "help", "confidence": 1.0}),
        ActionExecuted("action_start"),
        ActiveLoop("tool_form"),
        SlotSet("first", "Søndagene er fri"),
        SlotSet("requested_slot", "second"),
        ActionExecuted("tool_form"),
        ActionExecuted("action_listen"),
    ]


def read_back(new_domain: Dict[str, Any]) -> tuple[DialogueStateTracker, Domain]:
    parsed = Domain.from_dict(new_domain)
    events = [e.as_dict() for e in stored_under_old_domain()]
    return DialogueStateTracker.from_dict("leader", events, parsed.slots), parsed


def test_texts_and_additions_leave_a_conversation_in_progress_as_it_was():
    grown = grown_domain()
    tracker, parsed = read_back(grown)
    assert tracker.get_slot("first") == "Søndagene er fri"
    assert tracker.get_slot("requested_slot") == "second"
    assert tracker.active_loop_name == "tool_form"
    assert tracker.get_slot("third") is None  # a new slot starts empty: the form asks it in its turn
    assert action_for_name_or_text("tool_form", parsed, None).name() == "tool_form"


def test_a_removed_slot_drops_the_answer_stored_in_it():
    tracker, _ = read_back(domain(slots={"second": text_slot(), "language": text_slot()}))
    assert "first" not in tracker.slots
    assert tracker.get_slot("first") is None  # the leader's answer is gone from the conversation


def test_a_slot_whose_type_changed_is_read_as_the_new_type():
    retyped = domain(slots={**domain()["slots"], "first": {"type": "list", "mappings": [{"type": "custom"}]}})
    tracker, _ = read_back(retyped)
    assert tracker.get_slot("first") == ["Søndagene er fri"]  # a text became a list: actions read something else


def test_a_removed_or_renamed_form_cannot_be_run_for_the_conversation_in_it():
    tracker, parsed = read_back(domain(forms={"leader_form": {"required_slots": ["first", "second"]}}))
    assert tracker.active_loop_name == "tool_form"  # the conversation is still in the old form
    with pytest.raises(RasaException, match="tool_form"):
        action_for_name_or_text(tracker.active_loop_name, parsed, None)


def test_a_removed_action_cannot_be_run():
    _, parsed = read_back(domain(actions=["validate_tool_form"]))
    with pytest.raises(RasaException, match="action_start"):
        action_for_name_or_text("action_start", parsed, None)


def test_a_removed_intent_stays_in_the_conversations_state_where_no_rule_of_the_new_model_knows_it():
    tracker, parsed = read_back(domain(intents=["answer"]))
    states = parsed.states_for_tracker_history(tracker)
    assert "help" not in parsed.intents
    assert any(state.get("user", {}).get("intent") == "help" for state in states)

"""Keeps a long conversation cheap: a fresh session that carries its whole state along.

Rasa 3.6 loads, replays and sends every event since the conversation's last
`session_started` on each message, so a message at turn 200 cost 7.6x one at turn 5.
Once the tracker has grown well past what its state needs, the form's validation
starts a new session inside the same turn and sets every filled slot and the active
form again right after it. The SQL tracker store then loads only from that point;
nothing is deleted (the gateway's transcript reads the full tracker). Never on the
turn that finishes the form, because a session start makes the next action
`action_listen`, and that turn must go on to `action_finish`.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import ActionExecuted, ActiveLoop, SessionStarted, SlotSet

FORM = "tool_form"
# A snapshot is about one event per filled slot; start a new session once the
# events since the last one are this many more than a snapshot would need.
SLACK_EVENTS = 60


def _filled(tracker: Tracker) -> Dict[str, Any]:
    return {name: value for name, value in tracker.slots.items() if value is not None}


def due(tracker: Tracker, events: List[Dict[str, Any]]) -> bool:
    """Time for a fresh session, and safe: the form must not be about to reject this message.

    Right after the leader's message, Rasa's form rejects itself (so that rules such as
    "skip" can answer) when validation sets no slot; a snapshot's slots would hide that.
    """
    answered = any(e.get("event") == "slot" and e.get("name") != "requested_slot" for e in events)
    since_user = tracker.events[max((i for i, e in enumerate(tracker.events) if e.get("event") == "user"), default=-1) + 1 :]
    only_the_form = all(e.get("name") == FORM for e in since_user if e.get("event") == "action")
    may_reject = only_the_form and not answered
    return not may_reject and len(tracker.events) > SLACK_EVENTS + 2 * len(_filled(tracker))


def fresh_session(tracker: Tracker) -> List[Dict[str, Any]]:
    """A session start followed by the conversation's state: every filled slot, the active form,
    and the form as the latest action, so the next message meets the same rules as before."""
    slots = (SlotSet(name, value) for name, value in _filled(tracker).items())
    return [SessionStarted(), *slots, ActiveLoop(FORM), ActionExecuted(FORM)]

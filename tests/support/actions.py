"""Running custom actions on a tracker built in the test, without Rasa."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any, Dict

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import catalogue

ROOT = Path(__file__).resolve().parents[2]


LEADER = catalogue.tool("leader")


def tracker(
    slots=None,
    text="",
    intent="answer",
    entities=(),
    requested=None,
    ranking=None,
    active=True,
    candidates=(),
    understanding=None,
):
    """A tracker as an action sees it; `candidates` are slots the form just extracted;
    `understanding` is what the NLU guard found (signal, themes)."""
    values: Dict[str, Any] = {s: None for s in domain()["slots"]}
    values.update({"tool": "leader", "language": "da", "requested_slot": requested})
    values.update(slots or {})
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "entities": list(entities),
        "intent_ranking": ranking or [{"name": intent, "confidence": 1.0}],
    }
    if understanding is not None:
        latest["understanding"] = understanding
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text},
        {"event": "action", "name": "tool_form"},
    ]
    events += [{"event": "slot", "name": name, "value": values[name]} for name in candidates]
    return Tracker("test-sender", values, latest, events, False, None, {"name": "tool_form"} if active else {}, "action_listen")


def run(action, t):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, t, domain()))
    return dispatcher.messages, events


def slot_events(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def filled_until(slot_name):
    """Slots answered up to (not including) `slot_name`, in order."""
    answers = {}
    for step in LEADER.steps:
        if step.slot == slot_name:
            break
        answers[step.slot] = {"choice": "yes", "theme": {"key": "recovery", "words": None}}.get(step.kind, f"svar {step.id}")
    answers["leader_theme2"] = {"key": "support", "words": None}
    return answers


def domain():
    merged: Dict[str, Dict[str, Any]] = {"slots": {}, "forms": {}}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        merged["slots"].update(data.get("slots", {}))
        merged["forms"].update(data.get("forms", {}))
    return merged

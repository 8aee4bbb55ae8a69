"""What a participant's answers give a facilitator's room.

Only structured choices (an option's value, a level) and the short words a
participant typed at a step that asked them to share, and only while the
conversation belongs to a room. The gateway records each under its key, once
per participant; free-text reflections never leave the conversation.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from catalogue import SKIPPED, Step

WORD_MAX_WORDS = 3
WORD_MAX_CHARS = 40


def in_room(slots: Dict[str, Any]) -> bool:
    return bool(slots.get("room"))


def is_word_step(step: Step) -> bool:
    return step.spec.get("share") == "word"


def word_fits(text: str) -> bool:
    return 0 < len(text) <= WORD_MAX_CHARS and len(text.split()) <= WORD_MAX_WORDS


def payload(key: str, value: Any) -> Dict[str, Any]:
    return {"share": {"key": key, "value": str(value)}}


def for_answer(slots: Dict[str, Any], step: Step, value: Any) -> Optional[Dict[str, Any]]:
    """The share payload for a valid answer to a shared step, or None."""
    if not step.share or not in_room(slots) or value in (None, SKIPPED) or isinstance(value, dict):
        return None
    return payload(step.share, value)

"""A message sent again with the same Idempotency-Key is applied once.

The gateway answers a repeated key from its reply cache; this covers the case it
cannot: the first try reached Rasa and was stored, but its reply was lost (a timeout,
a dropped connection). The key travels in the message's metadata; the keys applied
lately are kept in the `applied_keys` slot.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa_sdk import Tracker

SLOT = "applied_keys"
KEPT = 20  # a resend comes right after the failed try; a few turns back is plenty


def key_of(tracker: Tracker) -> Optional[str]:
    return ((tracker.latest_message or {}).get("metadata") or {}).get("idempotency_key")


def seen_before(tracker: Tracker) -> bool:
    key = key_of(tracker)
    return bool(key) and key in (tracker.get_slot(SLOT) or [])


def applied(tracker: Tracker) -> Dict[str, Any]:
    """The slot update that records this message's key as applied (empty without a key)."""
    key = key_of(tracker)
    if not key:
        return {}
    return {SLOT: ([k for k in tracker.get_slot(SLOT) or [] if k != key] + [key])[-KEPT:]}


def answered_directly(tracker: Tracker) -> bool:
    """The form is taking the leader's message itself, not carrying on after a request
    (whose action has already recorded the key)."""
    for event in reversed(tracker.events or []):
        if event.get("event") == "action" and event.get("name") not in ("tool_form", "validate_tool_form"):
            return event.get("name") == "action_listen"
    return False

"""A button's title typed instead of tapped is the tap.

Leaders on a phone often type what a button says ("samtalen", "gem det som mit svar") rather
than tap it. Outside a tool's own questions nothing read those words as the button: at the
menu "Hvilken del vil du rette i?" they were kept as a note and printed in the document, and
"gem det som mit svar" under the gentle question was read as a wish to change an answer. Here,
before a typed message is parsed, it is compared with the titles of the buttons the bot's
last turn offered; when it is one of them (folded as the guard folds it, a "tak" after it
left out), the message becomes that button's payload, exactly as a tap sends it.

A bare yes or no is left to the conversation: "nej" under "Jeg skriver »Ja« – passer det?"
turns the read-back down even where one of the options is called "Nej".
"""

from __future__ import annotations

import functools
import logging
from typing import Any, Dict, Iterable, List, Optional, Sequence

from rasa_components import distress, fence
from rasa_components.typing import fold

logger = logging.getLogger(__name__)

# The Rasa function wrapped here (rasa_components/fence.py): the tests hash its source.
PATCHED = ("rasa.core.processor:MessageProcessor._handle_message_with_tracker",)
_sources: Dict[str, str] = {}  # PATCHED's source as Rasa shipped it, taken before install()
_installed = False
# Said after a title without changing it ("samtalen tak", "keep it please").
POLITE = {"tak", "thanks", "thank you", "please", "pls", "plz", "tusind tak"}
# Titles the conversation reads itself (a read-back is turned down with them).
YES_NO = {"ja", "nej", "yes", "no", "jo", "nope", "yep"}


def offered(events: Sequence[Any]) -> List[Dict[str, Any]]:
    """The buttons of the bot's last turn: every bot message since the leader last wrote (read from
    the newest event back, without copying a long conversation's events on every message)."""
    found: List[Dict[str, Any]] = []
    for event in reversed(events):
        kind = getattr(event, "type_name", None)
        if kind == "user":
            break
        if kind == "bot":
            found = list((getattr(event, "data", None) or {}).get("buttons") or []) + found
    return found


def _said(text: str) -> str:
    said = fold(text)
    for polite in sorted(POLITE, key=len, reverse=True):
        if said.endswith(" " + polite):
            return said[: -len(polite) - 1]
    return said


def pressed(text: str, buttons: Iterable[Dict[str, Any]]) -> Optional[str]:
    """The payload of the one button whose title the typed text is, or None; under a "keep my
    words" button, also a message that asks for it in its own words ("nej det er fint, gem det bare")."""
    buttons = list(buttons)
    said = _said(text)
    if not said or said in YES_NO:
        return None
    typed = {said, fold(text)}  # "På dansk, tak" is a title too
    payloads = {b["payload"] for b in buttons if b.get("payload") and fold(str(b.get("title") or "")) in typed}
    keep = {b["payload"] for b in buttons if str(b.get("payload") or "") == KEEP}
    if not payloads and keep and _asks_to_keep(text):  # only under a keep button: this runs on every message
        payloads = keep
    return payloads.pop() if len(payloads) == 1 else None


KEEP = "/keep"  # the payload of "Gem det som mit svar" (actions/conversation.py payload("keep"))


def _asks_to_keep(text: str) -> bool:
    """Whether a message only asks to keep what was written (never a question, never with words of
    distress the net knows: those are read by the guard, which comes first)."""
    if "?" in text:
        return False
    padded = f" {fold(text)} "
    for phrase in _keep_words():
        if f" {phrase} " in padded:
            rest = padded.replace(f" {phrase} ", " ", 1).split()
            # the distress net last: it costs half a millisecond, and the guard runs it anyway after
            return len(rest) <= 6 and all(w in _alongside() for w in rest) and distress.tier(text) is None
    return False


@functools.lru_cache(maxsize=1)
def _alongside() -> frozenset:
    import catalogue

    return frozenset(fold(str(w)) for w in catalogue.common()["keep_alongside"])


@functools.lru_cache(maxsize=1)
def _keep_words() -> List[str]:
    import catalogue

    return sorted({fold(str(w)) for w in catalogue.common()["keep_words"]}, key=len, reverse=True)


def source_hashes() -> Dict[str, str]:
    """sha256 of the source of the Rasa function in PATCHED, as Rasa ships it."""
    return fence.source_hashes(PATCHED, _sources)


def install() -> None:
    """Wraps the parsing of a user message, on the Rasa release it was read against only
    (elsewhere typed titles are read as words, as before)."""
    global _installed
    if _installed:
        return
    if fence.running_rasa() != fence.RASA_VERSION:
        logger.warning("typed_buttons: written for Rasa %s; not installed on this release", fence.RASA_VERSION)
        return
    _sources.update(fence.sources(PATCHED))
    from rasa.core.channels.channel import UserMessage
    from rasa.core.processor import MessageProcessor
    from rasa.shared.core.trackers import DialogueStateTracker

    rasa_handle = MessageProcessor._handle_message_with_tracker

    async def handle(self: MessageProcessor, message: UserMessage, tracker: DialogueStateTracker) -> None:
        text = message.text or ""
        if not message.parse_data and text and not text.startswith("/"):
            payload = pressed(text, offered(tracker.events))
            if payload:
                message.text = payload  # as the tap would have sent it; the typed title is not kept
        return await rasa_handle(self, message, tracker)

    MessageProcessor._handle_message_with_tracker = handle
    _installed = True

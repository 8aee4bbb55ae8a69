"""Turns what Rasa says into API v1 messages, and a tracker into a transcript.

The actions put the progress, the state and any finished document into a
custom payload on each turn; it is folded into the reply, never shown as text.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional

from bot.conversations.tools import LANGUAGES

# Layouts that also print on A4: the poster (?paper=a4) and the action cards (?sheet=a4).
A4_VARIANTS = {"poster": "paper", "cards": "sheet"}


def document_links(conversation_id: str, offered: Dict[str, Any]) -> Dict[str, Any]:
    """A document as the API offers it: the PDF to print or share, and on the one file to keep
    (`keep`, actions/documents.py) the file to save and its calendar entry if dated."""
    base = f"/api/v1/conversations/{conversation_id}/documents/{offered['kind']}"
    links = {"kind": offered["kind"], "title": offered["title"], "url": f"{base}.pdf"}
    if offered.get("keep", True):  # a turn from before `keep` was sent offered every document's file
        links["save_url"] = f"{base}.json"
    if offered.get("calendar"):
        links["calendar_url"] = f"{base}.ics"
    if offered.get("layout") in A4_VARIANTS:
        links["a4_url"] = f"{base}.pdf?{A4_VARIANTS[offered['layout']]}=a4"
        # the paper each prints on, in the conversation's language ("plakat i A3", "Også i A4")
        links.update({key: offered[key] for key in ("paper", "paper_a4") if offered.get(key)})
    return links


def _message(raw: Dict[str, Any]) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    if raw.get("text"):
        out["text"] = raw["text"]
    buttons = raw.get("buttons") or (raw.get("data") or {}).get("buttons")
    if buttons:
        out["buttons"] = [{"title": b.get("title", ""), "payload": b.get("payload", "")} for b in buttons]
    return out


# What the engine says instead of answering, when a turn was not applied and should be sent again.
NOT_HANDLED = {
    "state_lost": "Rasa answered from an empty tracker: its tracker store failed for this turn.",
    "turn_failed": "The action server dropped out mid-turn; nothing of the turn was stored (rasa_components/whole_turns.py).",
}


class NotHandled(Exception):
    """The engine did not apply this turn; `kind` is one of NOT_HANDLED."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def fold(
    conversation_id: str, raw_messages: Iterable[Dict[str, Any]], previous: Optional[Dict[str, Any]] = None
) -> Dict[str, Any]:
    """Rasa's messages for one turn -> {messages, progress, state}."""
    reply: Dict[str, Any] = {
        "messages": [],
        "shares": [],  # for a facilitator's room; taken out before the reply leaves the gateway
        "progress": (previous or {}).get("progress") or {"step": 0, "total": 0, "label": ""},
        "state": (previous or {}).get("state") or "active",
    }
    for raw in raw_messages:
        custom = raw.get("custom") or {}
        lost = next((kind for kind in NOT_HANDLED if isinstance(custom, dict) and custom.get(kind)), None)
        if lost:
            raise NotHandled(lost)
        message = _message(raw)
        if message:
            reply["messages"].append(message)
        if isinstance(custom, dict) and custom:
            if "progress" in custom:
                reply["progress"] = custom["progress"]
            if custom.get("state") in ("active", "completed"):
                reply["state"] = custom["state"]
            if custom.get("shared") is True:
                reply["shared"] = True
            if custom.get("language") in LANGUAGES:
                reply["language"] = custom["language"]
            if isinstance(custom.get("share"), dict):
                reply["shares"].append(custom["share"])
            for offered in custom.get("documents") or []:
                if isinstance(offered, dict) and offered.get("kind"):
                    _before_the_buttons(reply["messages"], {"document": document_links(conversation_id, offered)})
    return reply


def _before_the_buttons(messages: List[Dict[str, Any]], document: Dict[str, Any]) -> None:
    """A document offered with a message goes between its text and its buttons: the text says what
    it is ("Hent det"), the buttons what comes next ("Vi holder mødet nu"). Rasa's REST channel
    sends the buttons and the payload that offers the document as two messages, and the stored
    turn as one, so both are put in this order here."""
    if not messages or not messages[-1].get("buttons"):
        messages.append(document)
        return
    last = messages.pop()
    buttons = last.pop("buttons")
    if last:
        messages.append(last)
    messages.extend([document, {"buttons": buttons}])


def _hold_back(messages: List[Dict[str, Any]], placeholder: str) -> None:
    """The leader's typed words that got the care message, shown again as `placeholder`: a reload on a
    shared or work screen is no place for a disclosure (the care message says it goes in no document).
    Back past the gentle question or the check-in that led to it ("Jeg har det svært" tapped there)."""
    for message in reversed(messages):
        if message["from"] != "leader" and not message.get("asks_care"):
            break
        if message["from"] == "leader" and message.get("typed"):
            message["text"] = placeholder


def transcript(conversation_id: str, events: List[Dict[str, Any]]) -> Dict[str, Any]:
    """The conversation as the leader saw it, to show again after a reload. From the turn that
    makes the screen shared ("Vi holder mødet nu") on, only what came after: the group reads along,
    and the preparation held what the leader wrote for themselves."""
    messages: List[Dict[str, Any]] = []
    last_buttons: List[Dict[str, str]] = []
    state: Dict[str, Any] = {}
    shown_key: Optional[str] = None  # the Idempotency-Key of the leader's latest message shown
    resent = False  # within a resend the engine had already answered, until the next message
    for event in events:
        kind = event.get("event")
        if kind == "user":
            # A resend of a message the engine had already taken and answered (its reply was lost,
            # say with a gateway that died): applied once (actions/idempotency.py), shown once.
            key = (event.get("metadata") or {}).get("idempotency_key")
            resent = bool(key) and key == shown_key and not (messages and messages[-1].get("unanswered"))
            if resent:
                continue
            shown_key = key
            text = event.get("text") or ""
            if text.startswith("/start"):
                continue  # the gateway's own opening, not something the leader said
            typed = not text.startswith("/")
            if not typed:
                # A tapped button: show its title, as the leader saw it.
                title = next((b["title"] for b in last_buttons if b.get("payload") == text), None)
                if title is None:
                    continue
                text = title
            if messages and messages[-1]["from"] == "leader" and messages[-1].get("unanswered"):
                messages.pop()  # that one failed (engine down) and was sent again
            messages.append({"from": "leader", "text": text, "unanswered": True, "typed": typed})
        elif kind == "bot" and not resent:
            if messages and messages[-1].get("unanswered"):
                del messages[-1]["unanswered"]
            data = event.get("data") or {}
            held = (data.get("custom") or {}).get("held")
            if isinstance(held, str):
                _hold_back(messages, held)
            raw = {"text": event.get("text"), "buttons": data.get("buttons"), "custom": data.get("custom")}
            folded = fold(conversation_id, [raw], state)
            if folded.get("shared") and not state.get("shared"):
                messages.clear()
            state = {
                "progress": folded["progress"],
                "state": folded["state"],
                **({"shared": True} if folded.get("shared") or state.get("shared") else {}),
            }
            asks_care = bool((data.get("custom") or {}).get("asks_care"))
            for m in folded["messages"]:
                messages.append({"from": "bot", **m, **({"asks_care": True} if asks_care else {})})
            if data.get("buttons"):
                last_buttons = data["buttons"]
    for message in messages:
        message.pop("unanswered", None)
        message.pop("typed", None)
        message.pop("asks_care", None)
    return {"messages": messages, **(state or {"progress": {"step": 0, "total": 0, "label": ""}, "state": "active"})}

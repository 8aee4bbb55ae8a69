"""validate_tool_form: checks each answer and decides what to ask next."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction

from actions import catalogue, compaction, dates, share
from actions.catalogue import CONTINUE, SKIPPED, USE_DRAFT, Step
from actions.conversation import Conversation, format_date
from actions.intents import THEME_PREFIX

# A typed theme is matched to a suggested one only when the classifier is this sure.
THEME_MIN_CONFIDENCE = 0.2
NOTES = "notes"
TYPED_SLASH_GUARD = "\u200b"  # the gateway's guard for typed text starting with "/"


def _words(text: str) -> List[str]:
    return [w.strip(".,!?:;\"'()").lower() for w in text.split()]


def choice_value(step: Step, value: Any, language: str) -> Optional[str]:
    """The option a tapped or typed answer means, or None when unclear."""
    text = str(value).strip()
    values = [o["value"] for o in step.spec["options"]]
    if text in values:
        return text
    lowered = text.lower()
    for option in step.spec["options"]:
        if any(lowered == label.lower() for label in option["label"].values()):
            return option["value"]
    words = _words(text)
    best = _closest_label(step, set(words))
    if best:
        return best
    first = " ".join(words[:2])
    common = catalogue.common()
    if words and ("yes" in values) and (words[0] in common["yes_words"] or first in common["yes_words"]):
        return "yes"
    if words and ("no" in values) and (words[0] in common["no_words"] or first in common["no_words"]):
        return "no"
    return None


def _closest_label(step: Step, words: set) -> Optional[str]:
    """The option whose label shares most of its words with the typed text (at least half)."""
    scored = []
    for option in step.spec["options"]:
        for label in option["label"].values():
            label_words = set(_words(label))
            if label_words:
                scored.append((len(label_words & words) / len(label_words), option["value"]))
    scored.sort(reverse=True)
    if scored and scored[0][0] >= 0.5 and (len(scored) == 1 or scored[1][0] < scored[0][0] or scored[1][1] == scored[0][1]):
        return scored[0][1]
    return None


def theme_from_message(tracker: Tracker, text: str) -> Dict[str, Optional[str]]:
    """A typed theme: the suggested theme it sounds like, keeping the words."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    best = next((r for r in ranking if r.get("name", "").startswith(THEME_PREFIX)), None)
    if best and best.get("confidence", 0) >= THEME_MIN_CONFIDENCE:
        return {"key": best["name"][len(THEME_PREFIX):], "words": text}
    return {"key": None, "words": text}


class ValidateToolForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_tool_form"

    async def run(self, dispatcher, tracker, domain) -> List[EventType]:
        """Validates, then asks the next question itself (one action-server call per turn)."""
        events = await super().run(dispatcher, tracker, domain)
        requested = next((e["value"] for e in reversed(events) if e.get("event") == "slot" and e.get("name") == REQUESTED_SLOT), None)
        step = Conversation(tracker).tool.step(requested or "")
        if step is not None:
            from actions.ask import ask

            events += ask(dispatcher, Conversation(tracker), step)
            if compaction.due(tracker, events):
                events = compaction.fresh_session(tracker) + events
        return events

    async def required_slots(self, domain_slots, dispatcher, tracker, domain) -> List[Text]:
        return [s.slot for s in Conversation(tracker).steps()]

    async def next_requested_slot(self, dispatcher, tracker, domain) -> Optional[EventType]:
        # Always explicit: the domain's list holds every tool's slots.
        nxt = Conversation(tracker).next_missing()
        return SlotSet(REQUESTED_SLOT, nxt.slot if nxt else None)

    async def get_validation_events(self, dispatcher, tracker, domain) -> List[EventType]:
        conv = Conversation(tracker)
        results: Dict[str, Any] = {}
        for slot, value in tracker.slots_to_validate().items():
            step = conv.tool.step(slot)
            if step is None:
                continue
            results.update(self.validate_step(step, value, conv, dispatcher))
            tracker.slots.update(results)
        return [SlotSet(k, v) for k, v in results.items()]

    def validate_step(self, step: Step, value: Any, conv: Conversation, dispatcher) -> Dict[str, Any]:
        result = self.validated(step, value, conv, dispatcher)
        shared = share.for_answer(conv.slots, step, result.get(step.slot))
        if shared:
            dispatcher.utter_message(json_message=shared)
        return result

    def validated(self, step: Step, value: Any, conv: Conversation, dispatcher) -> Dict[str, Any]:
        if value is None or value == SKIPPED or isinstance(value, dict):
            return {step.slot: value}  # already validated (form activation re-checks)
        text = str(value).strip().lstrip(TYPED_SLASH_GUARD)
        if step.kind == "choice":
            chosen = choice_value(step, text, conv.language)
            if chosen is None:
                dispatcher.utter_message(text=conv.message("choose_please"))
                return {step.slot: None, **self.keep_as_note(conv, text)}
            return {step.slot: chosen}
        if step.kind == "theme":
            return self.validate_theme(step, text, conv, dispatcher)
        if step.kind == "date":
            return self.validate_date(step, text, conv, dispatcher)
        if step.kind == "checkpoint":
            # Typed words at a checkpoint also mean "go on"; they are kept as a note.
            return {step.slot: CONTINUE, **({} if text == CONTINUE else self.keep_as_note(conv, text))}
        if step.kind == "draft" and text == USE_DRAFT:
            from actions.ask import draft_text

            return {step.slot: draft_text(conv, step)}
        if step.kind == "review":
            if text == "confirm":
                return {step.slot: "confirm"}
            dispatcher.utter_message(text=conv.message("choose_please"))
            return {step.slot: None, **self.keep_as_note(conv, text)}
        if not text:
            return {step.slot: None}
        if share.is_word_step(step) and not share.word_fits(text):
            dispatcher.utter_message(text=conv.message("word_too_long", most=share.WORD_MAX_WORDS))
            return {step.slot: None, **self.keep_as_note(conv, text)}
        return {step.slot: text}

    def validate_theme(self, step: Step, text: str, conv: Conversation, dispatcher) -> Dict[str, Any]:
        names = catalogue.theme_names(conv.language)
        if text in names:
            theme = {"key": text, "words": None}
        else:
            theme = theme_from_message(conv.tracker, text)
        taken = [
            conv.slots.get(s.slot)
            for s in conv.tool.steps
            if s.kind == "theme" and s.slot != step.slot
        ]
        if theme["key"] and any(isinstance(t, dict) and t.get("key") == theme["key"] for t in taken):
            if not theme["words"]:
                dispatcher.utter_message(text=conv.message("theme_taken"))
                return {step.slot: None}
            theme = {"key": None, "words": theme["words"]}  # their own words, kept as their own theme
        if theme["words"]:
            key = "theme_understood" if theme["key"] else "theme_own"
            shown = names[theme["key"]] if theme["key"] else theme["words"]
            dispatcher.utter_message(text=conv.message(key, theme=shown))
        return {step.slot: theme}

    def validate_date(self, step: Step, text: str, conv: Conversation, dispatcher) -> Dict[str, Any]:
        day = dates.parse(text)
        if day is None:
            dispatcher.utter_message(text=conv.message("date_please"))
            return {step.slot: None, **self.keep_as_note(conv, text)}
        dispatcher.utter_message(text=conv.message("date_understood", date=format_date(day.isoformat(), conv.language)))
        return {step.slot: {"text": text, "date": day.isoformat()}}

    @staticmethod
    def keep_as_note(conv: Conversation, text: str) -> Dict[str, Any]:
        """Words that answer nothing are kept as a note, never dropped."""
        if not text or text.startswith("/"):
            return {}
        return {NOTES: list(conv.slots.get(NOTES) or []) + [text]}

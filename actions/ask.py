"""Asks one question, with its buttons and the progress.

Called by validate_tool_form right after it has chosen the next step, so a turn
costs one call to the action server instead of two (Rasa finds no ask-action or
`utter_ask_` response for the slot and so asks nothing itself).
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import catalogue
from actions import documents, drafts, prepared
from actions.conversation import Conversation, payload, status
from actions.summary import summary_text
from catalogue import CONTINUE, SHOW_SHORT_DRAFT, SKIPPED, USE_DRAFT, Step, StepKind


def answer_buttons(conv: Conversation, step: Step) -> List[Dict[str, str]]:
    """Buttons that answer the question."""
    if step.kind == StepKind.CHOICE:
        return [{"title": conv.text(o["label"]), "payload": payload("choose", value=o["value"])} for o in step.spec["options"]]
    if step.kind == StepKind.THEME:
        taken = {
            (conv.slots.get(s.slot) or {}).get("key")
            for s in conv.tool.steps
            if s.kind == StepKind.THEME and s.slot != step.slot and isinstance(conv.slots.get(s.slot), dict)
        }
        names = catalogue.theme_names(conv.language)
        buttons = [
            {"title": names[key], "payload": payload("choose", value=key)}
            for key in prepared.ordered(conv.slots, list(names))
            if key not in taken
        ]
        if step.optional_round:
            buttons.append({"title": conv.button("enough"), "payload": payload("skip")})
        return buttons
    if step.kind == StepKind.REVIEW:
        return [
            {"title": conv.button("confirm"), "payload": payload("choose", value="confirm")},
            {"title": conv.button("change"), "payload": payload("change")},
        ]
    if step.kind == StepKind.CHECKPOINT:
        return [
            {"title": conv.text(step.spec["continue"]), "payload": payload("choose", value=CONTINUE)},
            {"title": conv.button("pause"), "payload": payload("pause")},
        ]
    if step.kind == StepKind.DRAFT:
        buttons = [{"title": conv.button("use_draft"), "payload": payload("choose", value=USE_DRAFT)}]
        if step.spec.get("draft_short"):
            buttons.append({"title": conv.button("show_short_draft"), "payload": payload("choose", value=SHOW_SHORT_DRAFT)})
        return buttons
    earlier = builds_on(conv, step)
    if earlier:  # what they said at the question before, about the same theme, as the answer here too
        return [{"title": conv.button("use_earlier"), "payload": payload("choose", value=earlier)}]
    variant = "no_leader" if conv.slots.get(f"{conv.tool.id}_has_leader") == "no" else "has_leader"
    offered = step.spec.get("suggestions") or {}
    suggestions = offered.get(variant) or offered.get("any") or []
    return [{"title": conv.text(s), "payload": payload("choose", value=conv.text(s))} for s in suggestions]


def control_buttons(conv: Conversation, step: Step) -> List[Dict[str, str]]:
    """Buttons for asking about the question rather than answering it."""
    buttons = []
    if step.spec.get("example"):
        buttons.append({"title": conv.button("example"), "payload": payload("example")})
    if step.spec.get("why"):
        buttons.append({"title": conv.button("help"), "payload": payload("help")})
    if step.skippable and step.kind in (StepKind.TEXT, StepKind.DATE, StepKind.DRAFT):
        buttons.append({"title": conv.button("skip"), "payload": payload("skip")})
    if conv.steps() and conv.steps()[0].slot != step.slot:
        buttons.append({"title": conv.button("back"), "payload": payload("go_back")})
    return buttons


def ask(dispatcher: CollectingDispatcher, conv: Conversation, step: Step) -> List[Dict[str, Any]]:
    """Asks the step's question; returns the events it causes (documents made at a checkpoint)."""
    custom = status(conv, step)
    events: List[Dict[str, Any]] = []
    if step.kind == StepKind.REVIEW:
        text = conv.message("summary_intro") + "\n\n" + summary_text(conv)  # "I kan rette" to a group
    elif step.kind == StepKind.DRAFT:
        text = "\n\n".join(
            [conv.text(step.ask_texts(conv.private_part), step), conv.message("draft_intro"), draft_text(conv, step)]
        )
    elif builds_on(conv, step):
        text = conv.text(step.spec["builds_on"]["ask"], step, earlier=builds_on(conv, step))
    else:
        text = conv.text(step.ask_texts(conv.private_part), step)
    if prepared.applies(conv.slots, step):
        text = prepared.intro(conv) + "\n\n" + text
    if step.kind == StepKind.CHECKPOINT:
        made = documents.build_all(conv, when=step.id)
        custom.update(documents.offer(conv, made))
        events.append(SlotSet("documents", {**(conv.slots.get("documents") or {}), **made}))
    dispatcher.utter_message(text=text, buttons=answer_buttons(conv, step) + control_buttons(conv, step), json_message=custom)
    return events


def builds_on(conv: Conversation, step: Step) -> Optional[str]:
    """The answer this question builds on (`builds_on`: the step asked just before about the same theme,
    in the same round), or None when there is none or it was skipped."""
    spec = step.spec.get("builds_on")
    if not spec:
        return None
    before = next((s for s in conv.tool.steps if s.id == spec["step"] and s.round == step.round), None)
    value = conv.slots.get(before.slot) if before else None
    return value if isinstance(value, str) and value.strip() and value != SKIPPED else None


def draft_text(conv: Conversation, step: Step, short: bool = False) -> str:
    """The proposed text with the answers in it, each fitted into a sentence (actions/drafts.py);
    `short`: the tool's shorter version (`draft_short`), for a leader who asks for one."""
    answers = conv.answers()
    prefix = len(conv.tool.id) + 1
    specs = {s.slot[prefix:]: s.spec for s in conv.tool.steps}
    fitted = drafts.fit(step.spec, answers, specs, conv.language)
    given = [key for key, value in {**answers, **fitted}.items() if value]
    texts = step.spec["draft_short"] if short and step.spec.get("draft_short") else step.spec["draft"]
    template = {language: drafts.keep_answered(text, given) for language, text in texts.items()}
    return conv.text(template, step, with_answers=True, **fitted)

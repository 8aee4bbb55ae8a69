"""Which answers "Ret et svar" offers, in lists short enough for a phone.

Only answers the leader gave: never a skipped question, a theme left out, the review or a checkpoint's
"go on" (nor, on a shared screen, a private answer). Up to MAX_BUTTONS answers are offered at once;
more are grouped by the part of the conversation they belong to ("Din aftale", "Handlekort"), and a
part that is still too long by its theme ("Dine temaer: Pauser og restitution"). A part holding one
answer is offered as that answer.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from actions.conversation import Conversation, payload
from actions.documents import HIDDEN_KINDS
from catalogue import SKIPPED, Step, StepKind

MAX_BUTTONS = 8


def answered(conv: Conversation) -> List[Step]:
    return [
        s for s in conv.steps() if s.kind not in HIDDEN_KINDS and conv.slots.get(s.slot) not in (None, SKIPPED) and conv.shown(s)
    ]


def parts(conv: Conversation, steps: List[Step]) -> Dict[str, Tuple[str, List[Step]]]:
    """Part key ("agreement", "reflection:2") -> (its name, its answers), in the order asked."""
    by_section: Dict[str, List[Step]] = {}
    for step in steps:
        by_section.setdefault(step.section, []).append(step)
    found: Dict[str, Tuple[str, List[Step]]] = {}
    for section, inside in by_section.items():
        name = conv.tool.section_name(section, conv.language)
        if len(inside) <= MAX_BUTTONS or not all(s.round for s in inside):
            found[section] = (name, inside)
            continue
        for step in inside:
            theme = conv.theme_name(step.round_number, step.theme_group)
            found.setdefault(f"{section}:{step.round}", (f"{name}: {theme}", []))[1].append(step)
    return found


def _titles(conv: Conversation, steps: List[Step], in_round: bool) -> List[str]:
    # Inside one theme's part the theme is in the heading already; two "Hvornår" are told apart by their part.
    labels = [conv.text(s.spec.get("label"), s) if in_round and s.kind != StepKind.THEME else conv.label(s) for s in steps]
    return [
        f"{label} ({conv.tool.section_name(s.section, conv.language)})" if labels.count(label) > 1 else label
        for s, label in zip(steps, labels)
    ]


def buttons(conv: Conversation, part: Optional[str] = None) -> List[Dict[str, str]]:
    """The buttons of the change list: every answer, or the parts, or one part's answers; each ends
    with the way back ("Tilbage": from a part to the list of parts, from the list to the question we
    were at, the review), until the documents are made."""
    steps = answered(conv)
    grouped = parts(conv, steps)
    if part in grouped:
        steps = grouped[part][1]
    elif len(steps) > MAX_BUTTONS:
        found = []
        for key, (name, inside) in grouped.items():
            if len(inside) == 1:
                found.append({"title": _titles(conv, inside, False)[0], "payload": payload("edit", value=inside[0].slot)})
            else:
                found.append({"title": name, "payload": payload("change", part=key)})
        return found + _back(conv, None)
    in_round = part is not None and ":" in part
    edits = [{"title": t, "payload": payload("edit", value=s.slot)} for s, t in zip(steps, _titles(conv, steps, in_round))]
    return edits + _back(conv, part if part in grouped else None)


def offer(conv: Conversation, dispatcher, part: Optional[str] = None, lead: str = "") -> None:
    """Says the change list: which part (when the answers are grouped) or which answer, after `lead`."""
    key = "change_which_part" if not part and len(answered(conv)) > MAX_BUTTONS else "change_which"
    conv.utter(dispatcher, f"{lead} {conv.message(key)}".strip(), extra=buttons(conv, part))  # "I" to a group


def menu_was_offered(events: List[Dict[str, Any]]) -> bool:
    """Whether the bot's turn before the latest message offered the change list (its buttons edit an
    answer or open a part): typed words there are a wish to change something, never a note."""
    users = 0
    for event in reversed(events):
        if event.get("event") == "user":
            users += 1
            if users == 2:
                return False
        elif users == 1 and event.get("event") == "bot":
            payloads = [str(b.get("payload") or "") for b in (event.get("data") or {}).get("buttons") or []]
            if any(p.startswith(("/edit", '/change{"part"')) for p in payloads):
                return True
    return False


def _back(conv: Conversation, part: Optional[str]) -> List[Dict[str, str]]:
    if part is not None:
        return [{"title": conv.button("back"), "payload": payload("change")}]  # to the list of parts
    if conv.done:
        return []  # the documents are made: no question to go back to
    return [{"title": conv.button("back"), "payload": payload("resume")}]  # the question asked again


def editing(conv: Conversation, step: Step) -> Optional[str]:
    """Said before a question asked again to change its answer, when the question does not name its
    theme itself ("Hvem står for det?" of the second handlekort)."""
    if step.round and "{theme}" not in str(step.ask_texts()):
        return conv.message("change_theme", theme=conv.theme_name(step.round, step.theme_group))
    return None

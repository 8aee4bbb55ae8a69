"""The review of all answers, as text for the chat."""

from __future__ import annotations

from typing import List

from actions.conversation import Conversation
from actions.documents import HIDDEN_KINDS
from actions.form import NOTES
from catalogue import SKIPPED, StepKind


def summary_text(conv: Conversation) -> str:
    lines: List[str] = []
    section = None
    for step in conv.steps():
        answer = conv.answer_text(step)
        # Not answers: the review itself and a checkpoint's "go on"; nor a theme left out by choice;
        # nor, on a shared screen, what the leader wrote for themselves (it is in their own part of the guide).
        if answer is None or step.kind in HIDDEN_KINDS or (step.kind == StepKind.THEME and conv.slots.get(step.slot) == SKIPPED):
            continue
        if not conv.shown(step):
            continue
        if step.section != section:
            section = step.section
            lines.append(("\n" if lines else "") + conv.tool.section_name(section, conv.language).upper())
        words = conv.theme_words(step.round_number, step.group) if step.kind == StepKind.THEME else None
        lines.append(f"• {conv.label(step)}: {answer}" + (f' – "{words}"' if words else ""))
    # What was kept as a note on the way is printed too, so the leader reads it here first.
    notes = [n for n in (conv.slots.get(NOTES) or []) if n] if conv.prints_notes else []
    if notes:
        lines.append(("\n" if lines else "") + conv.message("notes_heading").upper())
        lines.extend(f"• {note}" for note in notes)
    return "\n".join(lines)

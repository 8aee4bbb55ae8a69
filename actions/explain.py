"""What a leader gets when they ask about a question ("hvad mener du med initiativer?", "Hvorfor spørger du?",
"ved ikke").

Every question may say why it is asked (`why`) and what it asks in plain words (`explain`: its hard words,
"initiativer", "topledelse", "forankring"). A typed question about the question gets the explanation first,
unless it asks why; the button "Hvorfor spørger du?" gets the reason first. At a button question typing is
no answer, so "write whatever comes to mind" is never said there: the options are the way to answer, and
the form asks the question again, with its buttons, right after this. An open question explains itself
the same way (`explain:` says what it asks, `why:` why), so "hvad mener du med det?" gets what is asked.

"Ved ikke" at a button question gets "choose the closest, you can change it afterwards", never "write
the first thing that comes to mind". A tool that speaks to a group or an organisation (`address: plural`)
gets its messages in the plural where Danish tells them apart ("falder jer ind").
"""

from __future__ import annotations

import re
from typing import Optional

import catalogue
from actions.conversation import Conversation
from catalogue import Step, StepKind

# Typed words that ask why rather than what ("hvorfor spørger du?", "why does that matter").
_WHY = re.compile(r"\b(hvorfor|hvorfra|why|formål\w*|purpose)\b", re.IGNORECASE)
BUTTON_KINDS = (StepKind.CHOICE, StepKind.THEME)


def about(conv: Conversation, step: Optional[Step], typed: str = "") -> str:
    """The answer to "what do you mean?" or "why do you ask?" at `step` (typed words, or "" for the button)."""
    if step is None:
        return conv.message("no_help")
    hint = catalogue.common()["themes"].get(step.spec.get("theme") or "", {}).get("hint")
    why = conv.text(step.spec.get("why"), step)
    explain = conv.text(step.spec.get("explain"), step, hint=catalogue.pick(hint, conv.language))
    asks_why = not typed or bool(_WHY.search(typed))
    first, second = (why, explain) if asks_why else (explain, why)
    if first or second:
        return first or second
    if step.kind in BUTTON_KINDS:
        return conv.message("choice_no_help")
    # No reason written for this question: what an answer could look like helps more than
    # "there are no wrong answers" alone (a user test asked "hvad mener du?" and got only that).
    example = conv.text(step.spec.get("example"), step)
    text = conv.message("no_help")
    return f"{text} {conv.message('example_prefix')} {example}" if example else text


def dont_know(conv: Conversation, step: Optional[Step]) -> str:
    """The answer to "ved ikke" / "I don't know" at `step`: at a button question, choose the closest (or
    skip, where the question may be skipped); at an open question, write what comes to mind; with the
    question's example when it has one."""
    skip = step is not None and step.skippable
    if step is not None and step.kind in BUTTON_KINDS:
        key = "dont_know_theme" if step.kind == StepKind.THEME else "dont_know_choice"
    else:
        key = "dont_know"
    text = conv.message(f"{key}_skip" if skip and _has(f"{key}_skip") else key)
    example = conv.text(step.spec.get("example"), step) if step else ""
    return f"{text} {conv.message('example_prefix')} {example}" if example else text


def _has(key: str) -> bool:
    return key in catalogue.common()["messages"]

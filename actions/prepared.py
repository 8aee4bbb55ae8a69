"""A management group's preparation, brought into the host's Værktøj 2 conversation.

The gateway hands over only the room's aggregate (themes ranked by the group's
average rating, each rated by at least three), never single answers.
"""

from __future__ import annotations

from typing import Any, Dict, List

import catalogue
from actions import drafts
from catalogue import Step, StepKind

SUGGESTED = 3  # themes named in the suggestion


def ranking(slots: Dict[str, Any]) -> List[str]:
    """Theme keys, most needed first, as the group rated them."""
    themes = (slots.get("prepared") or {}).get("themes") or []
    known = catalogue.common()["themes"]
    return [t["key"] for t in themes if isinstance(t, dict) and t.get("key") in known]


def applies(slots: Dict[str, Any], step: Step) -> bool:
    return step.kind == StepKind.THEME and step.round == 1 and bool(ranking(slots))


def intro(conv) -> str:
    """What the group's ratings say, said before the first theme question."""
    prepared = conv.slots.get("prepared") or {}
    names = catalogue.theme_names(conv.language)
    top = {key: names[key] for key in ranking(conv.slots)[:SUGGESTED]}
    # In quotes, as the chat names themes elsewhere (»…« in Danish): names that hold "og" stay apart in a list.
    quoted = drafts.quoted_themes(top, top, conv.language)
    return conv.message("prepared_intro", members=prepared.get("members", 0), themes=", ".join(quoted.values()))


def ordered(slots: Dict[str, Any], keys: List[str]) -> List[str]:
    """The suggested themes with the group's most needed first."""
    ranked = [k for k in ranking(slots) if k in keys]
    return ranked + [k for k in keys if k not in ranked]

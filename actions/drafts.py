"""Answers made ready to stand inside a proposed text (a draft the leader may send as it is)."""

from __future__ import annotations

import re
from typing import Any, Dict, Iterable

# "Det er mig, Karin fra HR" names Karin; "mig" alone names the writer.
SELF_INTRO = re.compile(
    r"^\s*(?:det\s+(?:er|bliver)\s+(?:mig|jeg)|det\s+bliver|det\s+er|mig\s+selv|it'?s\s+(?:me|going\s+to\s+be)"
    r"|it\s+will\s+be|that'?s\s+me|me|mig|jeg)\b\s*[,:–-]?\s*",
    re.IGNORECASE,
)
MYSELF = {"da": "mig selv", "en": "me"}


def person(answer: Any, language: str) -> str:
    """Who an answer names, as it reads inside a sentence: "Det er mig, Karin fra HR" -> "Karin fra HR",
    "Mig" -> "mig selv". Anything else is kept as written."""
    text = str(answer or "").strip().rstrip(".!")
    named = SELF_INTRO.sub("", text, count=1).strip()
    if not named:
        return MYSELF.get(language, MYSELF["da"])
    return named if named != text else text


def quoted_themes(values: Dict[str, Any], keys, language: str) -> Dict[str, str]:
    """Theme names in quotes, so two themes that hold "og" themselves read as two ("Krav og ressourcer")."""
    left, right = ("»", "«") if language == "da" else ("“", "”")
    return {key: f"{left}{values[key]}{right}" for key in keys if values.get(key)}


def line(answer: Any) -> str:
    """An answer that stands after a label in a draft ("Tidsplan: …."): without its own closing stop,
    which the draft writes itself."""
    return str(answer or "").strip().rstrip(".!?").strip()


# An optional part of a draft: "[ …{sponsor}… ]" is written only when every answer it names was given
# (innermost first, so "[Sådan bliver I hørt: {involve_how}[ ({involve_when})].]" keeps what it can).
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_NAMED = re.compile(r"{(\w+)}")


def keep_answered(template: str, given: Iterable[str]) -> str:
    """The draft's template with the optional parts whose answers are missing left out."""
    given = set(given)
    previous = None
    while previous != template:
        previous = template
        template = _OPTIONAL.sub(lambda m: m.group(1) if set(_NAMED.findall(m.group(1))) <= given else "", template)
    return template

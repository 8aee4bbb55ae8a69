"""Answers made ready to stand inside a proposed text (a draft the leader may send as it is)."""

from __future__ import annotations

import re
from typing import Any, Dict

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

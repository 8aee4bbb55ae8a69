"""A typed answer without the chat words at its edges (rasa_components/lexicon/chat_fillers.yml).

"Idk.. måske en gåtur i frokosten" is kept as "Måske en gåtur i frokosten", "deltidsmedarbejder pls" as
"deltidsmedarbejder", "skriv at vi mødes hver fredag" as "Vi mødes hver fredag": the document prints the answer,
not the typing around it. Words inside the answer
stay, and so does a message of nothing but chat words.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Pattern, Tuple

import yaml

from rasa_components.scribe import without_framing

LEXICON = Path(__file__).resolve().parents[1] / "rasa_components" / "lexicon" / "chat_fillers.yml"
_EDGE = r"[\s,.:;!?…-]*"


@functools.lru_cache(maxsize=1)
def _edges() -> Tuple[Pattern[str], Pattern[str]]:
    words = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    alternation = lambda key: "|".join(re.escape(str(w)) for w in sorted(words[key], key=len, reverse=True))  # noqa: E731
    lead = re.compile(
        rf"^(?:(?:(?:{alternation('lead')})(?=[\s,.:;!?…-]|$)|(?:{alternation('lead_before_a_stop')})(?=\s*[,.:;!?…-])){_EDGE})+",
        re.IGNORECASE,
    )
    tail = re.compile(rf"(?:[\s,.:;!?…-]+(?:{alternation('tail')}))+[\s.!…]*$", re.IGNORECASE)
    return lead, tail


def without_chat_fillers(text: str) -> str:
    lead, tail = _edges()
    framed = without_framing(text.strip())  # "skriv at vi evaluerer ...": told to a scribe (rasa_components/scribe.py)
    tidied = tail.sub("", lead.sub("", framed, count=1), count=1).strip()
    if not re.search(r"\w", tidied) or tidied == text.strip():
        return text.strip()  # nothing but chat words: as typed
    # the first letter as it would have been at the start: "Idk.. måske" -> "Måske"
    return tidied[:1].upper() + tidied[1:] if text.strip()[:1].isupper() else tidied

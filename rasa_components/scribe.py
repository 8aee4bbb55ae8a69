"""An answer handed over as an instruction to a scribe, without the instruction (lexicon/scribe.yml).

"skriv at vi evaluerer hvert projekt" keeps "vi evaluerer hvert projekt", "sæt kryds ved ja" is a yes and
"skriv Jonas Bak" names Jonas Bak: the instruction is how the leader hands the answer over. Read by the
actions where an option, a name or a text answer is kept; kept beside typing.py so that both Python
environments can import it (a test reads actions/names.py in the web env).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Pattern

import yaml

LEXICON = Path(__file__).with_name("lexicon") / "scribe.yml"
_AFTER = r"[\s,.:;!–—-]*"


def _alternation(phrases: list) -> str:
    return "|".join(re.escape(str(p)).replace(r"\ ", r"\s+") for p in sorted(phrases, key=lambda p: -len(str(p))))


@functools.lru_cache(maxsize=1)
def _said() -> dict:
    return yaml.safe_load(LEXICON.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def framing() -> Pattern[str]:
    """A framing instruction at the start, with "at"/"that" or a colon after it ("skriv at", "noter:")."""
    words = _said()["framing"]
    return re.compile(rf"^\s*(?:{_alternation(words)})(?:\s*:|(?<=\bat)\s|(?<=\bthat)\s){_AFTER}", re.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _instruction() -> Pattern[str]:
    return re.compile(rf"^\s*(?:{_alternation(_said()['instructions'])})\b{_AFTER}", re.IGNORECASE)


def without_framing(text: str) -> str:
    """An answer kept for the document without "skriv at" before it; as typed when less than two words follow
    ("write that down" is no answer handed over)."""
    rest = framing().sub("", text, count=1).strip()
    return rest if len(re.findall(r"\w+", rest)) >= 2 else text


@functools.lru_cache(maxsize=1)
def _closing() -> Pattern[str]:
    return re.compile(rf"\s+(?:{_alternation(_said()['closing'])})[\s.!]*$", re.IGNORECASE)


def without_instruction(text: str) -> str:
    """A short answer (a name, an option) without the instruction around it; as typed when nothing follows."""
    framed = without_framing(text)
    rest = _instruction().sub("", framed, count=1).strip() if framed == text else framed
    if rest != text.strip() and len(rest.split()) <= 4:
        rest = _closing().sub("", rest)  # "sæt Ole Krogh på"
    return rest if re.search(r"\w", rest) else text

"""Which of our two languages a typed message is written in, when it plainly is one of them.

Only for replies that must reach the writer whatever the conversation's language (the care message:
English distress typed in a Danish conversation got Danish help in a fourth user walk). The function
words decide (rasa_components/lexicon/function_words.yml): a message of a few words has too little for
a general language detector, and Danish and English share few of them. Unsure (names, numbers, a mix)
is None: the conversation's language stands.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import FrozenSet, Optional, Tuple

import yaml

LEXICON = Path(__file__).resolve().parents[1] / "rasa_components" / "lexicon" / "function_words.yml"
_WORD = re.compile(r"[a-zæøå']+")


@functools.lru_cache(maxsize=1)
def _function_words() -> Tuple[FrozenSet[str], FrozenSet[str]]:
    words = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    return frozenset(map(str, words["english"])), frozenset(map(str, words["danish"]))


def written_in(text: str) -> Optional[str]:
    """ "en" or "da" when the message's function words plainly say which, else None."""
    english_words, danish_words = _function_words()
    words = _WORD.findall(text.lower().replace("’", "'"))
    english = sum(w in english_words for w in words)
    danish = sum(w in danish_words for w in words)
    if english >= 2 and english >= 3 * danish:
        return "en"
    if danish >= 2 and danish >= 3 * english:
        return "da"
    return None

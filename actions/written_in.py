"""Which of our two languages a typed message is written in, when it plainly is one of them.

Only for replies that must reach the writer whatever the conversation's language (the care message:
English distress typed in a Danish conversation got Danish help in a fourth user walk). The function
words decide: a message of a few words has too little for a general language detector, and Danish and
English share few of them. Unsure (names, numbers, a mix) is None: the conversation's language stands.
"""

from __future__ import annotations

import re
from typing import Optional

_WORD = re.compile(r"[a-zæøå']+")
# Common function words of each language that are no word of the other ("i" is "in" in Danish; "for",
# "de", "den", "dig" and "hun" are left out for the same reason).
ENGLISH = frozenset(
    [
        "the",
        "and",
        "is",
        "are",
        "was",
        "were",
        "am",
        "i'm",
        "im",
        "i've",
        "ive",
        "my",
        "me",
        "you",
        "your",
        "it",
        "it's",
        "its",
        "to",
        "of",
        "that",
        "this",
        "what",
        "just",
        "anymore",
        "don't",
        "dont",
        "can't",
        "cant",
        "won't",
        "wont",
        "not",
        "be",
        "been",
        "have",
        "has",
        "had",
        "would",
        "could",
        "should",
        "want",
        "going",
        "everyone",
        "anyone",
        "nothing",
        "there",
        "they",
        "their",
        "we",
        "our",
        "with",
        "about",
        "from",
        "really",
        "feel",
        "like",
        "point",
        "any",
    ]
)
DANISH = frozenset(
    [
        "jeg",
        "er",
        "og",
        "det",
        "ikke",
        "ik",
        "at",
        "en",
        "et",
        "på",
        "paa",
        "med",
        "har",
        "mig",
        "min",
        "mit",
        "mine",
        "vil",
        "kan",
        "bare",
        "mere",
        "så",
        "saa",
        "til",
        "af",
        "hvad",
        "der",
        "som",
        "være",
        "vaere",
        "skal",
        "ved",
        "vi",
        "os",
        "vores",
        "nogen",
        "ingen",
        "intet",
        "noget",
        "alle",
        "helt",
        "også",
        "ogsaa",
        "lige",
        "nu",
        "godt",
        "gør",
        "gor",
        "hvis",
        "når",
        "naar",
        "eller",
        "men",
    ]
)


def written_in(text: str) -> Optional[str]:
    """ "en" or "da" when the message's function words plainly say which, else None."""
    words = _WORD.findall(text.lower().replace("’", "'"))
    english = sum(w in ENGLISH for w in words)
    danish = sum(w in DANISH for w in words)
    if english >= 2 and english >= 3 * danish:
        return "en"
    if danish >= 2 and danish >= 3 * english:
        return "da"
    return None

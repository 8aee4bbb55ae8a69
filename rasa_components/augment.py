"""Copies of the guard's training examples as people type them in a hurry.

`rasa_components/typing.py` folds away what a spelling can be folded to (æøå, case, shorthand,
doubled letters). What it cannot fold is noise: a letter dropped, two swapped, a neighbouring
key hit, a pronoun left out, and the fillers of someone dictating or thinking aloud ("øh altså
…", "so um …"). Each example gets one copy with a slip of the fingers and one with fillers
around it, made the same way on every training run (seeded by the text), so the classifiers
learn that these change nothing about what a message is.
"""

from __future__ import annotations

import random
import zlib
from typing import List, Sequence, Tuple

from rasa_components.typing import lexicon

# Neighbouring keys on a Danish keyboard (QWERTY with æ, ø, å beside l and p).
_ROWS = ("qwertyuiopå", "asdfghjklæø", "zxcvbnm")
_NEIGHBOURS = {key: "".join(row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)) for row in _ROWS for i, key in enumerate(row)}
# Left out on a phone: "orker ikke mere", "cant do this".
_DROPPABLE = {"jeg", "i", "det", "it", "der", "er", "am", "the", "at", "to", "lige", "just"}


def _slip(word: str, rng: random.Random) -> str:
    if len(word) < 4 or not word.isalpha():
        return word
    i = rng.randrange(1, len(word) - 1)
    how = rng.randrange(3)
    if how == 0:
        return word[:i] + word[i + 1 :]  # a letter dropped
    if how == 1:
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]  # two swapped
    near = _NEIGHBOURS.get(word[i].lower())
    return word[:i] + rng.choice(near) + word[i + 1 :] if near else word  # a neighbouring key


def typed_on_a_phone(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) > 2 and words[0].lower() in _DROPPABLE:
        words = words[1:]
    slips = max(1, len(words) // 6)
    for i in rng.sample(range(len(words)), min(slips, len(words))):
        words[i] = _slip(words[i], rng)
    return " ".join(words)


def said_aloud(text: str, rng: random.Random) -> str:
    fillers = lexicon()["fillers"]
    english = sum(w in {"i", "the", "to", "you", "my", "it", "a", "is"} for w in text.lower().split()) >= 1
    pool: List[str] = fillers["en" if english else "da"]
    words = text.split()
    where = rng.randrange(3)
    if where == 0 or len(words) < 3:
        return f"{rng.choice(pool)} {text}"
    if where == 1:
        return f"{text} {rng.choice(pool)}"
    cut = rng.randrange(1, len(words))
    return " ".join(words[:cut] + [rng.choice(pool)] + words[cut:])


def augmented(examples: Sequence[Tuple[str, str]]) -> List[Tuple[str, str]]:
    """The examples, each followed by its two hurried copies (the same ones every run)."""
    out: List[Tuple[str, str]] = []
    for text, label in examples:
        rng = random.Random(zlib.crc32(text.encode("utf-8")))
        out.append((text, label))
        for copy in (typed_on_a_phone(text, rng), said_aloud(text, rng)):
            if copy != text:
                out.append((copy, label))
    return out

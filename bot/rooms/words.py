"""Shared words as a room counts them: the same word counted together, and words no screen shows.

Two spellings are one word when they differ only in case, spacing or punctuation ("glade
kunder" and "Glade kunder!"). A word is filtered out when it holds an entry of the default
list (content/offensive_words.yml, Danish and English) or of the room's own list (words its
host added or hid): entries match whole words, `word*` any word that starts so, and an entry
of several words those words side by side. A word that names someone by first name ("peter er
doven") is kept off the screen too: the screen is about how the group is, not about a colleague.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Iterable, Tuple

import yaml

import catalogue

Entry = Tuple[str, ...]


def fold(word: str) -> str:
    """A word as compared: case folded, punctuation taken out, spacing tidied."""
    plain = "".join(" " if unicodedata.category(c).startswith("P") else c for c in unicodedata.normalize("NFKC", word))
    return " ".join(plain.casefold().split())


def entry(text: str) -> Entry:
    """A list entry as matched: its folded words, the last one may end in `*`."""
    star = text.strip().endswith("*")
    words = fold(text).split()
    return (*words[:-1], words[-1] + "*") if star and words else tuple(words)


@lru_cache(maxsize=1)
def default_entries() -> Tuple[Entry, ...]:
    with open(catalogue.CONTENT_DIR / "offensive_words.yml", encoding="utf-8") as f:
        lists = yaml.safe_load(f)
    return tuple(entry(text) for language in ("da", "en") for text in lists.get(language) or [] if fold(text))


def _matches(pattern: str, word: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


def blocked(folded: str, entries: Iterable[Entry]) -> bool:
    """Whether a folded word holds any of the entries."""
    words = folded.split()
    for pattern in entries:
        span = len(pattern)
        if span and any(
            all(_matches(p, w) for p, w in zip(pattern, words[start : start + span])) for start in range(len(words) - span + 1)
        ):
            return True
    return False


def names_a_person(word: str) -> bool:
    """Whether a shared word names someone by first name (content/first_names.yml): "peter er doven",
    "sparring med Lars"; a name that is also a word ("bo", "per") only written with a capital, not first."""
    always, capitalised = catalogue.first_names()
    for i, raw in enumerate(word.split()):
        folded = fold(raw)
        if folded in always or (i > 0 and raw[:1].isupper() and folded in capitalised):
            return True
    return False

"""Spoken punctuation written out as words by voice typing, turned into the marks it names.

A dictating leader's phone writes "Birgitte Holm punktum" or "honestly question mark not much comma but the
team chat is friendly full stop" when it misses the command. Kept as words they would be printed in the
document after a name and read for meaning as part of the answer. The words are data a reviewer can read
(dictation.yml beside this file); the word itself stays where it is used as a word ("et stort spørgsmålstegn
ved budgettet", "to komma fem procent"). Pure Python and PyYAML, so the engine's env can import it too
(bench/eval.py reads messages as the gateway does).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any, Dict, List, Match, Pattern, Tuple

import yaml

PHRASES = Path(__file__).with_name("dictation.yml")
# A mark that ends up beside another, or with a space before it, is tidied: "Holm punktum." -> "Holm."
_MARK_RUN = re.compile(r"\s*([.,?!:;])(?:[ \t]*[.,])*")
_LEADING_MARKS = re.compile(r"^[\s.,?!:;]+")


@functools.lru_cache(maxsize=1)
def phrases() -> Dict[str, Any]:  # the YAML as read: its shape is dictation.yml's
    return yaml.safe_load(PHRASES.read_text(encoding="utf-8"))


def _words(items: Any) -> str:
    return "|".join(re.escape(str(p)).replace(r"\ ", r"\s+") for p in sorted(items, key=lambda p: -len(str(p))))


@functools.lru_cache(maxsize=1)
def _spoken() -> Tuple[Tuple[Pattern[str], str, bool], ...]:
    """(where the words are, the mark, whether the word's neighbours are checked)."""
    said = phrases()
    found = [
        (re.compile(rf"(?:^|(?<=\s))(?:{_words(words)})\b", re.IGNORECASE), mark, True) for mark, words in said["marks"].items()
    ]
    found += [
        (re.compile(rf"(?<=\s)(?:{_words(words)})\s*$", re.IGNORECASE), mark, False) for mark, words in said["at_the_end"].items()
    ]
    return tuple(found)


@functools.lru_cache(maxsize=1)
def _neighbours() -> Tuple[Pattern[str], Pattern[str]]:
    """The word before and the word after that make a mark's name a word of the sentence."""
    said = phrases()
    return (
        re.compile(rf"\b(?:{_words(said['not_after'])})\s+$", re.IGNORECASE),
        re.compile(rf"^\s+(?:{_words(said['not_before'])})\b", re.IGNORECASE),
    )


@functools.lru_cache(maxsize=1)
def _decimal() -> Pattern[str]:
    numbers = rf"(?:\d+|{_words(phrases()['numbers'])})"
    return re.compile(rf"\b{numbers}\s+(?:komma|comma)\s+{numbers}\b", re.IGNORECASE)


def _marked(text: str, pattern: Pattern[str], mark: str, checked: bool) -> str:
    """The text with the mark for each of the pattern's words, save where a neighbour makes it a word."""
    before, after = _neighbours()

    def mark_or_word(found: Match[str]) -> str:
        used_as_a_word = checked and (before.search(text[: found.start()]) or after.match(text[found.end() :]))
        return found.group(0) if used_as_a_word else mark

    return pattern.sub(mark_or_word, text)


def said_as_a_sentence(text: str) -> bool:
    """Whether a sentence mark was said in the message ("... fredag punktum det virker")."""
    return any(pattern.search(text) for pattern, mark, _ in _spoken() if mark in ".?!")


def with_marks(text: str) -> str:
    """The message with its spoken punctuation as marks; as typed when it has none."""
    if not any(pattern.search(text) for pattern, _, _ in _spoken()):
        return text
    numbers: List[str] = []  # "to komma fem" is a number: hidden from the rules while they run

    def hide(found: Match[str]) -> str:
        numbers.append(found.group(0))
        return f"\x00{len(numbers) - 1}\x00"

    hidden = _decimal().sub(hide, text)
    for pattern, mark, checked in _spoken():
        hidden = _marked(hidden, pattern, mark, checked)
    hidden = _MARK_RUN.sub(r"\1", hidden)
    hidden = re.sub(r"[ \t]*\n[ \t]*", "\n", hidden)
    if text[:1].isupper() or said_as_a_sentence(text):
        # a dictated sentence ends where its mark was said: the next one starts with a capital, as typed ones do
        hidden = re.sub(r"([.?!]\s+)([^\W\d_])", lambda m: m.group(1) + m.group(2).upper(), hidden)
    for n, words in enumerate(numbers):
        hidden = hidden.replace(f"\x00{n}\x00", words)
    tidied = _LEADING_MARKS.sub("", hidden).strip()
    return tidied if re.search(r"\w", tidied) else text

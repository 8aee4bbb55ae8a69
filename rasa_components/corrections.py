"""A writer who corrects themselves in the same message ("Karin? nej vent, Peter"): what was
said, and what it was corrected to (the markers in content/self_corrections.yml). Read by the
actions where a name, an option, a date or a theme is asked, never by the guard ("vent" also asks
for a pause); kept beside typing.py so that both Python environments can import it."""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Callable, FrozenSet, Optional, Tuple

import yaml

from rasa_components.typing import ascii_spellings

LEXICON = Path(__file__).resolve().parents[1] / "content" / "self_corrections.yml"
_SEPARATOR = r"[\s,.?!:;–—…-]"
# A correction is a few words: "aldrig", "Peter", "onsdag den 9.". More says something else
# ("Quarterly, I mean at least once a year for sure").
MOST_WORDS = 5


@functools.lru_cache(maxsize=1)
def _lexicon() -> Tuple[re.Pattern[str], FrozenSet[str]]:
    said = yaml.safe_load(LEXICON.read_text(encoding="utf-8"))
    markers = ascii_spellings({str(m).lower() for m in said["markers"]})
    spelled = "|".join(re.escape(m).replace(r"\ ", r"[\s,.…]+") for m in sorted(markers, key=len, reverse=True))
    # Matched on the text as typed (IGNORECASE, not .lower(): "İ" lowers to two characters)
    pattern = re.compile(r"(?:^|(?<=" + _SEPARATOR + r"))(?:" + spelled + r")(?=$|" + _SEPARATOR + r")", re.IGNORECASE)
    return pattern, frozenset(str(w).lower() for w in said["adding"])


def self_correction(text: str) -> Optional[Tuple[str, str]]:
    """(what was said, what it was corrected to), or None: no marker with words on both sides, the
    words after it add rather than correct ("…, oh wait, and Peter too"), or they are too many to be
    a correction."""
    pattern, adding = _lexicon()
    found = list(pattern.finditer(text.replace("’", "'")))
    if not found:
        return None
    last = found[-1]
    strip = " ,.?!:;–—…-()"
    before, after = text[: last.start()].strip(strip), text[last.end() :].lstrip(strip).rstrip(" )")
    after = re.sub(r"^(?:nej|no|næ)\b[\s,.…]*", "", after, flags=re.IGNORECASE)  # "wait, no, Ali"
    words = [w.strip(strip).lower() for w in after.split()]
    if not re.search(r"\w", before) or not words or len(words) > MOST_WORDS:
        return None
    if words[0] in adding or words[-1] in adding:
        return None
    return before, after


def after_self_correction(text: str) -> Optional[str]:
    """What a message says after the writer corrects themselves ("Karin? nej vent, Peter" -> "Peter")."""
    corrected = self_correction(text)
    return corrected[1] if corrected else None


# A plain no between two answers of one kind ("sjældent.. nej aldrig", "karin, nej peter", "tirsdag.. nej
# onsdag"): a correction only when the caller finds both sides to be the same kind of answer, since "nej"
# alone is mostly an answer ("nej, ikke rigtig"). A walk's were read as the first, or printed whole.
_PLAIN_NO = re.compile(
    r"(?:^|(?<=" + _SEPARATOR + r"))(?:nej|nope|næ|nae|no(?!\.\s*\d))(?=" + _SEPARATOR + r")"  # not "item no. 2"
    # nor a no that is a negative of the words after it ("no one is responsible", "nej ingen har ansvaret")
    r"(?![\s,.-]*(?:one|body|ingen|ikke|intet|ingenting|none|not|nothing|nogen)\b)",
    re.IGNORECASE,
)
# The answer corrected by a plain no is a few words: "sjældent", "den 17", "Karin Hansen".
PLAIN_NO_BEFORE_WORDS = 3


def correction(text: str, same_kind: Optional[Callable[[str], bool]] = None) -> Optional[Tuple[str, str]]:
    """(what was said, what it was corrected to): after a marker (`self_correction`), or, given
    `same_kind`, after a plain no between two answers it accepts."""
    marked = self_correction(text)
    if marked or same_kind is None:
        return marked
    found = list(_PLAIN_NO.finditer(text))
    if not found:
        return None
    strip = " ,.?!:;–—…-()"
    before, after = text[: found[-1].start()].strip(strip), text[found[-1].end() :].strip(strip)
    if not re.search(r"\w", before) or not re.search(r"\w", after):
        return None
    if len(after.split()) > MOST_WORDS or len(before.split()) > PLAIN_NO_BEFORE_WORDS:
        return None
    return (before, after) if same_kind(before) and same_kind(after) else None


def corrected_to(text: str, same_kind: Optional[Callable[[str], bool]] = None) -> Optional[str]:
    """What a message says after the writer corrects themselves, a plain no counting where `same_kind` says."""
    found = correction(text, same_kind)
    return found[1] if found else None

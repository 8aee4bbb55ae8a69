"""How many times a year a typed answer says something happens: "2-3 gange årligt", "0 gange i 2026",
"once a quarter", "hver måned". For a choice whose options say how often (`per_year: [least, most]`
in the tool file, the maturity ladder's agenda question), the option a count falls in is the one
meant; it is read back like every inferred choice, so a misread count is caught."""

from __future__ import annotations

import re
from typing import Any, Dict, Optional, Sequence

import catalogue

# A period's times in a year, by the words its spellings share once folded ("år", "aar", "ar").
_PERIODS = {
    r"(?:aaret|aret|aar|ar|year|yr|2\d{3})": 1,
    r"(?:halvaaret|halvaar|half year|halvaret)": 2,
    r"(?:kvartal|kvartalet|quarter)": 4,
    r"(?:maaned|maned|maaneden|maneden|month)": 12,
    r"(?:uge|ugen|week)": 52,
}
# A rate said in one word: "årligt", "hver måned", "weekly".
_RATES = {
    r"(?:aarligt|arligt|annually|yearly)": 1,
    r"(?:halvaarligt|halvarligt)": 2,
    r"(?:kvartalsvis|quarterly|hvert kvartal|every quarter)": 4,
    r"(?:maanedligt|manedligt|monthly|hver maaned|hver maned|every month)": 12,
    r"(?:ugentligt|weekly|hver uge|every week)": 52,
}
_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def _folded(text: str) -> str:
    """Lower case, æ/ø/å spelled out (the patterns above also take the plain-vowel forms)."""
    return text.lower().translate(_LETTERS)


_TIMES = r"(?:gange?|times|x)"  # not "time": "1 time i kvartalet" is an hour
_LINK = r"(?:\s+(?:om|i|pr\.?|per|a|an|each|hvert|hver|every|in|on|the|dette|det|this|sidste|last))*\s+"


def _number(word: str) -> Optional[float]:
    if word.isdigit():
        return int(word)
    for spelled in catalogue.common()["numbers"].values():
        folded = [_folded(n).replace("é", "e") for n in spelled]  # "ét"
        if word in folded:
            return folded.index(word)
    # A count said without a number ("et par gange om året", "a few times a year"), at its middle.
    return {
        "en": 1,
        "et": 1,
        "zero": 0,
        "ingen": 0,
        "par": 2.5,
        "couple": 2.5,
        "few": 3,
        "nogle": 3,
        "nogen": 3,
        "fa": 2,
        "flere": 4,
        "several": 4,
    }.get(word)


def per_year(text: str) -> Optional[float]:
    """Times a year the words say ("2-3 gange om året": 2.5), or None when they say no count."""
    said = re.sub(r"\bonce\b", "1 times", re.sub(r"\btwice\b", "2 times", _folded(text)))
    number = r"(\d+|[a-z]+)(?:\s*-\s*(\d+|[a-z]+))?"
    for period, times in _PERIODS.items():
        m = re.search(rf"\b{number}\s*{_TIMES}{_LINK}{period}\b", said)
        if m:
            counts = [n for n in (_number(m.group(1)), _number(m.group(2) or m.group(1))) if n is not None]
            if counts:
                return times * sum(counts) / len(counts)
    for rate, times in _RATES.items():
        if re.search(rf"\b{rate}\b", said):
            m = re.search(rf"\b{number}\s*{_TIMES}\s+{rate}\b", said)
            counts = [n for n in (_number(m.group(1)), _number(m.group(2) or m.group(1))) if n is not None] if m else []
            return times * (sum(counts) / len(counts) if counts else 1)
    m = re.search(rf"\b(0|nul|zero|ingen)\s*{_TIMES}\b", said)
    return 0.0 if m else None


def option_for(options: Sequence[Dict[str, Any]], text: str) -> Optional[str]:
    """The option whose `per_year` range holds the count the words say, or None."""
    if not any("per_year" in option for option in options):
        return None
    count = per_year(text)
    if count is None:
        return None
    for option in options:
        if "per_year" in option:
            least, most = option["per_year"]
            if least <= count <= most:
                return option["value"]
    return None

"""The meeting guide's agenda, timed for the group's size: each person needs time to speak."""

from __future__ import annotations

import re
from typing import Any, Dict, Optional

from actions.dates import NUMBERS

MORE_NUMBERS = {
    "femten": 15,
    "fifteen": 15,
    "seksten": 16,
    "sixteen": 16,
    "sytten": 17,
    "seventeen": 17,
    "atten": 18,
    "eighteen": 18,
    "nitten": 19,
    "nineteen": 19,
    "tyve": 20,
    "twenty": 20,
}
COUNT = re.compile(r"\b(\d{1,3})\b|\b(" + "|".join(sorted({**NUMBERS, **MORE_NUMBERS}, key=len, reverse=True)) + r")\b")
TYPICAL_GROUP = 6  # when the answer holds no number: a typical management group in a small business
ARTICLES = {"en", "et", "a", "an"}  # "en ledergruppe på fem": the article is not the count


PLUS_ME = re.compile(r"(?:\bplus|\+|\bog|\band|\bsamt)\s+(?:mig|me|mig selv|myself)\b")


def people(answer: Any) -> int:
    """How many are in the group, from words like "Vi er fem", "7 ledere", "about twelve of us"."""
    if isinstance(answer, str):
        # "vi er 4 plus mig", "5 + me": the writer on top of the number
        also_me = 1 if PLUS_ME.search(answer.lower()) else 0
        for digits, word in COUNT.findall(answer.lower()):
            if digits:
                return max(1, min(int(digits) + also_me, 60))
            if word not in ARTICLES:
                return {**NUMBERS, **MORE_NUMBERS}[word] + also_me
    return TYPICAL_GROUP


def minutes(part: Dict[str, Any], group_size: Optional[int]) -> int:
    """An agenda item's minutes: `minutes`, or `per_person` for each member within `at_least`..`at_most`,
    rounded to five so the guide reads like a plan, not a sum."""
    if "per_person" not in part or not group_size:
        return int(part["minutes"])
    wanted = part["per_person"] * group_size
    bounded = max(part.get("at_least", part["minutes"]), min(part.get("at_most", wanted), wanted))
    return int(5 * round(bounded / 5))

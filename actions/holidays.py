"""Named days of the Danish year, read as the date they fall on ("juleaften", "2. påskedag", "Boxing Day").

Written as day and month ("24. december", "29. marts 2027") before the date rules read the text
(actions/dates.py), so a holiday is read back like any other date. Fixed days come next from today;
the days that move with Easter come from the next Easter that has not yet passed them. A season
("til jul", "i påsken") names no day and is left alone: the date is asked for again.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Dict, Pattern, Tuple

from dateutil.easter import easter

import catalogue

# Fixed days: (day, month). Spellings after actions/dates.py's plain-letter pass (æ/ø/å written in).
FIXED: Dict[str, Tuple[int, int]] = {
    r"lille\s*juleaften": (23, 12),
    r"juleaften(?:sdag)?|christmas\s+eve": (24, 12),
    r"(?:1\.|første)\s+juledag|juledag|christmas\s+day": (25, 12),
    r"(?:2\.|anden)\s+juledag|boxing\s+day": (26, 12),
    r"nytårsaften|new\s+year'?s\s+eve": (31, 12),
    r"nytårsdag|new\s+year'?s\s+day": (1, 1),
    r"hellig\s*tre\s*kong(?:er|ersdag)|helligtrekonger(?:sdag)?|epiphany": (6, 1),
    r"valentins?dag|valentine'?s?\s+day": (14, 2),
    r"grundlovsdag|constitution\s+day": (5, 6),
    r"sankt\s*hans(?:\s*aften|aften)?|skt\.?\s*hans(?:\s*aften)?|midsummer'?s?\s+eve": (23, 6),
    r"mortensaften": (10, 11),
    r"halloween": (31, 10),
}
# Days that move with Easter: days from Easter Sunday.
FROM_EASTER: Dict[str, int] = {
    r"fastelavn(?:s)?(?:\s*søndag)?": -49,
    r"palmesøndag|palm\s+sunday": -7,
    r"skærtorsdag|maundy\s+thursday": -3,
    r"langfredag|good\s+friday": -2,
    r"(?:1\.|første)\s+påskedag|påskedag|påskesøndag|easter\s+sunday|easter\s+day": 0,
    r"(?:2\.|anden)\s+påskedag|easter\s+monday": 1,
    r"kristi\s+himmelfarts?(?:dag)?|himmelfartsdag|ascension\s+day": 39,
    r"(?:1\.|første)\s+pinsedag|pinsedag|pinsesøndag|whit\s*sunday|pentecost": 49,
    r"(?:2\.|anden)\s+pinsedag|whit\s*monday": 50,
}


def _any_spelling(words: str) -> str:
    """æ/ø/å also as ae/oe/aa or the plain vowel, as typed on a phone set to English ("paaskedag")."""
    return words.replace("æ", "(?:æ|ae|a)").replace("ø", "(?:ø|oe|o)").replace("å", "(?:å|aa|a)")


def _compiled(words: str) -> Pattern[str]:
    return re.compile(rf"\b(?:{_any_spelling(words)})\b")


_FIXED = [(_compiled(words), day) for words, day in FIXED.items()]
_FROM_EASTER = [(_compiled(words), days) for words, days in FROM_EASTER.items()]
# One pattern over every name, the longest spellings first ("2. juledag" before "juledag").
HOLIDAY = re.compile(
    "|".join(f"(?:{p.pattern})" for p in sorted([p for p, _ in _FIXED + _FROM_EASTER], key=lambda p: -len(p.pattern)))
)


def day_of(name: str, today: dt.date) -> dt.date:
    """The next date, from today, of the named day (`name` as HOLIDAY found it)."""
    for pattern, (day, month) in _FIXED:
        if pattern.fullmatch(name):
            this_year = dt.date(today.year, month, day)
            return this_year if this_year >= today else dt.date(today.year + 1, month, day)
    for pattern, days in _FROM_EASTER:
        if pattern.fullmatch(name):
            return next(d for year in (today.year, today.year + 1) if (d := easter(year) + dt.timedelta(days=days)) >= today)
    raise KeyError(name)


def as_date_words(found: re.Match[str], today: dt.date) -> str:
    """The named day written as the date rules read it, with its year: "24. december 2026"."""
    date = day_of(found.group(0), today)
    return f"{date.day}. {catalogue.common()['months']['da'][date.month - 1]} {date.year}"

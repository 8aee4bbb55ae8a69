"""What a when-question prints: a date in the leader's words, written out in full.

A when-question (`when: true` in a tool file: "Hvornår går I i gang?") takes words or a date.
Words stay words ("efter sommerferien"). A date is read the way the date questions read it
(actions/dates.py) and printed as the date in place of the words that said it, because a poster
hangs for months and "mandag" means nothing by then: "naeste fre kl 8" is printed "fredag
11. december 2026 kl 8", "i næste uge" "i uge 51 (14.–18. december 2026)". A week without a day
is printed as the week: asking which day would press for a precision the leader did not have,
and the week's dates are what a reader needs. The form reads the result back before keeping it,
and asks when the date has already passed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

import catalogue
from actions import dates
from actions.choices import APPROXIMATE, FILLERS, HEDGES, tokens
from actions.conversation import format_date, format_day
from catalogue import clock

# Words before "næste uge"/"next week" that already say "in" ("fra næste uge", "by next week").
_IN_ALREADY = re.compile(r"\b(?:i|fra|til|inden|efter|før|senest|in|from|by|until|after|before|during)\s*$", re.IGNORECASE)
_RELATIVE_WEEK = re.compile(r"\b(?:næste|naeste|next)\b", re.IGNORECASE)
# Words around a date that only say how sure the leader is ("i morgen tror jeg", "maybe next thu"):
# the date is printed without them, as a name is printed without "måske" (actions/names.py).
# Words of approximation stay ("ca. 1. marts" is not the 1st exactly).
_ONLY_DOUBT = (
    frozenset(["jeg", "i", "det", "er", "bliver", "blir", "d", "sikkert", "bare", "just"]) | HEDGES | FILLERS
) - APPROXIMATE
# Doubt words right beside the date go, whatever else the answer says ("i uge 2 nok, efter nytår").
_BESIDE = _ONLY_DOUBT - {"jeg", "i", "det", "er", "d"}
# A negation beside a date makes its doubt part of what is said ("fredag nok ikke", "ikke torsdag?").
_NEGATION = re.compile(r"\b(?:ikke|ik|ikk|not|never|aldrig)\b", re.IGNORECASE)
# What a new date said to a read-back says of itself ("nej, den 17 passer bedre", "the 17th works better").
_FITS_BETTER = re.compile(
    r"^\s*(?:passer|passede|fungerer|er|works|is|would be|suits (?:me|us))\s*(?:bedre|better|fint|fine|godt|good)?"
    r"(?:\s+(?:for (?:mig|os|me|us)|i stedet|instead))?\b(?=\s*(?:$|[,.;:!?]))",
    re.IGNORECASE,
)
# An alternative named ("på mandag el. d 15", "fredag kl 9 eller 10"): the leader's words, as typed.
_ALTERNATIVE = re.compile(r"\b(?:eller|el|or)\b", re.IGNORECASE)


@dataclass(frozen=True)
class WhenAnswer:
    printed: str  # the answer as the documents print it
    date: dt.date  # the day, or the Monday of the week
    week: bool
    past: bool  # the day (or the whole week) lies before today


def read(text: str, language: str, today: Optional[dt.date] = None) -> Optional[WhenAnswer]:
    """The answer with its date written out, or None when the words hold no single date (words stay
    as typed: "efter sommerferien", "næste måned", "mandag eller tirsdag")."""
    today = today or clock.today()
    meant = dates.corrected_date_words(text)
    if meant and dates.find(meant[0], today) is not None:
        return read(meant[0], language, today)  # "tirsdag, nej vent, onsdag": only the day corrected to
    found = dates.find(text, today)
    if found is None or found.rough:
        return None
    before, after = text[: found.start], text[found.end :]
    if dates.two_days(text, today) or _ALTERNATIVE.search(text):
        return None  # two days or times named ("mandag eller tirsdag"): which one is the leader's to say, in words
    if found.week:
        written = week(found.date, language)
        if _RELATIVE_WEEK.search(text[found.start : found.end]) and not _IN_ALREADY.search(before):
            written = f"{'i' if language == 'da' else 'in'} {written}"  # "næste uge" -> "i uge 51 (…)"
    else:
        written = day(found.date, language)
    doubt = tokens(f"{before} {after}")
    if doubt and all(w in _ONLY_DOUBT for w in doubt) and (set(doubt) - {"i", "det", "er"}):
        # "naeste tors maaske": the day, without the doubt around it ("i" before a week stays)
        kept_in = re.search(r"\b(?:i|in)\s+$", before, re.IGNORECASE)
        before, after = (kept_in.group(0) if kept_in else ""), ""
    if tokens(before) and set(tokens(before)) <= _A_NO:
        before = ""  # "nej, tirsdag om en uge" after the question came back: the day, not »Nej, tirsdag …«
    before, after = _without_doubt_beside(before, after)
    after = _FITS_BETTER.sub("", after)  # "den 17 passer bedre": the 17th, not »… passer bedre« on the poster
    trailing = tokens(after)
    if trailing and all(w in _ONLY_DOUBT for w in trailing) and (set(trailing) - {"i", "det", "er"}):
        after = re.sub(r"^[\s,.;:!?–—-]*$", "", re.sub(r"[\w'’]+", "", after))  # "til vores 1:1 d 15/12 tror jeg"
    if not tokens(after) and not _NEGATION.search(before):
        after = re.sub(r"\s*[?!]+", "", after)  # "torsdag i næste uge?": the date asked about is the date, no "?"
    if not before and text[:1].isupper():
        written = written[:1].upper() + written[1:]
    last = found.date + dt.timedelta(days=4 if found.week else 0)  # a week has passed once its Friday has
    return WhenAnswer((before + written + after).strip(), found.date, found.week, last < today)


# A no in front of the day said instead (a walk's meeting guide printed "Mødet: Nej, tirsdag 15. december").
_A_NO = frozenset({"nej", "no", "nope", "nah", "neej", "naeh", "naah"})


def _without_doubt_beside(before: str, after: str) -> tuple[str, str]:
    """The words before and after a date less the doubt words right next to it ("bare mandag" -> "mandag",
    "uge 2 nok, efter nytår" -> "uge 2, efter nytår")."""
    while True:
        last = re.search(r"([\w'’]+)\s*$", before)
        if not last or tokens(last.group(1))[:1] != tokens(last.group(1)) or tokens(last.group(1))[0] not in _BESIDE:
            break
        before = before[: last.start()]
    if _NEGATION.search(after):
        return before, after  # "fredag nok ikke": the doubt is part of what is said, kept as typed
    while True:
        first = re.match(r"^\s*([\w'’]+)", after)
        if not first or not tokens(first.group(1)) or tokens(first.group(1))[0] not in _BESIDE:
            break
        after = after[first.end() :]
    return before, after


def day(date: dt.date, language: str) -> str:
    """2026-12-14 -> "mandag 14. december 2026" / "Monday 14 December 2026"."""
    return format_day(date.isoformat(), language)


def week(monday: dt.date, language: str) -> str:
    """The ISO week of `monday`, with its working days: "uge 51 (14.–18. december 2026)"."""
    friday = monday + dt.timedelta(days=4)
    months = catalogue.common()["months"][language]
    da = language == "da"
    if monday.year != friday.year:
        days = f"{format_date(monday.isoformat(), language)} – {format_date(friday.isoformat(), language)}"
    elif monday.month != friday.month:
        first = f"{monday.day}. {months[monday.month - 1]}" if da else f"{monday.day} {months[monday.month - 1]}"
        days = f"{first} – {format_date(friday.isoformat(), language)}"
    else:
        days = (
            f"{monday.day}.–{format_date(friday.isoformat(), language)}"
            if da
            else f"{monday.day}–{format_date(friday.isoformat(), language)}"
        )
    return catalogue.message("week_span", language, number=monday.isocalendar()[1], days=days)

"""Reads a date the way leaders type it, in Danish or English.

dateparser handles most forms ("15. marts 2027", "15/3", "March 15", "in two
weeks"); week numbers ("uge 12", "week 12"), common in Danish workplaces, are
read here as the Monday of that ISO week, the next time it comes round.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Optional

import dateparser

WEEKDAYS = {name: i for i, names in enumerate([
    ("mandag", "monday"), ("tirsdag", "tuesday"), ("onsdag", "wednesday"), ("torsdag", "thursday"),
    ("fredag", "friday"), ("lørdag", "saturday"), ("søndag", "sunday")]) for name in names}
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
WEEK = re.compile(r"\b(?:uge|week|wk)\.?\s*(\d{1,2})(?:\D+(\d{4}))?", re.IGNORECASE)


def parse(text: str, today: Optional[dt.date] = None) -> Optional[dt.date]:
    today = today or dt.date.today()
    iso = ISO.search(text)
    if iso:
        try:
            return dt.date(*(int(part) for part in iso.groups()))
        except ValueError:
            return None
    week = WEEK.search(text)
    if week:
        number = int(week.group(1))
        year = int(week.group(2)) if week.group(2) else today.isocalendar()[0]
        try:
            monday = dt.date.fromisocalendar(year, number, 1)
        except ValueError:
            return None
        if not week.group(2) and monday < today:
            try:
                monday = dt.date.fromisocalendar(year + 1, number, 1)
            except ValueError:
                return None
        weekday = next((day for name, day in WEEKDAYS.items() if name in text.lower()), 0)
        return monday + dt.timedelta(days=weekday)
    parsed = dateparser.parse(
        text,
        languages=["da", "en"],
        settings={
            "PREFER_DATES_FROM": "future",
            "DATE_ORDER": "DMY",
            "RELATIVE_BASE": dt.datetime.combine(today, dt.time()),
            "REQUIRE_PARTS": ["day", "month"],
        },
    )
    return parsed.date() if parsed else None

"""A calendar entry (.ics) for a document's follow-up date."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Dict, List

import icalendar

REMINDER_TEXT = {"da": "I morgen: {title}", "en": "Tomorrow: {title}"}
ABOUT_TEXT = {"da": "Det følger vi op på: {themes}", "en": "What we follow up on: {themes}"}
# Sections that hold the follow-up dates themselves, not what is followed up.
DATE_SECTIONS = ("followup", "followed_up")
# A follow-up appends a section of this kind (actions/followup.py): each one moved the date.
FOLLOWED_UP = "followed_up"


def uid(document: Dict[str, Any]) -> str:
    """The entry's id: the document's own (stable per conversation, kept by a follow-up), or for an
    older saved document one made from its content, so downloading it twice still gives one entry."""
    follow_up = document["follow_up"]
    own = (
        follow_up.get("uid")
        or hashlib.sha256(
            json.dumps(
                [document.get("tool"), document.get("kind"), document.get("title"), follow_up.get("date")], ensure_ascii=False
            ).encode()
        ).hexdigest()[:32]
    )
    return f"{own}@trivsel-guide"


def sequence(document: Dict[str, Any]) -> int:
    """How many times the entry has moved (RFC 5545 SEQUENCE): a calendar replaces an entry it holds
    under the same UID only when this is higher. The document counts it (actions/documents.py); an
    older saved file has one move per follow-up written into it."""
    counted = document["follow_up"].get("sequence")
    if isinstance(counted, int) and counted >= 0:
        return counted
    return sum(1 for section in document.get("sections", []) if section.get("ref") == FOLLOWED_UP)


def summary(document: Dict[str, Any]) -> str:
    """What the entry is called: the follow-up and what it follows up, with whose it is
    ("Vi følger op: Vores aftale – Ledergruppen i Hansen VVS")."""
    whose = " ".join(str(document.get("subtitle") or "").split())
    title = f"{document['title']} – {whose}" if whose else document["title"]
    return f"{document['follow_up']['label']}: {title}"


def themes(document: Dict[str, Any]) -> List[str]:
    """The themes the document agrees on, each once, in the order they are printed."""
    found: List[str] = []
    for section in document.get("sections", []):
        if section.get("ref") in DATE_SECTIONS:
            continue
        for block in section.get("blocks", []):
            heading = " ".join(str(block.get("heading") or "").split())
            if heading and heading not in found:
                found.append(heading)
    return found


def follow_up_event(document: Dict[str, Any], now: dt.datetime | None = None) -> bytes:
    """An all-day event on the follow-up date, named after the document and whose it is, with its
    themes and a reminder the day before. The same UID on every download and a SEQUENCE that grows
    each time the date moves: a calendar updates its entry, never doubles it or keeps the old day."""
    day = dt.date.fromisoformat(document["follow_up"]["date"])
    language = document["language"] if document.get("language") in REMINDER_TEXT else "da"
    title = summary(document)
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//trivsel-guide//follow-up//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", uid(document))
    event.add("dtstamp", now or dt.datetime.now(dt.timezone.utc))
    event.add("sequence", sequence(document))
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", title)
    agreed = themes(document)
    if agreed:
        event.add("description", ABOUT_TEXT[language].format(themes=", ".join(agreed)))
    reminder = icalendar.Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("trigger", dt.timedelta(days=-1))
    reminder.add("description", REMINDER_TEXT[language].format(title=title))
    event.add_component(reminder)
    calendar.add_component(event)
    return calendar.to_ical()

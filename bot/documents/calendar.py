"""A calendar entry (.ics) for a document's follow-up date."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any, Dict

import icalendar

REMINDER_TEXT = {"da": "I morgen: {title}", "en": "Tomorrow: {title}"}


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


def follow_up_event(document: Dict[str, Any]) -> bytes:
    """An all-day event on the follow-up date, titled with the document's title, with a reminder
    the day before. The same uid on every download: a calendar updates its entry, never doubles it."""
    day = dt.date.fromisoformat(document["follow_up"]["date"])
    summary = f"{document['title']}: {document['follow_up']['label']}"
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//trivsel-guide//follow-up//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", uid(document))
    event.add("dtstamp", dt.datetime.now(dt.timezone.utc))
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    reminder = icalendar.Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("trigger", dt.timedelta(days=-1))
    language = document["language"] if document.get("language") in REMINDER_TEXT else "da"
    reminder.add("description", REMINDER_TEXT[language].format(title=summary))
    event.add_component(reminder)
    calendar.add_component(event)
    return calendar.to_ical()

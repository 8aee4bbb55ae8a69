"""A calendar entry (.ics) for a document's follow-up date."""
from __future__ import annotations

import datetime as dt
import secrets
from typing import Any, Dict

import icalendar


def follow_up_event(document: Dict[str, Any]) -> bytes:
    """An all-day event on the follow-up date, titled with the document's title."""
    day = dt.date.fromisoformat(document["follow_up"]["date"])
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//trivsel-guide//follow-up//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", f"{secrets.token_hex(16)}@trivsel-guide")
    event.add("dtstamp", dt.datetime.now(dt.timezone.utc))
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", f"{document['title']}: {document['follow_up']['label']}")
    calendar.add_component(event)
    return calendar.to_ical()

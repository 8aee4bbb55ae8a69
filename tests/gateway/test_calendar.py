"""The follow-up's calendar entry (.ics), read back as a calendar reads it (icalendar)."""

from __future__ import annotations

import datetime as dt

import icalendar

from bot.documents.calendar import follow_up_event


def agreement(**follow_up):
    return {
        "tool": "group",
        "kind": "group-agreement",
        "language": "da",
        "title": "Vores aftale",
        "subtitle": "Ledergruppen i Hansen VVS",
        "sections": [
            {
                "heading": "Det gør vi",
                "ref": "agreement",
                "blocks": [
                    {"heading": "Tryghed og tillid", "items": [{"label": "Handling", "answer": "Tjek-ind"}]},
                    {"heading": "Vores kunder", "items": [{"label": "Handling", "answer": "Sig nej"}]},
                ],
            },
            {
                "heading": "Opfølgning",
                "ref": "followup",
                "blocks": [{"heading": None, "items": [{"label": "Vi følger op", "answer": "15. marts 2027"}]}],
            },
        ],
        "follow_up": {"date": "2027-03-15", "label": "Vi følger op", "uid": "a" * 32, **follow_up},
    }


def event(document) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(follow_up_event(document))
    (found,) = calendar.walk("VEVENT")
    assert isinstance(found, icalendar.Event)
    return found


def test_the_entry_names_what_it_follows_up_and_whose_agreement_it_is():
    found = event(agreement())
    assert str(found["SUMMARY"]) == "Vi følger op: Vores aftale – Ledergruppen i Hansen VVS"
    assert str(found["DESCRIPTION"]) == "Det følger vi op på: Tryghed og tillid, Vores kunder"
    (alarm,) = found.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == "I morgen: Vi følger op: Vores aftale – Ledergruppen i Hansen VVS"
    english = event({**agreement(), "language": "en", "title": "Our agreement", "subtitle": "", "sections": []})
    assert str(english["SUMMARY"]) == "Vi følger op: Our agreement" and "DESCRIPTION" not in english


def test_a_moved_entry_keeps_its_uid_and_counts_up_so_a_calendar_replaces_it():
    first, moved = event(agreement()), event(agreement(date="2027-04-12", sequence=1))
    assert first["UID"] == moved["UID"] == "a" * 32 + "@trivsel-guide"
    assert first["SEQUENCE"] == 0 and moved["SEQUENCE"] == 1
    assert moved.decoded("DTSTART") == dt.date(2027, 4, 12) and moved.decoded("DTEND") == dt.date(2027, 4, 13)
    assert isinstance(moved.decoded("DTSTAMP"), dt.datetime) and moved.decoded("DTSTAMP").tzinfo is not None


def test_a_file_saved_before_moves_were_counted_counts_its_follow_ups():
    older = agreement(date="2027-09-06")
    del older["follow_up"]["uid"]
    older["sections"].append({"heading": "Opfølgning 26. november 2026", "ref": "followed_up", "blocks": []})
    older["sections"].append({"heading": "Opfølgning 6. marts 2027", "ref": "followed_up", "blocks": []})
    found = event(older)
    assert found["SEQUENCE"] == 2 and str(found["UID"]).endswith("@trivsel-guide")

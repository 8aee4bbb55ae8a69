"""The follow-up's calendar entry counts its moves (`sequence`), so a calendar that holds the entry
replaces it when the date moves instead of keeping the old day (RFC 5545: same UID, higher SEQUENCE)."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema

from actions import documents, followup
from actions.conversation import Conversation
from tests.actions.test_tools import group_slots
from tests.support.actions import ROOT, tracker

SCHEMA = json.loads((ROOT / "renderer" / "agreement.schema.json").read_text(encoding="utf-8"))
TODAY = dt.date(2026, 11, 26)


def poster(slots):
    return documents.build_all(Conversation(tracker(slots=slots)), today=TODAY)["group-agreement"]


def agreed(date, **more):
    return group_slots(group_deal1_action="Tjek-ind", group_followup_date={"text": "x", "date": date}, **more)


def test_a_date_changed_in_the_conversation_moves_the_entry_and_the_same_date_does_not():
    first = poster(agreed("2027-03-15"))
    jsonschema.validate(first, SCHEMA)
    assert first["follow_up"]["sequence"] == 0
    same = poster(agreed("2027-03-15", documents={"group-agreement": first}))
    assert same["follow_up"]["sequence"] == 0  # downloaded again: the same entry, unchanged
    moved = poster(agreed("2027-04-12", documents={"group-agreement": first}))
    assert moved["follow_up"]["uid"] == first["follow_up"]["uid"] and moved["follow_up"]["sequence"] == 1
    again = poster(agreed("2027-05-10", documents={"group-agreement": moved}))
    assert again["follow_up"]["sequence"] == 2


def follow_up(saved, next_date):
    slots = {
        "tool": "followup",
        "upload": {"document": saved, "items": followup.items(saved)},
        "followup_item1_status": "done",
        "followup_item1_learned": "Det virker",
        "followup_next_date": {"text": "x", "date": next_date},
    }
    return documents.build_all(Conversation(tracker(slots=slots)), today=TODAY)["group-agreement"]


def test_a_follow_up_moves_the_uploaded_documents_entry_once_more():
    saved = poster(agreed("2027-03-15"))
    updated = follow_up(saved, "2027-09-06")
    jsonschema.validate(updated, SCHEMA)
    assert updated["follow_up"]["uid"] == saved["follow_up"]["uid"] and updated["follow_up"]["sequence"] == 1
    assert follow_up(updated, "2028-01-10")["follow_up"]["sequence"] == 2


def test_a_file_saved_before_moves_were_counted_has_moved_once_per_follow_up_in_it():
    saved = follow_up(poster(agreed("2027-03-15")), "2027-09-06")
    del saved["follow_up"]["sequence"]
    assert documents.moves_so_far(saved) == 1
    assert follow_up(saved, "2028-01-10")["follow_up"]["sequence"] == 2

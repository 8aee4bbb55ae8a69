"""Following up on an uploaded document: what to go through, and the document it becomes."""

from __future__ import annotations

import copy
from typing import Any, Dict, List

import catalogue

MAX_ITEMS = 6  # the follow-up tool has this many rounds


def items(document: Dict[str, Any]) -> List[Dict[str, str]]:
    """The things to follow up: one per theme block, or one per item of an unnamed block.

    Only the sections the original tool names in `followup_from` count, when the
    document says which step section each came from.
    """
    original = catalogue.tools().get(document.get("tool", ""))
    wanted = set((original.spec.get("followup_from") if original else None) or [])
    chosen = set((original.spec.get("followup_items") if original else None) or [])
    if not any(section.get("ref") for section in document.get("sections", [])):
        wanted = set()  # a document that does not say where its sections came from: take them all
    found: List[Dict[str, str]] = []
    for section in document.get("sections", []):
        if wanted and section.get("ref") not in wanted:
            continue
        for block in section.get("blocks", []):
            if block.get("heading"):
                # A theme's own block: quote what was agreed (`followup_items`), not whatever came first.
                items_ = block.get("items") or [{}]
                first = next((i for i in items_ if i.get("ref") in chosen), items_[0]) if chosen else items_[0]
                found.append({"heading": block["heading"], "summary": first.get("answer", "")})
            else:
                found.extend(
                    {"heading": item["label"], "summary": item["answer"]}
                    for item in block.get("items", [])
                    if not chosen or item.get("ref") in chosen
                )
    return found[:MAX_ITEMS]


def updated(document: Dict[str, Any], sections: List[Dict[str, Any]], built: Dict[str, Any]) -> Dict[str, Any]:
    """The uploaded document with the follow-up sections added (and its next date)."""
    result = copy.deepcopy(document)
    result["sections"] = [_history(s) for s in result.get("sections", []) if not _superseded(s, sections)] + sections
    result["date"] = built["date"]
    result["notes"] = list(result.get("notes") or []) + [
        n for n in built.get("notes", []) if n not in (result.get("notes") or [])
    ]
    if built.get("follow_up"):
        kept_uid = (document.get("follow_up") or {}).get("uid")
        # The same calendar entry moves to the next date instead of a second one appearing.
        result["follow_up"] = {**built["follow_up"], **({"uid": kept_uid} if kept_uid else {})}
    return result


# A tool's planned follow-up date (its `followup` section); this follow-up sets the next one.
PLANNED = "followup"
# What a follow-up adds (content/tools/followup.yml), and its step for the date after it.
FOLLOWED_UP = "followed_up"
NEXT_DATE = "next_date"


def _superseded(section: Dict[str, Any], new: List[Dict[str, Any]]) -> bool:
    """The planned date goes; earlier follow-ups stay as the document's history, even one made
    the same day (a file followed up twice in a day holds both rounds of answers)."""
    return section.get("ref") == PLANNED


def _history(section: Dict[str, Any]) -> Dict[str, Any]:
    """An earlier follow-up as history: what was done and learned stays, the date it set for the
    next one goes (this follow-up sets it; a card read "Næste opfølgning" twice)."""
    if section.get("ref") != FOLLOWED_UP:
        return section
    blocks = [{**b, "items": [i for i in b["items"] if i.get("ref") != NEXT_DATE]} for b in section.get("blocks", [])]
    return {**section, "blocks": [b for b in blocks if b["items"] or b.get("words")]}

"""Builds the agreement: the versioned JSON the gateway renders as a PDF.

It carries every text in the conversation's language, so the renderer needs
to know nothing about tools. Shape: renderer/agreement.schema.json.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional

from actions import catalogue
from actions.catalogue import SKIPPED
from actions.conversation import Conversation

SCHEMA = "trivsel.agreement"
VERSION = 1


def document_date(language: str, today: Optional[dt.date] = None) -> str:
    today = today or dt.date.today()
    month = catalogue.common()["months"][language][today.month - 1]
    return f"{today.day}. {month} {today.year}" if language == "da" else f"{today.day} {month} {today.year}"


def build(conv: Conversation, today: Optional[dt.date] = None) -> Dict[str, Any]:
    doc = conv.tool.spec["document"]
    sections: List[Dict[str, Any]] = []
    for section_id, heading in conv.tool.spec.get("document_sections", {}).items():
        blocks: List[Dict[str, Any]] = []
        for step in conv.steps():
            if step.section != section_id or step.kind == "review":
                continue
            value = conv.slots.get(step.slot)
            if step.kind == "theme":
                if value not in (None, SKIPPED):
                    words = value.get("words") if isinstance(value, dict) and value.get("key") else None
                    blocks.append({"heading": conv.answer_text(step), "items": [], "words": words})
                continue
            if value in (None, SKIPPED):
                continue
            item = {"label": conv.text(step.spec.get("label"), step), "answer": conv.answer_text(step)}
            if not blocks or (step.round is None and blocks[-1].get("heading")):
                blocks.append({"heading": None, "items": []})
            blocks[-1]["items"].append(item)
        blocks = [b for b in blocks if b["items"] or b.get("words")]
        if blocks:
            sections.append({"heading": conv.text(heading), "blocks": blocks})
    notes = [n for n in (conv.slots.get("notes") or []) if n]
    return {
        "schema": SCHEMA,
        "version": VERSION,
        "tool": conv.tool.id,
        "kind": doc["kind"],
        "layout": doc.get("layout", "agreement"),
        "language": conv.language,
        "title": conv.text(doc["title"]),
        "subtitle": conv.text(doc.get("subtitle")),
        "date": document_date(conv.language, today),
        "intro": conv.text(conv.tool.spec.get("intro")),
        "sections": sections,
        "notes_heading": conv.message("notes_heading"),
        "notes": notes,
        "footer": conv.text(doc.get("footer")),
    }

"""Builds a tool's documents: versioned JSON the gateway renders as PDFs.

Each document carries every text in the conversation's language, so the
renderer knows nothing about tools. Shape: renderer/agreement.schema.json.
A tool's `documents` list in content/tools/*.yml says what goes in each one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import statistics
from typing import Any, Dict, List, Optional

from actions import agenda, followup
from actions.conversation import Conversation, format_date, format_day
from catalogue import FROM_UPLOAD, SKIPPED, StepKind, clock, pick, without_private

SCHEMA = "trivsel.agreement"
VERSION = 1
HIDDEN_KINDS = (StepKind.REVIEW, StepKind.CHECKPOINT)


def _step_blocks(conv: Conversation, section: str, with_sections: List[str], private: bool = False) -> List[Dict[str, Any]]:
    """Blocks of label/answer items: one per theme round, one for the steps outside rounds.
    A private section holds only the steps marked `private`; every other section leaves them out."""
    blocks: List[Dict[str, Any]] = []
    rounds: Dict[Any, Dict[str, Any]] = {}
    sections = [*with_sections, section]
    for step in sorted(conv.steps(), key=lambda s: sections.index(s.section) if s.section in sections else 0):
        if step.section not in sections or step.kind in HIDDEN_KINDS or bool(step.spec.get("private")) != private:
            continue
        value = conv.slots.get(step.slot)
        key = (step.theme_group, step.round) if step.round else None
        if step.section != section and key is None:
            continue  # borrowed sections only add to theme rounds
        if step.kind == StepKind.THEME:
            if value in (None, SKIPPED):
                continue
            rounds[key] = {
                "heading": conv.answer_text(step),
                "words": conv.theme_words(step.round_number, step.theme_group),
                "items": [],
            }
            blocks.append(rounds[key])
            continue
        if value in (None, SKIPPED):
            continue
        if key is not None:
            block = rounds.get(key)
            if block is None:
                block = rounds[key] = {
                    "heading": conv.theme_name(step.round_number, step.theme_group),
                    "words": conv.theme_words(step.round_number, step.theme_group),
                    "items": [],
                }
                blocks.append(block)
        else:
            if not blocks or blocks[-1]["heading"] is not None:
                blocks.append({"heading": None, "items": []})
            block = blocks[-1]
        block["items"].append(
            {"label": conv.text(step.spec.get("label"), step), "answer": conv.answer_text(step), "ref": step.id}
        )
    return [b for b in blocks if b["items"] or b.get("words")]


def _agenda(conv: Conversation) -> List[Dict[str, Any]]:
    items = []
    answers = conv.answers()
    size_step = conv.tool.spec.get("agenda_size_from")
    group_size = agenda.people(conv.slots.get(f"{conv.tool.id}_{size_step}")) if size_step else None
    for part in conv.tool.spec.get("agenda", []):
        themes = conv.tool.theme_steps("theme") if part.get("per_theme") else [None]
        for theme_step in themes:
            values = dict(answers)
            if theme_step is not None:
                theme = conv.answer_text(theme_step)
                if theme is None or conv.slots.get(theme_step.slot) == SKIPPED:
                    continue
                values["theme"] = theme
            minutes = agenda.minutes(part, group_size)
            line = pick(part["text"], conv.language, **values)
            # An agenda line is a sentence, also when it opens with a theme in the leader's own words.
            items.append({"label": f"{minutes} min", "answer": line[:1].upper() + line[1:]})
    return [{"heading": None, "items": items}]


def _theme_questions(conv: Conversation, group: str) -> List[Dict[str, Any]]:
    import catalogue

    themes = catalogue.common()["themes"]
    blocks = []
    for step in conv.tool.theme_steps(group):
        value = conv.slots.get(step.slot)
        if value in (None, SKIPPED):
            continue
        key = value.get("key") if isinstance(value, dict) else None
        opener = (
            pick(themes[key]["opener"], conv.language) if key else conv.message("own_theme_opener", theme=conv.answer_text(step))
        )
        blocks.append(
            {
                "heading": conv.answer_text(step),
                "words": conv.theme_words(step.round_number, group),
                "items": [{"label": "", "answer": opener}],
            }
        )
    return blocks


def maturity_level(conv: Conversation) -> Optional[int]:
    """The organisation's step on the ladder: the median of the levels its answers point at."""
    levels = [
        int(conv.slots[s.slot]) for s in conv.steps() if s.kind == StepKind.CHOICE and str(conv.slots.get(s.slot) or "").isdigit()
    ]
    return int(statistics.median_low(levels)) if levels else None


def ladder(conv: Conversation) -> Optional[Dict[str, Any]]:
    level = maturity_level(conv)
    levels = conv.tool.spec.get("levels")
    if level is None or not levels:
        return None
    here = levels[level - 1]
    texts = {key: pick(here[key], conv.language) for key in ("name", "looks", "next")}
    labels = conv.tool.spec.get("ladder_labels", {})
    found = {
        "levels": [pick(step["name"], conv.language) for step in levels],
        "current": level,
        "here": pick(labels.get("here"), conv.language),
        "typical": pick(labels.get("typical"), conv.language),
        "next_heading": pick(labels.get("next_heading"), conv.language),
        **texts,
        "result": pick(conv.tool.spec["result"], conv.language, level=level, **texts),
    }
    before = previous_level(conv)
    if before:  # taken again from a saved ladder: the change since then
        found["before"] = before["level"]
        found["before_label"] = pick(labels.get("before"), conv.language)
        found["change"] = pick(conv.tool.spec["retake"]["change"], conv.language, before=before["level"], now=level)
        found["result"] = f"{found['change']} {found['result']}"
    return found


def previous_level(conv: Conversation) -> Optional[Dict[str, Any]]:
    """The step a saved ladder stood on, when this conversation took the ladder again from its file."""
    saved = (conv.slots.get("upload") or {}).get("document") or {}
    ladder_ = saved.get("ladder") if saved.get("tool") == conv.tool.id and conv.tool.spec.get("retake") else None
    if not isinstance(ladder_, dict) or not isinstance(ladder_.get("current"), int):
        return None
    names = ladder_.get("levels") or []
    return {
        "level": ladder_["current"],
        "date": saved.get("date", ""),
        "name": names[ladder_["current"] - 1] if len(names) >= ladder_["current"] else "",
    }


def calendar_uid(conv: Conversation, date_slot: str) -> str:
    """The follow-up's calendar id: the same for every download of this conversation's documents
    that share the date (the plan and its cards are one meeting, not two), so a calendar updates
    its entry instead of adding another. A hash, so it tells nothing of the conversation's id; a
    follow-up keeps the uploaded document's (actions/followup.py)."""
    return hashlib.sha256(f"trivsel-follow-up:{conv.tracker.sender_id}:{date_slot}".encode()).hexdigest()[:32]


def document_date(language: str, today: Optional[dt.date] = None) -> str:
    return format_date((today or clock.today()).isoformat(), language)


def build(conv: Conversation, spec: Dict[str, Any], today: Optional[dt.date] = None) -> Dict[str, Any]:
    sections: List[Dict[str, Any]] = []
    for part in spec.get("sections", []):
        if "steps" in part:
            blocks = _step_blocks(conv, part["steps"], part.get("with_sections", []), part.get("private", False))
        elif part.get("agenda"):
            blocks = _agenda(conv)
        else:
            blocks = _theme_questions(conv, part["theme_questions"])
        if blocks:
            section: Dict[str, Any] = {
                "heading": conv.text(part["heading"], today=document_date(conv.language, today)),
                "blocks": blocks,
            }
            if "steps" in part:
                section["ref"] = part["steps"]
            if part.get("private"):
                section["private"] = True  # printed on a sheet of its own, to keep back when the rest is shared
            sections.append(section)
    document: Dict[str, Any] = {
        "schema": SCHEMA,
        "version": VERSION,
        "tool": conv.tool.id,
        "kind": spec["kind"],
        "layout": spec.get("layout", "agreement"),
        "language": conv.language,
        "title": conv.text(spec.get("title"), with_answers=True),
        "subtitle": conv.text(spec.get("subtitle"), with_answers=True),
        "date": document_date(conv.language, today),
        "intro": conv.text(without_private(spec, "intro", conv.private_part) or conv.tool.spec.get("intro"), with_answers=True),
        "sections": sections,
        "notes_heading": conv.message("notes_heading"),
        "notes": [n for n in (conv.slots.get("notes") or []) if n] if spec.get("notes") else [],
        "footer": conv.text(spec.get("footer")),
    }
    follow_up = conv.tool.step(f"{conv.tool.id}_{spec['follow_up']}") if spec.get("follow_up") else None
    value = conv.slots.get(follow_up.slot) if follow_up else None
    if follow_up is not None and isinstance(value, dict) and value.get("date"):
        document["follow_up"] = {
            "date": value["date"],
            "label": conv.text(follow_up.spec.get("label")),
            "when": format_day(value["date"], conv.language),
            "uid": calendar_uid(conv, follow_up.slot),
        }
    if spec.get("layout") == "ladder":
        document["ladder"] = ladder(conv)
    if spec["kind"] == FROM_UPLOAD:
        return followup.updated(conv.slots["upload"]["document"], sections, document)
    return document


def build_all(conv: Conversation, when: Optional[str] = None, today: Optional[dt.date] = None) -> Dict[str, Dict[str, Any]]:
    """The documents made at `when` (a checkpoint step's id), or at the end (None)."""
    made = (build(conv, spec, today) for spec in conv.tool.spec.get("documents", []) if spec.get("when") == when)
    return {document["kind"]: counted_moves(conv, document) for document in made}


def counted_moves(conv: Conversation, document: Dict[str, Any]) -> Dict[str, Any]:
    """The follow-up's `sequence`: how many times its calendar entry has moved to another date, so a
    calendar replaces the entry it holds under the same id instead of keeping the old day (RFC 5545).
    One more than the same entry made before in this conversation, or in the uploaded document,
    when the date differs from it; as many when it is the same."""
    follow_up = document.get("follow_up")
    if not follow_up:
        return document
    earlier = [((conv.slots.get("documents") or {}).get(document["kind"])), (conv.slots.get("upload") or {}).get("document")]
    moves = 0
    for before in earlier:
        if not isinstance(before, dict):
            continue
        old = before.get("follow_up")
        if isinstance(old, dict) and old.get("uid") == follow_up.get("uid"):
            moves = max(moves, moves_so_far(before) + (old.get("date") != follow_up["date"]))
    follow_up["sequence"] = moves
    return document


def moves_so_far(document: Dict[str, Any]) -> int:
    """The `sequence` a document's follow-up carries; a file saved before it was counted has moved
    once for each follow-up written into it."""
    counted = (document.get("follow_up") or {}).get("sequence")
    if isinstance(counted, int) and counted >= 0:
        return counted
    return sum(1 for section in document.get("sections", []) if section.get("ref") == followup.FOLLOWED_UP)


def kept(conv: Conversation, made: Dict[str, Dict[str, Any]]) -> Optional[str]:
    """Which of the documents just made is the file to keep (catalogue.Tool.kept_kind): for a
    follow-up, the uploaded document's own kind."""
    kind = conv.tool.kept_kind
    if kind == FROM_UPLOAD:
        kind = ((conv.slots.get("upload") or {}).get("document") or {}).get("kind")
    return kind if kind in made else None


def offer(conv: Conversation, made: Dict[str, Dict[str, Any]]) -> Dict[str, Any]:
    """The custom payload that offers documents: kind, title and layout of each, to print and
    share; the one file to keep is marked `keep`, and it alone offers the calendar entry for the
    follow-up date (documents that share the date are one meeting, so one entry)."""
    keep = kept(conv, made)
    return {
        "documents": [
            {
                "kind": kind,
                "title": doc["title"],
                "layout": doc["layout"],
                "keep": kind == keep,
                "calendar": kind == keep and bool(doc.get("follow_up")),
                **_paper(conv, doc["layout"]),
            }
            for kind, doc in made.items()
        ]
    }


# Layouts printed on other paper than A4, that also print on A4: the card names both.
ON_PAPER = ("poster", "cards")


def _paper(conv: Conversation, layout: str) -> Dict[str, str]:
    """'plakat i A3' and 'Også i A4' for a poster: a small firm mostly prints A4."""
    if layout not in ON_PAPER:
        return {}
    return {"paper": conv.message(f"paper_{layout}"), "paper_a4": conv.message(f"paper_{layout}_a4")}

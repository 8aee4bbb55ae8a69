"""Every text a tool says and prints, read as a whole conversation: with one, two or three themes,
names that end in -s and answers that end with a full stop, nothing reads broken in either language."""

from __future__ import annotations

import asyncio
import re

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import catalogue
from actions import documents, followup
from actions.ask import draft_text
from actions.control import ActionStart
from actions.conversation import Conversation
from actions.finish import ActionFinish
from catalogue import CONTINUE, SKIPPED, StepKind

THEMES = [
    {"key": "workload", "words": "Vi når aldrig det hele."},
    {"key": None, "words": "Samarbejdet med Klaus"},
    {"key": "recovery", "words": None},
]
# A stop or a colon run into more punctuation ("nye sager. – hvordan"), a space before a comma or stop,
# two spaces, or a placeholder left unfilled.
BROKEN = re.compile(r"[.:]\s*[–.,:?]|\s[,.!?]|  |[{}]")


def tracker(slots, intent="answer"):
    """A bare tracker (the slots are all a text needs): quick enough to read every step of every tool."""
    latest = {"text": "", "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    return Tracker("copy", dict(slots), latest, [], False, None, {}, "action_listen")


def run(action, t):
    dispatcher = CollectingDispatcher()
    asyncio.run(action.run(dispatcher, t, {}))
    return dispatcher.messages, None


def answer(step, themes):
    if step.kind == StepKind.CHOICE:
        return "trust" if step.spec.get("options_from") else step.spec["options"][0]["value"]
    if step.kind == StepKind.THEME:
        return THEMES[step.round - 1] if step.round <= themes else SKIPPED
    if step.kind == StepKind.DATE:
        return {"date": "2027-03-15", "text": "15. marts"}
    if step.kind == StepKind.CHECKPOINT:
        return CONTINUE
    if step.kind == StepKind.REVIEW:
        return "confirm"
    return {
        "lead": "Det er mig, Lars Nielsens.",
        "group_name": "Ledergruppen hos Jens Hansens",
        "org_name": "Niels Andersens Tømrerforretning",
        "group_size": "Vi er fem.",
    }.get(step.id, "Vi tager nye sager.")


def said(slots):
    """Everything the conversation says and prints, step by step, with the answers given so far."""
    texts = [m.get("text") or "" for m in run(ActionStart(), tracker(slots=slots, intent="start"))[0]]
    tool = catalogue.tool(slots["tool"])
    for step in tool.steps:
        conv = Conversation(tracker(slots=slots))
        if step not in conv.steps():
            continue
        texts += [conv.label(step)] + [conv.text(step.spec.get(k), step) for k in ("why", "example") if step.spec.get(k)]
        if step.kind != StepKind.REVIEW:
            texts.append(conv.text(step.ask_texts(), step))
        if step.kind == StepKind.CHECKPOINT:
            texts += document_texts(documents.build_all(conv, step.id))
        slots[step.slot] = draft_text(conv, step) if step.kind == StepKind.DRAFT else answer(step, slots["_themes"])
    texts += [m.get("text") or "" for m in run(ActionFinish(), tracker(slots=slots))[0]]
    texts += document_texts(documents.build_all(Conversation(tracker(slots=slots))))
    return texts


def document_texts(made):
    texts = []
    for document in made.values():
        texts += [document.get(k) or "" for k in ("title", "subtitle", "intro", "footer")]
        for section in document["sections"]:
            texts.append(section["heading"])
            for block in section["blocks"]:
                texts += [block.get("heading") or ""] + [f"{i['label']}: {i['answer']}" for i in block["items"]]
    return texts


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize(
    "tool_id,themes",
    [
        ("leader", 2),
        ("leader", 3),
        ("group", 2),
        ("group", 3),
        ("organisation", 2),
        ("maturity", 0),
        ("taste", 0),
        ("energy", 0),
        ("prep", 0),
    ],
)
def test_a_whole_conversation_reads_without_broken_punctuation(tool_id, language, themes):
    texts = said({"tool": tool_id, "language": language, "_themes": themes})
    broken = [t for t in texts if BROKEN.search(re.sub(r"\n+", " ", t))]
    assert broken == []


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("source", ["leader", "group", "organisation"])
def test_a_follow_up_quotes_answers_that_end_with_a_full_stop_and_still_reads(source, language):
    slots = {"tool": source, "language": language, "_themes": 2}
    said(slots)
    made = documents.build_all(Conversation(tracker(slots=slots)))
    saved = {
        **next(d for d in made.values() if any(s.get("ref") in ("agreement", "cards") for s in d["sections"])),
        "tool": source,
    }
    upload = {"document": saved, "items": followup.items(saved)}
    texts = said({"tool": "followup", "language": language, "_themes": 2, "upload": upload})
    assert any("Vi tager nye sager." in t for t in texts)
    assert [t for t in texts if BROKEN.search(re.sub(r"\n+", " ", t))] == []


def test_danish_texts_say_handlekort_and_no_exclamation_marks():
    def texts(value):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield from ([inner] if key == "da" and isinstance(inner, str) else texts(inner))
        elif isinstance(value, list):
            for inner in value:
                yield from texts(inner)

    everything = list(texts(catalogue.common())) + [t for spec in catalogue.specs().values() for t in texts(spec)]
    assert not [t for t in everything if "action card" in t.lower() or "!" in t]


def _texts(value, language):
    """Every text in `language` in a content tree."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from ([inner] if key == language and isinstance(inner, str) else _texts(inner, language))
    elif isinstance(value, list):
        for inner in value:
            yield from _texts(inner, language)


@pytest.mark.parametrize("language,quotes", [("da", "»«"), ("en", "“”")])
def test_the_chat_and_the_pages_quote_alike(language, quotes):
    """Danish quotes »like this« (as the printed pages do), English “like this”: never straight quotes,
    never the other language's marks, and every quote opened before it is closed."""
    everything = list(_texts(catalogue.common(), language)) + [t for s in catalogue.specs().values() for t in _texts(s, language)]
    wrong = [
        t
        for t in everything
        if re.search('["„]', t) or re.sub(f"[^{quotes}«»“”]", "", t) != quotes * (len(re.sub(f"[^{quotes}«»“”]", "", t)) // 2)
    ]
    assert wrong == []

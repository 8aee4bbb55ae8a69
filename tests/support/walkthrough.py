"""Walking a conversation as a leader would, and reading what it leaves in the PDF."""

from __future__ import annotations

import io
import re
from typing import List, Sequence, Tuple

from pypdf import PdfReader

from tests.support.client import button, pdf_text, texts


def squash(text: str) -> str:
    """PDF text without line breaks, hyphenation breaks and spaces."""
    text = text.replace("\u2010\n", "").replace("-\n", "")
    return re.sub(r"\s+", "", text)


def as_printed(answer: str) -> str:
    """An answer squashed as the PDF prints it: with its first letter a capital (renderer/render.py)."""
    words = squash(answer)
    return words[:1].upper() + words[1:]


def assert_in_pdf(pdf: str, answers):
    flat = squash(pdf)
    missing = [a for a in answers if squash(a) not in flat and as_printed(a) not in flat]
    assert not missing, f"answers missing from the PDF: {missing}"


CONFIRM = {"da": "lav dokumentet", "en": "make the document"}


def finish(api, cid, reply, language="da"):
    """Confirm the review and fetch the PDF; returns (reply, document, pdf text)."""
    assert reply["progress"]["label"] in ("Gennemsyn", "Review")
    done = api.tap(cid, button(reply, CONFIRM[language]))
    assert done["state"] == "completed"
    document = next(m["document"] for m in done["messages"] if "document" in m)
    assert document["url"] == f"/api/v1/conversations/{cid}/documents/{document['kind']}.pdf"
    status, pdf, headers = api.call("GET", document["url"])
    assert status == 200 and headers["Content-Type"] == "application/pdf"
    # Saved under the document's own title, in the conversation's language ("Min lederaftale" -> min-lederaftale.pdf).
    words = document["title"].lower().replace("æ", "ae").replace("ø", "oe").replace("å", "aa").split()
    assert f'filename="{"-".join(words)}.pdf"' in headers["Content-Disposition"], headers["Content-Disposition"]
    return done, document, pdf_text(pdf)


def to_first_text_question(api, language="da"):
    cid = api.start("leader", language)["id"]
    api.tap(cid, '/choose{"value": "yes"}')
    r = api.tap(cid, '/choose{"value": "recovery"}')
    return cid, r


def owners_plan_to_first_card(api):
    """An owner's plan (organisation, Danish) walked to its first action card, which names the first
    steps written for the first theme ("Brug det, I skrev"): (conversation id, the card's question)."""
    cid = api.start("organisation", "da")["id"]
    api.answer(cid, "Tømrerfirmaet Holm")
    api.answer(cid, "mig selv")
    api.say(cid, "det er jo mig der er topledelsen")
    r = api.answer(cid, "starter i januar og kører foråret")
    r = api.tap(cid, button(r, "Pauser og restitution"))
    r = api.answer(cid, "Trætte ledere laver dyre fejl")
    r = api.tap(cid, button(r, "Sparring og støtte"))
    r = api.answer(cid, "Ensomme ledere siger op")
    r = api.tap(cid, button(r, "På et ledermøde"))
    r = api.say(cid, "i uge 3 2027")
    r = api.tap(cid, button(r, "Ja, det passer"))
    for i in range(2):
        r = api.answer(cid, f"Lederne holder pauser, runde {i}")
        r = api.answer(cid, f"Travlhed, runde {i}")
        r = api.answer(cid, f"Fast frokostpause for alle ledere, runde {i}")
    return cid, r


# What to_review taps and types, per language.
BRIEFLY = {
    "da": {
        "own": "Mit eget tema",
        "skip": ("Spring over", "To temaer er nok"),
        "theme": "Tryghed og tillid",
        "answer": "Mere ro i hverdagen",
    },
    "en": {
        "own": "My own theme",
        "skip": ("Skip", "Two themes are enough"),
        "theme": "Safety and trust",
        "answer": "More calm in my day",
    },
}


def to_review(api, cid, reply, language="da"):
    """Answers briefly (or skips) until the review of all answers is shown."""
    briefly = BRIEFLY[language]
    for _ in range(40):
        if reply["progress"]["step"] == reply["progress"]["total"] - 1:
            return reply
        offered = buttons(reply)
        if briefly["own"] in offered:
            reply = api.tap(cid, offered[briefly["own"]])
        elif any(title in offered for title in briefly["skip"]):
            reply = api.tap(cid, "/skip")
        elif briefly["theme"] in offered:
            reply = api.tap(cid, offered[briefly["theme"]])
        else:
            reply = api.answer(cid, briefly["answer"])
    raise AssertionError(f"no review after 40 turns: {texts(reply)}")


def leader_script():
    return [
        '/choose{"value": "yes"}',
        '/choose{"value": "recovery"}',
        "Søndagene er fri",
        "Telefonen om aftenen",
        "Lydløs efter kl. 19",
        '/choose{"value": "support"}',
        "Min makker",
        "At stå alene",
        "Ringe til netværket",
        "/skip",
        "Gå tur med hunden",
        "Spørge om hjælp",
        "Færre mails",
        "Frokost væk fra skrivebordet",
        "Når sæsonen er slut",
        "Jeg sover bedre",
        "Min kone",
        '/choose{"value": "Min nærmeste leder"}',
        "At aftenerne løber fra mig",
        "At vi deler vagttelefonen",
        "Efter morgenmødet",
    ]


def buttons(reply):
    return {b["title"]: b["payload"] for m in reply["messages"] for b in m.get("buttons", [])}


def placed_texts(pdf: bytes) -> List[Tuple[int, float, float, str]]:
    """Every line of text in a PDF with its page and position (x from the left, y from the bottom)."""
    placed: List[Tuple[int, float, float, str]] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):

        def visit(text, cm, tm, _font, _size, number=number):
            if text.strip():
                x, y = tm[4] * cm[0] + tm[5] * cm[2] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                placed.append((number, x, y, " ".join(text.split())))

        page.extract_text(visitor_text=visit)
    return placed


def answers_not_under_their_labels(pdf: bytes, pairs: Sequence[Tuple[str, str]]) -> List[Tuple[str, str]]:
    """The (label, answer) pairs a reader would not find as asked: each answer must be printed once,
    and the nearest label to it, above it in its column or before it on its line, must be its own.
    Read from positions, so it holds for one column, a grid or a box (labels may be in capitals)."""
    labels = {label.lower() for label, _ in pairs}
    placed = placed_texts(pdf)
    found_labels = [
        (p, x, y, t.lower()) for p, x, y, t in placed if any(lab.startswith(t.lower()) for lab in labels) and len(t) >= 4
    ]
    wrong = []
    for label, answer in pairs:
        # an answer's first line (less a hyphen where a word was broken) starts the answer
        at = [(p, x, y) for p, x, y, t in placed if answer.startswith(t.rstrip("\u2010-")) and len(t) >= min(len(answer), 6)]
        if len(at) != 1:
            wrong.append((label, answer))
            continue
        page, x, y = at[0]
        near = [
            (abs(ly - y) + abs(lx - x), text)
            for p, lx, ly, text in found_labels
            if p == page and ((abs(lx - x) < 3 and 0 < ly - y < 80) or (abs(ly - y) < 2 and lx < x))
        ]
        if not near or not label.lower().startswith(min(near)[1]):
            wrong.append((label, answer))
    return wrong

"""Værktøj 2 on the shared screen: from "Vi holder mødet nu" on, the group reads along, so nothing
the leader wrote for themselves (their "why now") is shown in the chat again. It stays in their
own part of the meeting guide (a user test found it in the review on the projector)."""

from __future__ import annotations

import json

import pytest

import catalogue
from tests.support.client import pdf_text

pytestmark = pytest.mark.e2e

# The leader's own question, as the guide asks it (the texts change; the step stays).
WHY = catalogue.tool("group").known_step("group_why_now").spec["ask"]
CONTINUE = '/choose{"value": "__continue__"}'
PRIVATE = {
    "da": "Ærligt talt fordi min kone og jeg skændes for meget om firmaet",
    "en": "Honestly, because my wife and I argue too much about the business",
}
PRIVATE_WORDS = {"da": "skændes for meget om firmaet", "en": "argue too much about the business"}


def shown(reply) -> str:
    """Everything a reply puts on the screen: texts, buttons and document titles."""
    parts = []
    for m in reply["messages"]:
        parts.append(m.get("text", ""))
        parts += [b["title"] for b in m.get("buttons", [])]
        parts.append((m.get("document") or {}).get("title", ""))
    return "\n".join(parts)


def squashed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["da", "en"])
def test_a_private_answer_is_never_on_the_shared_screen_and_stays_in_the_leaders_guide(api, language):
    cid = api.start("group", language)["id"]
    for text in ["Ledergruppen i Hansen VVS", "5", "Tirsdag i uge 5 kl. 8"]:
        reply = api.answer(cid, text)
    if "/keep" in {b["payload"] for m in reply["messages"] for b in m.get("buttons", [])}:
        reply = api.tap(cid, "/keep")  # the meeting's date read back: "Ja, det passer"
    assert reply["messages"][-1]["text"] == WHY[language]
    api.answer(cid, PRIVATE[language])
    api.tap(cid, '/choose{"value": "trust"}')
    api.tap(cid, '/choose{"value": "workload"}')
    reply = api.tap(cid, "/skip")  # two themes: the guide is offered
    guide_url = next(m["document"]["url"] for m in reply["messages"] if "document" in m)

    # The meeting: everything from here on is on the shared screen, and the reply says so.
    assert "shared" not in reply
    on_screen = [api.tap(cid, CONTINUE)]
    assert on_screen[0]["shared"] is True
    # A reload in the meeting shows the meeting only, not the preparation above it.
    status, again, _ = api.call("GET", f"/api/v1/conversations/{cid}")
    assert status == 200 and again["shared"] is True
    assert PRIVATE_WORDS[language] not in squashed(json.dumps(again["messages"], ensure_ascii=False))
    assert again["messages"][0]["from"] == "bot" and again["messages"][-1]["text"] == on_screen[0]["messages"][-1]["text"]
    for n in range(6):
        on_screen.append(api.answer(cid, f"Det sagde vi på mødet {n}"))
    for n in range(8):
        on_screen.append(api.answer(cid, f"Mette tager punkt {n}"))
    on_screen.append(api.answer(cid, "15. marts 2027" if language == "da" else "15 March 2027"))
    on_screen.append(api.tap(cid, "/keep"))  # the date read back: "Ja, det passer"
    review = on_screen[-1]
    assert review["progress"]["label"] in ("Gennemsyn", "Review"), review
    # Changing an answer in front of the group: the list, an answer changed, the review again.
    on_screen.append(api.tap(cid, "/change"))
    offered = {b["payload"] for b in on_screen[-1]["messages"][-1]["buttons"]}
    if not any("group_group_name" in p for p in offered):  # many answers: by part first
        on_screen.append(api.tap(cid, next(p for p in offered if '"about"' in p)))
        offered = {b["payload"] for b in on_screen[-1]["messages"][-1]["buttons"]}
    edit = next(p for p in offered if "group_group_name" in p)
    on_screen.append(api.tap(cid, edit))
    on_screen.append(api.answer(cid, "Ledergruppen i Hansen VVS og Søn"))
    on_screen.append(api.tap(cid, '/choose{"value": "confirm"}'))
    assert on_screen[-1]["state"] == "completed"
    status, transcript, _ = api.call("GET", f"/api/v1/conversations/{cid}")
    assert PRIVATE_WORDS[language] not in squashed(json.dumps(transcript["messages"], ensure_ascii=False))
    assert "Mette tager punkt 7" in json.dumps(transcript["messages"], ensure_ascii=False)

    screen = squashed("\n".join(shown(r) for r in on_screen))
    assert "Ledergruppen i Hansen VVS og Søn" in screen and "Mette tager punkt 7" in screen  # the review was there
    assert PRIVATE_WORDS[language] not in screen
    assert not any("why_now" in b["payload"] for r in on_screen for m in r["messages"] for b in m.get("buttons", []))

    # The documents made for the group hold none of it either.
    for m in on_screen[-1]["messages"]:
        if "document" in m:
            status, pdf, _ = api.call("GET", m["document"]["url"])
            assert status == 200
            assert PRIVATE_WORDS[language] not in squashed(pdf_text(pdf)), m["document"]["kind"]
            if m["document"].get("save_url"):  # the file to keep, on the one document that has it
                status, saved, _ = api.call("GET", m["document"]["save_url"])
                assert PRIVATE_WORDS[language] not in json.dumps(saved, ensure_ascii=False)

    # The leader's own guide still has it, in the part that is only for them.
    status, guide, _ = api.call("GET", guide_url)
    assert status == 200
    text = squashed(pdf_text(guide))
    mine = "Kun til dig, der leder mødet" if language == "da" else "Just for you, as the one leading the meeting"
    assert PRIVATE_WORDS[language] in text
    assert text.index(mine) < text.index(PRIVATE_WORDS[language])

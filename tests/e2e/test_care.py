"""After the care message, through the real stack: what a leader wrote in acute distress is never
their answer and never printed; going on asks the same question again."""

from __future__ import annotations

import pytest

from tests.support.client import button, texts
from tests.support.walkthrough import assert_in_pdf, finish, squash, to_first_text_question, to_review

pytestmark = pytest.mark.e2e

DISCLOSURE = {"da": "jeg har tænkt på at tage mit liv", "en": "I have been thinking about taking my life"}
ANSWER = {"da": "Korte gåture i frokostpausen", "en": "Short walks at lunchtime"}
CARRY_ON = {"da": "Fortsæt", "en": "Carry on"}


def asked(reply) -> str:
    """The question the bot asks last."""
    return [m["text"] for m in reply["messages"] if m.get("text")][-1]


def disclosed_at_what_works(api, language):
    cid, question = to_first_text_question(api, language)
    r = api.say(cid, DISCLOSURE[language])
    assert "112" in texts(r) and "70 201 201" in texts(r)
    assert asked(question) not in texts(r) and r["progress"] == question["progress"]
    return cid, question, r


def answer_and_finish(api, cid, question, r, language):
    """The same question again, a real answer, the rest briefly, the PDF: never the disclosure."""
    assert asked(r) == asked(question) and r["progress"] == question["progress"]
    r = api.answer(cid, ANSWER[language])
    assert r["progress"]["step"] == question["progress"]["step"] + 1
    review = to_review(api, cid, r, language)
    assert ANSWER[language] in texts(review) and DISCLOSURE[language] not in texts(review)
    _, _, pdf = finish(api, cid, review, language)
    assert_in_pdf(pdf, [ANSWER[language]])
    assert squash(DISCLOSURE[language]) not in squash(pdf)
    assert ("mit liv" if language == "da" else "my life") not in " ".join(pdf.split())


@pytest.mark.parametrize("language", ["da", "en"])
def test_carry_on_after_the_care_message_asks_again_and_the_pdf_never_holds_the_disclosure(api, language):
    cid, question, r = disclosed_at_what_works(api, language)
    r = api.tap(cid, button(r, CARRY_ON[language]))
    answer_and_finish(api, cid, question, r, language)


def test_typed_ways_on_after_the_care_message_keep_nothing(api):
    cid, question, r = disclosed_at_what_works(api, "da")
    r = api.say(cid, "det er bare svært")  # not "go on": where to find help again, no question pushed
    assert "Livslinien" in texts(r) and asked(question) not in texts(r)
    r = api.say(cid, "videre")  # "skip" to the classifier: here it is "go on", the question is not skipped
    answer_and_finish(api, cid, question, r, "da")


def test_a_pause_after_the_care_message_then_carrying_on_days_later_asks_again(api):
    cid, question, r = disclosed_at_what_works(api, "da")
    r = api.tap(cid, button(r, "Hold pause"))
    assert "gemt" in texts(r)
    r = api.say(cid, "ok lad os fortsætte")
    answer_and_finish(api, cid, question, r, "da")

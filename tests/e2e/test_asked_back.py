"""What the guide asks back when it is unsure, through the real stack: a loss told of someone else,
keeping the words when the leader says so in their own words, and two requests offered side by side.
The decisions are unit-tested in tests/actions/test_understanding.py and tests/actions/test_typed_buttons.py."""

from __future__ import annotations

import pytest

from tests.support.client import button, texts
from tests.support.walkthrough import assert_in_pdf, buttons, finish, owners_plan_to_first_card, to_first_text_question, to_review

pytestmark = pytest.mark.e2e

KEEP = "Gem det som mit svar"
LOSS = "Min kollega begik selvmord sidste år, siden har vi en psykolog vi kan ringe til"


def test_a_colleagues_suicide_is_met_as_a_loss_and_kept_as_the_answer_when_the_leader_says_so(api):
    cid, question = to_first_text_question(api)
    r = api.say(cid, LOSS)
    assert "Det lyder som et tab, der har sat sine spor" in texts(r)
    assert "112" not in texts(r)  # not the care message: the leader is asked, not assumed to be in danger
    assert r["progress"] == question["progress"] and KEEP in buttons(r)
    r = api.tap(cid, buttons(r)[KEEP])
    assert "Godt, det står nu som dit svar." in texts(r)
    assert r["progress"]["step"] == question["progress"]["step"] + 1
    review = to_review(api, cid, r)
    assert LOSS in texts(review)
    _, _, pdf = finish(api, cid, review)
    assert_in_pdf(pdf, [LOSS])


def test_keeping_the_words_asked_for_in_own_words_under_the_gentle_question_stores_them(api):
    cid, question = to_first_text_question(api)
    r = api.say(cid, LOSS)
    assert KEEP in buttons(r)
    r = api.say(cid, "nej det er fint, gem det bare som svar")
    assert r["progress"]["step"] == question["progress"]["step"] + 1, texts(r)
    review = to_review(api, cid, r)
    assert LOSS in texts(review) and "gem det bare" not in texts(review)


def test_acute_words_typed_as_the_keep_never_store_anything(api):
    cid, question = to_first_text_question(api)
    r = api.say(cid, LOSS)
    r = api.say(cid, "gem det bare, jeg vil ikke leve mere")
    assert "112" in texts(r) and "70 201 201" in texts(r)
    assert r["progress"] == question["progress"]
    r = api.tap(cid, button(r, "Fortsæt"))
    review = to_review(api, cid, api.answer(cid, "Korte gåture i frokostpausen"))
    assert "leve mere" not in texts(review) and LOSS not in texts(review)


# Messages where two requests are about equally likely for the model (carrying on or pausing,
# carrying on or starting over): the guide offers both. Which ones are borderline moves a little
# with each retraining, so every one offered both is walked, and at least one must be.
BOTH = [
    "Jeg vil gerne fortsætte den samtale jeg startede i sidste uge",
    "Kan jeg fortsætte den samtale, jeg afbrød i går?",
    "skal jeg holde pause nu eller bare fortsætte, hvad siger du",
    "hmm, pause eller fortsætte, ved ikke lige",
    "pause eller videre? ved ikke",
    "videre eller pause, aner det ikke",
    "ved ikke, pause eller videre",
]
# Requests that keep the leader at the same question, so what follows can be checked there.
IN_PLACE = {"Fortsæt", "Vis et eksempel", "Hvorfor spørger du?", "Hjælp mig i gang"}


def test_two_requests_about_as_likely_are_both_offered_and_the_second_is_done_when_tapped(api):
    offered = walked = 0
    for words in BOTH:
        cid, question = to_first_text_question(api)
        r = api.say(cid, words)
        requests = [title for title in buttons(r) if title != KEEP]
        if KEEP not in buttons(r) or len(requests) < 2:
            continue  # acted on, or asked about one request
        offered += 1
        assert " eller " in texts(r)
        second = requests[1]
        if second not in IN_PLACE:
            continue
        walked += 1
        tapped = api.tap(cid, buttons(r)[second])
        assert texts(tapped) != texts(r) and "Vælg en af knapperne" not in texts(tapped)
        assert tapped["progress"]["step"] == question["progress"]["step"]
        review = to_review(api, cid, api.answer(cid, "Søndagen er fri"))
        assert words not in texts(review)  # the words were a request, never the answer
    assert offered, "no message was offered two requests: REQUEST_SECOND in catalogue/intents.py moved?"
    assert walked, "no second request that stays at the question was offered: add a borderline message to BOTH"


def test_starting_over_typed_is_asked_first_and_done_on_a_typed_yes(api):
    cid, question = to_first_text_question(api)
    r = api.say(cid, "start forfra")
    assert "Så sletter jeg de svar, du har givet indtil nu" in texts(r) and "gemme" not in texts(r)
    assert r["progress"] == question["progress"] and set(buttons(r)) == {"Start forfra", "Fortsæt"}
    r = api.say(cid, "nej")  # nothing deleted: the same question again
    assert r["progress"] == question["progress"] and "fungerer allerede godt" in texts(r)
    r = api.say(cid, "start forfra")
    r = api.say(cid, "ja")
    assert "starter forfra" in texts(r) and r["progress"]["step"] == 1 and "leder over dig" in texts(r)


def test_a_yes_to_the_gentle_question_is_care_and_a_no_keeps_the_words(api):
    """A user walk typed "ja" under "Har du det svært lige nu – eller skal jeg gemme …?" and had "ja"
    stored as the answer, and "nej nej, jeg har det fint …" stored in place of the words it asked about."""
    cid, question = to_first_text_question(api)
    api.say(cid, LOSS)
    r = api.say(cid, "ja lidt faktisk")
    assert "112" in texts(r) and r["progress"] == question["progress"]
    cid, question = to_first_text_question(api)
    api.say(cid, LOSS)
    r = api.say(cid, "nej nej jeg har det fint nu, det var bare for at forklare. det må gerne gemmes")
    assert "Godt, det står nu som dit svar." in texts(r)
    assert r["progress"]["step"] == question["progress"]["step"] + 1
    review = to_review(api, cid, r)
    assert LOSS in texts(review) and "jeg har det fint nu" not in texts(review)


def test_taking_the_earlier_words_typed_in_own_words_takes_them(api):
    """A user walk's group typed "ja brug det vi skrev" under "Brug det, I skrev" and got the change menu."""
    cid, r = owners_plan_to_first_card(api)
    assert "Brug det, I skrev" in buttons(r)
    at = r["progress"]["step"]
    r = api.say(cid, "ja brug det vi skrev")
    assert "Hvilken del vil" not in texts(r) and r["progress"]["step"] == at + 1, texts(r)


def test_a_groups_size_typed_as_a_number_is_the_answer(api):
    """A user walk's group typed "vi er 4" and was asked the same question again ("we're back")."""
    cid = api.start("group", "da")["id"]
    r = api.answer(cid, "Ledergruppen i snedkeriet")
    assert "Hvor mange er I" in texts(r)
    r = api.say(cid, "vi er 4")
    assert "Hvornår holder I mødet" in texts(r), texts(r)


def test_same_as_before_at_the_next_theme_takes_the_earlier_answer_and_says_so(api):
    cid, question = to_first_text_question(api)
    r = api.answer(cid, "Korte gåture i frokostpausen")
    r = api.answer(cid, "Mails om aftenen")
    r = api.answer(cid, "Jeg bestemmer selv min kalender")
    r = api.tap(cid, button(r, "Sparring og støtte"))
    assert "fungerer allerede godt" in texts(r)
    r = api.say(cid, "samme som før")
    assert "Jeg skriver det samme som sidst: »Korte gåture i frokostpausen«." in texts(r), texts(r)
    review = to_review(api, cid, r)
    assert texts(review).count("Korte gåture i frokostpausen") == 2 and "samme som før" not in texts(review)


def test_changing_before_any_answer_and_words_typed_at_the_change_list_keep_nothing(api):
    cid = api.start("leader", "da")["id"]
    r = api.say(cid, "ret et svar")
    assert "intet at rette" in texts(r) and "leder over dig" in texts(r)
    cid, question = to_first_text_question(api)
    r = api.say(cid, "ret et svar")
    assert "Hvilket svar vil du rette?" in texts(r)
    r = api.say(cid, "det med temaet")
    assert "Tryk på det, du vil rette" in texts(r) and "note" not in texts(r)
    # the list is the last thing said, its buttons to tap: no open question after it (a user walk's)
    assert "fungerer allerede" not in texts(r) and r["messages"][-1].get("buttons")
    r = api.tap(cid, button(r, "Tilbage"))
    review = to_review(api, cid, api.answer(cid, "Korte gåture"))
    assert "det med temaet" not in texts(review)

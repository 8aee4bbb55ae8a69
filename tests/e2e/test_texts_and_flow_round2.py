"""Findings of the second user walk (issue 22), through the real stack (gateway, Rasa, action server):
the message to all leaders reads as a letter and a request to shorten it gets a shorter one; a card
builds on the first steps written just before; "hvad mener du med det?" at a reflection question
explains it; "ved ikke" at the ladder says to pick the closest and the ladder counts six; a follow-up
date on a Saturday is said to be one."""

from __future__ import annotations

import pytest

from tests.support.client import button, pdf_text, texts
from tests.support.walkthrough import assert_in_pdf, owners_plan_to_first_card

pytestmark = pytest.mark.e2e


def payloads(reply):
    return [b["payload"] for m in reply["messages"] for b in m.get("buttons", [])]


def titles(reply):
    return [b["title"] for m in reply["messages"] for b in m.get("buttons", [])]


def document_url(reply, kind):
    return next(m["document"]["url"] for m in reply["messages"] if m.get("document", {}).get("kind") == kind)


def test_an_owners_plan_writes_a_letter_builds_the_card_on_the_first_steps_and_shortens_the_message(api):
    cid, r = owners_plan_to_first_card(api)
    # The card for the first theme names the first steps written for it, and a button takes them.
    said = texts(r)
    assert "Som de første skridt skrev I: »Fast frokostpause for alle ledere, runde 0«." in said
    r = api.tap(cid, button(r, "Brug det, I skrev"))
    # each card's who, when and how it shows, as a leader answers them ("Svar 0 til det første
    # handlekort" read as a wish to change an answer after the seventh round's group-voice requests)
    for answer in ("Mette fra kontoret", "Fra uge 4", "Når alle har holdt frokostpause en måned"):
        r = api.answer(cid, answer)
    r = api.answer(cid, "Ny handling til det andet kort")  # own words instead of the first steps
    for answer in ("Jonas på lageret", "Fra februar", "Når alle har haft en sparring"):
        r = api.answer(cid, answer)

    letter = texts(r)
    assert "Jeg står selv for arbejdet. Som øverste leder bakker jeg fuldt op om det." in letter
    assert "erfaringer og idéer: på et ledermøde i uge 3 (18.–22. januar 2027)." in letter
    assert "Tidsplanen ser groft sådan ud: starter i januar og kører foråret." in letter
    for label in ("Tovholder:", "Opbakning i ledelsen:", "Tidsplan:", "mig selv", "(i uge"):
        assert label not in letter

    r = api.say(cid, "kan du goere den kortere")
    shorter = texts(r)
    assert shorter.startswith("Her er en kortere udgave:") and "/keep" not in payloads(r)  # no "Gem det som …"
    assert "Tidsplanen" not in shorter and "Jeg står selv for arbejdet." in shorter
    r = api.tap(cid, button(r, "Brug den korte udgave"))
    assert "Hvordan melder ledere og ledergrupper tilbage" in texts(r)
    r = api.answer(cid, "To linjer om måneden")
    r = api.say(cid, "1. juni 2027")
    r = api.tap(cid, button(r, "Ja, det passer"))
    assert "Opbakning i topledelsen: Jeg er selv topledelsen" in texts(r)  # the review keeps the label
    done = api.tap(cid, button(r, "lav dokumentet"))
    status, body, _ = api.call("GET", document_url(done, "organisation-plan"))
    plan = pdf_text(body)
    assert_in_pdf(plan, ["Nu sætter vi fokus på jeres trivsel. Vi begynder med", "Jeg står selv for arbejdet."])
    status, body, _ = api.call("GET", document_url(done, "action-cards"))
    assert_in_pdf(pdf_text(body), ["Fast frokostpause for alle ledere, runde 0", "Ny handling til det andet kort"])


def test_make_it_shorter_in_english_is_never_saved_as_the_message(api):
    cid = api.start("organisation", "en")["id"]
    api.answer(cid, "Holm Carpentry")
    r = api.answer(cid, "Karin")
    r = api.tap(cid, button(r, "Skip"))
    r = api.tap(cid, button(r, "Skip"))
    r = api.tap(cid, button(r, "Breaks and recovery"))
    r = api.answer(cid, "Tired leaders make costly mistakes")
    r = api.tap(cid, button(r, "Support and a sounding board"))
    r = api.answer(cid, "Lonely leaders leave")
    r = api.tap(cid, button(r, "At a leaders' meeting"))
    r = api.tap(cid, button(r, "Skip"))
    # answers as leaders write them ("Answer 2" alone reads as asking to change answer 2)
    for i in range(6):
        r = api.answer(cid, f"Leaders meet in pairs once a month, round {i}")
    for i in range(8):
        r = api.answer(cid, f"A fixed lunch break for every leader, card {i}")
    assert "Karin is leading the work and holding it all together." in texts(r)
    r = api.say(cid, "make it shorter")
    assert texts(r).startswith("Here's a shorter version:") and "Use the short version" in titles(r)
    assert "/keep" not in payloads(r) and r["progress"]["label"] == "Announcement"


def test_what_do_you_mean_at_a_reflection_question_explains_it_and_asks_again(api):
    start = api.start("leader", "da")
    cid = start["id"]
    r = api.tap(cid, button(start, "Nej, jeg er selv øverst"))
    r = api.tap(cid, button(r, "Pauser og restitution"))
    assert "Hvad fungerer allerede godt for dig?" in texts(r)
    r = api.say(cid, "hvad mener du med det?")
    said = texts(r)
    assert "Tænk på »Pauser og restitution« i din egen hverdag" in said
    assert "Det, der virker, er det nemmeste at bygge videre på" not in said  # the reason is for "hvorfor"
    assert "Hvad fungerer allerede godt for dig?" in said  # the question again
    r = api.tap(cid, button(r, "Hvorfor spørger du?"))
    assert "Det, der virker, er det nemmeste at bygge videre på" in texts(r)


def test_dont_know_at_the_ladder_says_pick_the_closest_and_the_ladder_counts_six(api):
    start = api.start("maturity", "da")
    cid = start["id"]
    assert "Her får I seks korte spørgsmål" in texts(start)
    assert (start["progress"]["step"], start["progress"]["total"]) == (1, 6)
    r = api.tap(cid, button(start, "Vi ved, at det er et emne"))
    r = api.tap(cid, button(r, "Enkelte, på eget initiativ"))
    r = api.tap(cid, button(r, "Sjældent"))
    r = api.tap(cid, button(r, "Det er på vej"))
    assert r["progress"]["step"] == 5
    r = api.say(cid, "ved ikke")
    said = texts(r)
    assert "Vælg det svar, der ligger tættest på" in said and "falder" not in said
    assert "Vi finder en løsning sammen" in titles(r) and r["progress"]["step"] == 5
    r = api.tap(cid, button(r, "Vi finder en løsning sammen"))
    r = api.tap(cid, button(r, "Den går forrest"))
    assert (r["progress"]["step"], r["progress"]["total"]) == (6, 6)  # the review
    done = api.tap(cid, button(r, "lav dokumentet"))
    assert (done["progress"]["step"], done["progress"]["total"]) == (6, 6)


def test_the_groups_action_builds_on_what_they_would_try_and_a_saturday_is_said_to_be_one(api):
    cid = api.start("group", "da")["id"]
    api.answer(cid, "Ledergruppen i Hansen VVS")
    api.answer(cid, "4")
    r = api.answer(cid, "efter sommerferien")
    r = api.answer(cid, "Vi har haft et travlt år")
    r = api.tap(cid, button(r, "Pauser og restitution"))
    r = api.tap(cid, button(r, "Sparring og støtte"))
    r = api.tap(cid, button(r, "To temaer er nok"))
    r = api.tap(cid, button(r, "Vi holder mødet nu"))
    r = api.say(cid, "ved ikke")
    assert "falder jer ind" in texts(r) and "falder dig ind" not in texts(r)  # the group is "I"
    for theme in range(2):
        r = api.answer(cid, f"Vi holder frokost sammen, tema {theme}")
        r = api.answer(cid, f"Telefonen ringer hele tiden, tema {theme}")
        r = api.answer(cid, f"Telefonfri frokost tre dage om ugen, tema {theme}")
    said = texts(r)
    assert "Om »Pauser og restitution« ville I prøve: »Telefonfri frokost tre dage om ugen, tema 0«." in said
    assert "Hvilken konkret handling" not in said
    r = api.tap(cid, button(r, "Brug det, I skrev"))
    assert "Hvem er tovholder på den?" in texts(r)
    for answer in ("Mette", "efter sommerferien", "Vi får spist", "Jens", "efter sommerferien", "Vi taler mere sammen"):
        r = api.answer(cid, answer)
        if "ville I prøve" in texts(r):
            r = api.tap(cid, button(r, "Brug det, I skrev"))
    r = api.say(cid, "6/3 2027")
    assert "Jeg skriver »lørdag 6. marts 2027«. Det er en lørdag – passer det?" in texts(r)
    r = api.tap(cid, button(r, "Nej, en anden dag"))
    assert "Hvornår følger I op på aftalen?" in texts(r)
    r = api.say(cid, "5/3 2027")
    assert "Jeg skriver »fredag 5. marts 2027« – passer det?" in texts(r)

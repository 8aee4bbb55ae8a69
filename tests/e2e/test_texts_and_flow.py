"""Findings of a user test, through the real stack (gateway, Rasa, action server): a question about a
button question's term is explained and the question asked again with its buttons; an owner can say
they are top management; the change list offers only given answers in short lists and the question
asked again names its theme; the message to all leaders uses the backing, timeline and how leaders
are heard; after the document, an answer to change is asked again and the new document prints it."""

from __future__ import annotations

import pytest

from tests.support.client import button, pdf_text, texts
from tests.support.walkthrough import assert_in_pdf, finish, leader_script, squash

pytestmark = pytest.mark.e2e


def titles(reply):
    return [b["title"] for m in reply["messages"] for b in m.get("buttons", [])]


def document_url(reply, kind):
    return next(m["document"]["url"] for m in reply["messages"] if m.get("document", {}).get("kind") == kind)


def fetch_pdf(api, url):
    status, body, _ = api.call("GET", url)
    assert status == 200, (url, status)
    return pdf_text(body)


def test_asking_what_initiativer_means_explains_it_and_asks_again_with_buttons(api):
    start = api.start("maturity", "da")
    cid = start["id"]
    r = api.tap(cid, button(start, "Vi ved, at det er et emne"))
    r = api.say(cid, "hvad mener du med initiativer?")
    said = texts(r)
    assert "Med initiativer mener jeg" in said and "falder dig ind" not in said
    assert "Er der taget initiativer" in said  # the question again, after the explanation
    assert {"Nej", "Enkelte, på eget initiativ", "Ja, planlagte initiativer"} <= set(titles(r))
    assert r["progress"]["step"] == 2


def test_an_owner_answers_the_ladder_as_top_management_and_the_page_says_so(api):
    start = api.start("maturity", "da")
    cid = start["id"]
    r = api.tap(cid, button(start, "Vi ved, at det er et emne"))
    r = api.tap(cid, button(r, "Enkelte, på eget initiativ"))
    r = api.tap(cid, button(r, "Sjældent"))
    r = api.tap(cid, button(r, "Det er på vej"))
    r = api.tap(cid, button(r, "Det bliver hørt"))
    assert "Jeg er selv topledelsen" in titles(r)
    r = api.say(cid, "det er jo mig der er topledelsen")
    assert "Jeg skriver »Jeg er selv topledelsen«" in texts(r)
    r = api.tap(cid, button(r, "Det passer"))
    assert "Opbakning: Jeg er selv topledelsen" in texts(r)  # the review
    done = api.tap(cid, button(r, "lav dokumentet"))
    assert "I står på trin 2 af 6" in texts(done)  # the other five answers place the organisation
    assert_in_pdf(fetch_pdf(api, document_url(done, "maturity-ladder")), ["Opbakning", "Jeg er selv topledelsen"])


def test_the_plan_drafts_its_message_from_the_answers_and_changing_one_names_its_theme(api):
    cid = api.start("organisation", "da")["id"]
    api.answer(cid, "Tømrerfirmaet Holm")
    api.answer(cid, "Karin")
    r = api.say(cid, "det er jo mig der er topledelsen")
    assert "Jeg skriver »Jeg er selv topledelsen«." in texts(r)
    r = api.answer(cid, "Plan klar i januar, handlekort fra marts")
    r = api.tap(cid, button(r, "Pauser og restitution"))
    r = api.answer(cid, "Trætte ledere laver dyre fejl")
    r = api.tap(cid, button(r, "Sparring og støtte"))
    r = api.answer(cid, "Ensomme ledere siger op")
    r = api.tap(cid, button(r, "På et ledermøde"))
    r = api.answer(cid, "I februar")
    for i in range(6):
        r = api.answer(cid, f"Lederne mødes to og to, runde {i}")
    for i in range(8):
        r = api.answer(cid, f"Svar {i} til handlekortet")
    draft = texts(r)
    assert "Karin er tovholder og holder i trådene. Som øverste leder bakker jeg fuldt op om det." in draft
    assert "Tidsplanen ser groft sådan ud: plan klar i januar, handlekort fra marts." in draft
    assert "erfaringer og idéer: på et ledermøde i februar." in draft
    r = api.tap(cid, button(r, "Brug udkastet"))
    r = api.answer(cid, "Hver ledergruppe sender to linjer om måneden")
    r = api.say(cid, "1. juni 2027")
    r = api.tap(cid, button(r, "Ja, det passer"))
    assert "Gennemsyn" in r["progress"]["label"]

    # Ret et svar: short lists, by part; the card's "Hvem" asked again with its theme named.
    r = api.tap(cid, button(r, "Ret et svar"))
    offered = [t for t in titles(r) if t != "Tilbage"]  # at most 8 to choose from, and the way back
    assert len(offered) <= 8 and not any(t.startswith("Tema 3") for t in offered) and titles(r)[-1] == "Tilbage"
    r = api.tap(cid, button(r, "Handlekort"))
    assert 1 < len([t for t in titles(r) if t != "Tilbage"]) <= 8
    r = api.tap(cid, button(r, "Sparring og støtte: Sådan følger vi op"))
    assert "I retter jeres svar om »Sparring og støtte«." in texts(r) and "Hvordan følger I op på kortet" in texts(r)
    r = api.tap(cid, button(r, "Vis et eksempel"))
    assert "Sparringstimerne bliver holdt" in texts(r)  # the example is about the card's theme
    r = api.answer(cid, "Jens spørger ind hver måned")
    assert "Gennemsyn" in r["progress"]["label"]
    done = api.tap(cid, button(r, "lav dokumentet"))
    plan = fetch_pdf(api, document_url(done, "organisation-plan"))
    assert_in_pdf(plan, ["Som øverste leder bakker jeg fuldt op om det.", "Tidsplanen ser groft sådan ud: plan klar i januar"])


def test_after_the_document_changing_when_asks_it_again_and_the_new_document_prints_the_new_answer(api):
    """A user walk: with the document made, "Ret et svar" → "Din aftale" → "Hvornår" went straight to the
    review, which showed "Hvornår: leader_first_step_when", and the new PDF printed it; changing "Det
    fungerer" then asked "Hvornår går du i gang?" instead."""
    cid = api.start("leader", "da")["id"]
    done, _, pdf = finish(api, cid, api.play(cid, leader_script()))
    assert_in_pdf(pdf, ["Når sæsonen er slut"])

    r = api.tap(cid, button(done, "Ret et svar"))
    r = api.tap(cid, button(r, "Din aftale"))
    r = api.tap(cid, button(r, "Hvornår"))
    assert "Hvornår går du i gang?" in texts(r) and "Her er det hele samlet" not in texts(r)
    r = api.say(cid, "3. marts 2028")
    assert "Jeg skriver »fredag 3. marts 2028«" in texts(r)
    r = api.tap(cid, button(r, "Ja, det passer"))
    assert "Hvornår: fredag 3. marts 2028" in texts(r) and "leader_" not in texts(r)  # the review
    done, _, pdf = finish(api, cid, r)
    assert_in_pdf(pdf, ["Hvornår", "fredag 3. marts 2028"])
    assert "leader_" not in squash(pdf).lower() and "Når sæsonen er slut" not in pdf

    # Another answer after the new document: its own question, the date not read back again.
    r = api.tap(cid, button(done, "Ret et svar"))
    r = api.tap(cid, button(r, "Dine temaer"))
    r = api.tap(cid, button(r, "Pauser og restitution: Det fungerer"))
    said = texts(r)
    assert "Hvad fungerer allerede godt for dig?" in said and "Hvornår går du i gang?" not in said and "Jeg skriver" not in said
    done, _, pdf = finish(api, cid, api.answer(cid, "Weekender uden mail"))
    assert_in_pdf(pdf, ["Weekender uden mail", "fredag 3. marts 2028", "Min makker"])
    assert "leader_" not in squash(pdf).lower() and "Søndagene er fri" not in pdf

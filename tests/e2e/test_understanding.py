"""Understanding leaders who type the way people talk, through the real stack.

The decision rules are unit-tested in tests/actions/test_understanding.py and the
trained models are measured on held-out messages by `make eval`; here the real
Rasa, action server and gateway show what a leader sees.
"""

from __future__ import annotations

import pytest

import catalogue
from tests.support.client import button, texts
from tests.support.walkthrough import buttons, to_first_text_question, to_review

pytestmark = pytest.mark.e2e


def transcript_count(api, cid, text):
    _, body, _ = api.call("GET", f"/api/v1/conversations/{cid}")
    return sum(1 for m in body["messages"] if m["from"] == "leader" and m["text"] == text)


# Explicit statements of suicidal thoughts, none of them a trained phrase: each must
# get the care message, wherever in the conversation it comes.
SUICIDAL = [
    ("da", "jeg har overvejet at tage livet af mig"),
    ("da", "har tænkt meget på selvmord den sidste tid"),
    ("da", "jeg vil ikke leve mere"),
    ("da", "nogle gange tænker jeg at det var bedst hvis jeg tog mit eget liv"),
    ("da", "jeg har lyst til at slå mig selv ihjel"),
    ("da", "jeg har tanker om at gøre en ende på det hele"),
    ("en", "i've been thinking about killing myself"),
    ("en", "honestly I want to die"),
    ("en", "I have thoughts of ending my life"),
    ("en", "i dont want to live anymore"),
    ("en", "sometimes I think about suicide on the drive home"),
]


@pytest.mark.parametrize("language,text", SUICIDAL)
def test_every_explicit_suicidal_statement_gets_care_and_no_more_questions(api, language, text):
    cid, question = to_first_text_question(api, language)
    r = api.say(cid, text)
    said = texts(r)
    assert "112" in said and "70 201 201" in said, said
    assert r["progress"] == question["progress"], "no next question after a leader says this"


def test_an_ordinary_answer_with_hard_words_gets_no_alarm(api):
    cid, question = to_first_text_question(api)
    for answer in ("Vi er helt nede på to mand i weekenden", "Folk er stressede i højsæsonen, det smitter"):
        r = api.say(cid, answer)
        assert "112" not in texts(r) and "Livslinien" not in texts(r)
        assert r["progress"]["step"] == question["progress"]["step"] + 1, texts(r)
        question = r


def test_strain_gets_a_warm_check_in_and_its_words_go_in_the_document_only_when_asked(api):
    """A user walk found "orker ikk mere, sover ikke" printed under "Det fungerer" in the agreement."""
    cid, question = to_first_text_question(api)
    words = "ærligt talt er jeg ved at gå ned med stress"
    r = api.say(cid, words)
    said = texts(r)
    assert "kommer kun i dokumentet, hvis du selv vil have det med" in said and "112" not in said
    offered = buttons(r)
    assert offered.get("Fortsæt") == "/resume" and offered.get("Gem det som mit svar") == "/keep"
    assert "Hold pause" in offered and "Hvor kan jeg få hjælp?" in offered
    help_reply = api.tap(cid, offered["Hvor kan jeg få hjælp?"])
    assert "70 201 201" in texts(help_reply)
    r = api.tap(cid, "/resume")
    assert r["progress"] == question["progress"]  # going on asks the same question: nothing kept
    r = api.say(cid, "det går lidt bedre med pauserne")
    assert r["progress"]["step"] == question["progress"]["step"] + 1
    # the words that led to the care message ("Hvor kan jeg få hjælp?") are held back on a reload
    assert transcript_count(api, cid, words) == 0
    assert transcript_count(api, cid, catalogue.message("care_held", "da")) == 1
    # Asked to keep it, it is the answer.
    cid, question = to_first_text_question(api)
    r = api.say(cid, words)
    r = api.tap(cid, buttons(r)["Gem det som mit svar"])
    assert "det står nu som dit svar" in texts(r) and r["progress"]["step"] == question["progress"]["step"] + 1


@pytest.mark.parametrize("words", ["jeg sover dårligt for tiden", "for mange opgaver, for få folk. jeg sover dårligt for tiden"])
def test_sleeping_badly_for_a_while_gets_the_check_in(api, words):
    """A user test's answer: it went on to the next question, and into the shared meeting notes."""
    cid, question = to_first_text_question(api)
    r = api.say(cid, words)
    assert "klogt at tage det alvorligt" in texts(r) and "Fortsæt" in buttons(r)
    assert r["progress"] == question["progress"]  # the next question waits for the leader


@pytest.mark.parametrize("words", ["hvornår?", "hvem?", "hvad?"])
def test_a_question_word_typed_back_is_a_question_not_the_answer(api, words):
    """A user test typed "when?" at "When will you start?" and found "When: when?" on the card."""
    cid, question = to_first_text_question(api)
    r = api.say(cid, words)
    assert r["progress"] == question["progress"]  # not answered: the same question, explained
    assert "/keep" not in buttons(r).values()  # not offered to be kept as the answer either


def test_requests_in_natural_words_are_understood(api):
    cid, question = to_first_text_question(api)
    r = api.say(cid, "kan du vise mig hvordan et svar kunne se ud")
    assert "For eksempel:" in texts(r) and r["progress"] == question["progress"]
    r = api.say(cid, "I'd like to switch to English please")
    assert "carry on in English" in texts(r)
    r = api.say(cid, "can we go back to the previous question")
    assert "go back a step" in texts(r)


def test_a_typed_no_thanks_at_a_yes_no_question_is_the_answer(api):
    cid = api.start("leader", "da")["id"]
    r = api.say(cid, "nej tak, jeg ejer selv butikken")
    assert r["progress"]["step"] == 2, texts(r)
    assert "Leder over mig: Nej, jeg er selv øverst" in texts(to_review(api, cid, r))


# Messages the model is likely to be unsure about (a request, or the answer?).
BORDERLINE = [
    "kunne godt bruge et eksempel fra en anden leder",
    "skal vi ikke bare videre",
    "et eksempel kunne være godt",
    "måske skulle jeg springe den her over",
    "tja, hvorfor egentlig",
    # a request in one clause of a longer answer is asked about, never acted on (at its end it is acted on:
    # the last clause is what the leader wants now)
    "kunne du ikke vise mig hvordan andre har svaret på det her, for vi holder gode møder om mandagen og det fungerer",
    "vi holder gode møder om mandagen, men et eksempel fra en anden ville måske hjælpe mig lidt, for det fungerer egentlig fint",
]


def asked_about(api):
    """Each borderline message the guide asks about, typed at the first open question of a
    new conversation: (conversation id, the question, the reply with the clarifying question)."""
    for words in BORDERLINE:
        cid, question = to_first_text_question(api)
        reply = api.say(cid, words)
        if "Gem det som mit svar" in buttons(reply):
            yield words, cid, question, reply


def test_an_unsure_message_is_asked_about_and_kept_word_for_word_when_it_was_the_answer(api):
    asked = 0
    for words, cid, question, r in asked_about(api):
        asked += 1
        assert "eller skal jeg gemme det, du skrev, som dit svar?" in texts(r)
        assert r["progress"] == question["progress"]  # nothing else asked meanwhile
        r = api.tap(cid, buttons(r)["Gem det som mit svar"])
        assert r["progress"]["step"] == question["progress"]["step"] + 1, texts(r)
        assert transcript_count(api, cid, words) == 1
        # Stored once, as the answer to the question it was typed at, and shown in the review.
        assert texts(to_review(api, cid, r)).count(words) == 1
    assert asked, "none of the borderline messages was asked about: the bars in catalogue/intents.py moved?"


def test_tapping_the_request_on_an_unsure_message_does_it_and_stores_nothing(api):
    for words, cid, question, r in asked_about(api):
        request = next(title for title in buttons(r) if title != "Gem det som mit svar")
        if request in ("Spring over", "Tilbage"):
            continue  # these move to another question; this test stays at the one asked
        r = api.tap(cid, buttons(r)[request])
        assert r["progress"] == question["progress"]
        r = api.say(cid, "Søndagen er fri")
        assert r["progress"]["step"] == question["progress"]["step"] + 1
        assert transcript_count(api, cid, words) == 1  # said once in the chat...
        assert words not in texts(to_review(api, cid, r))  # ...and not stored as an answer
        return
    pytest.fail("none of the borderline messages was asked about")


def test_own_words_for_a_theme_are_kept_and_shown_in_the_review(api):
    cid = api.start("leader", "da")["id"]
    api.tap(cid, '/choose{"value": "yes"}')
    words = "ingen at vende tingene med når det brænder på"
    r = api.say(cid, words)
    offered = buttons(r)
    if "Mit eget tema" in offered:  # unsure: the likeliest themes are offered, words kept
        r = api.tap(cid, offered["Sparring og støtte"])
    assert "Sparring og støtte" in texts(r)
    review = texts(to_review(api, cid, r))
    assert f'Sparring og støtte – "{words}"' in review, review


def test_a_typed_date_is_read_back_with_its_weekday_and_can_be_refused(api):
    cid = api.start("group", "da")["id"]
    r = api.play(
        cid,
        [
            "Ledergruppen",
            "Vi er fem",
            "tirsdag i uge 5",
            "Et travlt år",
            '/choose{"value": "trust"}',
            '/choose{"value": "workload"}',
            "/skip",
            '/choose{"value": "__continue__"}',
            *["Vi lytter til hinanden"] * 6,
            *["Mette tager den"] * 8,
        ],
    )
    r = api.say(cid, "fredag den 5. marts 2027")
    assert "Jeg skriver »fredag 5. marts 2027« – passer det?" in texts(r)
    r = api.tap(cid, button(r, "Nej, en anden dag"))
    r = api.say(cid, "om tre måneder")
    assert "passer det?" in texts(r)
    r = api.say(cid, "ja tak")
    assert r["progress"]["label"] == "Gennemsyn", texts(r)


def test_two_themes_in_one_message_are_both_taken_and_a_typed_yes_makes_the_document(api):
    cid = api.start("leader", "da")["id"]
    api.tap(cid, '/choose{"value": "yes"}')
    r = api.say(cid, "mere frihed til at bestemme og nogen at vende tingene med")
    assert "to temaer" in texts(r), texts(r)
    review = to_review(api, cid, r)
    said = texts(review)
    assert 'Indflydelse og råderum – "mere frihed til at bestemme"' in said
    assert 'Sparring og støtte – "nogen at vende tingene med"' in said
    done = api.say(cid, "ja det ser fint ud, lav det bare")
    assert done["state"] == "completed", texts(done)

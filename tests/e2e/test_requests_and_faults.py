"""What a leader can ask for along the way, and what happens when parts fail."""

from __future__ import annotations

import sqlite3

import pytest

from tests.support.client import button, texts
from tests.support.walkthrough import to_first_text_question

pytestmark = pytest.mark.e2e


def test_help_and_example_explain_without_moving_on(api):
    cid, question = to_first_text_question(api)
    r = api.tap(cid, "/help")
    assert "bygge videre" in texts(r)
    assert r["progress"] == question["progress"]
    r = api.say(cid, "giv et eksempel")  # typed, a trained command phrase
    said = texts(r)  # an example about the theme asked, then the question again
    assert "For eksempel: Frokostpausen" in said and "»Pauser og restitution«: Hvad fungerer allerede godt" in said
    assert r["progress"] == question["progress"]


@pytest.mark.parametrize(
    "answer",
    [
        "Jeg vil gerne stoppe med at tage telefonen om aftenen",
        "Spring over de lange møder om fredagen",
        "Pause til frokost hver dag, også når det brænder på",
        "Hjælp fra min makker",
        "Tilbage til at cykle på arbejde",
        "Starte forfra hver mandag med en tom indbakke",
    ],
)
def test_command_words_inside_an_answer_are_kept_as_the_answer(api, answer):
    cid, question = to_first_text_question(api)
    r = api.say(cid, answer)
    # The form moved on, so the text filled the question's slot.
    assert r["progress"]["step"] == question["progress"]["step"] + 1, texts(r)
    assert "slider" in texts(r)
    status, body, _ = api.call("GET", f"/api/v1/conversations/{cid}")
    assert any(m["from"] == "leader" and m["text"] == answer for m in body["messages"])


def test_back_reopens_the_previous_question_and_keeps_the_rest(api):
    cid, _ = to_first_text_question(api)
    first = api.say(cid, "Søndagen er fri")
    r = api.tap(cid, "/go_back")
    assert "skridt tilbage" in texts(r) and "fungerer allerede godt" in texts(r)
    r = api.say(cid, "Søndag og onsdag aften er fri")
    assert r["progress"] == first["progress"]


def test_switching_language_midway_keeps_the_answers(api):
    cid, _ = to_first_text_question(api)
    api.say(cid, "Søndagen er fri")
    r = api.tap(cid, '/language{"language": "en"}')
    assert "carry on in English" in texts(r)
    assert "wears you down" in texts(r)
    assert r["progress"]["label"] == "Your themes" and r["language"] == "en"
    r = api.say(cid, "på dansk tak")
    assert "fortsætter på dansk" in texts(r)
    assert r["language"] == "da"  # typed, the switch is said in the turn: a widget's own labels follow it
    status, body, _ = api.call("GET", f"/api/v1/conversations/{cid}")
    assert body["language"] == "da"
    assert any(m.get("text") == "Søndagen er fri" for m in body["messages"])


def test_pause_then_come_back_later_where_we_left_off(api):
    cid, question = to_first_text_question(api)
    r = api.tap(cid, "/pause")
    assert "gemt" in texts(r)
    assert "fungerer" not in texts(r), "a pause does not push the next question"
    # Days later, same browser: the widget reloads the transcript, then carries on.
    status, body, _ = api.call("GET", f"/api/v1/conversations/{cid}")
    assert status == 200 and body["progress"] == question["progress"]
    r = api.tap(cid, button(r, "Fortsæt"))
    assert "fungerer allerede godt" in texts(r)


def test_distress_gets_care_and_help_numbers_and_no_more_questions(api):
    cid, question = to_first_text_question(api)
    r = api.say(cid, "Ærligt talt har jeg tænkt på at tage mit eget liv, jeg græder hver aften")
    said = texts(r)
    assert "112" in said and "70 201 201" in said and "læge" in said
    assert "fungerer allerede" not in said
    assert {"Hold pause", "Fortsæt"} <= {b["title"] for m in r["messages"] for b in m.get("buttons", [])}
    r = api.tap(cid, "/resume")
    # Never kept as the answer: going on asks the same question again (tests/e2e/test_care.py).
    assert r["progress"] == question["progress"] and "fungerer allerede" in texts(r)


def test_strain_gets_a_check_in_and_a_way_to_help(api):
    cid, question = to_first_text_question(api)
    r = api.say(cid, "Ærligt talt kan jeg ikke mere, jeg græder hver aften")
    assert "fungerer allerede" not in texts(r) and "112" not in texts(r)
    r = api.tap(cid, button(r, "Hvor kan jeg få hjælp?"))
    assert "112" in texts(r) and "70 201 201" in texts(r)


def test_distress_in_english(api):
    cid, _ = to_first_text_question(api, "en")
    r = api.say(cid, "i can't take it anymore, i want to die")
    assert "112" in texts(r) and "Livslinien" in texts(r)


def test_skip_is_refused_where_an_answer_is_needed(api):
    cid = api.start("leader", "da")["id"]
    r = api.tap(cid, "/skip")
    assert "skal jeg have et svar" in texts(r)


def test_change_an_answer_from_the_review_then_finish(api):
    cid = api.start("leader", "en")["id"]
    skip3 = ["/skip"] * 3
    r = api.play(
        cid,
        [
            '/choose{"value": "yes"}',
            '/choose{"value": "support"}',
            *skip3,
            '/choose{"value": "meaning"}',
            *skip3,
            "/skip",  # no third theme
            "Morning walks",
            "/skip",
            "/skip",
            "Lunch away from the desk",
            *skip3,
            "My manager",
            *skip3,
        ],
    )
    assert r["progress"]["label"] == "Review"
    menu = api.tap(cid, "/change")
    r = api.tap(cid, button(menu, "I will keep doing"))
    assert "keep doing" in texts(r)
    r = api.say(cid, "Morning walks with the dog")
    assert r["progress"]["label"] == "Review" and "Morning walks with the dog" in texts(r)
    done = api.tap(cid, button(r, "make the document"))
    assert done["state"] == "completed"


def test_start_over_clears_the_answers(api):
    cid, _ = to_first_text_question(api)
    api.say(cid, "Søndagen er fri")
    r = api.tap(cid, "/start_over")
    assert "starter forfra" in texts(r) and "leder over dig" in texts(r)
    assert r["progress"]["step"] == 1


def test_the_document_is_not_there_before_the_end(api):
    cid = api.start("leader", "da")["id"]
    status, _, _ = api.call("GET", f"/api/v1/conversations/{cid}/documents/leader-agreement.pdf")
    assert status == 404  # not before it exists


def test_typed_text_starting_with_a_slash_stays_text(api):
    """Never the /skip command: the words are read as words. "skip er ikke noget for mig" reads as a wish
    to skip in its own right, so the guide may ask which it was; kept, the words are the answer."""
    cid, question = to_first_text_question(api)
    r = api.say(cid, "/skip er ikke noget for mig, søndagen er fri")
    assert "springer det over" not in texts(r)
    if r["progress"]["step"] == question["progress"]["step"]:  # asked whether to skip, the words held
        assert "gemme det, du skrev" in texts(r)
        r = api.tap(cid, button(r, "Gem det som mit svar"))
    assert r["progress"]["step"] == question["progress"]["step"] + 1


def test_delete_erases_the_conversation_everywhere(api, stack):
    cid, _ = to_first_text_question(api)
    api.say(cid, "Mit hemmelige svar om søndagen")
    tracker_db = stack.settings.var_dir / "tracker.db"
    with sqlite3.connect(tracker_db) as db:
        assert db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (cid,)).fetchone()[0] > 0
    status, _, _ = api.call("DELETE", f"/api/v1/conversations/{cid}")
    assert status == 204
    with sqlite3.connect(tracker_db) as db:
        assert db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ?", (cid,)).fetchone()[0] == 0
    for method, path in [("GET", ""), ("DELETE", ""), ("GET", "/documents/leader-agreement.pdf")]:
        status, body, _ = api.call(method, f"/api/v1/conversations/{cid}{path}")
        assert status == 404 and body["error"]["code"] == "not_found"
    status, _, _ = api.call("POST", f"/api/v1/conversations/{cid}/messages", {"text": "hej"})
    assert status == 404


def test_bad_input_through_the_real_stack(api):
    cid, _ = to_first_text_question(api)
    cases = [
        ({"text": ""}, None, 422),
        ({"text": "   \n "}, None, 422),
        ({"text": "x" * 2001}, None, 413),
        (None, b"{not json", 400),
        (None, b"[1,2]", 400),
        ({"text": 5}, None, 422),
        ({"payload": '/start{"tool": "leader"}'}, None, 422),
        ({"payload": "hello"}, None, 422),
        ({"text": "a", "payload": "/help"}, None, 422),
        ({}, None, 422),
    ]
    for body, raw, expected in cases:
        status, reply, _ = api.call("POST", f"/api/v1/conversations/{cid}/messages", body, raw=raw)
        assert status == expected, (body, raw, reply)
        assert set(reply["error"]) == {"code", "message"}
    status, reply, _ = api.call("POST", f"/api/v1/conversations/{cid}/messages", raw=b"text=hi", content_type="text/plain")
    assert status == 415
    status, reply, _ = api.call("POST", "/api/v1/conversations", {"tool": "nonsense"})
    assert status == 422 and reply["error"]["code"] == "unknown_tool"
    status, reply, _ = api.call("POST", "/api/v1/conversations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/messages", {"text": "hej"})
    assert status == 404
    # The 2,000-character limit is inclusive, and one long word is fine.
    r = api.say(cid, "å" * 2000)
    assert r["state"] == "active"


def test_engine_down_answers_503_and_the_resent_text_is_kept(api, stack):
    cid, question = to_first_text_question(api)
    stack.engine.stop_process("actions0")
    try:
        status, body, headers = api.call("POST", f"/api/v1/conversations/{cid}/messages", {"text": "Søndagen er fri"})
        assert status == 503 and body["error"]["code"] == "engine_unavailable"
        assert int(headers["Retry-After"]) > 0
        status, body, _ = api.call("GET", "/readyz")
        assert status == 503 and body["ready"] is False
    finally:
        stack.engine.start_actions()
        stack.engine.wait_ready(120)
    r = api.say(cid, "Søndagen er fri")  # the widget resends what it kept
    assert r["progress"]["step"] == question["progress"]["step"] + 1
    assert "slider" in texts(r)


def test_rasa_killed_and_restarted_on_sqlite_then_the_gateway_restarted(api, stack):
    cid, question = to_first_text_question(api)
    api.say(cid, "Før: søndagene er fri")
    stack.engine.kill_process("rasa0")
    try:
        status, body, headers = api.call("POST", f"/api/v1/conversations/{cid}/messages", {"text": "Under: telefonen"})
        assert status == 503 and int(headers["Retry-After"]) > 0
    finally:
        stack.engine.start_rasa(0)
        stack.engine.wait_ready(120)
    r = api.say(cid, "Under: telefonen")
    assert r["progress"]["step"] == question["progress"]["step"] + 2
    stack.gateway.terminate()
    stack.gateway.wait(15)
    stack.start_gateway()
    r = api.say(cid, "Efter: lydløs efter kl. 19")
    assert r["progress"]["step"] == question["progress"]["step"] + 3
    status, transcript, _ = api.call("GET", f"/api/v1/conversations/{cid}")
    said = [m["text"] for m in transcript["messages"] if m["from"] == "leader"]
    assert said[-3:] == ["Før: søndagene er fri", "Under: telefonen", "Efter: lydløs efter kl. 19"]

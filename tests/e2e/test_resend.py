"""A message sent again after its reply was lost is applied once, through the real stack."""

from __future__ import annotations

import secrets
import sqlite3

import pytest

from tests.support.client import texts
from tests.support.walkthrough import to_first_text_question, to_review

pytestmark = pytest.mark.e2e


def test_a_message_resent_after_its_reply_was_lost_is_stored_once_at_the_right_question(api, stack):
    cid, question = to_first_text_question(api)
    words, key = "Søndagene er fredede, også for telefonen", secrets.token_hex(16)
    url = f"/api/v1/conversations/{cid}/messages"
    # Rasa stores the turn, then the gateway cannot write its own record (a lock held for
    # longer than its wait): the widget sees an error, though the answer has arrived.
    lock = sqlite3.connect(stack.settings.var_dir / "gateway.db", timeout=1, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    try:
        status, _, _ = api.call("POST", url, {"text": words}, headers={"Idempotency-Key": key})
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert status >= 500
    # The widget sends the same message again with the same key.
    status, reply, _ = api.call("POST", url, {"text": words}, headers={"Idempotency-Key": key})
    assert status == 200
    assert reply["progress"]["step"] == question["progress"]["step"] + 1, "the next question, not the one after it"
    # Once more: the reply comes from the cache, and nothing reaches Rasa.
    status, again, headers = api.call("POST", url, {"text": words}, headers={"Idempotency-Key": key})
    assert status == 200 and headers.get("Idempotent-Replayed") == "true" and again == reply
    review = to_review(api, cid, reply)
    assert texts(review).count(words) == 1  # stored once, under its own question


def test_a_resent_request_is_not_done_twice(api):
    cid, question = to_first_text_question(api)
    api.say(cid, "Søndagene er fredede")
    key = secrets.token_hex(16)
    url = f"/api/v1/conversations/{cid}/messages"
    first = api.call("POST", url, {"payload": "/go_back"}, headers={"Idempotency-Key": key})[1]
    assert first["progress"] == question["progress"]
    status, again, headers = api.call("POST", url, {"payload": "/go_back"}, headers={"Idempotency-Key": key})
    assert again == first and headers.get("Idempotent-Replayed") == "true"


def test_a_bad_idempotency_key_is_refused(api):
    cid, _ = to_first_text_question(api)
    status, body, _ = api.call("POST", f"/api/v1/conversations/{cid}/messages", {"text": "hej"}, headers={"Idempotency-Key": "x"})
    assert status == 400 and body["error"]["code"] == "invalid_idempotency_key"

"""What a leader writes never reaches a log file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
MARKER = "Blåbærgrød-7f3a"


def test_answers_never_appear_in_any_log(api, stack):
    cid = api.start("leader", "da")["id"]
    api.say(cid, f"ja {MARKER}")  # unclear yes/no: asked again, kept as a note
    api.tap(cid, '/choose{"value": "yes"}')
    api.say(cid, f"{MARKER} jeg får aldrig en pause")
    api.say(cid, f"{MARKER} kan ikke mere")  # distress
    api.call("POST", f"/api/v1/conversations/{cid}/messages", {"text": MARKER * 300})  # too long
    api.call("POST", f"/api/v1/conversations/{cid}/messages", raw=f'{{"text": "{MARKER}'.encode())  # broken JSON
    logs = list((stack.settings.var_dir / "log").glob("*.log"))
    assert {p.name for p in logs} >= {"rasa0.log", "actions0.log", "gateway.log"}
    for path in logs:
        content = path.read_text(encoding="utf-8", errors="replace")
        assert MARKER not in content, path.name
        assert cid not in content, f"conversation id in {path.name}"
    gateway = (stack.settings.var_dir / "log" / "gateway.log").read_text(encoding="utf-8")
    assert "POST /api/v1/conversations/{id}/messages 200" in gateway  # requests are logged, redacted


def test_rasa_answers_only_on_loopback_and_its_api_needs_the_token(stack):
    import urllib.error
    import urllib.request

    rasa = stack.settings.rasa_urls[0]
    assert rasa.startswith("http://127.0.0.1:")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{rasa}/conversations/someone/tracker", timeout=5)
    assert refused.value.code == 401
    with urllib.request.urlopen(f"{rasa}/status?token={stack.settings.rasa_token}", timeout=5) as ok:
        assert ok.status == 200


def listening_addresses(port: int):
    """The addresses a local port listens on, from the kernel's socket table."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_rasa_and_the_action_server_listen_on_loopback_only(stack):
    for url in stack.settings.rasa_urls + stack.settings.action_urls:
        addresses = listening_addresses(int(url.rsplit(":", 1)[1]))
        assert addresses and addresses <= {"0100007F"}, (url, addresses)  # 127.0.0.1, nothing else


def test_room_words_and_private_reflections_never_appear_in_any_log(api, stack):
    word, private = "Rabarber7f3b", "Hyldeblomst-9e2d går tur alene"
    status, room, _ = api.call("POST", "/api/v1/rooms", {"warmup": "energy", "language": "da"})
    assert status == 201
    joined = api.call("POST", "/api/v1/conversations", {"room": room["code"]})[1]
    cid = joined["id"]
    api.tap(cid, '/choose{"value": "trust"}')
    api.tap(cid, '/choose{"value": "workload"}')
    api.say(cid, private)
    api.say(cid, word)  # shared with the room, on purpose
    api.call("POST", f"/api/v1/hosted/{room['host_key']}/hide", {"word": word})
    api.call("GET", f"/api/v1/hosted/{room['host_key']}/summary.pdf")
    status, metrics, _ = api.call("GET", "/metrics")
    assert status == 200 and word.encode() not in metrics and private.encode() not in metrics
    for path in (stack.settings.var_dir / "log").glob("*.log"):
        content = path.read_text(encoding="utf-8", errors="replace")
        for secret in (word, private, room["host_key"], cid):
            assert secret not in content, f"{secret[:6]}… in {path.name}"


def test_words_that_got_the_care_message_are_never_stored(api, stack):
    """Rasa's tracker store kept the words that got the care message, word for word, though they are never
    an answer and never shown again (a privacy review's)."""
    from tests.e2e.test_care import ANSWER, CARRY_ON, DISCLOSURE, answer_and_finish, disclosed_at_what_works
    from tests.support.client import button
    from tests.support.walkthrough import squash

    cid, question, r = disclosed_at_what_works(api, "da")
    r = api.tap(cid, button(r, CARRY_ON["da"]))
    answer_and_finish(api, cid, question, r, "da")
    with sqlite3.connect(stack.settings.tracker_target) as db:  # the stack's own SQLite store
        rows = [json.loads(row[0]) for row in db.execute("SELECT data FROM events")]
    stored = squash(json.dumps(rows, ensure_ascii=False))  # as read, not as escaped
    assert squash(ANSWER["da"]) in stored  # the answer is there, as written
    assert squash(DISCLOSURE["da"]) not in stored

"""API v1 contract and bad input, with a stand-in engine (fast; the real engine is in tests/e2e)."""

from __future__ import annotations

import logging
from typing import Any, Dict, List

import pytest

from bot.app import RedactingAccessLogger, create_app
from bot.settings import Settings
from tests.support.fakes import PROGRESS, FakeEngine


@pytest.fixture
def engine():
    return FakeEngine()


@pytest.fixture
async def client(aiohttp_client, engine, tmp_path):
    settings = Settings(var_dir=tmp_path, messages_per_minute=6000, conversations_per_minute=6000, pdf_workers=1)
    return await aiohttp_client(create_app(settings, engine=engine))


async def start(client):
    response = await client.post("/api/v1/conversations", json={"tool": "leader", "language": "da"})
    assert response.status == 201
    return await response.json()


async def test_create_returns_an_unguessable_id_messages_progress_and_state(client, engine):
    body = await start(client)
    assert set(body) == {"id", "messages", "progress", "state"}
    assert len(body["id"]) >= 32 and body["id"] != (await start(client))["id"]
    assert body["progress"] == PROGRESS and body["state"] == "active"
    assert body["messages"][0]["buttons"][0] == {"title": "Ja", "payload": '/choose{"value": "yes"}'}
    assert engine.sent[0][1] == '/start{"tool": "leader", "language": "da"}'


async def test_message_reply_and_finished_document(client):
    cid = (await start(client))["id"]
    response = await client.post(f"/api/v1/conversations/{cid}/messages", json={"payload": '/choose{"value": "confirm"}'})
    body = await response.json()
    assert response.status == 200 and body["state"] == "completed"
    base = f"/api/v1/conversations/{cid}/documents/leader-agreement"
    assert {
        "document": {
            "kind": "leader-agreement",
            "title": "Min lederaftale",
            "url": f"{base}.pdf",
            "save_url": f"{base}.json",
            "calendar_url": f"{base}.ics",
        }
    } in body["messages"]


async def test_transcript_shows_button_titles_not_payloads(client):
    cid = (await start(client))["id"]
    body = await (await client.get(f"/api/v1/conversations/{cid}")).json()
    leader = [m["text"] for m in body["messages"] if m["from"] == "leader"]
    assert leader == ["Ja", "mine egne ord"]
    assert body["progress"] == PROGRESS


@pytest.mark.parametrize(
    "body,status,code",
    [
        ({"text": ""}, 422, "empty_text"),
        ({"text": " \t\n"}, 422, "empty_text"),
        ({"text": "x" * 2001}, 413, "text_too_long"),
        ({"text": ["list"]}, 422, "invalid_text"),
        ({"payload": "/start"}, 422, "invalid_payload"),
        ({"payload": '/choose{"value": 5}'}, 422, "invalid_payload"),
        ({"payload": "/choose{not json}"}, 422, "invalid_payload"),
        ({"payload": "/back"}, 422, "invalid_payload"),  # no such intent: it broke the conversation for good
        ({"payload": '/open_tool{"tool": "group"}'}, 422, "invalid_payload"),  # the widget's own button
        ({}, 422, "invalid_message"),
        ({"text": "a", "payload": "/help"}, 422, "invalid_message"),
    ],
)
async def test_bad_messages_get_a_clear_4xx(client, body, status, code):
    cid = (await start(client))["id"]
    response = await client.post(f"/api/v1/conversations/{cid}/messages", json=body)
    assert response.status == status
    assert (await response.json())["error"]["code"] == code


async def test_invalid_json_wrong_type_and_oversized_body(client):
    cid = (await start(client))["id"]
    url = f"/api/v1/conversations/{cid}/messages"
    r = await client.post(url, data=b"{oops", headers={"Content-Type": "application/json"})
    assert r.status == 400 and (await r.json())["error"]["code"] == "invalid_json"
    r = await client.post(url, data=b"text=hi", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status == 415
    r = await client.post(url, data=b'{"text": "' + b"a" * 100_000 + b'"}', headers={"Content-Type": "application/json"})
    assert r.status == 413 and (await r.json())["error"]["code"] == "request_too_large"


async def test_unknown_ids_tools_and_languages(client):
    for method, path in [
        ("GET", "/api/v1/conversations/nope"),
        ("DELETE", "/api/v1/conversations/" + "A" * 32),
        ("POST", "/api/v1/conversations/" + "A" * 32 + "/messages"),
    ]:
        r = await client.request(method, path, json={"text": "hej"})
        assert r.status == 404 and (await r.json())["error"]["code"] == "not_found"
    r = await client.post("/api/v1/conversations", json={"tool": "astrology"})
    assert r.status == 422 and (await r.json())["error"]["code"] == "unknown_tool"
    r = await client.post("/api/v1/conversations", json={"tool": "leader", "language": "sv"})
    assert r.status == 422
    r = await client.post("/api/v1/conversations", json={"tool": "leader", "partner": "<script>"})
    assert r.status == 422
    r = await client.get("/no/such/page")
    assert r.status == 404 and "error" in await r.json()
    r = await client.put("/api/v1/conversations")
    assert r.status == 405


async def test_engine_down_is_503_with_retry_after_and_leaves_nothing_behind(client, engine):
    cid = (await start(client))["id"]
    engine.down = True
    r = await client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "mine ord"})
    assert r.status == 503 and int(r.headers["Retry-After"]) > 0
    assert "mine ord" not in await r.text()
    r = await client.post("/api/v1/conversations", json={"tool": "leader"})
    assert r.status == 503
    r = await client.get("/readyz")
    assert r.status == 503
    assert (await client.get("/healthz")).status == 200


async def test_rate_limit_answers_429(aiohttp_client, engine, tmp_path):
    settings = Settings(
        var_dir=tmp_path, messages_per_minute=10, conversations_per_minute=2, conversations_burst=2, pdf_workers=1
    )
    client = await aiohttp_client(create_app(settings, engine=engine))
    statuses = [(await client.post("/api/v1/conversations", json={"tool": "leader"})).status for _ in range(8)]
    assert statuses[0] == 201 and statuses[-1] == 429


async def test_security_headers_and_static_files(client):
    r = await client.get("/")
    assert r.status == 200 and "text/html" in r.headers["Content-Type"]
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors" in r.headers["Content-Security-Policy"]
    for path in ("/widget.js", "/widget.css", "/api/v1/texts", "/api/v1/tools"):
        assert (await client.get(path)).status == 200


def test_access_log_never_holds_conversation_ids(caplog):
    class Request:
        method = "POST"
        path = "/api/v1/conversations/SECRETSECRETSECRETSECRETSECRET12/messages"

    class Response:
        status = 200

    logger = logging.getLogger("test.access")
    with caplog.at_level(logging.INFO, logger="test.access"):
        RedactingAccessLogger(logger, "").log(Request(), Response(), 0.01)
    assert "SECRET" not in caplog.text and "/conversations/{id}/messages" in caplog.text


def test_a_message_sent_again_after_a_failure_shows_once_in_the_transcript():
    from bot.conversations.replies import transcript

    events: List[Dict[str, Any]] = [
        {"event": "bot", "text": "Hvad virker?", "data": {}},
        {"event": "user", "text": "Søndagen er fri"},  # the engine failed on this one
        {"event": "user", "text": "Søndagen er fri"},
        {"event": "bot", "text": "Og hvad slider?", "data": {}},
        {"event": "user", "text": "Telefonen"},
    ]
    shown = [m["text"] for m in transcript("x", events)["messages"]]
    assert shown == ["Hvad virker?", "Søndagen er fri", "Og hvad slider?", "Telefonen"]


def test_a_resend_of_a_message_the_engine_had_answered_shows_once_in_the_transcript():
    """A gateway died after the engine took the message: the widget's resend (same key) reached the
    engine again, which applied it once and asked its question again. The leader sees it once."""
    from bot.conversations.replies import transcript

    sent = {"idempotency_key": "key-of-the-first-try"}
    events: List[Dict[str, Any]] = [
        {"event": "bot", "text": "Hvad virker?", "data": {}},
        {"event": "user", "text": "Søndagen er fri", "metadata": sent},
        {"event": "bot", "text": "Og hvad slider?", "data": {}},
        {"event": "user", "text": "Søndagen er fri", "metadata": sent},  # the resend
        {"event": "bot", "text": "Og hvad slider?", "data": {}},
        {"event": "user", "text": "Telefonen", "metadata": {"idempotency_key": "key-of-the-next"}},
        {"event": "bot", "text": "Hvad kan du selv gøre?", "data": {}},
        {"event": "user", "text": "Telefonen", "metadata": {"idempotency_key": "a-new-message"}},  # said again on purpose
    ]
    shown = [m["text"] for m in transcript("x", events)["messages"]]
    assert shown == ["Hvad virker?", "Søndagen er fri", "Og hvad slider?", "Telefonen", "Hvad kan du selv gøre?", "Telefonen"]


async def test_metrics_count_without_text_or_ids(client):
    started = await start(client)
    cid = started["id"]
    await client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "Mine hemmelige ord"})
    await client.post(f"/api/v1/conversations/{cid}/messages", json={"payload": '/choose{"value": "confirm"}'})
    body = await (await client.get("/metrics")).text()
    assert 'trivsel_conversations_started_total{partner="default",tool="leader"} 1.0' in body
    assert 'trivsel_conversations_completed_total{partner="default",tool="leader"} 1.0' in body
    assert 'trivsel_step_reached_total{step="26",tool="leader"} 1.0' in body
    assert 'route="/api/v1/conversations/{id}/messages"' in body
    assert "hemmelige" not in body and cid not in body


async def test_usage_page_shows_monthly_counts_with_a_chart(client):
    await start(client)
    page = await client.get("/usage")
    html = await page.text()
    assert page.status == 200 and "<svg" in html and "<td>leader</td><td>default</td><td>1</td>" in html


@pytest.mark.parametrize("kind", ["state_lost", "turn_failed"])
async def test_a_turn_the_engine_did_not_apply_is_a_503_to_send_again(client, engine, kind):
    """An empty tracker (state_lost) or an action server gone mid-turn (turn_failed): never a fresh
    start or a half-taken answer, but "try again", which the widget does with the same key."""
    cid = (await start(client))["id"]

    async def not_applied(cid, message, metadata=None):
        return [{"recipient_id": cid, "text": "Helt i orden"}, {"recipient_id": cid, "custom": {kind: True}}]

    engine.send = not_applied
    r = await client.post(
        f"/api/v1/conversations/{cid}/messages", json={"text": "mit svar"}, headers={"Idempotency-Key": "k" * 12}
    )
    assert r.status == 503 and (await r.json())["error"]["code"] == "engine_unavailable"
    assert f'trivsel_engine_errors_total{{kind="{kind}"}} 1.0' in await (await client.get("/metrics")).text()
    engine.send = type(engine).send.__get__(engine)  # the engine is back: the same key is sent through, not replayed
    r = await client.post(
        f"/api/v1/conversations/{cid}/messages", json={"text": "mit svar"}, headers={"Idempotency-Key": "k" * 12}
    )
    assert r.status == 200 and "Idempotent-Replayed" not in r.headers


async def test_text_no_document_can_hold_and_json_nested_too_deep_are_refused(client):
    cid = (await start(client))["id"]
    url = f"/api/v1/conversations/{cid}/messages"
    headers = {"Content-Type": "application/json"}
    r = await client.post(url, data=b'{"text": "\\ud800 a lone half of a character"}', headers=headers)
    assert r.status == 400 and (await r.json())["error"]["code"] == "invalid_json"
    r = await client.post(
        "/api/v1/conversations", data=b'{"tool": "leader", "x": ' + b"[" * 1000 + b"]" * 1000 + b"}", headers=headers
    )
    assert r.status == 400 and (await r.json())["error"]["message"] == "The request body is nested too deeply."
    r = await client.post(url, json={"text": "æøå 🌿 as they should be"})
    assert r.status == 200


async def test_a_method_not_allowed_says_which_are(client):
    r = await client.put("/api/v1/conversations")
    assert r.status == 405 and r.headers["Allow"] == "POST"


async def test_a_body_that_never_arrives_times_out_without_a_500(client, monkeypatch):
    import asyncio

    from bot.web import input as request_input

    monkeypatch.setattr(request_input, "BODY_TIMEOUT_S", 0.5)
    reader, writer = await asyncio.open_connection(client.server.host, client.server.port)
    writer.write(
        b"POST /api/v1/conversations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b'Content-Length: 100\r\n\r\n{"tool": '
    )
    await writer.drain()
    status_line = await asyncio.wait_for(reader.readline(), 5)
    writer.close()
    assert status_line.startswith(b"HTTP/1.1 408")
    # A client that goes away half-way is not our failure either.
    reader, writer = await asyncio.open_connection(client.server.host, client.server.port)
    writer.write(
        b"POST /api/v1/conversations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b'Content-Length: 100\r\n\r\n{"tool": '
    )
    await writer.drain()
    writer.close()
    await asyncio.sleep(1)
    metrics = await (await client.get("/metrics")).text()
    assert 'status="500"' not in metrics


async def test_a_repeated_idempotency_key_gets_the_first_reply_and_never_reaches_the_engine_twice(client, engine):
    cid = (await start(client))["id"]
    url = f"/api/v1/conversations/{cid}/messages"
    sent_before = len(engine.sent)
    first = await client.post(url, json={"text": "mine ord"}, headers={"Idempotency-Key": "k-0123456789"})
    again = await client.post(url, json={"text": "mine ord"}, headers={"Idempotency-Key": "k-0123456789"})
    assert first.status == again.status == 200
    assert await again.json() == await first.json() and again.headers["Idempotent-Replayed"] == "true"
    assert len(engine.sent) == sent_before + 1
    other = await client.post(url, json={"text": "mine ord"}, headers={"Idempotency-Key": "k-9876543210"})
    assert other.status == 200 and len(engine.sent) == sent_before + 2  # a new key is a new message
    bad = await client.post(url, json={"text": "mine ord"}, headers={"Idempotency-Key": "no spaces allowed"})
    assert bad.status == 400 and (await bad.json())["error"]["code"] == "invalid_idempotency_key"


async def test_messages_are_limited_per_conversation_so_an_office_behind_one_address_is_not(aiohttp_client, engine, tmp_path):
    settings = Settings(var_dir=tmp_path, messages_per_minute=10, conversations_per_minute=6000, pdf_workers=1)
    client = await aiohttp_client(create_app(settings, engine=engine))
    first, second = (await start(client))["id"], (await start(client))["id"]
    statuses = [(await client.post(f"/api/v1/conversations/{first}/messages", json={"text": "hej"})).status for _ in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[-1] == 429  # one leader typing faster than anyone can
    held = await client.post(f"/api/v1/conversations/{first}/messages", json={"text": "hej"})
    assert 1 <= int(held.headers["Retry-After"]) <= 12  # spread, so held-back widgets do not all return at once
    other = await client.post(f"/api/v1/conversations/{second}/messages", json={"text": "hej"})
    assert other.status == 200  # a colleague on the same address is not held back

"""The OpenAPI description says exactly what the gateway accepts (schemathesis checks it against the
real stack in tests/e2e/test_fuzz.py; these check the parts it can rarely reach, fast)."""

from __future__ import annotations

import re
import sys
from typing import Any, Dict

import pytest

from bot.app import create_app
from bot.conversations import service, tools
from bot.settings import Settings
from bot.web.errors import ApiError
from tests.support.fakes import FakeEngine

SPEC = tools.openapi()
PATHS = SPEC["paths"]


def body_schema(path: str, method: str = "post") -> dict:
    return PATHS[path][method]["requestBody"]["content"]["application/json"]["schema"]


def message_schemas() -> tuple:
    properties = body_schema("/api/v1/conversations/{id}/messages")["properties"]
    return properties["text"], properties["payload"]


def test_payloads_and_choices_are_described_as_the_code_checks_them():
    text, payload = message_schemas()
    assert payload["pattern"] == service.OFFERED_PAYLOAD_PATTERN.pattern
    webhook = body_schema("/webhooks/rest/webhook")["properties"]
    assert webhook["message"]["anyOf"][0]["pattern"] == service.PAYLOAD_PATTERN.pattern
    assert text["maxLength"] == Settings().max_text_chars

    new = SPEC["components"]["schemas"]["NewConversation"]
    assert set(new["properties"]["tool"]["enum"]) == set(tools.available())
    assert new["properties"]["partner"]["pattern"] == service.PARTNER_PATTERN.pattern
    followed = {
        option["properties"]["followup"]["properties"]["tool"]["const"]: option["properties"]["followup"]["properties"]["kind"][
            "enum"
        ]
        for option in new["dependentSchemas"]["followup"]["anyOf"]
    }
    assert followed == {tool: tools.followable_kinds(tool) for tool in tools.followable()}
    assert set(webhook["metadata"]["properties"]["tool"]["enum"]) == {*tools.available(), None}
    room = SPEC["components"]["schemas"]["NewRoom"]["properties"]
    assert set(room["warmup"]["enum"]) == set(tools.warmups())
    for language in (new["properties"]["language"], room["language"], webhook["metadata"]["properties"]["language"]):
        assert language["enum"] == [*tools.LANGUAGES, None]


def every_character():
    return (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)


def test_text_the_description_calls_empty_is_exactly_what_the_gateway_refuses_as_empty():
    visible = re.compile(message_schemas()[0]["pattern"])

    def accepted(character: str) -> bool:
        try:
            service.clean_text(character, 2000)
            return True
        except ApiError as error:
            assert error.code == "empty_text"
            return False

    differ = [hex(ord(c)) for c in every_character() if bool(visible.search(c)) != accepted(c)]
    assert differ == []


def test_a_word_to_hide_is_described_as_the_code_checks_it():
    word = body_schema("/api/v1/hosted/{key}/hide")["properties"]["word"]
    visible = re.compile(word["pattern"])
    assert [hex(ord(c)) for c in every_character() if bool(visible.search(c)) != bool(c.strip())] == []


@pytest.fixture
async def client(aiohttp_client, tmp_path):
    settings = Settings(var_dir=tmp_path, messages_per_minute=6000, conversations_per_minute=6000, pdf_workers=1)
    return await aiohttp_client(create_app(settings, engine=FakeEngine()))


async def status_and_code(response) -> tuple:
    body = await response.json()
    return response.status, body.get("error", {}).get("code") if isinstance(body, dict) else None


async def test_inputs_the_description_refuses_are_refused(client):
    body: Dict[str, Any]
    for body in ({"warmup": {}}, {"warmup": "maturity", "language": {}}, {"warmup": "maturity", "language": ""}):
        assert (await client.post("/api/v1/rooms", json=body)).status == 422  # a dict warm-up was a 500
    for body in ({"tool": "leader", "language": ""}, {"tool": "leader", "language": 0}):
        assert (await client.post("/api/v1/conversations", json=body)).status == 422
    cid = (await (await client.post("/api/v1/conversations", json={"tool": "leader"})).json())["id"]
    # Counted as sent: 2,001 characters are too many even when the last ones are spaces.
    too_long = await client.post(f"/api/v1/conversations/{cid}/messages", json={"text": "x" * 1995 + " " * 6})
    assert await status_and_code(too_long) == (413, "text_too_long")
    sender = {"sender": "fuzz-sender-1", "message": "hej"}
    assert (await client.post("/webhooks/rest/webhook", json=sender)).status == 200
    # The sender is known now, so its metadata is not used, but a request is valid or not by itself.
    metadata: object
    for metadata in ({"partner": {}}, {"language": "sv"}, {"tool": "astrology"}, []):
        response = await client.post("/webhooks/rest/webhook", json={**sender, "metadata": metadata})
        assert response.status == 422


async def test_null_is_as_if_left_out_and_an_unknown_preparation_room_is_not_found(client):
    room = await client.post("/api/v1/rooms", json={"warmup": "maturity", "language": None})
    assert room.status == 201 and (await room.json())["language"] == "da"
    started = await client.post("/api/v1/conversations", json={"tool": "leader", "language": None, "partner": None})
    assert started.status == 201
    webhook = await client.post("/webhooks/rest/webhook", json={"sender": "fuzz-sender-2", "message": "hej", "metadata": None})
    assert webhook.status == 200
    prepared = await client.post("/api/v1/conversations", json={"tool": "group", "prepared": "A" * 32})
    assert await status_and_code(prepared) == (404, "room_not_found")


async def test_a_room_is_joined_with_its_code_alone(aiohttp_client, tmp_path):
    client = await aiohttp_client(create_app(Settings(var_dir=tmp_path, partners_file=tmp_path / "none.yml"), FakeEngine()))
    extra: Dict[str, Any]
    for extra in ({"tool": "leader"}, {"followup": {}}, {"prepared": "x" * 32}):
        response = await client.post("/api/v1/conversations", json={"room": "ABCDEF", **extra})
        assert response.status == 422 and (await response.json())["error"]["code"] == "room_code_only"
    response = await client.post("/api/v1/conversations", json={"room": "ABCDEF", "partner": "Not A Partner"})
    assert response.status == 422 and (await response.json())["error"]["code"] == "invalid_partner"

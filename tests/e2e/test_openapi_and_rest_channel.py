"""The OpenAPI description matches what the server does; Rasa REST clients work unchanged."""

from __future__ import annotations

import uuid

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.support.client import button

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def spec(api):
    status, body, _ = api.call("GET", "/api/v1/openapi.json")
    assert status == 200 and body["openapi"].startswith("3.1")
    return body


def check(spec, path, method, status, body):
    """Validates a real response body against the description of that path, method and status."""
    operation = spec["paths"][path][method]
    assert str(status) in operation["responses"], f"{method} {path} answered {status}, which is not described"
    response = operation["responses"][str(status)]
    if "$ref" in response:
        response = spec["components"]["responses"][response["$ref"].split("/")[-1]]
    schema = response.get("content", {}).get("application/json", {}).get("schema")
    if schema is None:
        return
    registry = Registry().with_resource("urn:spec", Resource.from_contents(spec, default_specification=DRAFT202012))
    pointer = "/".join(p.replace("~", "~0").replace("/", "~1") for p in ["paths", path, method, "responses", str(status)])
    if "$ref" in operation["responses"][str(status)]:
        pointer = "components/responses/Error"
    ref = {"$ref": f"urn:spec#/{pointer}/content/application~1json/schema"}
    errors = list(Draft202012Validator(ref, registry=registry).iter_errors(body))
    assert not errors, [e.message for e in errors]


def test_every_path_the_server_routes_is_described(api, spec):
    described = set(spec["paths"])
    for path in [
        "/api/v1/conversations",
        "/api/v1/conversations/{id}",
        "/api/v1/conversations/{id}/messages",
        "/api/v1/conversations/{id}/documents/{file}",
        "/api/v1/tools",
        "/api/v1/texts",
        "/api/v1/partners/{partner}",
        "/webhooks/rest/webhook",
        "/healthz",
        "/readyz",
        "/api/v1/warmups",
        "/api/v1/rooms",
        "/api/v1/rooms/{code}",
        "/api/v1/rooms/{code}/qr.svg",
        "/api/v1/hosted/{key}",
        "/api/v1/hosted/{key}/close",
        "/api/v1/hosted/{key}/events",
        "/api/v1/hosted/{key}/summary.pdf",
    ]:
        assert path in described


def test_responses_of_a_real_conversation_match_the_description(api, spec):
    status, started, _ = api.call("POST", "/api/v1/conversations", {"tool": "maturity", "language": "en"})
    check(spec, "/api/v1/conversations", "post", status, started)
    cid = started["id"]
    msg = "/api/v1/conversations/{id}/messages"
    reply = started
    for _ in range(6):
        status, reply, _ = api.call(
            "POST", f"/api/v1/conversations/{cid}/messages", {"payload": reply["messages"][-1]["buttons"][0]["payload"]}
        )
        check(spec, msg, "post", status, reply)
    status, done, _ = api.call("POST", f"/api/v1/conversations/{cid}/messages", {"payload": button(reply, "make the document")})
    check(spec, msg, "post", status, done)
    status, transcript, _ = api.call("GET", f"/api/v1/conversations/{cid}")
    check(spec, "/api/v1/conversations/{id}", "get", status, transcript)
    doc_url = next(m["document"]["save_url"] for m in done["messages"] if "document" in m)
    status, saved, _ = api.call("GET", doc_url)
    check(spec, "/api/v1/conversations/{id}/documents/{file}", "get", status, saved)
    for body in [{"text": ""}, {"text": "x" * 2001}, {"nothing": 1}]:
        status, error, _ = api.call("POST", f"/api/v1/conversations/{cid}/messages", body)
        check(spec, msg, "post", status, error)
    for path, real in [
        ("/api/v1/tools", "/api/v1/tools"),
        ("/api/v1/texts", "/api/v1/texts"),
        ("/api/v1/partners/{partner}", "/api/v1/partners/nobody"),
        ("/readyz", "/readyz"),
    ]:
        status, body, _ = api.call("GET", real)
        check(spec, path, "get", status, body)
    status, body, _ = api.call("DELETE", f"/api/v1/conversations/{cid}")
    assert status == 204
    status, body, _ = api.call("GET", f"/api/v1/conversations/{cid}")
    check(spec, "/api/v1/conversations/{id}", "get", status, body)


def test_a_client_written_for_rasa_can_hold_a_whole_conversation(api, spec):
    sender = str(uuid.uuid4())
    hook = "/webhooks/rest/webhook"
    status, first, _ = api.call(
        "POST", hook, {"sender": sender, "message": "/get_started", "metadata": {"tool": "leader", "language": "en"}}
    )
    assert status == 200, first
    check(spec, hook, "post", status, first)
    assert all(m["recipient_id"] == sender for m in first)
    assert "automated" in " ".join(m.get("text", "") for m in first)
    yes = next(b["payload"] for m in first for b in m.get("buttons", []) if "Yes" in b["title"])
    status, second, _ = api.call("POST", hook, {"sender": sender, "message": yes})
    check(spec, hook, "post", status, second)
    assert any("Which of these" in m.get("text", "") for m in second)
    progress = [m["custom"]["progress"] for m in second if "custom" in m][-1]
    assert progress["step"] == 2
    # An intent no button sends ("/restart", "/get_started" again) is never passed on: the engine's domain does
    # not know it (such a payload once broke the conversation for good); nothing said, nothing changed.
    for unknown in ("/restart", "/get_started"):
        status, nothing, _ = api.call("POST", hook, {"sender": sender, "message": unknown})
        assert status == 200 and nothing == [], nothing
    status, typed, _ = api.call("POST", hook, {"sender": sender, "message": "I never get a break between meetings"})
    assert "Breaks and recovery" in " ".join(m.get("text", "") for m in typed)
    status, error, _ = api.call("POST", hook, {"sender": "short", "message": "hi"})
    assert status == 422 and error["error"]["code"] == "invalid_sender"
    status, error, _ = api.call("POST", hook, {"sender": sender, "message": ""})
    assert status == 422


def test_the_check_itself_catches_a_body_that_does_not_match(spec):
    with pytest.raises(AssertionError):
        check(spec, "/api/v1/conversations", "post", 201, {"messages": "not a list"})
    with pytest.raises(AssertionError):
        check(spec, "/api/v1/conversations", "post", 422, {"error": {"code": 5}})
    with pytest.raises(AssertionError):
        check(spec, "/api/v1/conversations", "post", 418, {})

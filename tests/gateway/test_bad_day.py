"""An operator's bad day: what the gateway does when its machine is less kind than ours."""

from __future__ import annotations

from tests.support.fakes import app_with, open_room

HUGE = "1" * 4301  # one digit past Python's limit for turning a string into an int


async def test_a_json_number_too_long_for_python_gets_400_on_every_json_endpoint_and_the_upload(aiohttp_client, tmp_path):
    client = await aiohttp_client(app_with(tmp_path))
    started = await client.post("/api/v1/conversations", json={"tool": "leader"})
    cid = (await started.json())["id"]
    room = await open_room(client)
    key = room["host_key"]
    bodies = {
        "/api/v1/conversations": '{"tool": "leader", "language": %s}',
        f"/api/v1/conversations/{cid}/messages": '{"text": %s}',
        "/api/v1/rooms": '{"warmup": "energy", "hours": %s}',
        f"/api/v1/hosted/{key}/hide": '{"word": %s}',
        f"/api/v1/hosted/{key}/reveal": '{"revealed": %s}',
        "/webhooks/rest/webhook": '{"sender": "partner-app-user-1", "message": %s}',
        # a saved file taken back for a follow-up (the upload), with a number deep inside it
        "/api/v1/conversations#upload": '{"followup": {"schema_version": 1, "answers": {"n": %s}}}',
    }
    for path, body in bodies.items():
        response = await client.post(path.split("#")[0], data=body % HUGE, headers={"Content-Type": "application/json"})
        assert response.status == 400, (path, response.status, await response.text())
        error = (await response.json())["error"]
        assert error["code"] == "invalid_json" and "number" in error["message"], path

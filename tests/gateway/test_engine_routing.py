"""Each conversation keeps to its own Rasa server, and moves on only when that one refuses."""

from __future__ import annotations

import secrets

from aiohttp import web

from bot.conversations.engine import EngineClient
from launcher.ports import free_port


def test_a_conversation_always_has_the_same_server_first_and_ids_spread_over_all():
    urls = ["http://127.0.0.1:5005", "http://127.0.0.1:5006"]
    gateway, other_gateway = EngineClient(urls, "t", []), EngineClient(list(urls), "t", [])
    firsts = []
    for _ in range(200):
        cid = secrets.token_urlsafe(24)
        order = gateway.servers_for(cid)
        assert order == gateway.servers_for(cid) == other_gateway.servers_for(cid)  # every gateway agrees
        assert sorted(order) == sorted(urls)
        firsts.append(order[0])
    assert 60 <= firsts.count(urls[0]) <= 140  # both servers get their share


async def test_when_its_server_refuses_the_next_one_answers(aiohttp_server):
    heard = []

    async def webhook(request):
        body = await request.json()
        heard.append(body["sender"])
        return web.json_response([{"recipient_id": body["sender"], "text": "Hej"}])

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    up = await aiohttp_server(app)
    down = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    client = EngineClient([down, str(up.make_url("")).rstrip("/")], "t", [])
    await client.start()
    try:
        cids = [secrets.token_urlsafe(24) for _ in range(10)]
        for cid in cids:
            assert await client.send(cid, "hej") == [{"recipient_id": cid, "text": "Hej"}]
    finally:
        await client.close()
    assert heard == cids
    assert any(client.servers_for(cid)[0] == down for cid in cids)  # some had the stopped server first


def test_new_conversations_go_to_the_servers_in_turn_with_unguessable_ids():
    urls = ["http://127.0.0.1:5005", "http://127.0.0.1:5006"]
    gateway = EngineClient(urls, "t", [])
    ids = [gateway.new_conversation_id() for _ in range(50)]
    assert len(set(ids)) == 50 and all(len(cid) == 32 for cid in ids)
    owners = [gateway.servers_for(cid)[0] for cid in ids]
    assert owners == [urls[i % 2] for i in range(50)]  # 25 each, not a random split
    assert EngineClient(urls, "t", []).servers_for(ids[1])[0] == urls[1]  # any gateway reads the owner from the id

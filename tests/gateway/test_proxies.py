"""Forwarded headers count only from trusted proxies (TRIVSEL_TRUSTED_PROXIES, loopback by default).
The real nginx in front of the whole stack is tests/browser/test_behind_proxy.py."""

from __future__ import annotations

from bot.app import create_app
from bot.settings import Settings
from tests.support.fakes import FakeEngine

BEHIND_TLS = {
    "Origin": "https://guide.example.dk",
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "guide.example.dk",
    "X-Forwarded-For": "203.0.113.7",
}


async def client_for(aiohttp_client, tmp_path, **settings):
    defaults = dict(var_dir=tmp_path, pdf_workers=1, messages_per_minute=6000, conversations_per_minute=6000)
    return await aiohttp_client(create_app(Settings(**{**defaults, **settings}), engine=FakeEngine()))


async def test_behind_a_trusted_tls_proxy_the_pages_own_origin_is_accepted(aiohttp_client, tmp_path):
    client = await client_for(aiohttp_client, tmp_path)  # the test client is loopback: trusted by default
    response = await client.post("/api/v1/conversations", json={"tool": "leader"}, headers=BEHIND_TLS)
    assert response.status == 201


async def test_forwarded_headers_from_anyone_else_are_ignored(aiohttp_client, tmp_path):
    client = await client_for(aiohttp_client, tmp_path, trusted_proxies=("10.0.0.5",))
    response = await client.post("/api/v1/conversations", json={"tool": "leader"}, headers=BEHIND_TLS)
    assert response.status == 403 and (await response.json())["error"]["code"] == "origin_not_allowed"


async def test_limits_count_each_client_behind_the_proxy_apart(aiohttp_client, tmp_path):
    client = await client_for(aiohttp_client, tmp_path, conversations_per_minute=2, conversations_burst=5)
    statuses = []
    for address in ["203.0.113.1"] * 6 + ["203.0.113.2"]:
        response = await client.post("/api/v1/conversations", json={"tool": "leader"}, headers={"X-Forwarded-For": address})
        statuses.append(response.status)
    assert statuses == [201] * 5 + [429, 201]  # a burst of five, then the next leader is not held back by the first


async def test_join_links_never_take_a_host_from_an_untrusted_client(aiohttp_client, tmp_path):
    client = await client_for(aiohttp_client, tmp_path, trusted_proxies=("10.0.0.5",), host="127.0.0.1", port=8080)
    response = await client.post(
        "/api/v1/rooms",
        json={"warmup": "energy", "language": "da"},
        headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"},
    )
    assert response.status == 201
    assert (await response.json())["join_url"].startswith("http://127.0.0.1:8080/r/")


async def test_join_links_use_the_host_the_trusted_proxy_was_asked_for(aiohttp_client, tmp_path):
    client = await client_for(aiohttp_client, tmp_path)
    headers = {k: v for k, v in BEHIND_TLS.items() if k != "Origin"}
    response = await client.post("/api/v1/rooms", json={"warmup": "energy", "language": "da"}, headers=headers)
    assert (await response.json())["join_url"].startswith("https://guide.example.dk/r/")

"""/metrics and /usage are for operators: the machine itself, or TRIVSEL_OPS_TOKEN; never the internet through the proxy."""

from __future__ import annotations

import pytest

from bot.settings import Settings
from tests.support.fakes import OFFICE, app_with


@pytest.mark.parametrize("path", ["/metrics", "/usage"])
async def test_ops_pages_through_a_proxy_need_the_token(aiohttp_client, tmp_path, path):
    open_client = await aiohttp_client(app_with(tmp_path / "open"))
    assert (await open_client.get(path)).status == 200  # the machine itself, straight to the gateway
    refused = await open_client.get(path, headers=OFFICE)  # the same loopback connection, but from nginx
    assert refused.status == 403 and (await refused.json())["error"]["code"] == "operators_only"

    guarded = await aiohttp_client(app_with(tmp_path / "guarded", ops_token="s3cret-ops-token"))
    assert (await guarded.get(path, headers=OFFICE)).status == 403
    assert (await guarded.get(path, headers={**OFFICE, "Authorization": "Bearer wrong"})).status == 403
    assert (await guarded.get(path)).status == 403  # with a token set, it is needed everywhere
    served = await guarded.get(path, headers={**OFFICE, "Authorization": "Bearer s3cret-ops-token"})
    assert served.status == 200


async def test_ops_token_is_read_from_the_environment():
    assert Settings.from_env({"TRIVSEL_OPS_TOKEN": "t1"}).ops_token == "t1"
    assert Settings.from_env({"TRIVSEL_USAGE_TOKEN": "t2"}).ops_token == "t2"  # the older name still works

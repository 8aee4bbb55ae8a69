"""The service on the internet: behind nginx with TLS, as deploy/nginx-site.conf configures it.

nginx (Debian's) is started on loopback with a self-signed certificate in front of the test
stack; the whole leader conversation and a facilitator's room then run over https://.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import PHONE, complete_the_leader_tool, take_part
from tests.support.nginx import tls_proxy

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def proxy(stack, tmp_path_factory):
    from launcher.ports import free_port

    with tls_proxy(tmp_path_factory.mktemp("nginx"), free_port(), [f"127.0.0.1:{stack.port}"]) as base:
        yield base


@pytest.fixture
def https_page(browser, proxy):
    context = browser.new_context(viewport=PHONE, accept_downloads=True, base_url=proxy, ignore_https_errors=True)
    yield context.new_page()
    context.close()


def test_a_whole_conversation_over_https_through_nginx(https_page):
    complete_the_leader_tool(https_page)  # the page's own POSTs pass the same-origin check behind TLS


def test_a_room_over_https_through_nginx_shows_https_join_links(browser, proxy):
    screen_context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=proxy, ignore_https_errors=True)
    phone_context = browser.new_context(viewport=PHONE, base_url=proxy, ignore_https_errors=True)
    try:
        screen = screen_context.new_page()
        screen.goto("/facilitator")
        screen.get_by_label(re.compile("^Energitjek")).check()
        screen.get_by_role("button", name="Åbn rummet").click()
        expect(screen.get_by_text("Dit værtslink er den eneste nøgle")).to_be_visible()
        assert screen.locator("#host-link").input_value().startswith(proxy + "/host/")
        screen.get_by_role("link", name="Gå til skærmen").click()
        expect(screen.locator("#code")).to_have_text(re.compile(r"^[A-Z2-9]{6}$"))
        expect(screen.locator("#connection")).to_have_text("Live")  # the event stream passes through nginx
        code = screen.locator("#code").inner_text()
        # The join link on the screen is where participants reach the proxy, not the gateway behind it.
        expect(screen.locator("#join-url")).to_contain_text(proxy.removeprefix("https://") + "/r/")
        take_part(phone_context.new_page(), code, "Pauser og restitution", "Kaffe")
        expect(screen.locator("#members")).to_have_text("1 med")
    finally:
        screen_context.close()
        phone_context.close()

"""The service on the internet: behind nginx with TLS, as deploy/nginx-site.conf configures it.

nginx (Debian's) is started on loopback with a self-signed certificate in front of the test
stack; the whole leader conversation and a facilitator's room then run over https://.
"""

from __future__ import annotations

import re
import ssl
import string
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.support.browser import PHONE, complete_the_leader_tool, take_part

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
NGINX = "/usr/sbin/nginx"


@pytest.fixture(scope="module")
def proxy(stack, tmp_path_factory):
    from launcher.stack import free_port

    home = tmp_path_factory.mktemp("nginx")
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-keyout",
            str(home / "key.pem"),
            "-out",
            str(home / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    port = free_port()
    site = string.Template((ROOT / "deploy" / "nginx-site.conf").read_text(encoding="utf-8")).safe_substitute(
        LISTEN=f"127.0.0.1:{port}",
        SERVER_NAME="localhost",
        CERT=home / "cert.pem",
        KEY=home / "key.pem",
        UPSTREAM=f"127.0.0.1:{stack.port}",
    )
    (home / "site.conf").write_text(site, encoding="utf-8")
    (home / "nginx.conf").write_text(
        "user root;\nworker_processes 1;\npid nginx.pid;\nerror_log error.log;\nevents {}\n"
        "http {\n  access_log off;\n  client_body_temp_path tmp;\n  proxy_temp_path tmp;\n"
        "  fastcgi_temp_path tmp;\n  uwsgi_temp_path tmp;\n  scgi_temp_path tmp;\n  include site.conf;\n}\n",
        encoding="utf-8",
    )
    (home / "tmp").mkdir()
    nginx = subprocess.Popen([NGINX, "-p", str(home), "-c", str(home / "nginx.conf"), "-g", "daemon off;"])
    base = f"https://localhost:{port}"
    insecure = ssl.create_default_context()
    insecure.check_hostname, insecure.verify_mode = False, ssl.CERT_NONE
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", context=insecure, timeout=2)
            break
        except OSError:
            if nginx.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(
                    (home / "error.log").read_text() if (home / "error.log").exists() else "nginx did not start"
                ) from None
            time.sleep(0.2)
    yield base
    nginx.terminate()
    nginx.wait(10)


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

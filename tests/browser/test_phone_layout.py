"""Opening a tool on a 390×844 phone: the first question is on screen at once, and the chat has
most of the screen (a user test saw only the welcome and the privacy note, the question below the
fold, with the page's header and the widget's button rows leaving about 430 of 844 px for the chat).

Measured with getBoundingClientRect in real Chromium, for every tool in Danish and English, on our
landing page and in a partner's iframe."""

from __future__ import annotations

import http.server
import json
import threading

import pytest
from playwright.sync_api import expect

from tests.support.browser import ARTIFACTS, PHONE, no_axe_violations, shot

pytestmark = pytest.mark.browser

TOOLS = ["leader", "group", "organisation", "maturity"]
LOG_SHARE = 0.6  # the message list's least share of the screen's height

# Where the open question is: the guide's last message when the tool opens, and the message list.
MEASURE = """() => {
  const host = document.querySelector('.trivsel-widget-host');
  const root = host && host.shadowRoot;
  const log = root && root.querySelector('.tv-log');
  if (!log || root.querySelector('.tv-typing') || root.querySelector('.tv-frame[aria-busy="true"]')) return {ready: false};
  const bubbles = [...log.querySelectorAll('.tv-msg.tv-bot')];
  if (bubbles.length < 2) return {ready: false};
  const question = bubbles[bubbles.length - 1];
  // Inside an iframe the frame's own viewport is what the leader sees of it (the frame fills the phone here).
  const vh = window.visualViewport ? visualViewport.height : innerHeight;
  const box = (e) => { const r = e.getBoundingClientRect(); return {top: Math.round(r.top), bottom: Math.round(r.bottom), height: Math.round(r.height)}; };
  const L = box(log), Q = box(question);
  const seen = {top: Math.max(L.top, 0), bottom: Math.min(L.bottom, vh)};
  const buttons = question.nextElementSibling && question.nextElementSibling.classList.contains('tv-buttons')
    ? box(question.nextElementSibling.querySelector('button')) : null;
  return {
    ready: true, vh, log: L, question: Q, firstButton: buttons,
    questionInView: Q.top >= seen.top - 1 && Q.bottom <= seen.bottom + 1,
    buttonInView: !buttons || (buttons.top >= seen.top - 1 && buttons.bottom <= seen.bottom + 1),
    logShare: (seen.bottom - seen.top) / vh,
    pageScrolls: document.documentElement.scrollHeight > innerHeight + 1,
    text: question.textContent.slice(0, 80),
  };
}"""


def measured(target):
    target.wait_for_function(f"() => ({MEASURE})().ready", timeout=20_000)
    target.wait_for_timeout(400)  # a smooth scroll into view settles
    return target.evaluate(MEASURE)


def record(name, data):
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"phone-layout-{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False))


def assert_bars(m, where):
    assert m["questionInView"], f"{where}: the first question is not in view: {m}"
    assert m["buttonInView"], f"{where}: the first question's first button is not in view: {m}"
    assert m["logShare"] >= LOG_SHARE, f"{where}: the chat has {m['logShare']:.0%} of the screen's height: {m}"


@pytest.fixture
def phone(browser, stack):
    context = browser.new_context(viewport=PHONE, base_url=stack.base, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", ["da", "en"])
@pytest.mark.parametrize("tool", TOOLS)
def test_opening_a_tool_on_a_phone_shows_the_first_question_and_gives_the_chat_most_of_the_screen(phone, tool, language):
    phone.goto(("/" if language == "da" else "/en") + f"?tool={tool}")
    m = measured(phone)
    record(f"{tool}-{language}", m)
    shot(phone, f"phone-open-{tool}-{language}")
    assert_bars(m, f"{tool} ({language})")
    if tool == "leader":
        # The folded buttons: "Mere" says whether they are shown, and unfolds them in place.
        more = phone.get_by_role("button", name="Mere" if language == "da" else "More")
        expect(more).to_have_attribute("aria-expanded", "false")
        restart = phone.get_by_role("button", name="Start forfra" if language == "da" else "Start over", exact=True)
        expect(restart).to_be_hidden()
        more.click()
        expect(more).to_have_attribute("aria-expanded", "true")
        expect(restart).to_be_visible()
        no_axe_violations(phone, f"phone-unfolded-{language}")


IFRAME_PAGE = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Testforeningen</title><style>body {{ margin: 0; }} iframe {{ display: block; width: 100%; height: 100vh; border: 0; }}</style></head>
<body><iframe title="Samtaleguide" src="{base}/{path}?partner=test-partner&tool={tool}"
 sandbox="allow-scripts allow-same-origin allow-forms allow-downloads allow-popups"></iframe></body></html>"""


LAUNCHER_PAGE = """<!DOCTYPE html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>Testforeningen</title></head><body><main><h1>Testforeningen for ledere</h1></main>
<script src="{base}/widget.js" data-partner="test-partner" data-tool="{tool}" data-lang="{language}" async></script></body></html>"""


@pytest.fixture(scope="module")
def partner(stack):
    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            kind, tool, language = (self.path.strip("/").split("/") + ["", "", ""])[:3]
            if kind not in ("launcher", "iframe"):
                self.send_error(404)
                return
            if kind == "launcher":
                body = LAUNCHER_PAGE.format(base=stack.base, tool=tool, language=language).encode()
            else:
                body = IFRAME_PAGE.format(base=stack.base, path="" if language == "da" else "en", tool=tool).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", stack.partner_port), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield stack.partner_origin
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("language", ["da", "en"])
def test_in_a_partners_iframe_on_a_phone_the_first_question_is_in_view_too(phone, partner, language):
    phone.goto(f"{partner}/iframe/group/{language}")
    frame = phone.frame_locator("iframe")
    expect(frame.locator(".tv-log")).to_contain_text("automat")
    inner = next(f for f in phone.frames if f != phone.main_frame)
    m = measured(inner)
    record(f"iframe-{language}", m)
    shot(phone, f"phone-iframe-{language}")
    assert_bars(m, f"iframe ({language})")


@pytest.mark.parametrize("language", ["da", "en"])
def test_in_the_launchers_full_screen_panel_on_a_phone_the_first_question_is_in_view_too(phone, partner, language):
    phone.goto(f"{partner}/launcher/maturity/{language}")
    phone.get_by_role("button", name="Åbn samtaleguiden" if language == "da" else "Open the guide").click()
    m = measured(phone)
    record(f"launcher-{language}", m)
    shot(phone, f"phone-launcher-{language}")
    assert_bars(m, f"launcher ({language})")
